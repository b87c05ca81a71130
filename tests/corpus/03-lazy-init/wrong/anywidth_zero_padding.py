# Wrong: AnyWidthModel pads every input with zeros to the largest width and uses a single front layer.
# base: solution
# loses: anywidth_variables, anywidth_forward_matches_numpy, anywidth_trunk_is_shared
class AnyWidthModel(keras.Model):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.widest = max(widths)
        self.front = keras.layers.Dense(16, activation="relu")
        self.trunk = keras.layers.Dense(4)

    def call(self, x):
        x = ops.pad(x, [[0, 0], [0, self.widest - x.shape[-1]]])
        return self.trunk(self.front(x))
