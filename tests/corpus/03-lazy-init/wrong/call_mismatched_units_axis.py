# Wrong: call_mismatched reads the width from the kernel's second axis (the units), so it feeds the wrong width.
# base: solution
# loses: call_mismatched_propagates, call_mismatched_any_net
def call_mismatched(net):
    width = int(net.weights[0].shape[1])
    net(np.zeros((2, width + 1), dtype="float32"))
