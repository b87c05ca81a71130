# Wrong: norm_log_on_device returns the stacked log as a tensor still on the device; it is never copied to the host.
# base: solution
# loses: norm_log_known, norm_log_one_transfer
def norm_log_on_device(W, h, steps):
    with tf.device(W.device):
        log = []
        for _ in range(steps):
            h = tf.tanh(W @ h)
            log.append(tf.norm(h))
        return tf.stack(log)
