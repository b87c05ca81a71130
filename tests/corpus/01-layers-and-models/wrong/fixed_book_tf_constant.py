# Wrong: FixedHiddenMLP keeps the book's tf.constant as rand_weight, a tensor rather than a weight of the model.
# base: solution
# loses: fixed_constant_not_trainable, fixed_forward_matches_numpy, fixed_graph_safe, chimera_structure
class FixedHiddenMLP(keras.Model):
    """The constant is not a variable: Keras does not list it and nobody can assign to it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = tf.constant(tf.random.uniform((20, 20)))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        h = ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
        return ops.sum(h)
