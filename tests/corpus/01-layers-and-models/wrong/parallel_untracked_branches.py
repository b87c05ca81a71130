# Wrong: Parallel keeps its two networks in a deque, so their variables are not the model's.
# base: solution
# loses: parallel_tracks_both
import collections


class Parallel(keras.Model):
    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.branches = collections.deque([net1, net2])

    def call(self, x):
        return ops.concatenate([branch(x) for branch in self.branches], axis=-1)
