# Wrong: FixedHiddenMLP returns the halved activations instead of their sum.
# base: solution
# loses: fixed_returns_a_scalar, fixed_forward_matches_numpy, fixed_graph_safe, chimera_structure
class FixedHiddenMLP(keras.Model):
    """Steps 1-4 are right; step 5 (the sum) is missing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        return ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
