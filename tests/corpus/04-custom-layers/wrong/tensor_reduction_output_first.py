# Wrong: TensorReduction stores the kernel as (k, d, d), the output index first, against the prompt's (d, d, k).
# base: solution
# loses: tensor_reduction_shapes, tensor_reduction_matches_einsum
class TensorReduction(keras.layers.Layer):
    """Right under its own convention; the grader's kernel does not fit it."""

    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        d = input_shape[-1]
        self.kernel = self.add_weight(shape=(self.k, d, d), name="kernel")

    def call(self, x):
        return ops.einsum("bi,bj,kij->bk", x, x, self.kernel)
