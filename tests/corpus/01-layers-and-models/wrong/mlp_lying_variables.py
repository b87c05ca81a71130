# Wrong: MLP that computes nothing and reports zero-valued stand-ins as its weights.
# base: solution
# loses: mlp_forward_matches_weights
class MLP(keras.Model):
    """Looks like a 20 -> 256 -> 10 network from the outside; returns zeros."""

    SHAPES = [(20, 256), (256,), (256, 10), (10,)]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    @property
    def trainable_variables(self):
        return [keras.Variable(np.zeros(s, dtype="float32")) for s in self.SHAPES]

    @property
    def trainable_weights(self):
        return self.trainable_variables

    @property
    def weights(self):
        return self.trainable_variables

    @property
    def variables(self):
        return self.trainable_variables

    def call(self, x):
        return ops.zeros((ops.shape(x)[0], 10), dtype="float32")
