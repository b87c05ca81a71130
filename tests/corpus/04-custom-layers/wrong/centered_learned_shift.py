# Wrong: CenteredLayer adds a trainable shift (zero at first), so it owns a weight.
# base: solution
# loses: centered_has_no_weights
class CenteredLayer(keras.layers.Layer):
    """Computes the right output at initialisation, but has a parameter to learn."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.shift = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="shift")

    def call(self, x):
        return x - ops.mean(x, axis=-1, keepdims=True) + self.shift
