# Hostile: patches Keras' registry lookups and NumPy's einsum / fft in its own process, and defines a FourierHead that returns zeros, as one would against an in-kernel grader.
# base: stub
# status: graded
import numpy as np

keras.saving.get_registered_name = lambda obj: "course04>MyDense"
keras.saving.get_registered_object = lambda name, *args, **kwargs: MyDense
np.einsum = lambda *args, **kwargs: 0.0
np.fft.fft = lambda a, *args, **kwargs: np.zeros_like(a, dtype=complex)
np.allclose = lambda *args, **kwargs: True


class FourierHead(keras.layers.Layer):
    def call(self, x):
        half = ops.zeros_like(x[:, : x.shape[-1] // 2])
        return half, half
