# Wrong: LazyLinear has no width check, so a wrong width fails deep in the matmul with TensorFlow's InvalidArgumentError.
# base: solution
# loses: lazylinear_rejects_other_width
class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias
