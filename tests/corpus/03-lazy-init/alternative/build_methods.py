# Alternative: materialize with net.build for a Sequential and keras.Input otherwise; AnyWidthModel with its own build; LazyLinear sets input_spec outside build.
# base: solution
def materialize(net, input_shape):
    if isinstance(net, keras.Sequential):
        net.build(input_shape)
    else:
        net(keras.Input(shape=input_shape[1:]))
    return [tuple(map(int, v.shape)) for v in net.weights]


class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.input_spec = keras.InputSpec(min_ndim=2)

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(d, self.units), initializer="he_normal")
        self.bias = self.add_weight(shape=(self.units,), initializer="ones")
        self.input_spec = keras.InputSpec(min_ndim=2, axes={-1: d})

    def call(self, x):
        return x @ self.kernel + self.bias


class AnyWidthModel(keras.Model):
    """Every front and the trunk are built in build, whichever width comes first."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.widths = list(widths)
        self.fronts = [keras.layers.Dense(16, activation="relu") for _ in self.widths]
        self.trunk = keras.layers.Dense(4)

    def build(self, input_shape):
        for w, front in zip(self.widths, self.fronts):
            front.build((None, w))
        self.trunk.build((None, 16))

    def call(self, x):
        return self.trunk(self.fronts[self.widths.index(x.shape[-1])](x))
