# Wrong: param_table lists only the trainable variables, so normalization statistics are missing.
# base: solution
# loses: param_table_nested
def param_table(net):
    return [(v.path, tuple(v.shape)) for v in net.trainable_weights]
