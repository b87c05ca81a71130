# Wrong: train_tied trains two separate middle layers that start equal, so positions 1 and 2 drift apart.
# base: solution
# loses: train_tied_positions_identical
def train_tied(steps):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 20)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    middle1 = keras.layers.Dense(8, activation="relu")
    middle2 = keras.layers.Dense(8, activation="relu")
    net = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(8, activation="relu"),
                            middle1, middle2, keras.layers.Dense(1)])
    middle2.set_weights(middle1.get_weights())
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    logs = {"loss": [], "kernels": [], "grads": []}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = ops.mean((net(x) - y) ** 2)
        grads = tape.gradient(loss, net.trainable_variables)
        grad_of = {id(v): g for v, g in zip(net.trainable_variables, grads)}
        logs["loss"].append(float(loss))
        logs["kernels"].append([layer.kernel.numpy().copy() for layer in net.layers])
        logs["grads"].append([grad_of[id(layer.kernel)].numpy() for layer in net.layers])
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return logs
