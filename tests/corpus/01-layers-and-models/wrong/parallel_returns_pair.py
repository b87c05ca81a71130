# Wrong: Parallel returns the two outputs as a tuple instead of joining them.
# base: solution
# loses: parallel_output_width, parallel_concatenates
class Parallel(keras.Model):
    """Forgets the concatenation."""

    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.net1 = net1
        self.net2 = net2

    def call(self, x):
        return self.net1(x), self.net2(x)
