# Wrong: lazy_mlp forgets the ReLU of the hidden layer.
# base: solution
# loses: lazy_mlp_forward_matches_numpy
def lazy_mlp():
    return keras.Sequential([keras.layers.Dense(256), keras.layers.Dense(10)])
