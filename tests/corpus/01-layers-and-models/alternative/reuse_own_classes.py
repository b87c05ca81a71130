# Alternative: a ReLU layer in MLP, stack and chimera built from the student's own MySequential, a plain holder object hiding layers.
# base: solution
class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [keras.layers.Dense(256), keras.layers.ReLU(), keras.layers.Dense(10, activation=None)]

    def call(self, x, training=False):
        for block in self.blocks:
            x = block(x)
        return x


def stack(factory, n):
    """MySequential from Q2 already applies its layers in order."""
    return MySequential(*(factory() for _ in range(n)))


class Parallel(keras.Model):
    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.net1, self.net2 = net1, net2

    def call(self, x):
        return keras.layers.concatenate([self.net1(x), self.net2(x)])


class _Holder:
    """Not a list, dict, tuple, layer or variable: Keras ignores what it holds."""

    def __init__(self, *layers):
        self.layers = list(layers)


def untracked_demo():
    class Hidden(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.holder = _Holder(keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1))

        def call(self, x):
            for layer in self.holder.layers:
                x = layer(x)
            return x

    return Hidden()
