# Wrong: FourierHead keeps (n + 1) // 2 coefficients, which is one too many for odd n.
# base: solution
# loses: fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        half = (x.shape[-1] + 1) // 2
        real, imag = ops.rfft(x)
        return real[..., :half], imag[..., :half]
