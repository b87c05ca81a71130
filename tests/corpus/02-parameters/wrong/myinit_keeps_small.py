# Wrong: MyInit keeps the entries below the threshold and zeroes the large ones (the mask inverted).
# base: solution
# loses: myinit_shape_and_support, myinit_statistics, myinit_arguments, myinit_config_roundtrip, myinit_in_dense
class MyInit(keras.initializers.Initializer):
    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape, dtype=None):
        w = keras.random.uniform(shape, minval=-self.limit, maxval=self.limit, dtype=dtype)
        return ops.where(ops.abs(w) < self.threshold, w, ops.zeros_like(w))

    def get_config(self):
        return {"limit": self.limit, "threshold": self.threshold}
