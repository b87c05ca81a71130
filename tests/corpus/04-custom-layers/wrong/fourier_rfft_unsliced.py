# Wrong: FourierHead returns all n // 2 + 1 coefficients of keras.ops.rfft, one more than half.
# base: solution
# loses: fourier_head_even_length, fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        return ops.rfft(x)
