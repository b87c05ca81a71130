# Wrong: init_constant fills the bias with the constant as well.
# base: solution
# loses: init_constant_small, init_constant_values
def init_constant(d_in, units, value):
    layer = keras.layers.Dense(units, kernel_initializer=keras.initializers.Constant(value),
                               bias_initializer=keras.initializers.Constant(value))
    layer.build((None, d_in))
    return layer
