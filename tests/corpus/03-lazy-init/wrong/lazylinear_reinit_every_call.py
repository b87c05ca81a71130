# Wrong: LazyLinear draws its kernel afresh on every call, so the weights of one call are not those of the next.
# base: solution
# loses: lazylinear_built_once, lazylinear_forward_matches_numpy
class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
        self.input_spec = keras.InputSpec(axes={-1: input_shape[-1]})

    def call(self, x):
        self.kernel.assign(keras.initializers.GlorotUniform()(self.kernel.shape))
        return ops.matmul(x, self.kernel) + self.bias
