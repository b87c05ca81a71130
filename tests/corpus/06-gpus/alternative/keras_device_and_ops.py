# Alternative: keras.device scopes with keras.ops (ones, copy, sqrt of a sum of squares, stack, convert_to_numpy); build_on builds by calling the model on keras.ops.zeros under tf.device.
# base: solution
def ones_on(device, shape):
    with keras.device(device):
        return ops.ones(shape, dtype="float32")


def copy_to(x, device):
    spec_x, spec_d = tf.DeviceSpec.from_string(x.device), tf.DeviceSpec.from_string(device)
    if (spec_x.device_type, spec_x.device_index or 0) == (spec_d.device_type.upper(), spec_d.device_index or 0):
        return x
    with keras.device(device):
        return ops.copy(x)


def build_on(device, make_model, input_shape):
    model = make_model()
    with tf.device(device):
        model(ops.zeros(input_shape))
    return model


def norm_log_on_device(W, h, steps):
    log = []
    with keras.device(W.device):
        for _ in range(steps):
            h = ops.tanh(ops.matmul(W, h))
            log.append(ops.sqrt(ops.sum(ops.square(h))))
        stacked = ops.stack(log)
    return ops.convert_to_numpy(stacked)
