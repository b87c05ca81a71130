"""What a grading produces: statuses with the words students see, and frozen results.

The one owner of statuses: the sandboxed grader, in-kernel mode, otter's test files, nbgrader's
grade cells, the gradebook and the feedback all use these values (stored as their text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b.")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      r"\ud800-\udfff]")


def clean(text, limit: int = 500) -> str:
    """`text` as one safe line: terminal escapes and control characters removed, newlines and
    tabs as spaces, at most `limit` characters (cut at a word where possible)."""
    text = _CONTROL.sub("", _ANSI.sub("", str(text))).replace("\t", " ").replace("\n", " ")
    text = re.sub(r" {2,}", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut) + "…"


class Status(str, Enum):
    """The verdict of one check, as the student reads it."""

    PASSED = "passed"
    FAILED = "failed"
    RAISED = "your code raised"
    MISSING = "not defined"
    TIMEOUT = "timed out"
    CRASHED = "kernel died"
    NOT_GRADED = "not graded"
    NEEDS_GPU = "needs GPU"        # not run on this grader, and left out of the total
    GRADER_ERROR = "grader error - ask staff"

    def __str__(self) -> str:
        return self.value


class SubmissionStatus(str, Enum):
    """What happened to one submission as a whole."""

    GRADED = "graded"
    UNGRADABLE = "not gradable"
    TIMED_OUT = "timed out"
    DIED = "kernel died"
    GRADER_FAILED = "grader error"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check on one submission."""

    check_id: str
    question: str
    points: float
    max_points: float
    status: str
    message: str
    hidden: bool


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
    integrity: list[str] = field(default_factory=list)   # for a person to look at; no points
    answers: dict[str, str] = field(default_factory=dict)  # written answers, shown back as typed
    output: str = ""        # the end of what the notebook printed: for the instructor only

    @property
    def points(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        """What this grading could give: checks that need a GPU this grader lacks are left out."""
        return possible(self.results)

    @property
    def not_counted(self) -> float:
        """The points of the checks that need a GPU this grader lacks."""
        return sum(r.max_points for r in self.results if r.status == Status.NEEDS_GPU.value)


def possible(results) -> float:
    """The points `results` could give: checks marked "needs GPU" are not counted."""
    return sum(r.max_points for r in results if r.status != Status.NEEDS_GPU.value)


def not_counted_note(points: float) -> str:
    """The visible note for checks left out of a total because they need a GPU."""
    return (f"{points:g} points need a GPU, which this grader does not have: those checks say "
            "\"needs GPU\" and are left out of the total (not failed).") if points else ""


def not_graded(checks, status: Status, message: str) -> list[CheckResult]:
    """One zero-point row per check of `checks`, all with `status` and `message`."""
    return [CheckResult(c.id, c.question, 0.0, c.points, str(status), message, c.hidden)
            for c in checks]
