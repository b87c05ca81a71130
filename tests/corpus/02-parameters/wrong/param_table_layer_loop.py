# Wrong: param_table walks net.layers, so a layer used at two positions is listed twice.
# base: solution
# loses: param_table_nested
def param_table(net):
    """Keras 3's net.layers repeats a shared layer; its variables are counted twice."""
    return [(v.path, tuple(v.shape)) for layer in net.layers for v in layer.weights]
