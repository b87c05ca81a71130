# Wrong: copy_to compares x.device with the name as strings; x.device is the long form, so a tensor already there is copied.
# base: solution
# loses: copy_to_known, copy_to_drawn
def copy_to(x, device):
    if x.device == device:
        return x
    with tf.device(device):
        return tf.identity(x)
