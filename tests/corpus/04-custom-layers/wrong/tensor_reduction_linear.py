# Wrong: TensorReduction uses x only once, computing sum_ij W_ijk x_i.
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
        return ops.einsum("bi,ijk->bk", x, self.kernel)
