# Wrong: nested_param_paths keeps the first part of each path, so the tree starts with net's own name.
# base: solution
# loses: nested_paths_small, nested_paths_random
def nested_param_paths(net):
    tree = {}
    for v in net.weights:
        *owners, leaf = v.path.split("/")
        node = tree
        for part in owners:
            node = node.setdefault(part, {})
        node[leaf] = tuple(v.shape)
    return tree
