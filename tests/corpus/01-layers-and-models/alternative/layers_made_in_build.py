# Alternative: MLP and NestMLP create their layers in build(), after seeing the input width.
# base: solution
class MLP(keras.Model):
    """The hidden layer is made in build, the output layer in __init__."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = keras.layers.Dense(10)

    def build(self, input_shape):
        self.hidden = keras.layers.Dense(256, activation="relu")
        self.hidden.build(input_shape)
        self.out.build((input_shape[0], 256))

    def call(self, x):
        return self.out(self.hidden(x))


class NestMLP(keras.Model):
    """Both parts made in build."""

    def build(self, input_shape):
        self.linear = keras.layers.Dense(16)
        self.net = keras.Sequential([keras.layers.Dense(64, activation="relu"),
                                     keras.layers.Dense(32, activation="relu")])
        self.net.build(input_shape)
        self.linear.build((input_shape[0], 32))

    def call(self, x):
        return self.linear(self.net(x))
