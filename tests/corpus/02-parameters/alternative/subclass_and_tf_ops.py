# Alternative: tied_mlp as a keras.Model subclass calling the shared layer twice, and tf.* instead of keras.ops (tf.random.uniform and tf.where in MyInit, tf.fill and the TensorFlow element assign in bump_kernel).
# base: solution
class TiedMLP(keras.Model):
    """One shared Dense layer called twice in call()."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = keras.layers.Dense(8, activation="relu")
        self.shared = keras.layers.Dense(8, activation="relu")
        self.last = keras.layers.Dense(1)

    def call(self, x):
        return self.last(self.shared(self.shared(self.first(x))))


def tied_mlp():
    return TiedMLP()


def layer_params(net, i):
    return [(v.name, tf.identity(v.value).numpy()) for v in net.layers[i].weights]


def bump_kernel(layer, delta):
    layer.kernel.assign_add(tf.fill(tf.shape(layer.kernel), tf.constant(delta, tf.float32)))
    layer.kernel[0, 0].assign(42.0)


class MyInit(keras.initializers.Initializer):
    def __init__(self, limit=10.0, threshold=5.0):
        self.limit = limit
        self.threshold = threshold

    def __call__(self, shape, dtype=None):
        w = tf.random.uniform(shape, -self.limit, self.limit, dtype=dtype or tf.float32)
        return tf.where(tf.abs(w) >= self.threshold, w, tf.zeros_like(w))

    def get_config(self):
        return {"limit": self.limit, "threshold": self.threshold}


def train_tied(steps):
    """Uses the subclass above; positions are its attributes."""
    x = tf.random.stateless_normal((64, 20), seed=(1, 2))
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    net = tied_mlp()
    net(x)
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    positions = [net.first, net.shared, net.shared, net.last]
    logs = {"loss": [], "kernels": [], "grads": []}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(net(x) - y))
        variables = [layer.kernel for layer in positions]
        kernel_grads = tape.gradient(loss, variables)
        logs["loss"].append(float(loss))
        logs["kernels"].append([v.numpy().copy() for v in variables])
        logs["grads"].append([g.numpy() for g in kernel_grads])
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(net(x) - y))
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return logs
