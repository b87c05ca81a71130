# Alternative: nested_param_paths built by walking the layers recursively (names of layers and variables, not the .path strings), layer_params and param_table through keras.ops.
# base: solution
def nested_param_paths(net):
    def own_variables(layer):
        inside = {id(v) for child in getattr(layer, "layers", []) for v in child.weights}
        return [v for v in layer.weights if id(v) not in inside]

    def walk(layer):
        node = {v.name: tuple(int(d) for d in v.shape) for v in own_variables(layer)}
        for child in getattr(layer, "layers", []):
            if child.weights:
                node[child.name] = walk(child)
        return node

    return walk(net)


def layer_params(net, i):
    return [(v.name, ops.convert_to_numpy(ops.copy(v))) for v in net.layers[i].weights]


def param_table(net):
    return [(v.path, tuple(int(d) for d in ops.shape(v))) for v in net.weights]
