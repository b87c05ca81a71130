# Wrong: FixedHiddenMLP with the book's Python `while` on a tensor, which fails inside tf.function.
# base: solution
# loses: fixed_graph_safe, chimera_structure
class FixedHiddenMLP(keras.Model):
    """Right eagerly; the loop condition is a tensor used as a Python bool."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        while ops.sum(ops.abs(h)) > 1:
            h = h / 2
        return ops.sum(h)
