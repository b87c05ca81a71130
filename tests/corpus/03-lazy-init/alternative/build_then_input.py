# Alternative: materialize calls net.build and, where that created nothing, a keras.Input; lazy_mlp with a separate Activation layer; call_mismatched with keras.ops.
# base: solution
import warnings


def materialize(net, input_shape):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net.build(input_shape)
    if not net.weights:
        net(keras.Input(batch_shape=input_shape))
    return [tuple(int(n) for n in w.shape) for w in net.weights]


def call_mismatched(net):
    kernel = net.weights[0]
    net(ops.ones((2, kernel.shape[0] + 1), dtype="float32"))
    raise AssertionError("unreachable: net accepted the wrong width")


def lazy_mlp():
    """Layers made first, then handed to an empty Sequential one by one."""
    layers = [keras.layers.Dense(256), keras.layers.Activation("relu"), keras.layers.Dense(10)]
    net = keras.Sequential()
    for layer in layers:
        net.add(layer)
    return net
