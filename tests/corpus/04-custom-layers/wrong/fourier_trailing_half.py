# Wrong: FourierHead keeps the last n // 2 coefficients of the full FFT instead of the first.
# base: solution
# loses: fourier_head_even_length, fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        half = x.shape[-1] // 2
        real, imag = ops.fft((x, ops.zeros_like(x)))
        return real[..., -half:], imag[..., -half:]
