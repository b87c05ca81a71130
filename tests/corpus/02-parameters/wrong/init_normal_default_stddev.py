# Wrong: init_normal uses the "random_normal" string, whose standard deviation is Keras' default 0.05, not 0.01.
# base: solution
# loses: init_normal_statistics
def init_normal(d_in, units):
    layer = keras.layers.Dense(units, kernel_initializer="random_normal", bias_initializer="zeros")
    layer.build((None, d_in))
    return layer
