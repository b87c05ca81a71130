# Wrong: MyDense.__init__ takes only `units` (no **kwargs), as TF-2-era tutorials often write it.
# base: solution
# loses: mydense_config_has_units, mydense_config_round_trip, mydense_keras_file_loads_fresh
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        return config
