# Wrong: ones_on ignores its device argument, so every tensor lands on the default device /CPU:0.
# base: solution
# loses: ones_on_known, ones_on_drawn
def ones_on(device, shape):
    return tf.ones(shape, dtype="float32")
