# Wrong: train_tied logs the kernel variables themselves, so every logged kernel shows the final values.
# base: solution
# loses: train_tied_sgd_steps
def train_tied(steps):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 20)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    net = tied_mlp()
    net(x)
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    logs = {"loss": [], "kernels": [], "grads": []}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = ops.mean((net(x) - y) ** 2)
        grads = tape.gradient(loss, net.trainable_variables)
        grad_of = {id(v): g for v, g in zip(net.trainable_variables, grads)}
        logs["loss"].append(float(loss))
        logs["kernels"].append([layer.kernel for layer in net.layers])
        logs["grads"].append([grad_of[id(layer.kernel)].numpy() for layer in net.layers])
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return logs
