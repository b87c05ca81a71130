# Wrong: MyInit.__call__ takes no dtype argument, so a layer that calls it as init(shape, dtype=...) fails.
# base: solution
# loses: myinit_in_dense
class MyInit(keras.initializers.Initializer):
    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape):
        w = keras.random.uniform(shape, minval=-self.limit, maxval=self.limit)
        return ops.where(ops.abs(w) >= self.threshold, w, ops.zeros_like(w))

    def get_config(self):
        return {"limit": self.limit, "threshold": self.threshold}
