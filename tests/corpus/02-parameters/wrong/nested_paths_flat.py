# Wrong: nested_param_paths returns a flat dict keyed by the path below net instead of a nested one.
# base: solution
# loses: nested_paths_small, nested_paths_random
def nested_param_paths(net):
    return {v.path.split("/", 1)[1]: tuple(v.shape) for v in net.weights}
