"""Where the time of one grading goes: the phases of grading 01's reference, warm template.

Run: `.venv/bin/python benchmarks/one_grading.py [N]` (N gradings after one warm-up). Prints
the median seconds of each phase: sandbox start (a fork from the warm template, or a fresh
process with `AUTOGRADER_TEMPLATE=0`), the notebook's cells, the probes, the kill, and the
judging and bookkeeping after it. Figures only.
"""

from __future__ import annotations

import statistics
import sys
import time

from autograder import assignments, runner
from autograder.sandbox import Sandbox

PHASES = ("start", "cells", "probes", "kill", "judge and rest")


def main(n: int = 5) -> None:
    a = assignments.load("01-layers-and-models")
    marks: dict[str, float] = {}
    original_run_cells, original_run_probes = runner._run_cells, runner._run_probes
    original_init, original_kill = Sandbox.__init__, Sandbox.kill

    def init(self, *args, **kwargs):
        t = time.monotonic()
        original_init(self, *args, **kwargs)
        marks["start"] = marks.get("start", 0) + time.monotonic() - t

    def kill(self):
        t = time.monotonic()
        original_kill(self)
        marks["kill"] = marks.get("kill", 0) + time.monotonic() - t

    def run_cells(*args, **kwargs):
        t = time.monotonic()
        out = original_run_cells(*args, **kwargs)
        marks["cells"] = marks.get("cells", 0) + time.monotonic() - t
        return out

    def run_probes(*args, **kwargs):
        t = time.monotonic()
        out = original_run_probes(*args, **kwargs)
        marks["probes"] = marks.get("probes", 0) + time.monotonic() - t
        return out

    Sandbox.__init__, Sandbox.kill = init, kill
    runner._run_cells, runner._run_probes = run_cells, run_probes
    rows: dict[str, list[float]] = {p: [] for p in (*PHASES, "total")}
    for i in range(n + 1):
        marks.clear()
        t = time.monotonic()
        runner.grade_submission(a.solution, "ref", a, seed=i)
        total = time.monotonic() - t
        if i == 0:
            continue          # the warm-up starts the template
        marks["judge and rest"] = total - sum(marks.get(p, 0) for p in PHASES[:-1])
        for p in PHASES:
            rows[p].append(marks.get(p, 0))
        rows["total"].append(total)
    for p, values in rows.items():
        print(f"{p:>15}: {statistics.median(values):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
