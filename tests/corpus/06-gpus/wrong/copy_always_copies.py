# Wrong: copy_to always runs tf.identity in the target scope, so a tensor that already lives there is copied anyway.
# base: solution
# loses: copy_to_known, copy_to_drawn
def copy_to(x, device):
    with tf.device(device):
        return tf.identity(x)
