"""Executing the lecture notebooks in `course/` (in place, so they are committed with outputs)."""

from __future__ import annotations

import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from autograder.assignments import ROOT

COURSE = ROOT / "course"


def run_lectures(inplace: bool = True, names: list[str] | None = None) -> bool:
    """Runs each lecture top to bottom; returns False if any cell failed."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    ok = True
    for path in sorted(COURSE.glob("*.ipynb")):
        if names and not any(path.name.startswith(n) for n in names):
            continue
        nb = nbformat.read(path, as_version=4)
        start = time.monotonic()
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(COURSE)}}).execute()
        except CellExecutionError as exc:
            ok = False
            print(f"FAILED {path.name}: {str(exc).splitlines()[-1][:300]}", file=sys.stderr)
            continue
        print(f"ran {path.name} in {time.monotonic() - start:.1f} s ({len(nb.cells)} cells)")
        if inplace:
            nbformat.write(nb, path)
    return ok
