# Wrong: save_and_clone copies the weights in memory with set_weights and never writes the file at `path`.
# base: solution
# loses: clone_weights_file_loads_elsewhere
def save_and_clone(net, path):
    clone = keras.models.clone_model(net)
    clone.set_weights(net.get_weights())
    return clone
