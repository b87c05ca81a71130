# Wrong: MyDense.__init__ accepts `name` by hand but no **kwargs, so `MyDense(units, name=...)` works while Keras' `MyDense(**config)` fails on `trainable` and `dtype` (from_config and loading a .keras file).
# base: solution
# loses: mydense_config_round_trip, mydense_keras_file_loads_fresh
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    """Its config looks complete; only rebuilding a layer from it shows the gap."""

    def __init__(self, units, name=None):
        super().__init__(name=name)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        return {**super().get_config(), "units": self.units}
