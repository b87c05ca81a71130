# Wrong: the clone is rebuilt from the layers' configs without an input, so it is not built and load_weights refuses it.
# base: solution
# loses: clone_reproduces_outputs, clone_is_independent, clone_weights_file_loads_elsewhere
def save_and_clone(net, path):
    net.save_weights(path)
    clone = keras.Sequential([layer.__class__.from_config(layer.get_config()) for layer in net.layers])
    clone.load_weights(path)
    return clone
