# Alternative: FixedHiddenMLP computes the number of halvings in closed form instead of looping.
# base: solution
class FixedHiddenMLP(keras.Model):
    """h / 2**k with k = max(0, ceil(log2(sum|h|))), which is what the loop computes."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), trainable=False,
                                           initializer=keras.initializers.RandomUniform(0.0, 1.0))
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        total = ops.sum(ops.abs(h))
        k = ops.maximum(ops.ceil(ops.log2(total)), 0.0)
        return ops.sum(h) / ops.power(2.0, k)
