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
from autograder.submissions import Submission, find_one, find_submissions
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
        sub = _grader_failed(found, assignment, seed, f"{type(exc).__name__}: {str(exc)[:200]}")
    if found.note:
        sub.reason = "; ".join(r for r in (sub.reason, f"note: {found.note}") if r)
    return sub


def _grader_failed(found: Submission, assignment: Assignment, seed: int,
                   why: str) -> SubmissionResult:
    """The row of a submission the grader itself failed on (`why` goes in its reason)."""
    sub = SubmissionResult(found.student, str(found.path), "", seed,
                           SubmissionStatus.GRADER_FAILED.value, f"grader error: {why}")
    sub.results = not_graded(assignment.registry.checks.values(), Status.GRADER_ERROR,
                             "Not graded: the grader failed on this file; ask your instructor.")
    return sub


def _lost(found: Submission, assignment: Assignment, seed: int,
          exc: BaseException) -> SubmissionResult:
    """The row of a submission whose grading never came back from a cluster worker (Dask
    retries a task whose worker died; after `allowed-failures` deaths it gives up)."""
    why = "the grading worker died" if type(exc).__name__ == "KilledWorker" else \
        f"the cluster failed ({type(exc).__name__})"
    return _grader_failed(found, assignment, seed, f"{why}; grade it again")


def _content_hash(found: Submission) -> str:
    """The SHA-256 of an entry's notebook, or "" when it cannot be read as one."""
    if found.reason:
        return ""
    try:
        return hashlib.sha256(read_bytes(found.path)).hexdigest()
    except BadNotebook:
        return ""


def duration(seconds: float) -> str:
    """`42 s`, `3 min 05 s`, `1 h 02 min`: how long, for a progress line."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def progress_line(done: int, total: int, elapsed: float) -> str:
    """The bar, the count and the time left, estimated from the pace so far."""
    bar = "#" * int(20 * done / total)
    left = elapsed / done * (total - done) if done else 0
    when = f"ETA {duration(left)}" if done < total else f"done in {duration(elapsed)}"
    return f"[{bar:<20}] {done}/{total} {when}"


def resolve_only(assignment: Assignment, names: list[str]) -> set[str]:
    """The check ids that `--only` names: questions (`q3`) or check ids, any case.

    Raises:
        ValueError: a name is neither, with the known names.
    """
    checks = assignment.registry.checks.values()
    chosen, unknown = set(), []
    for name in (n.strip() for n in names if n.strip()):
        hit = {c.id for c in checks if name.lower() in (c.question.lower(), c.id.lower())}
        chosen |= hit
        if not hit:
            unknown.append(name)
    if unknown or not chosen:
        raise ValueError(f"--only {', '.join(unknown) or '(nothing)'}: not a question or check "
                         f"of {assignment.id}; questions: {', '.join(assignment.questions())}; "
                         f"check ids are listed in {assignment.checks_module.replace('.', '/')}"
                         ".py")
    return chosen


def grade_class(assignment: Assignment, folder: Path, out: Path, workers: int | None = None,
                seed: int | None = None, regrade: bool = False, require_sandbox: bool = False,
                scheduler: str | None = None, limits: Limits | None = None,
                quiet: bool = False, only: set[str] | None = None,
                student: str | None = None, roster: list[roster_mod.Student] | None = None,
                deadline: Deadline | None = None) -> ClassReport:
    """Grades every submission in `folder`; writes gradebook, CSV, feedback and summary.

    `folder` may be one notebook (`student` names it, else its file name): it is graded again
    into the gradebook and no other student's rows change. `only` (check ids) regrades just
    those checks of every submission: their rows are replaced, all other rows are kept. Both
    grade with the seed most of the class was graded with, unless `seed` is given, so the
    hidden checks draw the same inputs as for the class.

    With a `roster`, a `deadline` or Canvas download names, rows are per student (see
    `autograder.roster`): the latest submission is graded, older ones kept as history, roster
    students with none get a "no submission" row, and late work its penalty.
    """
    if require_sandbox:
        require_bwrap()
    limits = limits or assignment.limits
    start = time.monotonic()
    single = not folder.is_dir()
    if single:       # one student's file: the class's identities and history stay as they are
        plan = roster_mod.Arrangement([find_one(folder, assignment.id, student)])
    else:
        plan = roster_mod.arrange(find_submissions(folder, assignment.id), roster, deadline)
    subs = plan.submissions
    book = Gradebook(out / "gradebook.sqlite")
    if not single:
        roster_mod.store(book, assignment.id, plan)
    regrade = regrade or single or bool(only)
    todo = []
    for found in subs:
        sha = _content_hash(found)
        if regrade or not sha or book.graded_hash(assignment.id, found.student) != sha:
            todo.append(found)
    if seed is None and (single or only):
        seed = book.class_seed(assignment.id)
    seed = secrets.randbits(62) if seed is None else seed
    for missing in roster_mod.no_submission_rows(assignment, plan, seed):
        book.record(assignment.id, missing)
    done = 0

    def report(sub: SubmissionResult) -> None:
        nonlocal done
        if only:
            book.record_checks(assignment.id, sub, only)
        else:
            book.record(assignment.id, sub)
        done += 1
        if not quiet:
            live = sys.stderr.isatty() and done < len(todo)
            print(f"\r{progress_line(done, len(todo), time.monotonic() - start)} "
                  f"{clean(sub.student, 40)}: {sub.points:g}/{sub.max_points:g} {sub.status} "
                  f"({sub.seconds:.1f} s)   ", file=sys.stderr, end="" if live else "\n",
                  flush=True)

    if scheduler:
        from distributed import Client, as_completed as dask_completed
        with Client(scheduler) as client:
            futures = {client.submit(_grade_one, found, assignment, seed, require_sandbox,
                                     limits, pure=False): found for found in todo}
            for fut in dask_completed(futures):
                try:
                    sub = fut.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: never lose the row
                    sub = _lost(futures[fut], assignment, seed, exc)
                report(sub)
    else:
        with ThreadPoolExecutor(max_workers=workers or default_workers(limits)) as pool:
            futures = [pool.submit(_grade_one, found, assignment, seed, require_sandbox, limits)
                       for found in todo]
            for fut in as_completed(futures):
                report(fut.result())
    out.mkdir(parents=True, exist_ok=True)
    csv_path = book.write_csv(assignment, out / "grades.csv")
    fb = feedback.write_feedback(book, assignment, out)
    write_outputs(book, assignment, out)
    md, png = feedback.write_summary(book, assignment, out)
    return ClassReport(out / "gradebook.sqlite", csv_path, fb, md, png, len(todo),
                       len(subs) - len(todo), time.monotonic() - start)


def write_outputs(book: Gradebook, assignment: Assignment, out: Path) -> Path:
    """`output/<student>.txt`: the end of what each submission printed, for the instructor
    only (a hostile notebook and an untouched stub look different here; never in feedback)."""
    folder = out / "output"
    folder.mkdir(parents=True, exist_ok=True)
    for sub in book.submissions(assignment.id):
        path = folder / f"{sub['student']}.txt"
        if sub.get("output"):
            path.write_text(sub["output"])
        else:
            path.unlink(missing_ok=True)
    return folder
