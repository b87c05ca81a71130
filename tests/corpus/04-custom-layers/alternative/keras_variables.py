# Alternative: weights made with keras.Variable in build (tracked as attributes) instead of add_weight.
# base: solution
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        init = keras.initializers.GlorotNormal()
        self.kernel = keras.Variable(init((input_shape[-1], self.units)), name="kernel")
        self.bias = keras.Variable(np.zeros(self.units, dtype="float32"), name="bias")

    def call(self, x):
        return keras.activations.relu(x @ self.kernel + self.bias)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class TensorReduction(keras.layers.Layer):
    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = keras.Variable(keras.random.normal((d, d, self.k)), name="kernel")

    def call(self, x):
        return ops.einsum("bi,ijk,bj->bk", x, self.kernel, x)
