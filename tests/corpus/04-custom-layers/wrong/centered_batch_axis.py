# Wrong: CenteredLayer takes the mean over the batch axis (axis 0) instead of the last axis.
# base: solution
# loses: centered_rows_have_mean_zero, centered_last_axis_any_rank
class CenteredLayer(keras.layers.Layer):
    """Centres every feature across the batch."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        return x - ops.mean(x, axis=0, keepdims=True)
