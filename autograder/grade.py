"""Grading a class: every entry of a folder becomes a gradebook row, in parallel, resumable."""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from autograder import feedback
from autograder import roster as roster_mod
from autograder.assignments import Assignment
from autograder.gradebook import Gradebook
from autograder.late import Deadline
from autograder.kit.results import (Status, SubmissionResult, SubmissionStatus, clean,
                                     not_graded)
from autograder.notebook import BadNotebook, read_bytes
from autograder.runner import grade_submission
from autograder.submissions import Submission, find_submissions
from autograder.sandbox import GIB, Limits, require_bwrap


@dataclass
class ClassReport:
    """Where the outputs of a class grading went, and what it cost."""

    gradebook: Path
    csv: Path
    feedback: Path
    summary: Path
    plot: Path
    graded: int
    skipped: int
    seconds: float


def default_workers(limits: Limits) -> int:
    """One sandbox per core, at most one per `limits.memory` of free memory."""
    try:
        available = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")
    except (ValueError, OSError):
        available = 8 * GIB
    return max(1, min(os.cpu_count() or 1, available // limits.memory))


def _grade_one(found: Submission, assignment: Assignment, seed: int, require_sandbox: bool,
               limits: Limits | None) -> SubmissionResult:
    """Grades one entry; an entry that cannot be graded, or a failure of the grader itself,
    becomes a row too."""
    checks = assignment.registry.checks.values()
    try:
        if found.reason:
            sub = SubmissionResult(found.student, str(found.path), "", seed,
                                   SubmissionStatus.UNGRADABLE.value, found.reason)
            sub.results = not_graded(checks, Status.NOT_GRADED, f"Not graded: {found.reason}.")
        else:
            sub = grade_submission(found.path, found.student, assignment, seed, limits=limits,
                                   require_sandbox=require_sandbox)
    except Exception as exc:  # noqa: BLE001 - one broken submission never stops the class
        sub = SubmissionResult(found.student, str(found.path), "", seed,
                               SubmissionStatus.GRADER_FAILED.value,
                               f"grader error: {type(exc).__name__}: {str(exc)[:200]}")
        sub.results = not_graded(checks, Status.GRADER_ERROR,
                                 "Not graded: the grader failed on this file; ask your "
                                 "instructor.")
    if found.note:
        sub.reason = "; ".join(r for r in (sub.reason, f"note: {found.note}") if r)
    return sub


def _content_hash(found: Submission) -> str:
    """The SHA-256 of an entry's notebook, or "" when it cannot be read as one."""
    if found.reason:
        return ""
    try:
        return hashlib.sha256(read_bytes(found.path)).hexdigest()
    except BadNotebook:
        return ""


def grade_class(assignment: Assignment, folder: Path, out: Path, workers: int | None = None,
                seed: int | None = None, regrade: bool = False, require_sandbox: bool = False,
                scheduler: str | None = None, limits: Limits | None = None,
                quiet: bool = False, roster: list[roster_mod.Student] | None = None,
                deadline: Deadline | None = None) -> ClassReport:
    """Grades every submission in `folder`; writes gradebook, CSV, feedback and summary.

    With a `roster`, a `deadline` or Canvas download names, rows are per student (see
    `autograder.roster`): the latest submission is graded, older ones kept as history, roster
    students with none get a "no submission" row, and late work its penalty.
    """
    if require_sandbox:
        require_bwrap()
    limits = limits or assignment.limits
    start = time.monotonic()
    plan = roster_mod.arrange(find_submissions(folder, assignment.id), roster, deadline)
    subs = plan.submissions
    book = Gradebook(out / "gradebook.sqlite")
    roster_mod.store(book, assignment.id, plan)
    todo = []
    for found in subs:
        sha = _content_hash(found)
        if regrade or not sha or book.graded_hash(assignment.id, found.student) != sha:
            todo.append(found)
    seed = secrets.randbits(62) if seed is None else seed
    for missing in roster_mod.no_submission_rows(assignment, plan, seed):
        book.record(assignment.id, missing)
    done = 0

    def report(sub: SubmissionResult) -> None:
        nonlocal done
        book.record(assignment.id, sub)
        done += 1
        if not quiet:
            bar = "#" * int(20 * done / len(todo))
            live = sys.stderr.isatty() and done < len(todo)
            print(f"\r[{bar:<20}] {done}/{len(todo)} {clean(sub.student, 40)}: {sub.points:g}/"
                  f"{sub.max_points:g} {sub.status} ({sub.seconds:.1f} s)   ",
                  file=sys.stderr, end="" if live else "\n", flush=True)

    if scheduler:
        from distributed import Client, as_completed as dask_completed
        with Client(scheduler) as client:
            futures = [client.submit(_grade_one, found, assignment, seed, require_sandbox,
                                     limits, pure=False) for found in todo]
            for fut in dask_completed(futures):
                report(fut.result())
    else:
        with ThreadPoolExecutor(max_workers=workers or default_workers(limits)) as pool:
            futures = [pool.submit(_grade_one, found, assignment, seed, require_sandbox, limits)
                       for found in todo]
            for fut in as_completed(futures):
                report(fut.result())
    out.mkdir(parents=True, exist_ok=True)
    csv_path = book.write_csv(assignment, out / "grades.csv")
    fb = feedback.write_feedback(book, assignment, out)
    md, png = feedback.write_summary(book, assignment, out)
    return ClassReport(out / "gradebook.sqlite", csv_path, fb, md, png, len(todo),
                       len(subs) - len(todo), time.monotonic() - start)
