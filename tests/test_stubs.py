"""The unfilled student notebook scores zero on every auto-graded question."""

from autograder.runner import GRADED


def test_stub_scores_zero_everywhere(graded_class):
    results = graded_class.results("stub")
    assert len(results) == len(graded_class.assignment.registry.checks)
    assert {r.check_id: r.points for r in results.values() if r.points} == {}
    assert graded_class.submission("stub")["status"] == GRADED


def test_stub_message_names_the_placeholder(graded_class):
    message = graded_class.results("stub")["mlp_output_shape"].message
    assert message == ("Your code raised NotImplementedError: Write your code here "
                       "(in `__init__`, line 6)")
