# Wrong: tied_mlp only looks tied: two Dense layers whose weights start equal, so they drift apart in training.
# base: solution
# loses: tied_mlp_structure, tied_mlp_shares_variables, tied_mlp_gradient_is_sum
class LooksTied(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = keras.layers.Dense(8, activation="relu")
        self.middle1 = keras.layers.Dense(8, activation="relu")
        self.middle2 = keras.layers.Dense(8, activation="relu")
        self.last = keras.layers.Dense(1)

    def build(self, input_shape):
        self.first.build(input_shape)
        self.middle1.build((None, 8))
        self.middle2.build((None, 8))
        self.middle2.set_weights(self.middle1.get_weights())   # equal values, not the same variables
        self.last.build((None, 8))

    def call(self, x):
        return self.last(self.middle2(self.middle1(self.first(x))))


def tied_mlp():
    return LooksTied()
