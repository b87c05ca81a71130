# Wrong: MySequential returns from inside its loop, so only the first layer is ever applied.
# base: solution
# loses: mysequential_runs_in_order, mysequential_any_length, mysequential_gradients_reach_all
class MySequential(keras.Model):
    """A misplaced return."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = list(layers)

    def call(self, x):
        for block in self.blocks:
            x = block(x)
            return x
