# Alternative: a functional trunk model shared by functional front models, Sequential.add, input_shape= in eager_mlp.
# base: solution
import warnings


def lazy_mlp():
    net = keras.Sequential()
    net.add(keras.layers.Dense(256))
    net.add(keras.layers.ReLU())
    net.add(keras.layers.Dense(10))
    return net


def eager_mlp(d):
    """The pre-Keras-3 idiom: an input_shape argument on the first layer (Keras 3 warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return keras.Sequential([keras.layers.Dense(256, activation="relu", input_shape=(d,)),
                                 keras.layers.Dense(10)])


class AnyWidthModel(keras.Model):
    """One functional model per width, all calling the same functional trunk."""

    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        hidden = keras.Input(shape=(16,))
        self.trunk = keras.Model(hidden, keras.layers.Dense(4)(hidden))
        self.heads = {}
        for w in widths:
            inputs = keras.Input(shape=(w,))
            outputs = self.trunk(keras.layers.Dense(16, activation="relu")(inputs))
            self.heads[f"w{w}"] = keras.Model(inputs, outputs)

    def call(self, x):
        return self.heads[f"w{x.shape[-1]}"](x)
