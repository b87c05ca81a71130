"""nbgrader, otter and the sandboxed grader give the same scores on the same submissions.

The nbgrader course comes from `autograder.export.nbgrader`: `nbgrader generate_assignment`
releases it, five submissions (reference, stub, and the first three wrong corpus entries that
keep some checks and lose others) are put in the release's form, `nbgrader autograde` grades them
in-kernel (one grade cell per check), and the gradebook's scores must equal the sandboxed
grades of the same notebooks in the session fixture `graded_class`, check by check. Meanwhile
the otter release's test files (`assignments/<id>/tests/qN.py`) run on the same notebooks and
must agree on the public checks.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder.assignments import ROOT
from autograder.export import nbgrader as nbgrader_export
from autograder.assignments import Assignment
from autograder.corpus import Entry, base_notebook, compose, entries
from conftest import full_marks, unrun

NBGRADER = Path(sys.executable).parent / "nbgrader"
if not NBGRADER.exists():
    pytest.skip("nbgrader is not installed in this environment", allow_module_level=True)

PARTLY = ("partly-right-1", "partly-right-2", "partly-right-3")
STUDENTS = ("reference", "stub", *PARTLY)
KERNEL_ENV = nbgrader_export.KERNEL_ENV

# Runs a notebook's cells in one process, then the otter release's test files on its namespace;
# prints {test case: points earned}.
OTTER_RUN = """
import glob, json, sys
from pathlib import Path
from autograder.kit import probe_runtime
from autograder.notebook import read_code_cells
from otter.test_files import ExceptionTestFile
sys.path.insert(0, ".")
ns = probe_runtime.run_cells(read_code_cells(Path(sys.argv[1]), sys.argv[2]), 120,
                             lambda _msg: None)
out = {}
for path in sorted(glob.glob("tests/q*.py")):
    tests = ExceptionTestFile.from_file(path)
    tests.run(ns)
    for r in tests.test_case_results:
        out[r.test_case.body.test_func.__name__] = r.test_case.points if r.passed else 0
