# Wrong: a whole submission that registers MyDense with the decorator's default package, so it is known as "Custom>MyDense", not "course04>MyDense".
# base: stub
# loses: mydense_registered_as_course04
class CenteredLayer(keras.layers.Layer):
    def call(self, x):
        return x - ops.mean(x, axis=-1, keepdims=True)


@keras.saving.register_keras_serializable()
class MyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        return config


class TensorReduction(keras.layers.Layer):
    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(d, d, self.k), name="kernel")

    def call(self, x):
        return ops.einsum("bi,bj,ijk->bk", x, x, self.kernel)


class FourierHead(keras.layers.Layer):
    def call(self, x):
        real, imag = ops.rfft(x)
        half = x.shape[-1] // 2
        return real[..., :half], imag[..., :half]
