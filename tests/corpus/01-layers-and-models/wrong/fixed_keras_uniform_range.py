# Wrong: FixedHiddenMLP's constant keeps Keras's "random_uniform" initializer, which draws from [-0.05, 0.05], not [0, 1).
# base: solution
# loses: fixed_constant_not_trainable
class FixedHiddenMLP(keras.Model):
    """Right structure and forward pass; the constant has the wrong distribution."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), initializer="random_uniform",
                                           trainable=False, name="rand_weight")
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        h = ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
        return ops.sum(h)
