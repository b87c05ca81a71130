# Wrong: copy_to uses tf.convert_to_tensor under the target scope, which hands back x itself: nothing ever moves.
# base: solution
# loses: copy_to_known, copy_to_drawn
def copy_to(x, device):
    with tf.device(device):
        return tf.convert_to_tensor(x)
