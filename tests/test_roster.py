"""Rosters, Canvas download names, resubmissions, late penalties and the LMS import files."""

from __future__ import annotations

import csv
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest

from autograder.corpus import base_notebook
from autograder.export import lms
from autograder.grade import grade_class
from autograder.gradebook import Gradebook
from autograder.kit.results import CheckResult, SubmissionResult
from autograder.late import Deadline, DeadlineError, make_deadline
from autograder.roster import RosterError, arrange, history, load_roster
from autograder.submissions import find_submissions
from conftest import ASSIGNMENTS, SEED, full_marks, short_limits

DUE = datetime(2026, 12, 1, 23, 59, tzinfo=timezone(timedelta(hours=1)))
# The layouts Canvas's gradebook export/import and Gradescope's roster and grade export use.
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
GRADESCOPE_HEADER = ["Name", "SID", "Email", "Total Score", "Max Points", "Status",
                     "Submission Time", "Lateness (H:M:S)"]
ROSTER = ("id,name,email,sis_id,login,section,aliases\n"
          "12345,\"Smith, Jane\",jane@uni.example,s100,smithjane,A,\n"
          "22222,\"Doe, John\",john@uni.example,s200,,A,johnny*\n"
          "33333,\"Lee, Ann\",ann@uni.example,s300,,B,\n")


