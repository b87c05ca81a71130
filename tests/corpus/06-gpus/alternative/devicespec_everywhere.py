# Alternative: visible-device counts through tf.config.experimental, DeviceSpec objects compared field by field, tf.fill for the ones, explicit tf.identity copies before each chain, sorted-middle median.
# base: solution
def num_gpus() -> int:
    return len(tf.config.experimental.get_visible_devices("GPU"))


def try_gpu(i: int = 0) -> str:
    if 0 <= i < num_gpus():
        return gpu(i)
    return cpu()


def _spec(name):
    spec = tf.DeviceSpec.from_string(name)
    if not spec.device_type:
        raise ValueError(f"no device type in {name!r}")
    return spec.device_type.upper(), spec.device_index if spec.device_index is not None else 0


def canonical(name: str) -> str:
    kind, index = _spec(name)
    return "/" + kind + ":" + str(index)


def same_device(a: str, b: str) -> bool:
    return _spec(a) == _spec(b)


def pick_device(preference):
    limit = {"CPU": len(tf.config.list_logical_devices("CPU")), "GPU": num_gpus()}
    specs = [_spec(name) for name in preference]
    for i, (kind, index) in enumerate(specs):
        if index < limit[kind]:
            return canonical(preference[i]), [canonical(p) for p in preference[:i]]
    return cpu(), [canonical(p) for p in preference]


def ones_on(device, shape):
    with tf.device(device):
        return tf.fill(shape, tf.constant(1.0, dtype=tf.float32))


def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        np.asarray(fn())
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    middle = len(times) // 2
    return float(times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2)


def two_devices(a, b, devices):
    out = []
    for i in range(2):
        with tf.device(devices[i]):
            out.append(chain(tf.identity(a[i]), tf.identity(b[i])))
    return out
