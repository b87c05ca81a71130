# Alternative: layers assigned in another order than they are applied (MLP's output layer first, NestMLP's Dense before its inner Sequential), MySequential over a dict keyed by position.
# base: solution
class MLP(keras.Model):
    """The output layer is made first; the prompt fixes no variable order."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = keras.layers.Dense(10)
        self.hidden = keras.layers.Dense(256, activation="relu")

    def call(self, x):
        return self.out(self.hidden(x))


class NestMLP(keras.Model):
    """The final Dense is made before the inner block."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear = keras.layers.Dense(16)
        self.net = keras.Sequential([keras.layers.Dense(64, activation="relu"),
                                     keras.layers.Dense(32, activation="relu")])

    def call(self, x):
        return self.linear(self.net(x))


class MySequential(keras.Model):
    """Children in a dict keyed "0", "1", ..., applied in insertion order."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = {str(i): layer for i, layer in enumerate(layers)}

    def call(self, x):
        for block in self.blocks.values():
            x = block(x)
        return x
