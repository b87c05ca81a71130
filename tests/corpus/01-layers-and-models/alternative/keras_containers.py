# Alternative: Keras containers everywhere (inner Sequential, dict of children, Concatenate layer, Model holding a list).
# base: solution
class MLP(keras.Model):
    """The body is a keras.Sequential held by the subclass."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body = keras.Sequential([keras.layers.Dense(256, activation="relu"),
                                      keras.layers.Dense(10)])

    def call(self, x):
        return self.body(x)


class MySequential(keras.Model):
    """Children kept in a dict keyed by position."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.modules = {}
        for i, layer in enumerate(layers):
            self.modules[f"block{i}"] = layer

    def call(self, x):
        for i in range(len(self.modules)):
            x = self.modules[f"block{i}"](x)
        return x


class Parallel(keras.Model):
    """Joins the branches with a Concatenate layer."""

    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.net1 = net1
        self.net2 = net2
        self.join = keras.layers.Concatenate(axis=-1)

    def call(self, x):
        return self.join([self.net1(x), self.net2(x)])


class Stack(keras.Model):
    """n modules kept in a list attribute, applied in order."""

    def __init__(self, copies, **kwargs):
        super().__init__(**kwargs)
        self.copies = copies

    def call(self, x):
        for copy in self.copies:
            x = copy(x)
        return x


def stack(factory, n):
    return Stack([factory() for _ in range(n)])
