"""Grading one submission: run its cells in a sandbox, send the probes, judge outside.

The order matters: the probes are sent only after the notebook's own cells have finished; the
sandbox is killed before any observation is judged, so nothing the student left running can
change what is judged.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import numpy as np

from autograder import integrity
from autograder.assignments import Assignment
from autograder.kit import probe_runtime
from autograder.kit.checks import (Check, decode_record, function_source, gpus_reported,
                                   merge_fresh)
from autograder.kit.results import (Status, SubmissionResult, SubmissionStatus, clean,
                                    not_graded)
from autograder.notebook import BadNotebook, parse_notebook, read_bytes
from autograder.sandbox import Limits, Sandbox


def digest(tree) -> str:
    """A stable hash of plain data with arrays (for recording inputs and observations)."""
    def canon(x):
        if isinstance(x, dict):
            return {str(k): canon(v) for k, v in sorted(x.items())}
        if isinstance(x, (list, tuple)):
            return [canon(v) for v in x]
        if isinstance(x, np.ndarray):
            return ["nd", str(x.dtype), list(x.shape), hashlib.sha256(x.tobytes()).hexdigest()]
        if isinstance(x, bytes):
            return ["bytes", hashlib.sha256(x).hexdigest()]
        if isinstance(x, float):
            return repr(x)
        return x
    return hashlib.sha256(json.dumps(canon(tree)).encode()).hexdigest()[:16]


def _cell_name(cells: list[str], index, numbers: list[int] | None = None) -> str:
    """How the feedback names a code cell: its place among the notebook's code cells as Jupyter
    shows them (the release's check cells count too) and its first line."""
    if not isinstance(index, int) or not 0 <= index < len(cells):
        return "a cell"
    first = next((line.strip() for line in cells[index].splitlines() if line.strip()), "")
    first = first if len(first) <= 50 else first[:50].rsplit(" ", 1)[0] + " …"
    number = numbers[index] if numbers and index < len(numbers) else index + 1
    return f"code cell {number} (`{first}`)"


def _setup_message(fn) -> dict | None:
    """A device setup function as sent to the sandbox (None for none)."""
    return None if fn is None else {"source": function_source(fn), "func": fn.__name__}


def count_gpus() -> dict:
    """The default setup: how many GPUs TensorFlow sees (for assignments without a setup)."""
    import tensorflow as tf
    return {"gpus": len(tf.config.list_physical_devices("GPU"))}


def sandbox_gpus(assignment: Assignment, limits: Limits, python: str | None = None,
                 require_sandbox: bool = False) -> tuple[int, str]:
    """How many GPUs a sandbox of `assignment` sees (its setup, or `count_gpus`), and what the
    sandbox reported; run before grading with `--require-gpu`."""
    setup, environment = _setup_message(assignment.registry.setup_fn or count_gpus), {}
    with Sandbox(limits, python=python, require=require_sandbox) as box:
        _run_cells(box, [], limits, time.monotonic() + limits.cell_timeout + 60,
                   SubmissionResult("", "", "", 0, ""), setup, environment)
        summary = box.report.summary()
    return gpus_reported(environment), summary


def _run_cells(box: Sandbox, cells: list[str], limits: Limits, deadline: float,
               result: SubmissionResult, setup: dict | None = None,
               environment: dict | None = None, numbers: list[int] | None = None) -> int | None:
    """Runs the setup (when given; its decoded record goes into `environment`), then the
    notebook's cells; returns the last cell started, or None once all are done."""
    last_cell = -1
    box.send({"cells": cells, "cell_timeout": limits.cell_timeout, "setup": setup})
    while True:
        event = box.next_event(deadline)
        if event is None:
            return last_cell
        if event.get("event") == "setup" and environment is not None and last_cell < 0 \
                and not environment:
            environment.update(decode_record(event, limits.observation_bytes))
        elif event.get("event") == "cell" and isinstance(event.get("index"), int):
            last_cell = event["index"]
        elif event.get("event") == "cell_error":
            result.cell_errors.append(f"{_cell_name(cells, event.get('index'), numbers)}: "
                                      f"{clean(event.get('error'), 300)}")
        elif event.get("event") == "cells_done":
            return None


def _run_probes(box: Sandbox, checks: list[Check], inputs: dict, limits: Limits,
                deadline: float, fresh: bool = False) -> tuple[dict[str, dict], Check | None]:
    """Sends the probes (or, with `fresh`, the fresh stages) one at a time; returns their raw
    records, and the check that was running when the process ended or time ran out (None when
    every probe answered)."""
    records: dict[str, dict] = {}
    for check in checks:
        timeout = check.timeout or limits.probe_timeout
        fn = check.fresh_fn if fresh else check.probe
        box.send({"id": check.id, "source": function_source(fn), "func": fn.__name__,
                  "names": [] if fresh else list(check.needs),
                  "inputs": probe_runtime.encode(inputs[check.id]), "timeout": timeout})
        check_deadline = min(deadline, time.monotonic() + timeout + 5)
        while True:
            event = box.next_event(check_deadline)
            if event is None:
                return records, check
            if event.get("event") == "probe" and event.get("id") == check.id:
                records[check.id] = event
                break
        if event.get("status") == "timeout":
            # A probe past its alarm leaves the interpreter in an unknown state: stop here.
            return records, check
    return records, None


def _fresh_stages(checks: list[Check], records: dict[str, dict], cells: list[str], inputs: dict,
                  limits: Limits, deadline: float, python: str | None,
                  require_sandbox: bool, setup: dict | None = None) -> dict[str, dict]:
    """The fresh stages of `checks` whose probe answered: the saved files they returned are
    checked here (never unpacked in the grader), then loaded in a new sandbox, one for the
    checks that want the notebook's cells run again and one for those that want no student
    code. Returns decoded, merged records for those checks."""
    first, second, given = {}, {}, {}
    for check in checks:
        first[check.id] = decode_record(records[check.id], limits.observation_bytes)
        obs = first[check.id].get("obs")
        files = obs.get("files") if isinstance(obs, dict) else None
        try:
            if files is not None or not isinstance(obs, dict) or "files" in obs:
                probe_runtime.archive_listing(files, limits.observation_bytes)
            given[check.id] = dict(inputs[check.id], files=files)
        except ValueError as exc:
            second[check.id] = {"status": "refused", "error": str(exc)}
    for with_cells in (True, False):
        group = [c for c in checks if c.id in given and c.fresh_cells == with_cells]
        if not group:
            continue
        found: dict[str, dict] = {}
        with Sandbox(limits, python=python, require=require_sandbox) as box:
            rerun = SubmissionResult("", "", "", 0, "")   # the re-run's cell errors are not kept
            if _run_cells(box, cells if with_cells else [], limits, deadline, rerun,
                          setup) is None:
                found, _ = _run_probes(box, group, given, limits, deadline, fresh=True)
        for check in group:
            second[check.id] = decode_record(found.get(check.id) or {
                "status": "crashed", "error": "The fresh process ended or ran out of time before "
                                              "it loaded the files."}, limits.observation_bytes)
    return {c.id: merge_fresh(first[c.id], second[c.id]) for c in checks if c.id in second}


def _how_it_ended(box: Sandbox, returncode: int | None) -> str:
    """Why the sandboxed process ended, in words."""
    if box.caps:
        return "it ran into " + " and ".join(box.caps)
    if box.overflow:
        return f"it {box.overflow_words()}"
    if returncode is None:
        return "it stopped answering"
    if returncode < 0:
        return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


def grade_submission(path: Path, student: str, assignment: Assignment, seed: int,
                     limits: Limits | None = None, python: str | None = None,
                     require_sandbox: bool = False,
                     observations: dict | None = None) -> SubmissionResult:
    """Grades one notebook; never raises for anything the submission does.

    `observations`: a dict that receives each check's decoded record (for the GPU smoke script
    and other instructor tools; the gradebook keeps only digests)."""
    limits = limits or assignment.limits
    start = time.monotonic()
    checks = list(assignment.registry.checks.values())
    result = SubmissionResult(student, str(path), "", seed, SubmissionStatus.GRADED.value)
    try:
        data = read_bytes(path)
        result.sha256 = hashlib.sha256(data).hexdigest()
        parsed = parse_notebook(data, assignment.id)
    except BadNotebook as exc:
        result.status, result.reason = SubmissionStatus.UNGRADABLE.value, str(exc)
        result.results = not_graded(checks, Status.NOT_GRADED, f"Not graded: {exc}.")
        return result
    cells = parsed.cells
    result.answers = dict(parsed.answers)
    inputs = {c.id: c.draw_inputs(seed) for c in checks}
    deadline = start + limits.total_timeout
    records: dict[str, dict] = {}
    stopped_at: Check | None = None
    missing = {"status": "crashed", "error": "No answer came from the notebook for this check."}
    setup, environment = _setup_message(assignment.registry.setup_fn), {}
    with Sandbox(limits, python=python, require=require_sandbox) as box:
        result.sandbox = box.report.summary()
        last_cell = _run_cells(box, cells, limits, deadline, result, setup, environment,
                               parsed.numbers)
        gpus = gpus_reported(environment)
        runnable = [c for c in checks if c.gpus <= gpus]
        if last_cell is None:
            records, stopped_at = _run_probes(box, runnable, inputs, limits, deadline)
        returncode = box.exit_code() if box.ended else None
    # The sandbox is dead from here on; only now are observations decoded and judged.
    result.seconds = time.monotonic() - start
    result.output = box.tail()
    if setup is not None:
        result.sandbox += f"; {gpus} GPU{'s' if gpus != 1 else ''} seen by the setup"
        if environment.get("status") not in (None, "ok"):
            why = clean(environment.get("type") or environment.get("status"), 80)
            result.cell_errors.append(f"The grader's device setup failed before your notebook "
                                      f"ran ({why}); checks that need a GPU were not run.")
    for check in checks:
        if check.gpus > gpus:
            records[check.id] = {"status": "needs_gpu", "gpus": gpus}
    result.integrity = integrity.scan_source(cells) + integrity.observed(box, limits)
    out_of_time = time.monotonic() >= deadline
    notes = [f"note: {n}" for n in parsed.notes]
    how = _how_it_ended(box, returncode)
    if last_cell is not None:
        where = _cell_name(cells, last_cell, parsed.numbers) if last_cell >= 0 else "start-up"
        if out_of_time:
            result.status = SubmissionStatus.TIMED_OUT.value
            result.reason = f"ran past the {limits.total_timeout:.0f} s limit during {where}"
            result.results = not_graded(checks, Status.TIMEOUT, f"Not graded: the notebook "
                                                                f"{result.reason}.")
        else:
            result.status = SubmissionStatus.DIED.value
            ended = "the grader stopped the notebook" if box.overflow else \
                "the notebook's process ended"
            result.reason = f"{ended} during {where} ({how})"
            result.results = not_graded(checks, Status.CRASHED, f"Not graded: {result.reason}.")
        result.reason = "; ".join([result.reason, *notes])
        return result
    if stopped_at is not None:
        record = records.get(stopped_at.id)
        if record is not None or out_of_time or not box.ended:
            status, verb = SubmissionStatus.TIMED_OUT, "ran out of time"
            limit = (f"the {limits.total_timeout:.0f} s limit" if out_of_time else
                     f"its {stopped_at.timeout or limits.probe_timeout} s limit")
            records[stopped_at.id] = {"status": "timeout",
                                      "error": f"This check ran past {limit}."}
            result.reason = f"{verb} during the check `{stopped_at.id}`; later checks not reached"
            missing = {"status": "timeout", "error": "Not reached: the notebook ran out of time "
                                                     f"during an earlier check ({limit})."}
        else:
            status = SubmissionStatus.DIED
            records[stopped_at.id] = {"status": "crashed", "error": "The notebook's process "
                                      f"ended while this check ran ({how})."}
            result.reason = (f"the notebook's process ended during the check `{stopped_at.id}` "
                             f"({how}); later checks not reached")
            missing = {"status": "crashed", "error": "Not reached: the notebook's process ended "
                                                     f"during the check `{stopped_at.id}`."}
        result.status = status.value
    elif box.caps:
        result.reason = "it ran into " + " and ".join(box.caps)
    result.reason = "; ".join([*([result.reason] if result.reason else []), *notes])
    fresh = [c for c in checks if c.fresh_fn is not None
             and records.get(c.id, {}).get("status") == "ok"]
    if stopped_at is None:
        final = _fresh_stages(fresh, records, cells, inputs, limits, deadline, python,
                              require_sandbox, setup) if fresh else {}
    else:
        final = {c.id: missing for c in fresh}
    for check in checks:
        record = final.get(check.id) or decode_record(records.get(check.id) or missing,
                                                      limits.observation_bytes)
        result.results.append(check.verdict(record, inputs[check.id]))
        if observations is not None:
            observations[check.id] = record
        obs = record.get("obs")
        if isinstance(obs, dict) and "files" in obs:   # archives carry timestamps: digest the rest
            obs = {k: v for k, v in obs.items() if k != "files"}
        result.digests[check.id] = (digest(inputs[check.id]), digest(obs))
    result.results = assignment.registry.settle(result.results)
    result.seconds = time.monotonic() - start
    return result
