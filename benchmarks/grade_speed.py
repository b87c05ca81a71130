"""Grading speed: seconds per submission for the reference solution, with 1 and 2 workers.

Run: `make bench` (or `.venv/bin/python benchmarks/grade_speed.py [N]`). Prints figures only;
no test asserts on time.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from autograder import assignments
from autograder.grade import grade_class


def main(n: int = 4) -> None:
    a = assignments.load("01-layers-and-models")
    work = Path(tempfile.mkdtemp(prefix="ag-bench-"))
    folder = work / "subs"
    folder.mkdir()
    for i in range(n):
        shutil.copy(a.solution, folder / f"student{i:02d}.ipynb")
    for workers in (1, 2):
        start = time.monotonic()
        rep = grade_class(a, folder, work / f"out{workers}", workers=workers, seed=1,
                          regrade=True, quiet=True)
        wall = time.monotonic() - start
        print(f"{n} reference submissions, {workers} worker(s): {wall:.1f} s wall, "
              f"{wall / n:.2f} s per submission (graded {rep.graded})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
