# Wrong: AnyWidthModel creates each front layer inside call when a width first appears; Keras refuses new state once built.
# base: solution
# loses: anywidth_accepts_each_width, anywidth_variables, anywidth_forward_matches_numpy, anywidth_trunk_is_shared
class AnyWidthModel(keras.Model):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.trunk = keras.layers.Dense(4)
        self.fronts = {}

    def call(self, x):
        key = str(x.shape[-1])
        if key not in self.fronts:
            self.fronts[key] = keras.layers.Dense(16, activation="relu")
        return self.trunk(self.fronts[key](x))
