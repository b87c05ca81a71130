"""Helpers every assignment's checks share: drawing inputs and small NumPy references.

Input drawers (`def inputs(rng) -> dict`) and judges of any assignment import these; so do the
public checks of a release, which import this module from the shipped kit.
"""

from __future__ import annotations

import numpy as np

__all__ = ["batch", "dense_params", "relu", "dense_chain"]


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def batch(rng: np.random.Generator, width: int, rows: tuple[int, int] = (2, 7)) -> np.ndarray:
    """A float32 batch of `width` features and a drawn number of rows in [rows[0], rows[1])."""
    return rng.normal(size=(int(rng.integers(*rows)), width)).astype("float32")


def dense_params(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """A kernel and bias drawn like a Glorot-scaled initializer, in float32."""
    w = rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_out)).astype("float32")
    b = rng.normal(0, 0.1, size=(n_out,)).astype("float32")
    return w, b


def dense_chain(x: np.ndarray, kernels: list, biases: list, activation=None) -> np.ndarray:
    """`x` through Dense layers with the given weights (and `activation` after each but the
    last), in float64."""
    h = np.asarray(x, dtype=np.float64)
    for i, (k, b) in enumerate(zip(kernels, biases)):
        h = h @ k + b
        if activation is not None and i < len(kernels) - 1:
            h = activation(h)
    return h
