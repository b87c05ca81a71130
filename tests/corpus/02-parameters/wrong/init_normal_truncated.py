# Wrong: init_normal draws from TruncatedNormal(0, 0.01): the right mean, but no tails and a smaller spread.
# base: solution
# loses: init_normal_statistics
def init_normal(d_in, units):
    layer = keras.layers.Dense(
        units, kernel_initializer=keras.initializers.TruncatedNormal(mean=0.0, stddev=0.01))
    layer.build((None, d_in))
    return layer
