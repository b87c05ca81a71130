"""The command line: help everywhere, and the README's main job on the bundled example classes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from autograder.assignments import ROOT

EXAMPLES = sorted(p.with_name(p.name.removesuffix(".expected.json"))
                  for p in (ROOT / "examples").glob("*.expected.json"))


@pytest.mark.parametrize("args", [[], ["build"], ["grade"], ["lms"], ["export"], ["gradescope-run"],
                                  ["audit"], ["review"], ["manual"], ["course"]])
def test_every_subcommand_has_help(args):
    proc = subprocess.run([sys.executable, "-m", "autograder", *args, "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "usage: autograder" in proc.stdout


def test_there_is_an_example_class():
    assert EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_grade_example_class_end_to_end(example, tmp_path):
    from autograder import assignments

    a = assignments.load(example.name)
    expected = json.loads(example.with_name(f"{example.name}.expected.json").read_text())
    out = tmp_path / "example"
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", a.id, str(example),
                           "--out", str(out), "--workers", "2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    first, points = next(iter(a.questions().items()))
    for line in ("gradebook:", "CSV:", "feedback:", "summary:", f"| {first} | {points:g} |"):
        assert line in proc.stdout
    rows = {r["student"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert sorted(rows) == sorted(expected)
    for student, want in expected.items():
        row = rows[student]
        assert (float(row["total"]), row["status"]) == (want["total"], want["status"]), student
        assert want.get("reason", "") in row["reason"]
        page = (out / "feedback" / f"{student}.html").read_text()
        if want["status"] == "not gradable":    # one sentence, not a row per check
            assert "Your file could not be graded" in page and "<table>" not in page
            continue
        assert all(check in page for check in want["lost"]), student
        if a.manual:                            # the written answers are shown back
            assert "Your written answers (graded by your instructor)" in page
    assert (out / "summary.png").stat().st_size > 1000


def test_require_gpu_refuses_to_grade_where_the_sandbox_sees_no_gpu(tmp_path):
    from autograder.sandbox import nvidia_devices

    if nvidia_devices():
        pytest.skip("this machine has a GPU; the refusal is for machines without one")
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "ada.ipynb").write_text("{}")
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", "01", str(tmp_path / "subs"),
                           "--out", str(tmp_path / "out"), "--require-gpu"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2
    assert "--require-gpu, but a sandbox of this machine sees no GPU" in proc.stderr
    assert not (tmp_path / "out").exists()
