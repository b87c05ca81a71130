# Wrong: save_and_clone clones the architecture but never loads the saved weights, so the clone keeps fresh random values.
# base: solution
# loses: clone_reproduces_outputs, clone_is_independent
def save_and_clone(net, path):
    net.save_weights(path)
    return keras.models.clone_model(net)
