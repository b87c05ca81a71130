# Alternative: time_op with statistics.median of a list; matmul_speedup with keras.random matrices; the log in a tf.TensorArray read with np.asarray; two_devices with a tf.function per chain, called under each device's scope.
# base: solution
def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        np.asarray(result)
        times.append((time.perf_counter() - start) * 1000.0)
    return float(statistics.median(times))


def matmul_speedup(n, repeats=5):
    def median_ms(device):
        with keras.device(device):
            m = keras.random.normal((n, n))

        def product():
            with keras.device(device):
                return ops.matmul(m, m)
        return time_op(product, repeats)

    return median_ms("/CPU:0") / median_ms(try_gpu())


def norm_log_on_device(W, h, steps):
    with tf.device(W.device):
        log = tf.TensorArray(tf.float32, size=steps)
        for i in range(steps):
            h = tf.tanh(tf.matmul(W, h))
            log = log.write(i, tf.norm(h))
        return np.asarray(log.stack())


@tf.function
def chain_graph(x, w):
    return chain(x, w)


def two_devices(a, b, devices):
    results = []
    for x, w, device in zip(a, b, devices):
        with tf.device(device):
            results.append(chain_graph(x, w))
    return results
