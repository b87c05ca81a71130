"""Correct solutions written in other Keras idioms score full marks."""

from __future__ import annotations

import pytest

from autograder import assignments
from autograder.checks.framework import PASSED
from corpus import entries

A01 = assignments.load("01-layers-and-models")
ALTERNATIVES = entries(A01, "alternative")


def test_corpus_is_large_enough():
    assert len(ALTERNATIVES) >= 3


@pytest.mark.parametrize("entry", ALTERNATIVES, ids=[e.name for e in ALTERNATIVES])
def test_alternative_solution_scores_full_marks(graded_class, entry):
    results = graded_class.results(f"alternative-{entry.name}")
    failed = {c: r.message for c, r in results.items() if r.status != PASSED}
    assert failed == {}
    assert graded_class.points(f"alternative-{entry.name}") == A01.max_points()
