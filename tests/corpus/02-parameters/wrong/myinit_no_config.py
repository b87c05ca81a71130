# Wrong: MyInit has no get_config, so from_config rebuilds it with the default arguments.
# base: solution
# loses: myinit_config_roundtrip
class MyInit(keras.initializers.Initializer):
    """The base class's get_config returns {}: the arguments are lost on the round trip."""

    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape, dtype=None):
        w = keras.random.uniform(shape, minval=-self.limit, maxval=self.limit, dtype=dtype)
        return ops.where(ops.abs(w) >= self.threshold, w, ops.zeros_like(w))
