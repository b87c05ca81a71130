# Alternative: FourierHead slices the full ops.fft of an (x, 0) pair; MyDense registered with the decorator and an explicit name; per-row mean through ops.mean on a transposed axis list.
# base: solution
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        real, imag = ops.fft((x, ops.zeros_like(x)))
        half = ops.shape(x)[-1] // 2
        return real[:, :half], imag[:, :half]

    def compute_output_shape(self, input_shape):
        half = (input_shape[0], input_shape[-1] // 2)
        return half, half


@keras.saving.register_keras_serializable(package="course04", name="MyDense")
class MyDense(keras.layers.Layer):
    """Dense + ReLU with a Dense-like keyword API; `units` may be given by keyword."""

    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=[input_shape[-1], self.units],
                                      initializer="he_normal", trainable=True)
        self.bias = self.add_weight(name="bias", shape=[self.units], initializer="zeros",
                                    trainable=True)

    def call(self, inputs):
        return ops.maximum(ops.dot(inputs, self.kernel) + self.bias, 0.0)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        base = super().get_config()
        base.update({"units": self.units})
        return base


class CenteredLayer(keras.layers.Layer):
    def call(self, inputs):
        mean = ops.mean(inputs, axis=ops.ndim(inputs) - 1)
        return inputs - ops.expand_dims(mean, axis=-1)
