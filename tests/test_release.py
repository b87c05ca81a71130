"""The student release is generated, up to date, and free of solutions and hidden checks."""

from __future__ import annotations

import json
import re

from autograder import build
from autograder.assignments import ASSIGNMENTS


def test_release_is_up_to_date(assignment):
    assert build.stale_files(assignment) == [], "assignments/ is stale: run `make build` and commit"


def test_build_is_reproducible(assignment):
    assert build.release_files(assignment) == build.release_files(assignment)


def test_release_contains_no_solution_code(assignment):
    solution = json.loads(assignment.solution.read_text())
    public = {line.strip() for cell in solution["cells"]
              for line in build.strip_solutions("".join(cell["source"])).splitlines()}
    secret = [line for cell in solution["cells"]
              for line in build.solution_lines("".join(cell["source"])) if line not in public]
    assert len(secret) >= len(assignment.questions())
    # This assignment's own release (a later assignment may hand out, as given code, an earlier
    # one's answer that the lectures show anyway).
    released = "\n".join(p.read_text() for p in assignment.release_dir.rglob("*") if p.is_file())
    assert [line for line in secret if line in released] == []
    assert "BEGIN SOLUTION" not in released
    written = [c for c in solution["cells"] if c["metadata"].get("autograder", {}).get("solution")]
    assert written and all("".join(c["source"]) not in released for c in written)


def test_release_contains_no_hidden_check(assignment):
    released = "\n".join(p.read_text() for p in ASSIGNMENTS.rglob("*") if p.is_file())
    for check in assignment.registry.checks.values():
        assert (check.id in released) == (not check.hidden), check.id
        if check.hidden:
            assert check.probe_source() not in released


def test_release_notebook_marks_itself_generated(assignment):
    nb = json.loads(assignment.release.read_text())
    assert nb["metadata"]["autograder"]["assignment"] == assignment.id
    assert "do not edit" in nb["metadata"]["autograder"]["generated"]
    stubs = sum("".join(c["source"]).count(build.STUB) for c in nb["cells"])
    assert stubs >= len(assignment.questions())


def test_prompt_points_match_the_checks(assignment):
    solution = json.loads(assignment.solution.read_text())
    stated = {}
    for cell in solution["cells"]:
        match = re.match(r"## Q(\d+) · .*\((\d+) points?(?: \+ (\d+) points? written)?",
                         "".join(cell["source"]))
        if match:
            stated[f"q{match[1]}"] = int(match[2])
            if match[3]:
                stated[f"q{int(match[1]) + 1}"] = int(match[3])
    expected = dict(assignment.questions())
    expected.update({q: m["points"] for q, m in assignment.manual.items()})
    assert stated == expected


def test_every_auto_graded_question_has_a_public_check(assignment):
    checks = assignment.registry.checks.values()
    assert {c.question for c in checks} == {c.question for c in checks if not c.hidden}


def test_the_notebook_carries_its_public_checks(assignment):
    """The setup cell holds exactly the release's support files, so it works alone; what it
    holds passes the same leak tests as the files on disk (they are the same bytes)."""
    import nbformat
    nb = json.loads(assignment.release.read_text())
    carried = build.embedded_files(nbformat.read(assignment.release, as_version=4))
    on_disk = {str(p.relative_to(assignment.release_dir)): p.read_text()
               for p in assignment.release_dir.rglob("*.py")}
    assert carried == on_disk == build.support_files(assignment)
    setup = next(c for c in nb["cells"] if "PUBLIC_CHECKS" in "".join(c["source"]))
    assert setup["metadata"]["jupyter"] == {"source_hidden": True}
