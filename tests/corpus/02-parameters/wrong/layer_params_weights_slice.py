# Wrong: layer_params slices net.weights two at a time, as if every layer had exactly a kernel and a bias.
# base: solution
# loses: layer_params_nested
def layer_params(net, i):
    """Right for a plain stack of Dense layers; wrong with sub-models, normalization or no bias."""
    return [(v.name, v.numpy()) for v in net.weights[2 * i:2 * i + 2]]
