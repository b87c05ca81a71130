# Wrong: two_devices runs both chains in one tf.function called outside any scope; it hands its outputs back on the default device.
# base: solution
# loses: two_devices_known, two_devices_drawn
@tf.function
def _both(a0, b0, a1, b1, first, second):
    with tf.device(first):
        r0 = chain(a0, b0)
    with tf.device(second):
        r1 = chain(a1, b1)
    return r0, r1


def two_devices(a, b, devices):
    return list(_both(a[0], b[0], a[1], b[1], devices[0], devices[1]))
