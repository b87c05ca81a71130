# Wrong: FixedHiddenMLP uses two different Dense(20) layers instead of reusing one.
# base: solution
# loses: fixed_reused_layer_single_weights, fixed_forward_matches_numpy, fixed_graph_safe, chimera_structure
class FixedHiddenMLP(keras.Model):
    """Step 3 gets a fresh layer with its own weights."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)
        self.linear2 = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear2(h)
        h = ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
        return ops.sum(h)
