# Wrong: FixedHiddenMLP decorates call with tf.function, which freezes the Dense weights built in the first trace.
# base: solution
# loses: fixed_forward_matches_numpy, fixed_graph_safe
class FixedHiddenMLP(keras.Model):
    """AutoGraph handles the Python while, but `linear` is built inside the traced call, so later
    weight assignments never reach the traced graph."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    @tf.function
    def call(self, x):
        h = self.linear(x)
        h = tf.nn.relu(h @ self.rand_weight + 1)
        h = self.linear(h)
        while tf.reduce_sum(tf.abs(h)) > 1:
            h = h / 2
        return tf.reduce_sum(h)
