"""The reference solution scores full marks: sandboxed and through otter's checks (in-kernel
under 20 seeds: `test_seeds.py`)."""

from __future__ import annotations

from nbclient import NotebookClient

from autograder import build
from autograder.kit.results import Status
from conftest import full_marks, unrun


def test_reference_full_marks_sandboxed(graded_class):
    a = graded_class.assignment
    results = graded_class.results("reference")
    assert {r.check_id for r in results.values() if r.status != Status.PASSED} == unrun(a)
    assert all(results[c].status == Status.NEEDS_GPU for c in unrun(a))
    assert set(results) == set(a.registry.checks)
    assert graded_class.points("reference") == full_marks(a) > 0
    sub = graded_class.submission("reference")
    assert sub["status"] == "graded" and sub["reason"] == "" and sub["sandbox"].startswith("bwrap")


def _run_release(assignment, tmp_path, keep_solutions: bool) -> dict[str, str]:
    """Executes the release notebook (optionally with solutions) ALONE in an empty folder, as
    on Colab: its setup cell writes the public checks it carries."""
    folder = tmp_path / assignment.id
    folder.mkdir(parents=True)
    nb = build.build_notebook(assignment, keep_solutions=keep_solutions)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    outputs = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("grader.check("):
            outputs[cell.source] = "".join(o.get("data", {}).get("text/plain", "") or
                                           o.get("text", "") for o in cell.outputs)
    return outputs


def test_otter_public_checks_pass_on_reference_and_fail_on_stub(assignment, tmp_path):
    public = {c.question for c in assignment.registry.public()}
    solved = _run_release(assignment, tmp_path / "solved", keep_solutions=True)
    assert set(solved) == {f'grader.check("{q}")' for q in public}
    assert all("All test cases passed" in text for text in solved.values()), solved
    stub = _run_release(assignment, tmp_path / "stub", keep_solutions=False)
    assert all("Test case failed" in text and "Write your code here" in text
               for text in stub.values()), stub
