# Wrong: ones_on returns a NumPy array made inside the scope; NumPy arrays live on the host and have no device.
# base: solution
# loses: ones_on_known, ones_on_drawn
def ones_on(device, shape):
    with tf.device(device):
        return np.ones(shape, dtype="float32")
