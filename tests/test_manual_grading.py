"""Manual grading of written answers: `review` writes the answers and a template, `manual`
records a filled-in CSV (all or nothing), and totals, `max`, grades.csv, the feedback and the
summary then include the written points. No notebook is graded: the gradebook is built from
`SubmissionResult`s directly."""

from __future__ import annotations

import csv
import html

import pytest

from autograder.cli import main
from autograder.export.nbgrader import source_notebook
from autograder.gradebook import MANUAL_DONE, Gradebook
from autograder.kit.results import CheckResult, Status, SubmissionResult
from conftest import ASSIGNMENTS

# An assignment with a written question and no GPU checks; its first written question.
A = next(a for a in ASSIGNMENTS if a.manual and not a.gpu_points())
Q = next(iter(A.manual))
TOP = A.manual[Q]["points"]                    # the written question's points
AUTO = A.max_points()                          # the automatic points
ALL = AUTO + sum(m["points"] for m in A.manual.values())
NN = A.id[:2]
ANSWER = "Keras tracks lists and dicts, not a deque <b>so</b> its layers are invisible."


def _submission(student: str, passed: bool, answer: str | None) -> SubmissionResult:
    sub = SubmissionResult(student, f"{student}.ipynb", "ab" * 32, 7, "graded")
    sub.results = [CheckResult(c.id, c.question, c.points if passed else 0.0, c.points,
                               str(Status.PASSED if passed else Status.FAILED),
                               "" if passed else f"`{c.id}` went wrong.", c.hidden)
                   for c in A.registry.checks.values()]
    if answer is not None:
        sub.answers = {Q: answer}
    return sub


@pytest.fixture
def graded(tmp_path):
    """A graded class of three: full marks with an answer, zero with an answer, zero without."""
    out = tmp_path / "out"
    book = Gradebook(out / "gradebook.sqlite")
    for sub in (_submission("ada", True, ANSWER), _submission("=bob", False, "It is untracked."),
                _submission("cy", False, None)):
        book.record(A.id, sub)
    book.write_csv(A, out / "grades.csv")
    return out, book


def _rows(out) -> dict[str, dict]:
    with (out / "grades.csv").open(newline="") as fh:
        return {r["student"].lstrip("'"): r for r in csv.DictReader(fh)}


def _write(path, lines: list[str]):
    path.write_text("student,question,points,max,comment\n" + "\n".join(lines) + "\n")
    return path


def test_review_writes_every_answer_and_a_template(graded, capsys):
    out, _ = graded
    assert main(["review", NN, "--out", str(out)]) == 0
    page = (out / "review.html").read_text()
    assert html.escape(ANSWER) in page and "It is untracked." in page and "<b>so</b>" not in page
    assert "1 of 3 answered" not in page and "2 of 3 answered, 0 scored" in page
    with (out / "manual-scores.csv").open(newline="") as fh:
        template = list(csv.DictReader(fh))
    assert [(r["student"], r["question"], r["points"], r["max"]) for r in template] == [
        ("'=bob", Q, "", f"{TOP:g}"), ("ada", Q, "", f"{TOP:g}"), ("cy", Q, "0", f"{TOP:g}")]
    assert template[2]["comment"] == "No answer was found in the notebook."
    # A second review keeps the file being filled in and writes the fresh one beside it.
    assert main(["review", NN, "--out", str(out)]) == 0
    assert (out / "manual-scores.new.csv").exists()


