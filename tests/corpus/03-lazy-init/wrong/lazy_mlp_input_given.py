# Wrong: lazy_mlp gives the Sequential an input shape of 20, so it is built at construction and only takes width 20.
# base: solution
# loses: lazy_mlp_unbuilt_then_sized, lazy_mlp_sized_by_any_width, lazy_mlp_forward_matches_numpy
def lazy_mlp():
    return keras.Sequential([keras.Input(shape=(20,)),
                             keras.layers.Dense(256, activation="relu"),
                             keras.layers.Dense(10)])
