# Hostile: answers by claims instead of values: a ValueError stuffed with every number, a report guessed from layer configs without building, shape-only stand-ins.
# base: stub
# status: graded
def call_mismatched(net):
    raise ValueError("expected width " + " ".join(str(n) for n in range(10_000)))


def materialize(net, input_shape):
    shapes, width = [], input_shape[-1]
    for layer in net.layers:
        units = layer.get_config().get("units")
        if units:
            shapes += [(width, units), (units,)]
            width = units
    return shapes


class _Claim:
    """Says it has a shape; holds nothing."""

    def __init__(self, shape):
        self.shape = shape


class LazyLinear(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @property
    def weights(self):
        return [_Claim((5, self.units)), _Claim((self.units,))]

    def call(self, x):
        return ops.zeros((ops.shape(x)[0], self.units))
