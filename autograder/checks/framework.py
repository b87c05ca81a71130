"""How checks are declared and judged.

A check is a probe (runs where the student's code runs, returns plain observations) and a judge
(runs in the trusted grader, turns observations into a verdict). Inputs are drawn by the grader
from a per-grading seed, so an observation recorded in one grading is useless in another:

    @check("q1", points=1, needs=["MLP"])
    def mlp_output_shape(student, x):
        return {"shape": list(student.MLP()(x).shape)}

    @mlp_output_shape.inputs
    def _(rng):
        return {"x": rng.normal(size=(3, 20)).astype("float32")}

    @mlp_output_shape.judge
    def _(obs, x):
        expect(obs["shape"] == [3, 10], ...)

Only a probe's own source text (and its inputs) ever enters the sandbox: probes must not use
module globals; inside them `np`, `to_numpy` and `unique_variables` are available and anything
else is imported in the probe body.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
import zlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from autograder.checks.expect import Fail

# Statuses a student can see, with the words the feedback uses.
PASSED, FAILED, RAISED, MISSING, TIMEOUT, CRASHED = (
    "passed", "failed", "your code raised", "not defined", "timed out", "kernel died")
GRADER_ERROR, NOT_GRADED = "grader error - ask staff", "not graded"


def function_source(fn: Callable, name: str) -> str:
    """`fn`'s source without decorators, defining `name`.

    A lambda (as in `check.inputs(lambda rng: ...)`) becomes `name = lambda ...`.
    """
    src = textwrap.dedent(inspect.getsource(fn))
    if fn.__name__ == "<lambda>":
        lambdas = [n for n in ast.walk(ast.parse(src)) if isinstance(n, ast.Lambda)]
        if len(lambdas) != 1:
            raise ValueError(f"cannot extract the source of {fn!r}: {len(lambdas)} lambdas "
                             "on its line")
        return f"{name} = {ast.get_source_segment(src, lambdas[0])}\n"
    lines = src.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("def "))
    return re.sub(r"^def \w+\(", f"def {name}(", "\n".join(lines[start:]), count=1) + "\n"


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
class Check:
    """One behaviour of one question, as a probe and a judge."""

    id: str
    question: str
    points: float
    hidden: bool
    needs: tuple[str, ...]
    probe: Callable
    draw: Callable | None = None
    judge_fn: Callable | None = None
    timeout: int = 120
    doc: str = field(default="")

    def inputs(self, fn: Callable) -> Callable:
        """Registers `fn(rng) -> dict` that draws this check's inputs."""
        self.draw = fn
        return fn

    def judge(self, fn: Callable) -> Callable:
        """Registers `fn(obs, **inputs)` that raises `Fail` when the observations are wrong."""
        self.judge_fn = fn
        return fn

    def probe_source(self) -> str:
        """The probe's own source, without decorators, as sent into the sandbox."""
        return function_source(self.probe, self.probe.__name__)

    @property
    def summary(self) -> str:
        """The first line of the probe's docstring (what the check proves), else its id."""
        return self.doc.splitlines()[0] if self.doc else self.id

    def draw_inputs(self, seed: int) -> dict:
        """The inputs for this check under grading seed `seed` (same seed, same inputs)."""
        if self.draw is None:
            return {}
        rng = np.random.default_rng([seed, zlib.crc32(self.id.encode())])
        return self.draw(rng)

    def verdict(self, record: dict, inputs: dict) -> CheckResult:
        """Turns the sandbox's record for this check into a `CheckResult`."""
        def result(status: str, message: str, points: float = 0.0) -> CheckResult:
            return CheckResult(self.id, self.question, points, self.points, status, message,
                               self.hidden)

        status = record.get("status")
        if status == "missing":
            name = str(record.get("error", "?"))[:80]
            return result(MISSING, f"`{name}` is not defined; run the cell that defines it.")
        if status == "raised":
            return result(RAISED, f"Your code raised {str(record.get('error', ''))[:400]}")
        if status == "timeout":
            return result(TIMEOUT, f"`{self.id}` took longer than {self.timeout} s.")
        if status != "ok":
            return result(CRASHED, str(record.get("error", "no answer from the notebook")))
        try:
            self.judge_fn(record["obs"], **inputs)
        except Fail as exc:
            return result(FAILED, str(exc))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            # A malformed observation (forged, or a wrong type from student code) is a failure.
            return result(FAILED, f"`{self.id}` got an observation of the wrong form "
                                  f"({type(exc).__name__}).")
        except Exception as exc:  # noqa: BLE001 - a bug in a judge must not sink the batch
            return result(GRADER_ERROR, f"The grader failed on `{self.id}` "
                                        f"({type(exc).__name__}); your instructor has the details.")
        return result(PASSED, "", self.points)


class Registry:
    """The checks of one assignment, in declaration order."""

    def __init__(self, assignment: str):
        self.assignment = assignment
        self.checks: dict[str, Check] = {}

    def check(self, question: str, points: float, needs: list[str] | tuple = (),
              hidden: bool = True, timeout: int = 120) -> Callable:
        """Decorator declaring a probe as a check of `question`."""
        def register(fn: Callable) -> Check:
            if fn.__name__ in self.checks:
                raise ValueError(f"duplicate check id {fn.__name__!r}")
            made = Check(fn.__name__, question, points, hidden, tuple(needs), fn,
                         timeout=timeout, doc=inspect.getdoc(fn) or "")
            self.checks[fn.__name__] = made
            return made
        return register

    def public(self) -> list[Check]:
        return [c for c in self.checks.values() if not c.hidden]

    def questions(self) -> dict[str, float]:
        """Auto-graded questions and their points, in order."""
        out: dict[str, float] = {}
        for c in self.checks.values():
            out[c.question] = out.get(c.question, 0) + c.points
        return out
