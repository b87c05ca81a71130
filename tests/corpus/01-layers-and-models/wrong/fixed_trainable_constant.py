# Wrong: FixedHiddenMLP creates its random (20, 20) weight as trainable.
# base: solution
# loses: fixed_constant_not_trainable, fixed_reused_layer_single_weights, chimera_structure
class FixedHiddenMLP(keras.Model):
    """The "constant" would be updated by training."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), name="rand_weight",
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        h = ops.while_loop(lambda h: ops.sum(ops.abs(h)) > 1, lambda h: h / 2, h)
        return ops.sum(h)
