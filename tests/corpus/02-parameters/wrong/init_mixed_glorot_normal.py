# Wrong: init_mixed's first layer is Glorot-normal, not Glorot-uniform (same variance, different support).
# base: solution
# loses: init_mixed_per_layer
def init_mixed(d_in, hidden, units):
    return keras.Sequential([
        keras.Input(shape=(d_in,)),
        keras.layers.Dense(hidden, kernel_initializer=keras.initializers.GlorotNormal()),
        keras.layers.Dense(units, kernel_initializer=keras.initializers.Constant(42.0)),
    ])
