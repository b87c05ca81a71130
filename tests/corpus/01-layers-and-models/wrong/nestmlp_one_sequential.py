# Wrong: NestMLP puts all three Dense layers in its Sequential, so nothing follows the inner block.
# base: solution
# loses: nestmlp_structure
class NestMLP(keras.Model):
    """One Sequential of 64 -> 32 -> 16; the final layer is not outside it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = keras.Sequential([keras.layers.Dense(64, activation="relu"),
                                     keras.layers.Dense(32, activation="relu"),
                                     keras.layers.Dense(16)])

    def call(self, x):
        return self.net(x)
