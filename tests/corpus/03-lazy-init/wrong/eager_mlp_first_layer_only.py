# Wrong: eager_mlp builds only the first Dense layer by hand; the Sequential and its second layer stay unbuilt.
# base: solution
# loses: eager_mlp_built_at_construction, eager_mlp_any_width
def eager_mlp(d):
    first = keras.layers.Dense(256, activation="relu")
    first.build((None, d))
    return keras.Sequential([first, keras.layers.Dense(10)])
