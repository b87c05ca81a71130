"""Assertions judges use to turn observations into a verdict.

A judge raises `Fail` with a message for the student; returning normally means the check passed.
Observations come from a process the student controls, so a judge reads them only through an
`Observation`, whose accessors check the form first (type, shape, finite) and raise `Fail` on
anything else: a malformed or forged observation is the student's failure. Any other exception
in a judge is a bug of the grader and is reported as one. NaN and Inf are never equal to
anything.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Fail", "Observation", "as_array", "expect", "expect_close", "expect_shapes"]


class Fail(Exception):
    """The check failed; `str(self)` is the message shown to the student."""


def expect(condition: bool, message: str) -> None:
    """Fails with `message` unless `condition` holds."""
    if not condition:
        raise Fail(message)


def as_array(obs, what: str, shape: tuple | None = None) -> np.ndarray:
    """Returns `obs` as a finite float64 array, failing if it is not one (of `shape`)."""
    expect(isinstance(obs, (np.ndarray, int, float)) and not isinstance(obs, bool)
           and (not isinstance(obs, np.ndarray) or obs.dtype.kind in "biuf"),
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


def expect_shapes(got: list[tuple], expected: list[tuple], what: str,
                  ordered: bool = True) -> None:
    """Fails unless the shapes `got` equal `expected`: in order, or as a multiset.

    Compare in order only where the prompt fixes the order; otherwise pass `ordered=False`.
    """
    want = [tuple(int(d) for d in s) for s in expected]
    if ordered:
        expect(got == want, f"{what} are {got}; expected {want}.")
    else:
        expect(sorted(got) == sorted(want),
               f"{what} are {sorted(got)}; expected {sorted(want)} (in any order).")


class Observation:
    """A probe's observation, read through accessors that check its form.

    `obs.array("y", what)`, `obs.int(...)`, `obs.shapes(...)` and friends return the value or
    raise `Fail` naming `what` (in the prompt's words) when the value has the wrong form.
    """

    def __init__(self, data):
        if not isinstance(data, dict):
            raise Fail("The notebook returned an observation of the wrong form (not a mapping); "
                       "was the check's code changed?")
        self._data = data

    def part(self, key: str, what: str) -> "Observation":
        """The mapping under `key` (e.g. a fresh stage's observation), read the same way."""
        value = self.raw(key)
        expect(isinstance(value, dict), f"{what} is not a mapping.")
        return Observation(value)

    def raw(self, key: str):
        """The value under `key`, of any form."""
        if key not in self._data:
            raise Fail(f"The notebook's observation lacks `{key}`; was the check's code changed?")
        return self._data[key]

    def array(self, key: str, what: str, shape: tuple | None = None) -> np.ndarray:
        """A finite numeric array (of `shape`)."""
        return as_array(self.raw(key), what, shape)

    def int(self, key: str, what: str) -> int:
        value = self.raw(key)
        expect(isinstance(value, int) and not isinstance(value, bool), f"{what} is not an integer.")
        return value

    def bool(self, key: str, what: str) -> bool:
        value = self.raw(key)
        expect(isinstance(value, bool), f"{what} is not True or False.")
        return value

    def str(self, key: str, what: str) -> str:
        value = self.raw(key)
        expect(isinstance(value, str), f"{what} is not text.")
        return value

    def bytes(self, key: str, what: str) -> bytes:
        value = self.raw(key)
        expect(isinstance(value, bytes), f"{what} is not bytes.")
        return value

    def list(self, key: str, what: str, length: int | None = None) -> list:
        value = self.raw(key)
        expect(isinstance(value, list), f"{what} is not a list.")
        if length is not None:
            expect(len(value) == length, f"{what} has {len(value)} entries; expected {length}.")
        return value

    def ints(self, key: str, what: str) -> list[int]:
        """A list of integers."""
        value = self.list(key, what)
        expect(all(isinstance(v, int) and not isinstance(v, bool) for v in value),
               f"{what} is not a list of integers.")
        return value

    def shape(self, key: str, what: str) -> tuple[int, ...]:
        """One shape: a list of non-negative integers."""
        value = self.ints(key, what)
        expect(all(v >= 0 for v in value), f"{what} is not a shape.")
        return tuple(value)

    def shapes(self, key: str, what: str) -> list[tuple[int, ...]]:
        """A list of shapes."""
        value = self.list(key, what)
        expect(all(isinstance(s, list) and all(isinstance(d, int) and not isinstance(d, bool)
                                               and d >= 0 for d in s) for s in value),
               f"{what} did not produce a list of shapes.")
        return [tuple(s) for s in value]

    def arrays(self, key: str, what: str, length: int | None = None,
               allow_none: bool = False) -> list:
        """A list of finite numeric arrays (entries may be None where `allow_none`)."""
        value = self.list(key, what, length)
        return [None if v is None and allow_none else as_array(v, f"{what} (entry {i})")
                for i, v in enumerate(value)]
