# Alternative: no einsum and no FFT: sum / n for the mean, an outer product reshaped into one matmul for TensorReduction, and a DFT matrix (cosines and sines) for FourierHead.
# base: solution
class CenteredLayer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        n = ops.cast(ops.shape(x)[-1], x.dtype)
        return x - ops.expand_dims(ops.sum(x, axis=-1) / n, -1)

    def compute_output_shape(self, input_shape):
        return input_shape


class TensorReduction(keras.layers.Layer):
    """x_i x_j as a (batch, d * d) outer product, times the kernel seen as (d * d, k)."""

    def __init__(self, k, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def build(self, input_shape):
        self.d = input_shape[-1]
        self.kernel = self.add_weight(shape=(self.d, self.d, self.k), name="kernel")

    def call(self, x):
        outer = ops.expand_dims(x, 2) * ops.expand_dims(x, 1)          # (batch, d, d)
        flat = ops.reshape(outer, (-1, self.d * self.d))
        return ops.matmul(flat, ops.reshape(self.kernel, (self.d * self.d, self.k)))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.k)


class FourierHead(keras.layers.Layer):
    """X_m = sum_t x_t (cos(2 pi m t / n) - i sin(2 pi m t / n)) as two matrix products."""

    def build(self, input_shape):
        n = input_shape[-1]
        # m * t mod n keeps the angles small, so float32 cosines stay exact to rounding.
        angle = 2 * np.pi * (np.outer(np.arange(n), np.arange(n // 2)) % n) / n
        self.cos = ops.convert_to_tensor(np.cos(angle), dtype="float32")
        self.sin = ops.convert_to_tensor(-np.sin(angle), dtype="float32")

    def call(self, x):
        return ops.matmul(x, self.cos), ops.matmul(x, self.sin)
