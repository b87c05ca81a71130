"""The unfilled student notebook scores zero on every auto-graded question."""

from autograder.kit.results import Status, SubmissionStatus
from conftest import unrun


def test_stub_scores_zero_everywhere(graded_class):
    results = graded_class.results("stub")
    assert len(results) == len(graded_class.assignment.registry.checks)
    assert {r.check_id: r.points for r in results.values() if r.points} == {}
    assert graded_class.submission("stub")["status"] == SubmissionStatus.GRADED


def test_stub_message_names_the_placeholder_and_where(graded_class):
    for result in graded_class.results("stub").values():
        if result.check_id in unrun(graded_class.assignment):
            assert result.status == Status.NEEDS_GPU, result
            continue
        assert result.status == Status.RAISED, result
        # A hidden check never shows an exception's text (it could carry the probe's inputs).
        text = "" if result.hidden else ": Write your code here"
        assert result.message.startswith(f"Your code raised NotImplementedError{text} (in `"), \
            result
