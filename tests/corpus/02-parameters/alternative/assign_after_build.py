# Alternative: initializers applied by assigning drawn values after building (not kernel_initializer=), get_weights/set_weights in bump_kernel and layer_params, param_table deduplicating net.layers by identity.
# base: solution
def init_normal(d_in, units):
    layer = keras.layers.Dense(units)
    layer.build((None, d_in))
    layer.kernel.assign(keras.random.normal((d_in, units), mean=0.0, stddev=0.01))
    layer.bias.assign(ops.zeros((units,)))
    return layer


def init_constant(d_in, units, value):
    layer = keras.layers.Dense(units)
    layer.build((None, d_in))
    layer.set_weights([np.full((d_in, units), value, dtype="float32"),
                       np.zeros(units, dtype="float32")])
    return layer


def init_mixed(d_in, hidden, units):
    net = keras.Sequential([keras.Input(shape=(d_in,)), keras.layers.Dense(hidden),
                            keras.layers.Dense(units)])
    first, second = net.layers
    first.kernel.assign(keras.initializers.GlorotUniform()((d_in, hidden)))
    second.kernel.assign(ops.full((hidden, units), 42.0))
    return net


def bump_kernel(layer, delta):
    kernel, bias = layer.get_weights()
    kernel = kernel + np.float32(delta)
    kernel[0, 0] = 42.0
    layer.set_weights([kernel, bias])


def layer_params(net, i):
    layer = net.layers[i]
    return [(v.name, value) for v, value in zip(layer.weights, layer.get_weights())]


def param_table(net):
    seen, table = set(), []
    for layer in net.layers:
        for v in layer.weights:
            if id(v) not in seen:
                seen.add(id(v))
                table.append((v.path, tuple(int(d) for d in v.shape)))
    return table
