# Wrong: LazyLinear reads the input width from input_shape[1] instead of input_shape[-1].
# base: solution
# loses: lazylinear_shapes_from_build, lazylinear_forward_matches_numpy
class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        width = input_shape[1]
        self.kernel = self.add_weight(shape=(width, self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        self.input_spec = keras.InputSpec(axes={-1: width})

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias
