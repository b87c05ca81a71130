# Wrong: MySequential applies its layers last to first.
# base: solution
# loses: mysequential_runs_in_order, mysequential_any_length, mysequential_gradients_reach_all
class MySequential(keras.Model):
    """Walks its layers backwards."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = list(layers)

    def call(self, x):
        for block in reversed(self.blocks):
            x = block(x)
        return x