def test_manual_scores_from_a_csv_are_in_totals_csv_feedback_and_summary(graded, capsys):
    out, book = graded
    before = _rows(out)
    assert (before["ada"]["total"], before["ada"]["max"], before["ada"][MANUAL_DONE]) == \
        (f"{AUTO:.1f}", f"{ALL:g}", "no")
    part = TOP - 0.5                      # written with a decimal comma, as spreadsheets may
    comma = f"{part:.1f}".replace(".", ",")
    scores = _write(out / "scores.csv", [f"ada,{Q},{TOP:g},{TOP:g},Clear: names the deque.",
                                         f"'=bob,{Q.upper()},\"{comma}\",{TOP:g},Say what fit "
                                         "does.", f"cy,{Q},,{TOP:g},"])
    assert main(["manual", NN, str(scores), "--out", str(out)]) == 0
    assert "recorded 2 scores (1 row without points" in capsys.readouterr().out
    rows = _rows(out)
    assert (rows["ada"][f"{Q} (manual)"], rows["ada"]["total"], rows["ada"]["max"],
            rows["ada"][MANUAL_DONE]) == (f"{TOP:g}", f"{ALL:.1f}", f"{ALL:g}", "yes")
    assert (rows["=bob"][f"{Q} (manual)"], rows["=bob"]["total"], rows["=bob"][MANUAL_DONE]) == \
        (f"{part:g}", f"{part:.1f}", "yes")
    assert (rows["cy"][f"{Q} (manual)"], rows["cy"]["total"], rows["cy"][MANUAL_DONE]) == \
        ("", "0.0", "no")
    page = (out / "feedback" / "ada.html").read_text()
    assert f"<b>{ALL:g} / {ALL:g}</b> points in all" in page and "Clear: names the deque." in page
    assert "are not graded yet" in (out / "feedback" / "cy.html").read_text()
    assert "## Written answers: 2 of 3 submissions scored" in (out / "summary.md").read_text()
    # Recording again replaces a score; it never adds a second one.
    _write(scores, [f"ada,{Q},{part:g},{TOP:g},"])
    assert main(["manual", NN, str(scores), "--out", str(out)]) == 0
    assert _rows(out)["ada"]["total"] == f"{AUTO + part:.1f}"


def test_a_bad_scores_file_names_every_bad_row_and_records_nothing(graded, capsys):
    out, book = graded
    csv_before = (out / "grades.csv").read_bytes()
    over = TOP + 3
    scores = _write(out / "scores.csv", [f"ada,{Q},{TOP:g},{TOP:g},fine", f"ada,{Q},0,{TOP:g},again",
                                         f"zoe,{Q},0,{TOP:g},", f"cy,q99,0,{TOP:g},",
                                         f"cy,{Q},three,{TOP:g},", f"=bob,{Q},{over:g},{TOP:g},",
                                         f"cy,{Q},nan,{TOP:g},"])
    assert main(["manual", NN, str(scores), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    written = ", ".join(A.manual)
    for expected in ("nothing was recorded, because of 6 problems",
                     f"row 3 (ada, {Q}): ada's {Q} is scored twice (also on row 2)",
                     f"row 4 (zoe, {Q}): no student `zoe` in the gradebook of {A.id}",
                     f"row 5 (cy, q99): `q99` is not a written question of {A.id} "
                     f"(written questions: {written})",
                     f"row 6 (cy, {Q}): points `three` is not a number",
                     f"row 7 (=bob, {Q}): {over:g} points is out of range: {Q} is worth 0 to "
                     f"{TOP:g}",
                     f"row 8 (cy, {Q}): points `nan` is not a number"):
        assert expected in err
    assert book.manual(A.id, "ada") == {}                 # row 2 was fine, and still not kept
    assert (out / "grades.csv").read_bytes() == csv_before
    (out / "scores.csv").write_text("name,score\nada,2\n")
    assert main(["manual", NN, str(out / "scores.csv"), "--out", str(out)]) == 2
    assert "the header has no `student`, `question`, `points` column" in capsys.readouterr().err
    assert main(["manual", NN, str(scores), "--out", str(out / "nowhere")]) == 2
    assert "no gradebook at" in capsys.readouterr().err


def test_max_with_the_written_answers_equals_the_nbgrader_notebooks_points(graded):
    out, book = graded
    cells = [c.metadata["nbgrader"] for c in source_notebook(A).cells
             if c.metadata.get("nbgrader", {}).get("grade")]
    manual = {m["grade_id"]: m["points"] for m in cells if m["solution"]}
    assert manual == {q: m["points"] for q, m in A.manual.items()}
    assert {r["max"] for r in book.table(A)} == {sum(m["points"] for m in cells)}
