# Wrong: eager_mlp ignores d and returns the lazy model, which has no weights before its first call.
# base: solution
# loses: eager_mlp_built_at_construction, eager_mlp_any_width
def eager_mlp(d):
    return keras.Sequential([keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10)])
