# Wrong: layer_params returns the variables themselves, whose values change with the model, instead of NumPy copies.
# base: solution
# loses: layer_params_nested
def layer_params(net, i):
    """Live variables: later assignments to the model show through."""
    return [(v.name, v) for v in net.layers[i].weights]
