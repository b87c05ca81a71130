# Wrong: untracked_demo keeps its Dense layers in a plain list, which Keras 3 does track.
# base: solution
# loses: untracked_demo_hides_layers
def untracked_demo():
    """The layers are meant to hide, but a list is tracked."""

    class Hidden(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.blocks = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)]

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    return Hidden()
