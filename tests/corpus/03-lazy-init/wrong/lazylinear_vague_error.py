# Wrong: LazyLinear checks the width itself but raises a ValueError that names neither width.
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
        if x.shape[-1] != self.kernel.shape[0]:
            raise ValueError("LazyLinear got an input of the wrong width")
        return ops.matmul(x, self.kernel) + self.bias
