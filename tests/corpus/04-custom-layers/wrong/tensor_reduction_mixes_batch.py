# Wrong: TensorReduction gives the two copies of x different batch letters, so x_j is summed over the whole batch.
# base: solution
# loses: tensor_reduction_matches_einsum
class TensorReduction(keras.layers.Layer):
    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(d, d, self.k), name="kernel")

    def call(self, x):
        return ops.einsum("bi,cj,ijk->bk", x, x, self.kernel)
