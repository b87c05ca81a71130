# Wrong: call_mismatched replaces the net's error by a ValueError of its own, losing the net's message.
# base: solution
# loses: call_mismatched_propagates, call_mismatched_any_net
def call_mismatched(net):
    width = int(net.weights[0].shape[0])
    try:
        net(np.zeros((2, width + 1), dtype="float32"))
    except Exception:
        raise ValueError(f"net expects width {width}, got {width + 1}") from None
