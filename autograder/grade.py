"""Grading a class: every file in a folder becomes a gradebook row, in parallel, resumable."""

from __future__ import annotations

import os
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from autograder import feedback
from autograder.assignments import Assignment
from autograder.gradebook import Gradebook
from autograder.kit.results import Status, SubmissionResult, SubmissionStatus, not_graded
from autograder.runner import file_sha256, grade_submission
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


def find_submissions(folder: Path) -> dict[str, Path]:
    """student -> file: `<folder>/<student>.ipynb` or `<folder>/<student>/<any>.ipynb`.

    Every visible file counts, notebook or not, so that nothing submitted is silently dropped.
    """
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_symlink() or not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        student = rel.parts[0] if len(rel.parts) > 1 else path.stem
        if student in found:
            student = str(rel.with_suffix("")).replace(os.sep, "__")
        found[student] = path
    return found


def default_workers(limits: Limits) -> int:
    """One sandbox per core, at most one per `limits.memory` of free memory."""
    try:
        available = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")
    except (ValueError, OSError):
        available = 8 * GIB
    return max(1, min(os.cpu_count() or 1, available // limits.memory))


def _grade_one(path: Path, student: str, assignment: Assignment, seed: int,
               require_sandbox: bool, limits: Limits | None) -> SubmissionResult:
    """Grades one file; an unexpected failure of the grader itself becomes a row too."""
    try:
        return _grade_file(path, student, assignment, seed, require_sandbox, limits)
    except Exception as exc:  # noqa: BLE001 - one broken submission never stops the class
        sub = SubmissionResult(student, str(path), "", seed, SubmissionStatus.GRADER_FAILED.value,
                               f"grader error: {type(exc).__name__}: {str(exc)[:200]}")
        sub.results = not_graded(assignment.registry.checks.values(), Status.GRADER_ERROR,
                                 "Not graded: the grader failed on this file; ask your "
                                 "instructor.")
        return sub


def _grade_file(path: Path, student: str, assignment: Assignment, seed: int,
                require_sandbox: bool, limits: Limits | None) -> SubmissionResult:
    if path.suffix != ".ipynb":
        sub = SubmissionResult(student, str(path), "", seed, SubmissionStatus.UNGRADABLE.value,
                               f"{path.name} is not a .ipynb notebook")
        sub.results = not_graded(assignment.registry.checks.values(), Status.NOT_GRADED,
                                 f"Not graded: {sub.reason}.")
        return sub
    return grade_submission(path, student, assignment, seed, limits=limits,
                            require_sandbox=require_sandbox)


def grade_class(assignment: Assignment, folder: Path, out: Path, workers: int | None = None,
                seed: int | None = None, regrade: bool = False, require_sandbox: bool = False,
                scheduler: str | None = None, limits: Limits | None = None,
                quiet: bool = False) -> ClassReport:
    """Grades every submission in `folder`; writes gradebook, CSV, feedback and summary."""
    if require_sandbox:
        require_bwrap()
    limits = limits or assignment.limits
    start = time.monotonic()
    book = Gradebook(out / "gradebook.sqlite")
    subs = find_submissions(folder)
    todo = {}
    for student, path in subs.items():
        sha = file_sha256(path) if path.suffix == ".ipynb" else ""
        if regrade or book.graded_hash(assignment.id, student) != sha or not sha:
            todo[student] = path
    seed = secrets.randbits(62) if seed is None else seed
    done = 0

    def report(sub: SubmissionResult) -> None:
        nonlocal done
        book.record(assignment.id, sub)
        done += 1
        if not quiet:
            bar = "#" * int(20 * done / len(todo))
            live = sys.stderr.isatty() and done < len(todo)
            print(f"\r[{bar:<20}] {done}/{len(todo)} {sub.student}: {sub.points:g}/"
                  f"{assignment.max_points():g} {sub.status} ({sub.seconds:.1f} s)   ",
                  file=sys.stderr, end="" if live else "\n", flush=True)

    if scheduler:
        from distributed import Client, as_completed as dask_completed
        with Client(scheduler) as client:
            futures = [client.submit(_grade_one, p, s, assignment, seed, require_sandbox,
                                     limits, pure=False) for s, p in todo.items()]
            for fut in dask_completed(futures):
                report(fut.result())
    else:
        with ThreadPoolExecutor(max_workers=workers or default_workers(limits)) as pool:
            futures = [pool.submit(_grade_one, p, s, assignment, seed, require_sandbox, limits)
                       for s, p in todo.items()]
            for fut in as_completed(futures):
                report(fut.result())
    out.mkdir(parents=True, exist_ok=True)
    csv_path = book.write_csv(assignment, out / "grades.csv")
    fb = feedback.write_feedback(book, assignment, out)
    md, png = feedback.write_summary(book, assignment, out)
    return ClassReport(out / "gradebook.sqlite", csv_path, fb, md, png, len(todo),
                       len(subs) - len(todo), time.monotonic() - start)
