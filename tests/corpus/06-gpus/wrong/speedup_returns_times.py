# Wrong: matmul_speedup returns the two timings as a pair instead of their ratio.
# base: solution
# loses: matmul_speedup_runs
def matmul_speedup(n, repeats=5):
    medians = []
    for device in (cpu(), try_gpu()):
        with tf.device(device):
            m = tf.random.normal((n, n))
        medians.append(time_op(lambda m=m, device=device: tf.linalg.matmul(m, m), repeats))
    return medians[0], medians[1]
