"""The class summary's insight: per-check failure rates and messages (Markdown and HTML), a
histogram with one bar per point and the ungraded submissions apart, plurals, the printed
output kept for the instructor only, and a progress line with an ETA. Built from
`SubmissionResult`s; nothing is graded here."""

from __future__ import annotations

from autograder import assignments, feedback
from autograder.grade import duration, progress_line, write_outputs
from autograder.gradebook import Gradebook
from autograder.insight import bin_width, plural
from autograder.kit.results import CheckResult, Status, SubmissionResult, not_graded

A = assignments.load("01")
FIRST = next(iter(A.registry.checks.values()))


def _sub(student: str, failed: dict[str, str], status: str = "graded") -> SubmissionResult:
    sub = SubmissionResult(student, f"{student}.ipynb", "", 3, status)
    if status != "graded":
        sub.results = not_graded(A.registry.checks.values(), Status.TIMEOUT, "Not graded.")
        return sub
    sub.results = [CheckResult(c.id, c.question, 0.0 if c.id in failed else c.points, c.points,
                               str(Status.FAILED if c.id in failed else Status.PASSED),
                               failed.get(c.id, ""), c.hidden)
                   for c in A.registry.checks.values()]
    return sub


def test_summary_has_failure_rates_messages_and_plurals(tmp_path):
    book = Gradebook(tmp_path / "gradebook.sqlite")
    said = "`MLP()(x)` returned shape (2, 256); expected (2, 10)."
    book.record(A.id, _sub("ada", {}))
    book.record(A.id, _sub("bo", {FIRST.id: said}))
    book.record(A.id, _sub("cy", {FIRST.id: said}))
    book.record(A.id, _sub("di", {}, status="timed out"))
    md, png = feedback.write_summary(book, A, tmp_path)
    text = md.read_text()
    assert f"| `{FIRST.id}` | {FIRST.question} | 1 | 2 of 3 (67%) | {said} (×2) |" in text
    assert "4 submissions." in text and "Over the 3 submissions graded to the end" in text
    page = (tmp_path / "summary.html").read_text()
    assert "2 of 3 (67%)" in page and "<b>×2</b>" in page and "feedback/ada.html" in page
    assert png.stat().st_size > 1000

    one = Gradebook(tmp_path / "one" / "gradebook.sqlite")
    one.record(A.id, _sub("ada", {}))
    md, _ = feedback.write_summary(one, A, tmp_path / "one")
    assert "1 submission." in md.read_text() and "1 submissions" not in md.read_text()
    assert (plural(1, "submission"), plural(2, "submission")) == ("1 submission", "2 submissions")


def test_histogram_bins_are_one_point_wide_for_whole_points():
    assert bin_width([0, 13, 14, 23], 23) == 1
    assert bin_width([0, 13.5, 23], 25) == 0.5
    assert bin_width([0, 1 / 3], 25) is None


def test_printed_output_is_kept_cleaned_for_the_instructor_never_the_student(tmp_path):
    book = Gradebook(tmp_path / "gradebook.sqlite")
    sub = _sub("ada", {})
    sub.output = "x" * 9000 + "\x1b[31mLOUD\x1b[0m\x07 <script>ok</script>\r\nend\n"
    book.record(A.id, sub)
    stored = book.submissions(A.id)[0]["output"]
    assert len(stored) == 4096 and stored.endswith("LOUD <script>ok</script>\nend\n")
    write_outputs(book, A, tmp_path)
    assert (tmp_path / "output" / "ada.txt").read_text() == stored
    feedback.write_feedback(book, A, tmp_path)
    assert "LOUD" not in (tmp_path / "feedback" / "ada.html").read_text()
    feedback.write_summary(book, A, tmp_path)
    assert "output/ada.txt" in (tmp_path / "summary.html").read_text()


def test_progress_line_shows_the_time_left():
    assert progress_line(1, 4, 30.0) == "[#####               ] 1/4 ETA 1 min 30 s"
    assert progress_line(4, 4, 125.0).endswith("4/4 done in 2 min 05 s")
    assert duration(7300) == "2 h 01 min"
