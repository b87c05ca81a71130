# Wrong: NestMLP's inner Sequential has no ReLU, so the whole model is one linear map.
# base: solution
# loses: nestmlp_forward_matches_numpy
class NestMLP(keras.Model):
    """Nested correctly, but computes the wrong function."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = keras.Sequential([keras.layers.Dense(64), keras.layers.Dense(32)])
        self.linear = keras.layers.Dense(16)

    def call(self, x):
        return self.linear(self.net(x))
