"""The command line: help everywhere, and the README's main job on the bundled example class."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from autograder.assignments import ROOT

EXAMPLE = ROOT / "examples" / "01-layers-and-models"


@pytest.mark.parametrize("args", [[], ["build"], ["grade"], ["export"], ["gradescope-run"], ["course"]])
def test_every_subcommand_has_help(args):
    proc = subprocess.run([sys.executable, "-m", "autograder", *args, "--help"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "usage: autograder" in proc.stdout


def test_grade_example_class_end_to_end(tmp_path):
    out = tmp_path / "example"
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", "01", str(EXAMPLE),
                           "--out", str(out), "--workers", "2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for line in ("gradebook:", "CSV:", "feedback:", "summary:", "| q1 | 3 |"):
        assert line in proc.stdout
    rows = {r["student"]: r for r in csv.DictReader((out / "grades.csv").open())}
    assert sorted(rows) == ["alice", "bob", "carol", "dave", "erin"]
    assert float(rows["alice"]["total"]) == 17
    assert float(rows["bob"]["q3"]) == 3 and float(rows["bob"]["q7"]) == 0
    assert float(rows["carol"]["total"]) == float(rows["erin"]["total"]) == 0
    assert rows["dave"]["status"] == "not gradable"
    assert "not valid notebook JSON" in rows["dave"]["reason"]
    page = (out / "feedback" / "bob.html").read_text()
    assert "fixed_graph_safe" in page and "OperatorNotAllowedInGraphError" in page
    assert (out / "summary.png").stat().st_size > 1000
