# Wrong: norm_log_on_device logs the sum of squares of h, without the square root.
# base: solution
# loses: norm_log_known, norm_log_one_transfer
def norm_log_on_device(W, h, steps):
    with tf.device(W.device):
        log = []
        for _ in range(steps):
            h = tf.tanh(W @ h)
            log.append(tf.reduce_sum(h * h))
        return tf.stack(log).numpy()
