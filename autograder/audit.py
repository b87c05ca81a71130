"""The check audit: what each check of an assignment catches, on the shipped corpora.

`autograder audit NN` grades the wrong and alternative corpora of assignment NN
(`tests/corpus/NN-*/`) in sandboxes, as a class, and prints per check the wrong entries it
catches and how many alternatives it passes; then the checks that catch nothing, the alternatives
that lose points, and the wrong entries that lose other checks than they declare. An instructor
who edits a check sees at once what it stopped catching (or started failing).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.assignments import Assignment
from autograder.corpus import compose, entries
from autograder.grade import grade_class
from autograder.gradebook import Gradebook
from autograder.kit.results import Status


@dataclass
class Audit:
    """Per check: wrong entries it catches, alternatives it fails; and the corpus's surprises."""

    catches: dict[str, list[str]]
    fails_alternatives: dict[str, list[str]]
    surprises: list[str]
    wrong: int
    alternatives: int
    seconds: float

    @property
    def clean(self) -> bool:
        """No hidden check catches nothing, no alternative loses points, no surprises."""
        return not self.surprises and not any(self.fails_alternatives.values())


def run_audit(assignment: Assignment, workers: int | None = None, seed: int = 1) -> Audit:
    """Grades the assignment's wrong and alternative corpora and tabulates what each check does."""
    start = time.monotonic()
    graded = [*entries(assignment, "wrong"), *entries(assignment, "alternative")]
    with tempfile.TemporaryDirectory(prefix="ag-audit-") as tmp:
        folder, out = Path(tmp) / "corpus", Path(tmp) / "out"
        folder.mkdir()
        for entry in graded:
            nbformat.write(compose(assignment, entry), folder / f"{entry.student}.ipynb")
        grade_class(assignment, folder, out, workers=workers, seed=seed, quiet=True)
        audit = tabulate(assignment, Gradebook(out / "gradebook.sqlite"))
    audit.seconds = time.monotonic() - start
    return audit


def tabulate(assignment: Assignment, book: Gradebook) -> Audit:
    """The audit of a gradebook holding the corpus entries (as `<kind>-<name>` students)."""
    wrong, alternative = entries(assignment, "wrong"), entries(assignment, "alternative")
    results = {e.student: book.results(assignment.id, e.student) for e in [*wrong, *alternative]}
    lost = {s: {r.check_id for r in found if r.points < r.max_points
                and r.status != Status.NEEDS_GPU} for s, found in results.items()}
    # Checks that need a GPU this grader lacks never ran: they can catch nothing here (their
    # judges are proved on recorded observations instead).
    unrun = {r.check_id for found in results.values() for r in found
             if r.status == Status.NEEDS_GPU}
    checks = assignment.registry.checks
    catches = {c: [e.name for e in wrong if c in lost[e.student]] for c in checks}
    fails = {c: [e.name for e in alternative if c in lost[e.student]] for c in checks}
    surprises = [f"hidden check `{c}` catches no wrong entry" for c, found in catches.items()
                 if checks[c].hidden and not found and c not in unrun]
    for e in wrong:
        more, fewer = lost[e.student] - set(e.loses), set(e.loses) - lost[e.student] - unrun
        if more or fewer:
            surprises.append(f"wrong entry `{e.name}`" + (f" also loses {sorted(more)}" if more
                                                            else "") +
                             (f" no longer loses {sorted(fewer)}" if fewer else ""))
    return Audit(catches, fails, surprises, len(wrong), len(alternative), 0.0)


def report(assignment: Assignment, audit: Audit) -> str:
    """The audit as a plain-text table."""
    checks = assignment.registry.checks
    width = max(len(c) for c in checks) + 2
    lines = [f"Check audit of {assignment.id}: {audit.wrong} wrong and {audit.alternatives} "
             f"alternative corpus entries, graded in {audit.seconds:.0f} s.", "",
             f"{'check':<{width}}{'kind':<8}{'alternatives':<14}wrong entries it catches",
             f"{'-' * (width - 2):<{width}}{'----':<8}{'------------':<14}{'-' * 24}"]
    for c, check in checks.items():
        passing = audit.alternatives - len(audit.fails_alternatives[c])
        caught = ", ".join(audit.catches[c]) or "(none)"
        lines.append(f"{c:<{width}}{'hidden' if check.hidden else 'public':<8}"
                     f"{f'{passing}/{audit.alternatives} pass':<14}{caught}")
    lines.append("")
    failing = {c: names for c, names in audit.fails_alternatives.items() if names}
    for c, names in failing.items():
        lines.append(f"ALTERNATIVES FAILING `{c}`: {', '.join(names)}")
    lines += [f"CHECK: {s}" for s in audit.surprises]
    if audit.clean:
        lines.append("Every hidden check catches at least one wrong entry, every alternative "
                     "passes every check, and every wrong entry loses exactly what it declares.")
    return "\n".join(lines)
