"""Each plausible wrong solution loses exactly the checks it breaks, and keeps all others."""

from __future__ import annotations

import re

import pytest

from autograder import assignments
from autograder.checks.framework import PASSED
from corpus import entries

A01 = assignments.load("01-layers-and-models")
WRONG = entries(A01, "wrong")


def test_corpus_is_large_enough():
    assert len(WRONG) >= 6
    lost = {check for e in WRONG for check in e.loses}
    hidden = {c.id for c in A01.registry.checks.values() if c.hidden}
    # Every hidden check fails on at least one plausible wrong solution.
    assert hidden - lost == set()


@pytest.mark.parametrize("entry", WRONG, ids=[e.name for e in WRONG])
def test_wrong_solution_loses_exactly_its_checks(graded_class, entry):
    results = graded_class.results(f"wrong-{entry.name}")
    lost = sorted(r.check_id for r in results.values() if r.points < r.max_points)
    assert lost == sorted(entry.loses), {c: results[c].message for c in lost}
    assert all(results[c].status == PASSED for c in results if c not in entry.loses)


def test_hidden_messages_say_what_is_wrong_without_the_hidden_values(graded_class):
    for student, entry in graded_class.entries.items():
        if entry.kind != "wrong":
            continue
        for check in entry.loses:
            result = graded_class.results(student)[check]
            message = result.message
            assert message and len(message) < 500, (student, check)
            # Names in backticks, no array dumps, no long decimals from the drawn inputs.
            assert "`" in message, (student, check, message)
            assert "[[" not in message and "array(" not in message, (student, check, message)
            assert not re.search(r"\d\.\d{5,}", message), (student, check, message)
