# Wrong: CenteredLayer hard-codes axis 1, which is the last axis only for (batch, features) inputs.
# base: solution
# loses: centered_last_axis_any_rank
class CenteredLayer(keras.layers.Layer):
    """Right on rank-2 inputs; on (batch, time, features) it centres over time."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        return x - tf.reduce_mean(x, axis=1, keepdims=True)
