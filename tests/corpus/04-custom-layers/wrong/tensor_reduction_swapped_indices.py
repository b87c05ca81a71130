# Wrong: TensorReduction creates a (d, d, k) kernel but its einsum reads it as W[k, i, j].
# base: solution
# loses: tensor_reduction_shapes, tensor_reduction_matches_einsum
class TensorReduction(keras.layers.Layer):
    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(d, d, self.k), name="kernel")

    def call(self, x):
        return ops.einsum("bi,bj,kij->bk", x, x, self.kernel)
