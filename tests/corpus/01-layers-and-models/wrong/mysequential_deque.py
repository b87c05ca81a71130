# Wrong: MySequential keeps its children in a collections.deque, which Keras 3 does not track.
# base: solution
# loses: mysequential_any_length, mysequential_gradients_reach_all
import collections


class MySequential(keras.Model):
    """Applies its layers in order, but hides them from Keras."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = collections.deque(layers)

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x
