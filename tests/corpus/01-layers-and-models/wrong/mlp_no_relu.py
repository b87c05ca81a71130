# Wrong: MLP forgets the ReLU on its hidden layer, so the network is linear.
# base: solution
# loses: mlp_forward_matches_weights
class MLP(keras.Model):
    """A 20 -> 256 -> 10 perceptron (the activation was left out)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(256)
        self.out = keras.layers.Dense(10)

    def call(self, x):
        return self.out(self.hidden(x))
