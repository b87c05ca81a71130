# Alternative: sublayers created lazily in build(), a tuple of branches, and a namespace object hiding layers.
# base: solution
import types


class MLP(keras.Model):
    """The two Dense layers are made the first time the model sees an input."""

    def build(self, input_shape):
        self.hidden = keras.layers.Dense(256, activation=keras.activations.relu)
        self.out = keras.layers.Dense(10, activation="linear")

    def call(self, inputs):
        return self.out(self.hidden(inputs))


class NestMLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.Sequential([keras.layers.Dense(64, activation="relu"),
                                       keras.layers.Dense(32, activation="relu")],
                                      name="inner_block")
        self.out = keras.layers.Dense(16)

    def call(self, inputs, training=None):
        return self.out(self.inner(inputs, training=training))


class Parallel(keras.Model):
    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.branches = (net1, net2)

    def call(self, x):
        first, second = self.branches
        return ops.concatenate([first(x), second(x)], axis=1)


def stack(factory, n):
    return keras.Sequential(list(map(lambda _: factory(), range(n))))


def untracked_demo():
    class Hidden(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.parts = types.SimpleNamespace(first=keras.layers.Dense(16, activation="relu"),
                                               second=keras.layers.Dense(4))

        def call(self, x):
            return self.parts.second(self.parts.first(x))

    return Hidden()
