# Wrong: AnyWidthModel gives every width its own trunk, so nothing is shared between widths.
# base: solution
# loses: anywidth_variables, anywidth_trunk_is_shared
class AnyWidthModel(keras.Model):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.paths = {str(w): keras.Sequential([keras.layers.Dense(16, activation="relu"),
                                                keras.layers.Dense(4)]) for w in widths}

    def call(self, x):
        return self.paths[str(x.shape[-1])](x)
