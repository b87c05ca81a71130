# Wrong: MyInit stores its arguments but always draws with the book's 10 and 5.
# base: solution
# loses: myinit_arguments, myinit_config_roundtrip
class MyInit(keras.initializers.Initializer):
    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape, dtype=None):
        w = keras.random.uniform(shape, minval=-10.0, maxval=10.0, dtype=dtype)
        return ops.where(ops.abs(w) >= 5.0, w, ops.zeros_like(w))

    def get_config(self):
        return {"limit": self.limit, "threshold": self.threshold}
