# Wrong: FourierHead writes the DFT by hand with e^{+2 pi i m t / n}, so every imaginary part has the wrong sign.
# base: solution
# loses: fourier_head_even_length, fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        n = x.shape[-1]
        angle = 2 * np.pi * np.outer(np.arange(n), np.arange(n // 2)) / n
        real = ops.matmul(x, np.cos(angle).astype("float32"))
        imag = ops.matmul(x, np.sin(angle).astype("float32"))
        return real, imag
