# Alternative: tied networks made of custom layers, one creating its weights with keras.Variable in build, the other with add_weight; MyInit drawing with NumPy and registered for serialization.
# base: solution
class VarDense(keras.layers.Layer):
    """Weights made as keras.Variable attributes in build (Keras tracks them)."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = keras.Variable(
            keras.initializers.GlorotUniform()((input_shape[-1], self.units)), name="kernel")
        self.bias = keras.Variable(np.zeros(self.units, dtype="float32"), name="bias")

    def call(self, x):
        return self.activation(ops.matmul(x, self.kernel) + self.bias)


class WeightDense(keras.layers.Layer):
    """Weights made with add_weight in build."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel",
                                      initializer="glorot_uniform")
        self.bias = self.add_weight(shape=(self.units,), name="bias", initializer="zeros")

    def call(self, x):
        return self.activation(ops.matmul(x, self.kernel) + self.bias)


def tied_mlp():
    shared = VarDense(8, activation="relu")
    return keras.Sequential([VarDense(8, activation="relu"), shared, shared, VarDense(1)])


def train_tied(steps):
    x = np.random.default_rng(3).normal(size=(64, 20)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    shared = WeightDense(8, activation="relu")
    positions = [WeightDense(8, activation="relu"), shared, shared, WeightDense(1)]
    net = keras.Sequential(positions)
    net(x)
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    logs = {"loss": [], "kernels": [], "grads": []}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = keras.losses.MeanSquaredError()(y, net(x))
        grads = tape.gradient(loss, net.trainable_variables)
        by_variable = {id(v): g for v, g in zip(net.trainable_variables, grads)}
        logs["loss"].append(float(loss))
        logs["kernels"].append([ops.convert_to_numpy(layer.kernel).copy() for layer in positions])
        logs["grads"].append([ops.convert_to_numpy(by_variable[id(layer.kernel)])
                              for layer in positions])
        optimizer.apply(grads, net.trainable_variables)
    return logs


@keras.saving.register_keras_serializable(package="assignment02")
class MyInit(keras.initializers.Initializer):
    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape, dtype=None):
        w = np.random.uniform(-self.limit, self.limit, size=shape)
        w[np.abs(w) < self.threshold] = 0.0
        return w.astype(dtype or "float32")

    def get_config(self):
        return {"limit": self.limit, "threshold": self.threshold}
