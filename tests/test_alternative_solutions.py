"""Correct solutions written in other Keras idioms score full marks."""

from __future__ import annotations

import pytest

from autograder.kit.results import Status
from autograder.corpus import case_ids, cases, entries
from conftest import full_marks, unrun

ALTERNATIVES = cases("alternative")


def test_corpus_is_large_enough(assignment):
    assert len(entries(assignment, "alternative")) >= 4


@pytest.mark.parametrize("assignment_, entry", ALTERNATIVES, ids=case_ids(ALTERNATIVES))
def test_alternative_solution_scores_full_marks(graded_classes, assignment_, entry):
    graded = graded_classes(assignment_)
    results = graded.results(entry.student)
    failed = {c: r.message for c, r in results.items()
              if r.status != Status.PASSED and c not in unrun(assignment_)}
    assert failed == {}
    assert graded.points(entry.student) == full_marks(assignment_)
