"""Shared, expensive fixtures: each notebook of the test class is graded once per session."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder import assignments
from autograder.gradebook import Gradebook
from autograder.grade import grade_class
from autograder.sandbox import Limits
from corpus import Entry, base_notebook, write_class

SEED = 20261125
# Short limits keep the hostile entries cheap; the reference runs in about 5 s.
TEST_LIMITS = Limits(total_timeout=90, cell_timeout=15)


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


@pytest.fixture(scope="session")
def a01() -> assignments.Assignment:
    return assignments.load("01-layers-and-models")


@pytest.fixture(scope="session")
def graded_class(a01, tmp_path_factory) -> GradedClass:
    """Reference, stub, every corpus entry and every bad input of 01, graded in one batch."""
    folder = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("graded")
    entries = write_class(a01, folder, ("wrong", "alternative", "hostile"))
    nbformat.write(base_notebook(a01, "solution"), folder / "reference.ipynb")
    nbformat.write(base_notebook(a01, "stub"), folder / "stub.ipynb")
    for name, data in BAD_INPUTS.items():
        (folder / f"{name}.ipynb").write_bytes(data)
    other = base_notebook(a01, "solution")
    other.metadata["autograder"]["assignment"] = "02-parameters"
    nbformat.write(other, folder / "bad-wrong-assignment.ipynb")
    syntax = base_notebook(a01, "solution")
    syntax.cells.append(nbformat.v4.new_code_cell("def broken(:\n    pass"))
    nbformat.write(syntax, folder / "bad-syntax-error.ipynb")
    (folder / "bad-not-a-notebook.txt").write_text("my answers are in the email")
    grade_class(a01, folder, out, workers=2, seed=SEED, limits=TEST_LIMITS, quiet=True)
    return GradedClass(Gradebook(out / "gradebook.sqlite"), a01, entries, folder, out)
