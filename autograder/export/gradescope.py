"""Gradescope: an autograder zip whose `run_autograder` uses this project's sandboxed grader.

Gradescope unpacks the zip into `/autograder/source`, runs `setup.sh` once when the image is
built, then `run_autograder` per submission with the student's files in
`/autograder/submission`; it reads `/autograder/results/results.json`.
"""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

from autograder.assignments import ROOT, Assignment
from autograder.kit.results import Status, SubmissionResult, not_counted_note, possible

SETUP = """#!/usr/bin/env bash
# Runs once when Gradescope builds the image (as root). Choose the base image
# "Ubuntu 22.04" (or newer). The course's pins (TensorFlow 2.21, Keras 3.15, NumPy 2.4) need
# Python >= 3.11, and 22.04's python3 is 3.10: this script then installs Ubuntu's python3.11
# package beside it and builds the grader's virtualenv from that.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq bubblewrap python3-venv python3-pip >/dev/null
PY=python3
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    apt-get install -y -qq python3.11 python3.11-venv >/dev/null || {
        echo "setup.sh: this image's python3 is $(python3 -V 2>&1) and python3.11 could not be"\
             "installed; choose Gradescope's Ubuntu 22.04 base image or newer." >&2; exit 1; }
    PY=python3.11
fi
"$PY" -m venv /autograder/venv
/autograder/venv/bin/pip install -q -r /autograder/source/requirements.txt
# The grader itself is NOT installed into the venv: the sandbox sees the venv, and must not see
# the checks. run_autograder runs it from /autograder/source instead.
"""

RUN = """#!/usr/bin/env bash
# Runs once per submission.
set -uo pipefail
cd /autograder/source
/autograder/venv/bin/python -m autograder gradescope-run {assignment} \\
    /autograder/submission /autograder/results/results.json
"""


def results_json(sub: SubmissionResult, assignment: Assignment) -> dict:
    """Gradescope's results format: one test per check; hidden checks shown after publishing."""
    tests = [{"name": f"{r.question}: {r.check_id}" + (" (hidden)" if r.hidden else ""),
              "score": r.points,
              "max_score": 0 if r.status == Status.NEEDS_GPU else r.max_points,
              "status": "passed" if r.status == Status.PASSED else "failed",
              "output": r.message or r.status,
              "visibility": "after_published" if r.hidden else "visible"} for r in sub.results]
    manual = ", ".join(f"{q} ({m.get('points', 0)} points)" for q, m in assignment.manual.items())
    # The top-level output is shown at once: it must not give away the hidden checks' points
    # before their tests (`after_published`) are shown.
    public = [r for r in sub.results if not r.hidden]
    hidden = len(sub.results) - len(public)
    lines = [f"{sum(r.points for r in public):g} / {possible(public):g} points from public "
             f"checks ({sub.status}{': ' + sub.reason if sub.reason else ''})."]
    if hidden:
        lines.append(f"{hidden} hidden check{'s' if hidden != 1 else ''}: results and points are "
                     f"shown once your instructor publishes the grades.")
    if sub.not_counted:
        lines.append(not_counted_note(sub.not_counted))
    if manual:
        lines.append(f"Graded by hand, not included here: {manual}.")
    lines += [f"A cell raised: {e}" for e in sub.cell_errors[:10]]
    return {"score": sub.points, "output": "\n".join(lines), "tests": tests,
            "extra_data": {"seed": sub.seed, "sandbox": sub.sandbox, "sha256": sub.sha256}}


def pick_submission(folder: Path, assignment: Assignment) -> Path | None:
    """The notebook to grade: the one named like the assignment, else the only/first .ipynb."""
    notebooks = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    named = [p for p in notebooks if p.name == f"{assignment.id}.ipynb"]
    return (named or notebooks or [None])[0]


def source_files(assignment: Assignment) -> list[Path]:
    """What the zip carries: the package, its requirements, and this assignment's metadata."""
    files = [ROOT / "pyproject.toml", ROOT / "requirements.txt",
             ROOT / "solutions" / assignment.id / "assignment.toml"]
    files += sorted(p for p in (ROOT / "autograder").rglob("*.py") if "__pycache__" not in p.parts)
    return files


def build_zip(assignment: Assignment, out: Path) -> Path:
    """Writes `<out>/<id>-gradescope.zip`; returns its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{assignment.id}-gradescope.zip"
    executable = (stat.S_IFREG | 0o755) << 16
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("setup.sh", SETUP), ("run_autograder",
                                                 RUN.format(assignment=assignment.id))):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = executable
            zf.writestr(info, text)
        for file in source_files(assignment):
            info = zipfile.ZipInfo(str(file.relative_to(ROOT)), date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, file.read_bytes())
    return path


def write_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1))
