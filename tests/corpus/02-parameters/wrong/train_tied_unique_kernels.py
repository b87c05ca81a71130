# Wrong: train_tied logs one kernel per unique variable (3), not one per layer position (4).
# base: solution
# loses: train_tied_layout, train_tied_positions_identical, train_tied_sgd_steps
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
        logs["loss"].append(float(loss))
        logs["kernels"].append([v.numpy().copy() for v in net.trainable_variables if v.ndim == 2])
        logs["grads"].append([g.numpy() for v, g in zip(net.trainable_variables, grads)
                              if v.ndim == 2])
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return logs
