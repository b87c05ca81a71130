# Wrong: save_and_clone saves the weights but returns `net` itself, so the "clone" follows every change to `net`.
# base: solution
# loses: clone_is_independent
def save_and_clone(net, path):
    net.save_weights(path)
    net.load_weights(path)
    return net
