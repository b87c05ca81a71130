# Wrong: MyDense creates its weights in __init__ for a fixed input width of 20, as if the width were known before the first call.
# base: solution
# loses: mydense_builds_lazily, mydense_named_trainable_weights, mydense_forward_matches_numpy, mydense_gradients_reach_both, mydense_config_round_trip, mydense_registered_as_course04, mydense_keras_file_loads_fresh
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    """Eager weights: right only for inputs of width 20."""

    def __init__(self, units, in_units=20, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.kernel = self.add_weight(shape=(in_units, units), name="kernel")
        self.bias = self.add_weight(shape=(units,), initializer="zeros", name="bias")

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        return config
