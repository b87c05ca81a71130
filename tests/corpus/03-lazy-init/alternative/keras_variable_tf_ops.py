# Alternative: LazyLinear with keras.Variable weights made in build, tf.* ops and its own width check; AnyWidthModel and materialize in tf.* terms.
# base: solution
class LazyLinear(keras.layers.Layer):
    """Weights are keras.Variable attributes, which a Keras 3 layer tracks like add_weight's."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        width = int(input_shape[-1])
        init = keras.initializers.RandomNormal(stddev=0.05)
        self.kernel = keras.Variable(init((width, self.units)), name="kernel")
        self.bias = keras.Variable(tf.zeros((self.units,)), name="bias")

    def call(self, x):
        width = int(self.kernel.shape[0])
        if x.shape[-1] != width:
            raise ValueError(f"LazyLinear was built for inputs of width {width}, "
                             f"but received width {x.shape[-1]}")
        return tf.tensordot(x, self.kernel, axes=1) + self.bias


class AnyWidthModel(keras.Model):
    """Fronts keyed by int width; tf.nn.relu applied by hand."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.fronts = {int(w): keras.layers.Dense(16) for w in widths}
        self.trunk = keras.layers.Dense(4)

    def call(self, x):
        return self.trunk(tf.nn.relu(self.fronts[int(x.shape[-1])](x)))


def call_mismatched(net):
    d = net.weights[0].shape[0]
    return net(tf.zeros((2, d + 1)))
