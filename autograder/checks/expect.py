"""Assertions judges use to turn observations into a verdict.

A judge raises `Fail` with a message for the student; returning normally means the check passed.
Every helper first checks that the observation is well formed (type, shape, finite), so a
malformed or forged observation is the student's failure, never a grader crash. NaN and Inf
are never equal to anything.
"""

from __future__ import annotations

import numpy as np


class Fail(Exception):
    """The check failed; `str(self)` is the message shown to the student."""


def expect(condition: bool, message: str) -> None:
    """Fails with `message` unless `condition` holds."""
    if not condition:
        raise Fail(message)


def as_array(obs, what: str, shape: tuple | None = None) -> np.ndarray:
    """Returns `obs` as a finite float64 array, failing if it is not one (of `shape`)."""
    expect(isinstance(obs, (np.ndarray, int, float)) and not isinstance(obs, bool),
           f"{what} did not produce a numeric array.")
    arr = np.asarray(obs, dtype=np.float64)
    if shape is not None:
        expect(arr.shape == tuple(shape),
               f"{what} has shape {tuple(arr.shape)}; expected {tuple(shape)}.")
    expect(bool(np.all(np.isfinite(arr))), f"{what} contains NaN or Inf.")
    return arr


def expect_close(obs, expected: np.ndarray, what: str, rtol: float = 1e-4,
                 atol: float = 1e-5) -> None:
    """Fails unless `obs` has `expected`'s shape and matches it within tolerance.

    The default tolerance covers float32 arithmetic (about 7 significant digits) accumulated
    over a few hundred multiply-adds.
    """
    expected = np.asarray(expected, dtype=np.float64)
    arr = as_array(obs, what, expected.shape)
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol, equal_nan=False)
    if bad.any():
        raise Fail(f"{what} differs from the expected values at {int(bad.sum())} of "
                   f"{bad.size} positions (largest difference {np.max(np.abs(arr - expected)):.3g}).")


def expect_int(obs, what: str) -> int:
    """Returns `obs` as an int, failing if it is not one."""
    expect(isinstance(obs, int) and not isinstance(obs, bool), f"{what} is not an integer.")
    return obs


def expect_shapes(obs, expected: list[tuple], what: str) -> None:
    """Fails unless `obs` is a list of shapes equal to `expected`, in order."""
    expect(isinstance(obs, list) and all(isinstance(s, list) for s in obs),
           f"{what} did not produce a list of shapes.")
    got = [tuple(s) for s in obs]
    expect(got == [tuple(s) for s in expected], f"{what} are {got}; expected {expected}.")
