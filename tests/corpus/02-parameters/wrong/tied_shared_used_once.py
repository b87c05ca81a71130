# Wrong: tied_mlp applies the shared layer only once.
# base: solution
# loses: tied_mlp_shares_variables, tied_mlp_gradient_is_sum
def tied_mlp():
    shared = keras.layers.Dense(8, activation="relu")
    return keras.Sequential([keras.layers.Dense(8, activation="relu"), shared,
                             keras.layers.Dense(1)])
