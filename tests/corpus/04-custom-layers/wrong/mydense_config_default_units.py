# Wrong: MyDense gives `units` a default (32) and leaves it out of get_config, so every rebuilt or loaded layer gets 32 units, not the saved width.
# base: solution
# loses: mydense_config_has_units, mydense_config_round_trip, mydense_keras_file_loads_fresh
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    """`from_config` never fails, so the missing key goes unnoticed until a file is loaded."""

    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        return super().get_config()
