"""The Gradescope export: a zip whose run_autograder grades with the sandboxed grader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import nbformat

from autograder.assignments import ROOT
from autograder.export import gradescope
from conftest import ASSIGNMENTS, full_marks
from autograder.corpus import base_notebook


def _run(source, assignment, submission, results):
    env = dict(os.environ, PYTHONPATH=str(source))
    return subprocess.run([sys.executable, "-m", "autograder", "gradescope-run",
                           assignment.id, str(submission), str(results)],
                          cwd=source, env=env, capture_output=True, text=True, timeout=600)


def test_gradescope_zip_grades_reference_and_stub(assignment, tmp_path):
    a = assignment
    path = gradescope.build_zip(a, tmp_path / "dist")
    checks_file = a.checks_module.replace(".", "/") + ".py"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert {"setup.sh", "run_autograder", "autograder/kit/probe_runtime.py", checks_file,
                f"solutions/{a.id}/assignment.toml"} <= set(names)
        assert not [n for n in names if n.endswith(".ipynb")]   # no reference solution inside
        assert zf.getinfo("run_autograder").external_attr >> 16 & 0o111
        assert "pip install -q --no-deps" not in zf.read("setup.sh").decode()
        zf.extractall(tmp_path / "source")
    for kind, expected in (("solution", full_marks(a)), ("stub", 0)):
        submission = tmp_path / kind
        submission.mkdir()
        nbformat.write(base_notebook(a, kind), submission / "my work.ipynb")
        proc = _run(tmp_path / "source", a, submission, tmp_path / f"{kind}.json")
        assert proc.returncode == 0, proc.stderr[-2000:]
        results = json.loads((tmp_path / f"{kind}.json").read_text())
        assert results["score"] == expected
        assert len(results["tests"]) == len(a.registry.checks)
        assert {t["visibility"] for t in results["tests"]} == {"visible", "after_published"}
        assert results["extra_data"]["sandbox"].startswith("bwrap")


def test_gradescope_run_without_a_notebook_scores_zero(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "answers.pdf").write_bytes(b"%PDF-1.4")
    proc = _run(ROOT, ASSIGNMENTS[0], tmp_path / "sub", tmp_path / "r.json")
    assert proc.returncode == 0
    results = json.loads((tmp_path / "r.json").read_text())
    assert results["score"] == 0 and "No .ipynb" in results["output"]


def test_nbgrader_notebook_text_describes_the_nbgrader_notebook():
    from autograder.export.nbgrader import HELPER, source_notebook

    for a in ASSIGNMENTS:
        nb = source_notebook(a)
        text = [c.source for c in nb.cells if c.cell_type == "markdown"]
        assert not [t for t in text if "grader.check" in t], a.id       # it has no such cells
        assert sum("The cells under **Checks**" in t for t in text) == 1, a.id
        submit = next(t for t in text if t.startswith("## Submit"))
        assert "without any files next to it" not in submit
        assert f"`{HELPER}.py`" in submit and "`_public_checks.py`" in submit, a.id
