# Wrong: tied_mlp's second use is a copy of the shared layer made once at build time and hidden from tracking.
# base: solution
# loses: tied_mlp_shares_variables, tied_mlp_gradient_is_sum
import collections


class CopiedOnce(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = keras.layers.Dense(8, activation="relu")
        self.shared = keras.layers.Dense(8, activation="relu")
        self.last = keras.layers.Dense(1)
        self.spare = collections.deque([keras.layers.Dense(8, activation="relu")])

    def build(self, input_shape):
        self.first.build(input_shape)
        self.shared.build((None, 8))
        self.last.build((None, 8))
        self.spare[0].build((None, 8))
        self.spare[0].set_weights(self.shared.get_weights())

    def call(self, x):
        return self.last(self.spare[0](self.shared(self.first(x))))


def tied_mlp():
    return CopiedOnce()