def _touch(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def _write(folder: Path, name: str, data: bytes = b"{}", when: datetime = DUE) -> Path:
    path = folder / name
    path.write_bytes(data)
    _touch(path, when)
    return path


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("\ufeff" + ROSTER)            # Excel's byte-order mark is fine
    return load_roster(path)


def test_roster_reads_columns_aliases_and_patterns(roster):
    assert [s.id for s in roster] == ["12345", "22222", "33333"]
    assert roster[0].name == "Smith, Jane" and roster[0].login == "smithjane"
    assert roster[1].patterns() == ["johnny*"]


@pytest.mark.parametrize("text, message", [
    ("id,name\n1,A\n", "has no email column"),
    ("id,name,email\n1,A,a@x\n1,B,b@x\n", "line 3: id '1' is already on line 2"),
    ("id,name,email\n1,A,a@x\n2,B,A@X\n", "line 3: email 'A@X' is already on line 2"),
    ("id,name,email\n,A,a@x\n", "line 2: the id is empty"),
    ("id,name,email\n", "lists no students"),
])
def test_a_bad_roster_says_what_to_fix(tmp_path, text, message):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(RosterError, match=message):
        load_roster(path)


def test_canvas_names_one_student_latest_file_number_wins(tmp_path):
    # Canvas's file number decides, not the file time (a re-download resets times).
    _write(tmp_path, "smithjane_12345_67890_01-layers.ipynb", when=DUE + timedelta(days=3))
    _write(tmp_path, "smithjane_LATE_12345_67999_01-layers-1.ipynb", when=DUE)
    _write(tmp_path, "doejohn_22222_68000_01-layers.ipynb")
    plan = arrange(find_submissions(tmp_path, "01"))
    assert sorted(s.student for s in plan.submissions) == ["doejohn", "smithjane"]
    jane = plan.placed["smithjane"]
    assert jane.sub.path.name == "smithjane_LATE_12345_67999_01-layers-1.ipynb"
    assert "latest of 2 submissions (the higher Canvas file number)" in jane.sub.note
    [(key, old, why)] = plan.history
    assert (key, old.sub.path.name) == ("smithjane", "smithjane_12345_67890_01-layers.ipynb")
    assert why.startswith("superseded by smithjane_LATE_12345_67999")


def test_a_file_that_cannot_be_graded_never_supersedes_a_notebook(tmp_path):
    _write(tmp_path, "smithjane_12345_67890_01-layers.ipynb")
    _write(tmp_path, "smithjane_12345_67999_notes.txt")
    plan = arrange(find_submissions(tmp_path, "01"))
    assert plan.placed["smithjane"].sub.path.name == "smithjane_12345_67890_01-layers.ipynb"
    assert [old.sub.path.name for _, old, _ in plan.history] == ["smithjane_12345_67999_notes.txt"]


def test_plain_names_map_through_the_roster_newest_file_time_wins(tmp_path, roster):
    _write(tmp_path, "jane@uni.example.ipynb", when=DUE - timedelta(hours=5))   # email: no match
    _write(tmp_path, "smithjane.ipynb", when=DUE - timedelta(hours=2))          # the login
    _write(tmp_path, "s100.ipynb", when=DUE - timedelta(hours=1))               # the SIS id
    _write(tmp_path, "johnny-final.ipynb")                                      # an alias pattern
    _write(tmp_path, "stranger.ipynb")
    plan = arrange(find_submissions(tmp_path, "01"), roster)
    assert plan.placed["12345"].sub.path.name == "s100.ipynb"
    assert [old.sub.path.name for _, old, _ in plan.history] == ["smithjane.ipynb"]
    assert plan.placed["22222"].sub.path.name == "johnny-final.ipynb"
    assert "not on the roster" in plan.placed["stranger"].sub.note
    assert "not on the roster" in plan.placed["jane@uni.example"].sub.note
    assert [s.id for s in plan.missing] == ["33333"]


def test_nothing_changes_without_roster_deadline_or_canvas_names(tmp_path):
    _write(tmp_path, "zoe.ipynb")
    subs = find_submissions(tmp_path, "01")
    plan = arrange(subs)
    assert plan.submissions == subs and not plan.placed


@pytest.mark.parametrize("late, canvas_late, expected", [
    (timedelta(0), False, (0, 0.0)),
    (timedelta(seconds=-5), True, (1, 0.1)),        # Canvas says late: at least one day
    (timedelta(seconds=1), False, (1, 0.1)),        # one second late is one started day
    (timedelta(days=1, seconds=1), False, (2, 0.2)),
    (timedelta(days=3), False, (3, 0.3)),
    (timedelta(days=3, minutes=1), False, (4, 1.0)),  # past max_late_days: no points
])
def test_late_days_and_penalty_follow_the_stated_rule(late, canvas_late, expected):
    deadline = Deadline(DUE, penalty_per_day=0.1, max_late_days=3)
    days, fraction, _ = deadline.lateness(DUE + late, canvas_late)
    assert (days, fraction) == expected


def test_deadline_from_toml_and_flags():
    d = make_deadline({"due": "2026-12-01T22:59:00Z", "penalty_per_day": 0.1, "max_late_days": 3})
    assert d == Deadline(DUE, 0.1, 3)
    assert make_deadline({"due": DUE}, penalty_per_day=0.25).penalty_per_day == 0.25
    assert make_deadline({}) is None
    with pytest.raises(DeadlineError, match="has no time zone"):
        make_deadline({}, due="2026-12-01T23:59:00")
    with pytest.raises(DeadlineError, match="between 0 and 1"):
        make_deadline({"due": DUE, "penalty_per_day": 10})
    with pytest.raises(DeadlineError, match="not a date and time"):
        make_deadline({}, due="next friday")
    with pytest.raises(DeadlineError, match="without a deadline"):
        make_deadline({}, penalty_per_day=0.1)


def test_lms_files_have_the_documented_headers(tmp_path, roster):
    """Built from gradebook rows directly: Canvas and Gradescope layouts, scores after penalty."""
    a = ASSIGNMENTS[0]
    _write(tmp_path, "smithjane_LATE_12345_67999_01.ipynb", when=DUE + timedelta(hours=30))
    plan = arrange(find_submissions(tmp_path, a.id), roster, Deadline(DUE, 0.1, 3))
    book = Gradebook(tmp_path / "out" / "gradebook.sqlite")
    from autograder.roster import no_submission_rows, store
    store(book, a.id, plan)
    check = next(iter(a.registry.checks.values()))
    sub = SubmissionResult("12345", "x.ipynb", "", SEED, "graded")
    sub.results = [CheckResult(check.id, check.question, 10, 10, "passed", "", False)]
    book.record(a.id, sub)
    for missing in no_submission_rows(a, plan, SEED):
        book.record(a.id, missing)
    canvas = list(csv.reader(lms.write_canvas(book, a, tmp_path / "c.csv", "Layers (123)").open()))
    assert canvas[0] == [*CANVAS_HEADER, "Layers (123)"]
    assert canvas[1][0].strip() == "Points Possible"
    assert canvas[2] == ["Smith, Jane", "12345", "s100", "smithjane", "A", "8"]   # 2 days: -20%
    assert canvas[3][:2] == ["Doe, John", "22222"] and canvas[3][-1] == "0"
    gs = list(csv.DictReader(lms.write_gradescope(book, a, tmp_path / "g.csv").open()))
    assert list(gs[0]) == GRADESCOPE_HEADER
    assert (gs[0]["Email"], gs[0]["Total Score"], gs[0]["Lateness (H:M:S)"]) == \
        ("jane@uni.example", "8", "30:00:00")
    assert (gs[2]["Email"], gs[2]["Status"], gs[2]["Total Score"]) == \
        ("ann@uni.example", "Missing", "0")


def test_roster_canvas_class_one_row_per_student_latest_graded_late_penalised(tmp_path):
    """Two notebooks graded: Jane's older stub is history, her later solution is 2 days late."""
    a = ASSIGNMENTS[0]
    folder, out = tmp_path / "canvas-download", tmp_path / "out"
    folder.mkdir()
    stub = nbformat.writes(base_notebook(a, "stub")).encode()
    good = nbformat.writes(base_notebook(a, "solution")).encode()
    _write(folder, "smithjane_12345_67890_01-layers.ipynb", stub, DUE - timedelta(days=1))
    _write(folder, "smithjane_LATE_12345_67999_01-layers-1.ipynb", good,
           DUE + timedelta(days=1, hours=2))
    _write(folder, "doejohn_22222_68000_01-layers.ipynb", good, DUE - timedelta(minutes=1))
    (tmp_path / "roster.csv").write_text(ROSTER)
    grade_class(a, folder, out, workers=2, seed=SEED, limits=short_limits(a), quiet=True,
                roster=load_roster(tmp_path / "roster.csv"), deadline=Deadline(DUE, 0.1, 3))
    with (out / "grades.csv").open(newline="") as fh:
        reader = csv.DictReader(fh)
        rows = {r["student"]: r for r in reader}
        header = reader.fieldnames
    assert header[:3] == ["student", "name", "email"]
    assert {"submitted", "days late", "late penalty", "final", "superseded"} <= set(header)
    assert sorted(rows) == ["12345", "22222", "33333"]            # one row per student
    top = full_marks(a)
    jane, john, ann = rows["12345"], rows["22222"], rows["33333"]
    assert float(jane["total"]) == top and jane["days late"] == "2"
    assert float(jane["late penalty"]) == round(top * 0.2, 2)
    assert float(jane["final"]) == round(top * 0.8, 2)
    assert "smithjane_12345_67890_01-layers.ipynb" in jane["superseded"]
    assert "late: 2 days late" in jane["reason"]
    assert (float(john["final"]), john["days late"], john["superseded"]) == (top, "0", "")
    assert (float(ann["total"]), ann["status"]) == (0, "not gradable")
    assert ann["reason"].startswith("no submission")
    book = Gradebook(out / "gradebook.sqlite")
    [old] = history(book, a.id)["12345"]
    assert old["file"] == "smithjane_12345_67890_01-layers.ipynb"
    assert old["why"].startswith("superseded by smithjane_LATE_12345_67999")
    page = (out / "feedback" / "12345.html").read_text()
    assert "<b>Late:</b>" in page and "2 days after the deadline" in page
    assert "Late:" not in (out / "feedback" / "22222.html").read_text()
