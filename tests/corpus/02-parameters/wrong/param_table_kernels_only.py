# Wrong: param_table lists one kernel per layer and forgets the biases (and any sub-model).
# base: solution
# loses: param_table_small, param_table_nested
def param_table(net):
    return [(layer.kernel.path, tuple(layer.kernel.shape)) for layer in net.layers]
