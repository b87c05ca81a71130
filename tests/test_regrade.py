"""Regrading: `grade NN FILE.ipynb` grades one file into an existing gradebook and changes only
that student's rows; `--only` regrades some checks of a class and keeps every other row.

Both start from a copy of the session's graded class of assignment 01 whose rows are marked
(a message no grading writes), so that what was regraded and what was kept can be told apart;
each grades one notebook.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from autograder.assignments import ROOT
from autograder.grade import grade_class, resolve_only
from autograder.gradebook import Gradebook
from conftest import ASSIGNMENTS, SEED, short_limits

A = ASSIGNMENTS[0]
MARK = "marked before the regrade"


@pytest.fixture
def copied(graded_classes, tmp_path):
    """A copy of the graded class's gradebook with every result row marked."""
    graded = graded_classes(A)
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(graded.out / "gradebook.sqlite", out / "gradebook.sqlite")
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        db.execute("UPDATE results SET message=?, points=max_points", (MARK,))
    return graded, out


def _rows(out) -> dict[tuple[str, str], tuple]:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return {(r[0], r[1]): r[2:] for r in db.execute(
            "SELECT student, check_id, points, status, message FROM results")}


def _submissions(out) -> dict[str, tuple]:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return {r[0]: r[1:] for r in db.execute("SELECT student, sha256, seed, graded_at "
                                                "FROM submissions")}


def test_grading_one_file_changes_only_that_students_rows(copied):
    graded, out = copied
    before, subs_before = _rows(out), _submissions(out)
    grade_class(A, graded.folder / "stub.ipynb", out, workers=1, quiet=True,
                limits=short_limits(A))
    after, subs_after = _rows(out), _submissions(out)
    assert set(after) == set(before)
    for (student, check), row in after.items():
        if student == "stub":          # graded again: the stub scores nothing, unmarked
            assert row[0] == 0 and row[2] != MARK, check
        else:
            assert row == before[(student, check)], (student, check)
    assert {s: v for s, v in subs_after.items() if s != "stub"} == \
        {s: v for s, v in subs_before.items() if s != "stub"}
    assert subs_after["stub"][1] == SEED          # the class's seed: the same hidden inputs
    book = Gradebook(out / "gradebook.sqlite")
    assert len(book.table(A)) == len(subs_before)


def test_only_some_checks_are_regraded_and_the_other_rows_kept(copied, tmp_path):
    graded, out = copied
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(graded.folder / "stub.ipynb", folder / "stub.ipynb")
    only = resolve_only(A, ["q1"])
    assert only == {c.id for c in A.registry.checks.values() if c.question == "q1"}
    before, subs_before = _rows(out), _submissions(out)
    grade_class(A, folder, out, workers=1, quiet=True, limits=short_limits(A), only=only)
    after = _rows(out)
    for (student, check), row in after.items():
        if student == "stub" and check in only:
            assert row[0] == 0 and row[2] != MARK, check
        else:
            assert row == before[(student, check)], (student, check)
    assert _submissions(out) == subs_before       # the submission's own row is kept too


def test_only_names_questions_or_check_ids_and_refuses_others():
    check = next(iter(A.registry.checks))
    assert resolve_only(A, ["Q2", check]) == {c.id for c in A.registry.checks.values()
                                               if c.question == "q2"} | {check}
    with pytest.raises(ValueError, match="--only q99, nope: not a question or check of"):
        resolve_only(A, ["q99", "nope", "q1"])


def test_grade_of_a_missing_path_says_so(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", A.id,
                           str(tmp_path / "zoe.ipynb"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "zoe.ipynb does not exist" in proc.stderr
