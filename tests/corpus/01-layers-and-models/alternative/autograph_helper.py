# Alternative: FixedHiddenMLP halves in a @tf.function helper with a Python `while`, which AutoGraph turns into a graph loop.
# base: solution
@tf.function
def halve_until_small(h):
    while tf.reduce_sum(tf.abs(h)) > 1.0:
        h = h / 2.0
    return h


class FixedHiddenMLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1.0)
        h = self.linear(h)
        return ops.sum(halve_until_small(h))
