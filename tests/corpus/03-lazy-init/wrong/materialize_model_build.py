# Wrong: materialize relies on net.build(input_shape), which on a Model subclass without its own build creates no weights (keras#19229).
# base: solution
# loses: materialize_subclassed_model
import warnings


def materialize(net, input_shape):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net.build(input_shape)
    return [tuple(int(n) for n in w.shape) for w in net.weights]
