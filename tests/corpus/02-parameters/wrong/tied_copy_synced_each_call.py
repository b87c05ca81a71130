# Wrong: tied_mlp's second use is a copy whose values are refreshed from the shared layer at every call: right outputs, but its gradient never reaches the shared kernel.
# base: solution
# loses: tied_mlp_gradient_is_sum
import collections


class CopiedEachCall(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = keras.layers.Dense(8, activation="relu")
        self.shared = keras.layers.Dense(8, activation="relu")
        self.last = keras.layers.Dense(1)
        self.spare = collections.deque([keras.layers.Dense(8, activation="relu")])

    def call(self, x):
        h = self.shared(self.first(x))
        copy = self.spare[0]
        if not copy.built:
            copy.build((None, 8))
        copy.kernel.assign(self.shared.kernel)
        copy.bias.assign(self.shared.bias)
        return self.last(copy(h))


def tied_mlp():
    return CopiedEachCall()
