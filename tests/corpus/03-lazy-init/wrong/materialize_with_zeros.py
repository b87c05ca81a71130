# Wrong: materialize pushes a batch of zeros through the net instead of building it from the shape.
# base: solution
# loses: materialize_uses_no_data
def materialize(net, input_shape):
    net(np.zeros([1 if n is None else n for n in input_shape], dtype="float32"))
    return [tuple(int(n) for n in w.shape) for w in net.weights]
