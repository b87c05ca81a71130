# Wrong: LazyLinear creates its weights in __init__ for a fixed width of 20, as if the input width were known.
# base: solution
# loses: lazylinear_builds_on_first_call, lazylinear_shapes_from_build, lazylinear_built_once, lazylinear_forward_matches_numpy, lazylinear_rejects_other_width
class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel = self.add_weight(shape=(20, units), name="kernel")
        self.bias = self.add_weight(shape=(units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias
