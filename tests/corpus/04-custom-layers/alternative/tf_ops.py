# Alternative: tf.* operations instead of keras.ops (tf.reduce_mean, tf.nn.relu, tf.einsum, tf.signal.rfft with tf.math.real / imag).
# base: solution
class CenteredLayer(keras.layers.Layer):
    def call(self, x):
        return x - tf.reduce_mean(x, axis=-1, keepdims=True)


@keras.saving.register_keras_serializable(package="course04")
class MyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel",
                                      initializer=keras.initializers.RandomNormal(stddev=0.05))
        self.bias = self.add_weight(shape=(self.units,), name="bias",
                                    initializer=keras.initializers.Constant(0.1))

    def call(self, x):
        return tf.nn.relu(tf.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        config = super().get_config()
        config.update(units=self.units)
        return config


class TensorReduction(keras.layers.Layer):
    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], input_shape[-1], self.k),
                                      initializer="random_normal", name="W")

    def call(self, x):
        return tf.einsum("ni,nj,ijo->no", x, x, self.kernel)


class FourierHead(keras.layers.Layer):
    def call(self, x):
        coefficients = tf.signal.rfft(x)[..., : tf.shape(x)[-1] // 2]
        return tf.math.real(coefficients), tf.math.imag(coefficients)
