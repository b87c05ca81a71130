# Wrong: ClippedDense.__init__ takes no **kwargs, so the saved config's name/trainable/dtype cannot be passed back when loading.
# base: solution
# loses: clipped_dense_config_round_trip, keras_file_loads_elsewhere
@keras.saving.register_keras_serializable(package="a05")
class ClippedDense(keras.layers.Layer):
    def __init__(self, units, limit=1.0):
        super().__init__()
        self.units = units
        self.limit = limit

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.clip(ops.matmul(x, self.kernel) + self.bias, -self.limit, self.limit)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "limit": self.limit}
