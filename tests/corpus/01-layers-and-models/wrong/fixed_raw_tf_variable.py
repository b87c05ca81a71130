# Wrong: FixedHiddenMLP makes rand_weight a raw tf.Variable, which Keras 3 does not track as a weight.
# base: solution
# loses: fixed_constant_not_trainable, chimera_structure
class FixedHiddenMLP(keras.Model):
    """Computes the right thing, but the model reports no non-trainable weight."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = tf.Variable(tf.random.uniform((20, 20)), trainable=False)
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        h = ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
        return ops.sum(h)
