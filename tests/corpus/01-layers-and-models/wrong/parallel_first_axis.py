# Wrong: Parallel joins the two outputs along the batch axis instead of the last one.
# base: solution
# loses: parallel_output_width, parallel_concatenates


class Parallel(keras.Model):
    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.net1, self.net2 = net1, net2

    def call(self, x):
        return ops.concatenate([self.net1(x), self.net2(x)], axis=0)
