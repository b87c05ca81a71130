# Wrong: NestMLP holds three flat Dense attributes instead of an inner keras.Sequential.
# base: solution
# loses: nestmlp_structure
class NestMLP(keras.Model):
    """Computes the right function, but nothing is nested."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense1 = keras.layers.Dense(64, activation="relu")
        self.dense2 = keras.layers.Dense(32, activation="relu")
        self.linear = keras.layers.Dense(16)

    def call(self, x):
        return self.linear(self.dense2(self.dense1(x)))
