"""Shared, expensive fixtures: each assignment's test class is graded once per session.

Every test runs for every assignment in the catalogue (`solutions/*/assignment.toml`): adding an
assignment adds its cases here without editing a test.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
import pytest

from autograder import assignments
from autograder.gradebook import Gradebook
from autograder.grade import grade_class
from autograder.sandbox import Limits, nvidia_devices
from autograder.corpus import Entry, base_notebook, write_class

SEED = 20261125
GPUS = sum(1 for p in nvidia_devices() if p.name.removeprefix("nvidia").isdigit())


def unrun(assignment: assignments.Assignment) -> set[str]:
    """Checks this machine cannot run (they need more GPUs than it has): "needs GPU", 0 of 0."""
    return {c.id for c in assignment.registry.checks.values() if c.gpus > GPUS}


def full_marks(assignment: assignments.Assignment) -> float:
    """The most a submission can score on this machine: "needs GPU" checks are left out."""
    checks = assignment.registry.checks
    return assignment.max_points() - sum(checks[c].points for c in unrun(assignment))
ASSIGNMENTS = [assignments.load(name) for name in assignments.all_ids()]
IDS = [a.id for a in ASSIGNMENTS]


def short_limits(assignment: assignments.Assignment) -> Limits:
    """The assignment's limits, shortened so that the hostile entries stay cheap."""
    own = assignment.limits
    return dataclasses.replace(own, total_timeout=min(own.total_timeout, 90),
                               cell_timeout=min(own.cell_timeout, 15),
                               probe_timeout=min(own.probe_timeout, 20))




@dataclass
class GradedClass:
    book: Gradebook
    assignment: assignments.Assignment
    entries: dict[str, Entry]
    folder: Path
    out: Path

    def results(self, student: str) -> dict:
        return {r.check_id: r for r in self.book.results(self.assignment.id, student)}

    def points(self, student: str) -> float:
        return sum(r.points for r in self.book.results(self.assignment.id, student))

    def submission(self, student: str) -> dict:
        return next(s for s in self.book.submissions(self.assignment.id)
                    if s["student"] == student)


BAD_INPUTS = {
    "bad-broken-json": b'{"cells": [ {"cell_type": "code", "source": "x = 1"',
    "bad-empty": b"",
    "bad-not-utf8": b"\xff\xfe\x00garbage",
    "bad-no-code-cells": json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                     "cells": []}).encode(),
}
OTHER_ASSIGNMENT = "00-another-assignment"


def _grade(assignment: assignments.Assignment, tmp_path_factory) -> GradedClass:
    """Reference, stub, every corpus entry and every bad input, graded in one batch."""
    folder = tmp_path_factory.mktemp(f"submissions-{assignment.id[:2]}")
    out = tmp_path_factory.mktemp(f"graded-{assignment.id[:2]}")
    entries = write_class(assignment, folder, ("wrong", "alternative", "hostile"))
    nbformat.write(base_notebook(assignment, "solution"), folder / "reference.ipynb")
    nbformat.write(base_notebook(assignment, "stub"), folder / "stub.ipynb")
    for name, data in BAD_INPUTS.items():
        (folder / f"{name}.ipynb").write_bytes(data)
    other = base_notebook(assignment, "solution")
    other.metadata["autograder"]["assignment"] = OTHER_ASSIGNMENT
    nbformat.write(other, folder / "bad-wrong-assignment.ipynb")
    syntax = base_notebook(assignment, "solution")
    syntax.cells.append(nbformat.v4.new_code_cell("def broken(:\n    pass"))
    nbformat.write(syntax, folder / "bad-syntax-error.ipynb")
    (folder / "bad-not-a-notebook.txt").write_text("my answers are in the email")
    grade_class(assignment, folder, out, workers=2, seed=SEED, limits=short_limits(assignment),
                quiet=True)
    return GradedClass(Gradebook(out / "gradebook.sqlite"), assignment, entries, folder, out)


@pytest.fixture(scope="session")
def graded_classes(tmp_path_factory) -> Callable[[assignments.Assignment], GradedClass]:
    """`graded_classes(a)`: assignment `a`'s test class, graded on first use."""
    done: dict[str, GradedClass] = {}

    def get(assignment: assignments.Assignment) -> GradedClass:
        if assignment.id not in done:
            done[assignment.id] = _grade(assignment, tmp_path_factory)
        return done[assignment.id]
    return get


@pytest.fixture(scope="session", params=ASSIGNMENTS, ids=IDS)
def assignment(request) -> assignments.Assignment:
    return request.param


@pytest.fixture(scope="session")
def graded_class(assignment, graded_classes) -> GradedClass:
    return graded_classes(assignment)
