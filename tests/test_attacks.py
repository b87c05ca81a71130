"""Hostile submissions are contained: no points, nothing left behind, nothing secret visible."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.assignments import ROOT
from autograder import zygote
from autograder.kit import probe_runtime
from autograder.sandbox import CGROUP_V1, SANDBOX_RUNTIME, Limits, Sandbox, bwrap_path
from conftest import ASSIGNMENTS
from autograder.corpus import case_ids, cases, entries

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
    seen = json.loads(sub["integrity"])
    assert [f for f in entry.flags if not any(f in flag for flag in seen)] == [], seen


def test_integrity_report_flags_nothing_on_correct_work(graded_class):
    for student, entry in [("reference", None), *graded_class.entries.items()]:
        if entry is None or entry.kind == "alternative":
            assert json.loads(graded_class.submission(student)["integrity"]) == [], student


def test_nothing_hidden_or_unprintable_reaches_a_message_or_a_page(graded_class):
    """No message or feedback page shows a hidden probe's code or what its frames held (a
    hostile entry raises exceptions carrying them, marked LEAKED-FROM-PROBE), and no stored text
    holds a control character."""
    checks = graded_class.assignment.registry.checks.values()
    secret_lines = {line.strip() for c in checks if c.hidden
                    for line in c.probe_source().splitlines()[1:] if len(line.strip()) > 20}
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    for sub in graded_class.book.submissions(graded_class.assignment.id):
        texts = [sub["reason"], sub["cell_errors"], sub["integrity"]]
        texts += [r.message for r in graded_class.results(sub["student"]).values()]
        page = (graded_class.out / "feedback" / f"{sub['student']}.html").read_text()
        for text in texts:
            assert not control.search(text), (sub["student"], text)
        for text in [*texts, page]:
            assert "LEAKED-FROM-PROBE" not in text, sub["student"]
            assert [line for line in secret_lines if line in text] == [], sub["student"]


def _our_cgroups() -> set[Path]:
    """The cgroups of gradings run by this test process (other gradings may run beside it)."""
    return {p for ctrl in ("memory", "pids")
            for p in (CGROUP_V1 / ctrl).glob(f"autograder-{os.getpid()}-*")}


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
        if not any(part in parent_cmd for part in (b"bwrap", b"probe_runtime", b"template_runtime",
                                                   b"hostile")):
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
            # A warm template lives on (it never runs student code); its children may not.
            if int(pid) in zygote.running():
                continue
            if (b"_runtime.py" in cmd or b"ag-hostile-marker" in cmd) and _ours(int(pid)):
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
    # Of the grader package only the sandbox runtimes are there; the rest is not importable.
    assert [p for p in paths if "/autograder/" in p
            and not p.endswith(("probe_runtime.py", "template_runtime.py"))] == []


def _imported(path: Path) -> tuple[set[str], bool]:
    """The top-level packages a file imports beyond the standard library, and whether it has a
    relative import."""
    tree = ast.parse(path.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    relative = any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree))
    return imported - set(sys.stdlib_module_names), relative


def test_probe_runtime_imports_nothing_from_the_trusted_side():
    assert _imported(Path(probe_runtime.__file__)) == ({"numpy", "IPython"}, False)


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


ALONE = '''
def alone(student):
    import os
    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
    return {"pid": os.getpid(), "others": others}
'''


@pytest.mark.skipif(bwrap_path() is None, reason="needs bubblewrap")
def test_the_notebook_is_pid_1_with_no_helper_process_beside_it():
    obs = _sandbox_probe(ALONE, "alone")
    assert obs == {"pid": 1, "others": []}


FLOOD = """
import os, sys
fd = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3
chunk = b"x" * (1 << 20)
for _ in range(1024):       # a gigabyte on the results pipe, without a newline
    os.write(fd, chunk)
"""
MEASURE = """
import json, resource, sys
from pathlib import Path
from autograder import assignments
from autograder.runner import grade_submission
a = assignments.load(sys.argv[2])
sub = grade_submission(Path(sys.argv[1]), "flood", a, 1)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"status": sub.status, "reason": sub.reason, "peak_mib": peak}))
"""


def test_a_newline_free_flood_leaves_the_graders_memory_bounded(tmp_path):
    import nbformat

    from autograder.corpus import base_notebook

    a = ASSIGNMENTS[0]
    nb = base_notebook(a, "stub")
    nb.cells.append(nbformat.v4.new_code_cell(FLOOD))
    nbformat.write(nb, tmp_path / "flood.ipynb")
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path / "flood.ipynb"), a.id],
                          capture_output=True, text=True, timeout=300)
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["status"] == "kernel died"
    assert "sent more than the grader takes" in found["reason"]
    # The grader holds at most one answer's worth (22 MiB) of a sandbox's output beyond its own
    # ~70 MiB: measured 85 MiB on an idle machine, up to 260 MiB on a loaded one (allocator
    # arenas); before the cap, a gigabyte read as one line took it past 1.3 GB.
    print(f"grader peak under a 1 GiB flood: {found['peak_mib']} MiB")
    assert found["peak_mib"] < 400


def test_template_runtime_imports_only_the_standard_library_and_the_probe_runtime():
    # It runs in the sandbox too (the warm template children are forked from).
    assert _imported(Path(zygote.TEMPLATE_RUNTIME)) == ({"probe_runtime"}, False)
