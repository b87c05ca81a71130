# Wrong: MLP stacks a second hidden Dense(256) layer, so it has six trainable variables.
# base: solution
# loses: mlp_forward_matches_weights, mlp_has_four_trainable_variables
class MLP(keras.Model):
    """20 -> 256 -> 256 -> 10: one hidden layer too many."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(256, activation="relu")
        self.hidden2 = keras.layers.Dense(256, activation="relu")
        self.out = keras.layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden2(self.hidden1(x)))
