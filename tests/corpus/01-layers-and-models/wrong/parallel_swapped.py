# Wrong: Parallel puts net2's output before net1's.
# base: solution
# loses: parallel_concatenates
class Parallel(keras.Model):
    """Joins the two outputs in the wrong order."""

    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.net1 = net1
        self.net2 = net2

    def call(self, x):
        return ops.concatenate([self.net2(x), self.net1(x)], axis=-1)
