# Wrong: MyDense forgets the ReLU and returns x @ kernel + bias.
# base: solution
# loses: mydense_forward_matches_numpy, mydense_gradients_reach_both, mydense_keras_file_loads_fresh
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    """A linear layer, not dense + ReLU."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        return config
