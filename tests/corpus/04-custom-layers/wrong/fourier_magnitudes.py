# Wrong: FourierHead returns the magnitudes |X_k| (the lecture's LeadingSpectrum), not the coefficients.
# base: solution
# loses: fourier_head_even_length, fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        half = x.shape[-1] // 2
        real, imag = ops.rfft(x)
        return ops.sqrt(real[..., :half] ** 2 + imag[..., :half] ** 2)
