# Wrong: ClippedDense is not registered with register_keras_serializable, so load_model cannot find its class.
# base: solution
# loses: keras_file_loads_elsewhere
class ClippedDense(keras.layers.Layer):
    def __init__(self, units, limit=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.limit = limit

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.clip(ops.matmul(x, self.kernel) + self.bias, -self.limit, self.limit)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "limit": self.limit}
