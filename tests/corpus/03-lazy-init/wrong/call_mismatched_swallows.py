# Wrong: call_mismatched catches the ValueError and only prints it, so the caller never sees the failure.
# base: solution
# loses: call_mismatched_propagates, call_mismatched_any_net
def call_mismatched(net):
    width = int(net.weights[0].shape[0])
    try:
        net(np.zeros((2, width + 1), dtype="float32"))
    except ValueError as err:
        print("mismatch:", err)
