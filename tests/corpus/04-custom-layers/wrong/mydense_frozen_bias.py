# Wrong: MyDense creates its bias with trainable=False, so training never updates it.
# base: solution
# loses: mydense_named_trainable_weights, mydense_gradients_reach_both
@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias",
                                    trainable=False)

    def call(self, x):
        return ops.relu(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config["units"] = self.units
        return config
