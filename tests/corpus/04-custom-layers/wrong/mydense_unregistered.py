# Wrong: MyDense is redefined without registering it, so Keras knows it only as "MyDense".
# base: solution
# loses: mydense_registered_as_course04, mydense_keras_file_loads_fresh
class MyDense(keras.layers.Layer):
    """Correct and configurable, but a saved model could not find it again."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
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
