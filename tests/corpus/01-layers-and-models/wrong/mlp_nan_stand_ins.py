# Wrong: MLP whose reported weights are NaN stand-ins that ignore assignment; it returns zeros.
# base: solution
# loses: mlp_forward_matches_weights


class _Frozen:
    """Quacks like a variable: a shape, a value full of NaN, and an assign that does nothing."""

    def __init__(self, shape):
        self.shape = shape
        self.trainable = True

    def assign(self, value):
        return self

    def numpy(self):
        return np.full(self.shape, np.nan, dtype="float32")


class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._stand_ins = [_Frozen(s) for s in [(20, 256), (256,), (256, 10), (10,)]]

    @property
    def trainable_variables(self):
        return list(self._stand_ins)

    def call(self, x):
        return ops.zeros((ops.shape(x)[0], 10), dtype="float32")
