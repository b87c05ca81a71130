"""Each plausible wrong solution loses exactly the checks it breaks, and keeps all others."""

from __future__ import annotations

import re

import pytest

from autograder.audit import report, tabulate
from autograder.kit.results import Status
from autograder.corpus import case_ids, cases, entries
from conftest import unrun

WRONG = cases("wrong")


def test_corpus_catches_every_hidden_check(assignment):
    found = entries(assignment, "wrong")
    assert len(found) >= 6
    checks = assignment.registry.checks
    declared = {check for e in found for check in e.loses}
    assert declared <= set(checks), declared - set(checks)
    # Every hidden check fails on at least one plausible wrong solution. A check that needs a
    # GPU this machine lacks cannot fail here: its judge is tested on observations instead.
    assert {c.id for c in checks.values() if c.hidden} - declared - unrun(assignment) == set()


@pytest.mark.parametrize("assignment_, entry", WRONG, ids=case_ids(WRONG))
def test_wrong_solution_loses_exactly_its_checks(graded_classes, assignment_, entry):
    results = graded_classes(assignment_).results(entry.student)
    skipped = unrun(assignment_)
    assert {c for c, r in results.items() if r.status == Status.NEEDS_GPU} == skipped
    lost = sorted(c for c, r in results.items() if r.points < r.max_points and c not in skipped)
    assert lost == sorted(set(entry.loses) - skipped), {c: results[c].message for c in lost}
    assert all(results[c].status == Status.PASSED for c in results
               if c not in entry.loses and c not in skipped)


def test_hidden_messages_say_what_is_wrong_without_the_hidden_values(graded_class):
    for student, entry in graded_class.entries.items():
        if entry.kind != "wrong":
            continue
        for check in entry.loses:
            message = graded_class.results(student)[check].message
            assert message and len(message) < 500, (student, check)
            # Names in backticks, no array dumps, no long decimals from the drawn inputs.
            assert "`" in message, (student, check, message)
            assert "[[" not in message and "array(" not in message, (student, check, message)
            assert not re.search(r"\d\.\d{5,}", message), (student, check, message)


def test_audit_shows_what_each_check_catches(graded_class):
    a = graded_class.assignment
    audit = tabulate(a, graded_class.book)
    assert audit.clean, audit.surprises
    text = report(a, audit)
    for entry in entries(a, "wrong"):
        for check in entry.loses:
            line = next(line for line in text.splitlines() if line.startswith(check + " "))
            assert entry.name in line


def _prompt_words(assignment) -> set[str]:
    """Every identifier the notebook's prompts write in backticks (the prompt's vocabulary)."""
    import nbformat

    nb = nbformat.read(assignment.solution, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return {word for quoted in re.findall(r"`([^`]+)`", text)
            for word in re.findall(r"[A-Za-z_]\w*", quoted)}


TRACEBACK = ("Traceback (most recent call last)", 'File "', "site-packages", "<probe",
             "probe_runtime", "agkit")


def test_messages_name_nothing_of_the_probes_own_code(graded_class):
    # A message is written against the prompt: no probe's local names (its `w1`, its `x`)
    # unless the prompt uses them too, and no raw traceback line.
    a = graded_class.assignment
    prompt = _prompt_words(a)
    checked = 0
    for student, entry in graded_class.entries.items():
        if entry.kind != "wrong":
            continue
        for check_id, result in graded_class.results(student).items():
            check = a.registry.checks[check_id]
            local = set(check.probe.__code__.co_varnames)
            if check.fresh_fn is not None:
                local |= set(check.fresh_fn.__code__.co_varnames)
            named = {word for quoted in re.findall(r"`([^`]+)`", result.message or "")
                     for word in re.findall(r"[A-Za-z_]\w*", quoted)}
            assert named & local - prompt - set(check.needs) == set(), \
                (student, check_id, result.message)
            assert not [t for t in TRACEBACK if t in (result.message or "")], \
                (student, check_id, result.message)
            checked += bool(result.message)
    assert checked >= 6
