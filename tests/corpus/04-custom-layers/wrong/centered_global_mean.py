# Wrong: CenteredLayer subtracts the mean of the whole tensor (the lecture's MeanCentering), not each example's mean over the last axis.
# base: solution
# loses: centered_rows_have_mean_zero, centered_last_axis_any_rank
class CenteredLayer(keras.layers.Layer):
    """The overall mean is 0, but each row keeps its own offset."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        return x - ops.mean(x)
