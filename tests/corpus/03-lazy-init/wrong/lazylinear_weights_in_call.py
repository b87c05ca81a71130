# Wrong: LazyLinear creates its weights in call on first use, so build(input_shape) creates nothing.
# base: solution
# loses: lazylinear_shapes_from_build, lazylinear_builds_on_first_call, lazylinear_built_once, lazylinear_forward_matches_numpy, lazylinear_rejects_other_width
class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, x):
        if not hasattr(self, "kernel"):
            self.kernel = self.add_weight(shape=(x.shape[-1], self.units), name="kernel")
            self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        return ops.matmul(x, self.kernel) + self.bias
