"""Hostile submissions are contained: no points, nothing left behind, nothing secret visible."""

from __future__ import annotations

import ast
import os
import sys
import time
from pathlib import Path

import pytest

from autograder.assignments import ROOT
from autograder.kit import probe_runtime
from autograder.sandbox import CGROUP_V1, SANDBOX_RUNTIME, Limits, Sandbox, bwrap_path
from conftest import ASSIGNMENTS
from corpus import case_ids, cases, entries

HOSTILE = cases("hostile")


def test_corpus_has_hostile_entries(assignment):
    assert len(entries(assignment, "hostile")) >= 1


@pytest.mark.parametrize("assignment_, entry", HOSTILE, ids=case_ids(HOSTILE))
def test_hostile_is_contained_and_scores_no_more_than_stub(graded_classes, assignment_, entry):
    graded = graded_classes(assignment_)
    assert graded.points(entry.student) <= graded.points("stub") == 0
    sub = graded.submission(entry.student)
    if entry.status:
        assert sub["status"] == entry.status, sub["reason"]
    assert entry.reason in sub["reason"]


def _our_cgroups() -> set[Path]:
    return {p for ctrl in ("memory", "pids") for p in (CGROUP_V1 / ctrl).glob("autograder-*")}


CGROUPS_BEFORE = _our_cgroups()   # left by an earlier, killed run: not this run's doing


def _ours(pid: int) -> bool:
    """True for a sandbox process of this test run or an orphaned one (not another grader's)."""
    while True:
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            parent_cmd = Path(f"/proc/{ppid}/cmdline").read_bytes() if ppid > 1 else b""
        except OSError:
            return False
        if ppid in (1, os.getpid()):
            return True
        if not any(part in parent_cmd for part in (b"bwrap", b"probe_runtime", b"hostile")):
            return False
        pid = ppid


def test_nothing_left_behind(graded_class):
    # Runs after the class of each assignment was graded.
    time.sleep(1.5)  # longer than the detached writer's period
    for marker in (Path("/tmp/ag-hostile-marker"), ROOT / "ag-hostile-marker",
                   Path.cwd() / "ag-hostile-marker"):
        assert not marker.exists()
    leftovers = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if (b"probe_runtime" in cmd or b"ag-hostile-marker" in cmd) and _ours(int(pid)):
                leftovers.append(cmd[:120])
    assert leftovers == []
    assert _our_cgroups() - CGROUPS_BEFORE == set()


def _sandbox_probe(source: str, func: str) -> dict:
    """Runs one probe of our own in an empty sandbox and returns its observation."""
    with Sandbox(Limits(total_timeout=120, cell_timeout=60)) as box:
        box.send({"cells": ["x = 1"], "cell_timeout": 60})
        deadline = time.monotonic() + 120
        while (event := box.next_event(deadline)) and event.get("event") != "cells_done":
            pass
        box.send({"id": "t", "source": source, "func": func, "names": [],
                  "inputs": probe_runtime.encode({}), "timeout": 100})
        while (event := box.next_event(deadline)) and event.get("event") != "probe":
            pass
    assert event and event["status"] == "ok", event
    return probe_runtime.decode(event["obs"])


LIST_READABLE = '''
def list_readable(student):
    import os
    seen = []
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in ("/proc", "/sys", "/dev")]
        for name in files:
            path = os.path.join(top, name)
            if os.access(path, os.R_OK):
                seen.append(path)
    return {"paths": seen, "uid": os.getuid()}
'''


@pytest.mark.skipif(bwrap_path() is None, reason="needs bubblewrap")
def test_sandbox_sees_only_interpreter_libraries_and_runtime():
    obs = _sandbox_probe(LIST_READABLE, "list_readable")
    paths = obs["paths"]
    assert SANDBOX_RUNTIME in paths and len(paths) > 1000   # it did walk the venv
    venv = Path(sys.prefix)
    repo_files = [p for p in paths if p.startswith(str(ROOT)) and not p.startswith(str(venv))]
    assert repo_files == []
    forbidden = ("/root", "/home", "/work/shared")
    assert [p for p in paths if p.startswith(forbidden) and not p.startswith(str(venv))] == []
    outside_libraries = [p for p in paths if not p.startswith((str(venv), "/usr/"))]
    leaks = [p for p in outside_libraries if "solutions" in p or "/checks/" in p
             or "gradebook" in p or p.endswith(".ipynb")]
    assert leaks == []
    # Of the grader package only the sandbox runtime is there; the rest is not importable.
    assert [p for p in paths if "/autograder/" in p and not p.endswith("probe_runtime.py")] == []


def test_probe_runtime_imports_nothing_from_the_trusted_side():
    tree = ast.parse(Path(probe_runtime.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported - set(sys.stdlib_module_names) == {"numpy", "IPython"}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]


def test_the_kit_imports_only_itself_numpy_and_the_standard_library():
    # The kit is shipped into every release: it may not reach the trusted grader.
    for path in Path(probe_runtime.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        absolute = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        absolute |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and not node.level}
        assert absolute - set(sys.stdlib_module_names) <= {"numpy", "IPython"}, path.name


def test_without_bubblewrap_grading_still_works_and_says_it_is_weak(monkeypatch):
    from autograder import sandbox
    from autograder.runner import grade_submission

    a = ASSIGNMENTS[0]
    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    with pytest.raises(sandbox.SandboxUnavailable):
        grade_submission(a.solution, "ref", a, 1, require_sandbox=True)
    result = grade_submission(a.solution, "ref", a, 1, limits=Limits(total_timeout=120))
    assert result.sandbox.startswith("WEAK (no bubblewrap)")
    assert result.points == a.max_points()
