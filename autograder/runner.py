"""Grading one submission: run its cells in a sandbox, send the probes, judge outside.

The order matters: the probes are sent only after the notebook's own cells have finished; the
sandbox is killed before any observation is judged, so nothing the student left running can
change what is judged.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder import probe_runtime
from autograder.assignments import Assignment
from autograder.checks.framework import CRASHED, NOT_GRADED, TIMEOUT, CheckResult
from autograder.notebook import BadNotebook, read_code_cells
from autograder.sandbox import Limits, Sandbox

GRADED, UNGRADABLE, TIMED_OUT, DIED = "graded", "not gradable", "timed out", "kernel died"
GRADER_FAILED = "grader error"


@dataclass
class SubmissionResult:
    """Everything the gradebook records about one submission."""

    student: str
    path: str
    sha256: str
    seed: int
    status: str
    reason: str = ""
    sandbox: str = ""
    seconds: float = 0.0
    results: list[CheckResult] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)
    digests: dict[str, tuple[str, str]] = field(default_factory=dict)  # check -> (inputs, obs)

    @property
    def points(self) -> float:
        return sum(r.points for r in self.results)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (a huge upload is not loaded whole)."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def digest(tree) -> str:
    """A stable hash of plain data with arrays (for recording inputs and observations)."""
    def canon(x):
        if isinstance(x, dict):
            return {str(k): canon(v) for k, v in sorted(x.items())}
        if isinstance(x, (list, tuple)):
            return [canon(v) for v in x]
        if isinstance(x, np.ndarray):
            return ["nd", str(x.dtype), list(x.shape), hashlib.sha256(x.tobytes()).hexdigest()]
        if isinstance(x, float):
            return repr(x)
        return x
    return hashlib.sha256(json.dumps(canon(tree)).encode()).hexdigest()[:16]


def _cell_name(cells: list[str], index) -> str:
    """How the feedback names a code cell: its position and first line."""
    if not isinstance(index, int) or not 0 <= index < len(cells):
        return "a cell"
    first = next((line.strip() for line in cells[index].splitlines() if line.strip()), "")
    return f"code cell {index + 1} (`{first[:50]}`)"


def zero_results(assignment: Assignment, status: str, message: str) -> list[CheckResult]:
    return [CheckResult(c.id, c.question, 0.0, c.points, status, message, c.hidden)
            for c in assignment.registry.checks.values()]


def _run_cells(box: Sandbox, cells: list[str], cell_timeout: int, deadline: float,
               result: SubmissionResult) -> tuple[int, bool]:
    """Runs the notebook's cells; returns the last cell started and whether the process ended."""
    last_cell = -1
    box.send({"cells": cells, "cell_timeout": cell_timeout})
    while True:
        event = box.next_event(deadline)
        if event is None:
            return last_cell, True
        if event.get("event") == "cell" and isinstance(event.get("index"), int):
            last_cell = event["index"]
        elif event.get("event") == "cell_error":
            result.cell_errors.append(f"{_cell_name(cells, event.get('index'))}: "
                                      f"{str(event.get('error'))[:300]}")
        elif event.get("event") == "cells_done":
            return last_cell, False


def _run_probes(box: Sandbox, checks: list, inputs: dict, deadline: float) -> tuple[dict, bool]:
    """Sends the probes one at a time; returns their raw records and whether the process ended."""
    records: dict[str, dict] = {}
    for check in checks:
        box.send({"id": check.id, "source": check.probe_source(), "func": check.probe.__name__,
                  "names": list(check.needs), "inputs": probe_runtime.encode(inputs[check.id]),
                  "timeout": check.timeout})
        check_deadline = min(deadline, time.monotonic() + check.timeout + 5)
        while True:
            event = box.next_event(check_deadline)
            if event is None:
                records[check.id] = {"status": "timeout"}
                break
            if event.get("event") == "probe" and event.get("id") == check.id:
                records[check.id] = event
                break
        if records[check.id].get("status") == "timeout":
            # Out of time, a dead process, or a probe that ignored its alarm: stop here.
            return records, True
    return records, False


def grade_submission(path: Path, student: str, assignment: Assignment, seed: int,
                     limits: Limits | None = None, python: str | None = None,
                     require_sandbox: bool = False) -> SubmissionResult:
    """Grades one notebook; never raises for anything the submission does."""
    limits = limits or Limits(total_timeout=assignment.total_timeout,
                              cell_timeout=assignment.cell_timeout)
    start = time.monotonic()
    result = SubmissionResult(student, str(path), file_sha256(path), seed, GRADED)
    try:
        cells = read_code_cells(path, assignment.id)
    except BadNotebook as exc:
        result.status, result.reason = UNGRADABLE, str(exc)
        result.results = zero_results(assignment, NOT_GRADED, f"Not graded: {exc}.")
        return result
    checks = list(assignment.registry.checks.values())
    inputs = {c.id: c.draw_inputs(seed) for c in checks}
    deadline = start + limits.total_timeout
    with Sandbox(limits, python=python, require=require_sandbox) as box:
        result.sandbox = box.report.summary()
        last_cell, ended = _run_cells(box, cells, limits.cell_timeout, deadline, result)
        records, ended = ({}, True) if ended else _run_probes(box, checks, inputs, deadline)
        box.send({"done": True})
        timed_out = time.monotonic() >= deadline
        try:
            returncode = box.proc.wait(timeout=0 if timed_out else 3)
        except subprocess.TimeoutExpired:
            returncode = None
    # The sandbox is dead from here on; only now are observations decoded and judged.
    if ended and not records:
        cell = _cell_name(cells, last_cell) if last_cell >= 0 else "start-up"
        if timed_out:
            result.status = TIMED_OUT
            result.reason = f"ran past the {limits.total_timeout:.0f} s limit during {cell}"
            result.results = zero_results(assignment, TIMEOUT, f"Not graded: the notebook {result.reason}.")
        else:
            result.status = DIED
            how = ("it was killed: out of memory or too many processes" if returncode in (-9, 137)
                   else f"exit code {returncode}")
            result.reason = (f"the notebook's process ended during {cell} ({how})"
                             + (" - output too large" if box.overflow else ""))
            result.results = zero_results(assignment, CRASHED, f"Not graded: {result.reason}.")
        result.seconds = time.monotonic() - start
        return result
    for check in assignment.registry.checks.values():
        record = records.get(check.id)
        if record is None:
            record = {"status": "crashed", "error": "The notebook's process ended before this "
                                                     "check could run."}
        obs = None
        if record.get("status") == "ok":
            try:
                obs = probe_runtime.decode(record.get("obs"))
                record = dict(record, obs=obs)
            except (ValueError, KeyError, TypeError) as exc:
                record = {"status": "crashed", "error": f"The observation was malformed ({exc})."}
        elif record.get("status") == "timeout":
            record = {"status": "timeout"}
        verdict = check.verdict(record, inputs[check.id])
        result.results.append(verdict)
        result.digests[check.id] = (digest(inputs[check.id]), digest(obs))
    if timed_out:
        result.status, result.reason = TIMED_OUT, (f"ran past the {limits.total_timeout:.0f} s "
                                                  "limit; checks not reached scored 0")
    result.seconds = time.monotonic() - start
    return result