print("\\n" + json.dumps(out))
"""


@dataclass
class NbgraderRun:
    assignment: Assignment
    partly_right: dict[str, Entry]                   # "partly-right-N" -> its wrong entry
    course: Path
    release: nbformat.NotebookNode
    scores: dict[str, dict[str, float | None]]      # student -> grade_id -> score
    max_scores: dict[str, float]                     # grade_id -> max score
    pending: dict[str, set[str]]                     # student -> grade_ids for a person
    otter: dict[str, dict[str, float]]               # student -> test case -> points


def _env() -> dict:
    # nbgrader runs `alembic` from PATH to set up its gradebook: the venv's bin must be on it.
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                PYTHONPATH=str(ROOT), **KERNEL_ENV)


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(NBGRADER), *args, "--force"], cwd=course, env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc


def partly_right(a: Assignment) -> dict[str, Entry]:
    """The first three wrong entries that keep some checks and lose others."""
    found = [e for e in entries(a, "wrong") if e.base == "solution"
             and 0 < len(e.loses) < len(a.registry.checks)]
    return dict(zip(PARTLY, found))


@pytest.fixture(scope="module")
def nbgrader_run(assignment, tmp_path_factory) -> NbgraderRun:
    from nbgrader.api import Gradebook

    a = assignment
    course = tmp_path_factory.mktemp(f"nbgrader-course-{a.id[:2]}")
    nbgrader_export.write_course(a, course)
    _nbgrader(course, "generate_assignment", a.id)
    release = nbformat.read(course / "release" / a.id / f"{a.id}.ipynb", as_version=4)

    partly = partly_right(a)
    work = {"reference": base_notebook(a, "solution"), "stub": base_notebook(a, "stub"),
            **{name: compose(a, entry) for name, entry in partly.items()}}
    plain = tmp_path_factory.mktemp(f"otter-submissions-{a.id[:2]}")
    otter_procs = {}
    for student, nb in work.items():
        folder = course / "submitted" / student / a.id
        folder.mkdir(parents=True)
        nbformat.write(nbgrader_export.to_release_form(release, nb), folder / f"{a.id}.ipynb")
        nbformat.write(nb, plain / f"{student}.ipynb")
    # otter's public checks run alongside nbgrader (each in its own process).
    for student in work:
        otter_procs[student] = subprocess.Popen(
            [sys.executable, "-c", OTTER_RUN, str(plain / f"{student}.ipynb"), a.id],
            cwd=a.release_dir, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)

    _nbgrader(course, "autograde", a.id)

    otter = {}
    for student, proc in otter_procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-4000:]
        otter[student] = json.loads(out.strip().splitlines()[-1])

    scores: dict[str, dict[str, float | None]] = {}
    max_scores: dict[str, float] = {}
    pending: dict[str, set[str]] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in STUDENTS:
            notebook = gb.find_submission_notebook(a.id, a.id, student)
            scores[student] = {g.name: g.score for g in notebook.grades}
            max_scores.update({g.name: g.max_score for g in notebook.grades})
            pending[student] = {g.name for g in notebook.grades if g.needs_manual_grade}
    return NbgraderRun(a, partly, course, release, scores, max_scores, pending, otter)


def test_release_is_our_student_notebook_without_hidden_checks(nbgrader_run):
    a = nbgrader_run.assignment
    stub = {c.id: c for c in base_notebook(a, "stub").cells}
    release = nbgrader_run.release
    code = [c for c in release.cells if c.cell_type == "code" and c.id in stub]
    assert len(code) >= len(a.questions())
    for cell in code:                        # nbgrader's stubs are exactly ours
        assert cell.source == stub[cell.id].source, cell.id
    text = nbformat.writes(release) + (
        nbgrader_run.course / "release" / a.id / "_nbgrader_checks.py").read_text()
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    for check in a.registry.checks.values():
        if check.hidden:                     # no hidden probe reaches the student
            assert f"def {check.probe.__name__}(" not in text, check.id


def _ours(run: NbgraderRun, student: str) -> str:
    """The name in the sandboxed class of a student of the nbgrader run."""
    return run.partly_right[student].student if student in run.partly_right else student


def test_nbgrader_scores_equal_sandboxed_grades_per_check(graded_class, nbgrader_run):
    checks = graded_class.assignment.registry.checks
    for student in STUDENTS:
        ours = graded_class.results(_ours(nbgrader_run, student))
        assert set(ours) == set(checks), student
        theirs = nbgrader_run.scores[student]
        for check_id, result in ours.items():
            assert nbgrader_run.max_scores[check_id] == result.max_points
            assert theirs[check_id] == result.points, (student, check_id, result.status,
                                                       result.message)
    # The corpus entries really are partly right, so agreement is not all-or-nothing.
    assert len(nbgrader_run.partly_right) == len(PARTLY)
    for name, entry in nbgrader_run.partly_right.items():
        wrong = nbgrader_run.scores[name]
        assert {k for k in checks if wrong[k] == 0} == set(entry.loses) | unrun(
            graded_class.assignment), name
    assert sum(nbgrader_run.scores["reference"][k] for k in checks) == \
        full_marks(graded_class.assignment)


def test_nbgrader_leaves_written_answers_to_a_person(nbgrader_run):
    a = nbgrader_run.assignment
    for question, meta in a.manual.items():
        assert nbgrader_run.max_scores[question] == meta["points"]
        for student in STUDENTS:
            # nbgrader scores an answer left as released 0; a written one waits for a person.
            if student == "stub":
                assert question not in nbgrader_run.pending[student]
                assert nbgrader_run.scores[student][question] == 0
            else:
                assert question in nbgrader_run.pending[student], (student, question)
    for student in STUDENTS:            # no check needs a person
        assert nbgrader_run.pending[student] <= set(a.manual), student


def test_otter_public_checks_agree(graded_class, nbgrader_run):
    public = {c.id for c in graded_class.assignment.registry.public()}
    for student in STUDENTS:
        ours = graded_class.results(_ours(nbgrader_run, student))
        assert set(nbgrader_run.otter[student]) == public
        for check_id in public:
            assert nbgrader_run.otter[student][check_id] == ours[check_id].points == \
                nbgrader_run.scores[student][check_id], (student, check_id)


def test_nbgrader_feedback_hides_hidden_checks(graded_class, nbgrader_run):
    a = nbgrader_run.assignment
    _nbgrader(nbgrader_run.course, "generate_feedback", a.id)
    page = html.unescape((nbgrader_run.course / "feedback" / PARTLY[0] / a.id /
                          f"{a.id}.html").read_text())
    ours = graded_class.results(nbgrader_run.partly_right[PARTLY[0]].student)
    shown = [c for c in nbgrader_run.partly_right[PARTLY[0]].loses
             if f"CheckFailed: {ours[c].message[:60]}" in page]
    assert shown, "the feedback shows why the failed checks failed"
    assert "BEGIN HIDDEN TESTS" not in page and "run_hidden" not in page
    for check in a.registry.checks.values():
        if check.hidden:
            assert f"def {check.probe.__name__}(" not in page, check.id
