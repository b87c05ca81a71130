# Wrong: norm_log_on_device copies each norm to the host as it goes (float(...) every step): right values, `steps` transfers.
# base: solution
# loses: norm_log_one_transfer
def norm_log_on_device(W, h, steps):
    with tf.device(W.device):
        log = []
        for _ in range(steps):
            h = tf.tanh(W @ h)
            log.append(float(tf.norm(h)))
        return np.array(log, dtype="float32")
