# Wrong: untracked_demo makes its Dense layers but never uses them in call.
# base: solution
# loses: untracked_demo_hides_layers
import collections


def untracked_demo():
    """No variables, but the output does not depend on the hidden layers."""

    class Hidden(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.blocks = collections.deque([keras.layers.Dense(8, activation="relu"),
                                             keras.layers.Dense(1)])

        def call(self, x):
            return x

    return Hidden()
