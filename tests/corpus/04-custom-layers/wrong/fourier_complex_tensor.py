# Wrong: FourierHead returns one complex64 tensor instead of the (real, imag) pair of float32 tensors.
# base: solution
# loses: fourier_head_even_length, fourier_head_odd_and_even_lengths
class FourierHead(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def call(self, x):
        return tf.signal.rfft(x)[..., : x.shape[-1] // 2]
