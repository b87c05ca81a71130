"""Every file in the submissions folder gets a row with a clear reason; none crashes the batch."""

from __future__ import annotations

import pytest

from autograder.kit.results import SubmissionStatus
from conftest import OTHER_ASSIGNMENT, full_marks

EXPECTED = {
    "bad-broken-json": "the file is cut off",
    "bad-empty": "the file is empty",
    "bad-not-utf8": "not UTF-8 text",
    "bad-no-code-cells": "no code cells",
    "bad-wrong-assignment": f"notebook of assignment {OTHER_ASSIGNMENT!r}",
    "bad-not-a-notebook": "is not a .ipynb notebook",
}


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_bad_input_gets_a_row_with_reason(graded_class, student):
    sub = graded_class.submission(student)
    assert sub["status"] == SubmissionStatus.UNGRADABLE
    assert EXPECTED[student] in sub["reason"]
    assert graded_class.points(student) == 0
    assert len(graded_class.results(student)) == len(graded_class.assignment.registry.checks)


def test_every_file_has_a_row(graded_class):
    files = [p for p in graded_class.folder.iterdir() if p.is_file()]
    assert len(graded_class.book.submissions(graded_class.assignment.id)) == len(files)


def test_syntax_error_costs_only_that_cell(graded_class):
    sub = graded_class.submission("bad-syntax-error")
    assert sub["status"] == SubmissionStatus.GRADED
    assert "SyntaxError" in sub["cell_errors"]
    assert graded_class.points("bad-syntax-error") == full_marks(graded_class.assignment)


def test_csv_has_one_row_per_file(graded_class):
    lines = (graded_class.out / "grades.csv").read_text().splitlines()
    files = [p for p in graded_class.folder.iterdir() if p.is_file()]
    assert len(lines) == 1 + len(files)
    a = graded_class.assignment
    columns = ["student", *a.questions(), *[f"{q} (manual)" for q in a.manual], "total", "max",
               *(["not counted (needs GPU)"] if a.gpu_points() else []), "status"]
    assert lines[0].startswith(",".join(columns))
