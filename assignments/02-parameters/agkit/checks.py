"""How checks are declared, validated and judged.

A check is a probe (runs where the student's code runs, returns plain observations) and a judge
(runs in the trusted grader, turns observations into a verdict). Inputs are drawn by a named
drawer from a per-grading seed, so an observation recorded in one grading is useless in another:

    def x20(rng):
        return {"x": batch(rng, 20)}

    @check("q1", points=1, inputs=x20, hidden=False)
    def mlp_output_shape(student, x):
        '''`MLP()` maps a (batch, 20) input to a (batch, 10) output.'''
        return {"shape": shape_of(student.MLP()(x))}

    @mlp_output_shape.judge
    def judge_mlp_output_shape(obs, x):
        got = obs.shape("shape", "The shape of `MLP()(x)`")
        expect(got == (x.shape[0], 10), ...)

Only a probe's own source text (and its inputs) enters the sandbox, so a probe may use only
the names the sandbox provides (`np`, `to_numpy`, `shape_of`, `unique_variables`) and what it
imports in its body. Drawers and judges may use the kit (`autograder.kit.draw`, `.expect`,
NumPy as `np`) and functions of their own module; nothing else, so that the release and the
nbgrader export can rebuild them. `Registry.validate()` (which every checks module calls last)
enforces all of this and names the check and what to fix.

The student names a probe needs are the `student.NAME` it reads (plus any `needs=`); a missing
one is reported as "not defined" before the probe runs.
"""

from __future__ import annotations

import ast
import builtins
import dis
import inspect
import re
import secrets
import textwrap
import types
import zlib
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from . import draw as draw_module
from . import expect as expect_module
from .expect import Fail, Observation
from .probe_runtime import (MAX_ARRAY_BYTES, PROBE_GLOBALS, archive_listing, decode, encode,
                            run_probe, run_setup)
from .results import CheckResult, Status, clean

IDENTIFIER = re.compile(r"[A-Za-z_]\w{0,79}")
DOTTED = re.compile(r"[A-Za-z_][\w.]{0,79}")

# Names a drawer or judge may take from outside its own module: the kit's exports and NumPy.
KIT_NAMES: dict[str, object] = {
    "np": np,
    **{name: getattr(expect_module, name) for name in expect_module.__all__},
    **{name: getattr(draw_module, name) for name in draw_module.__all__},
    **{name: value for name, value in PROBE_GLOBALS.items() if name != "np"},
}
BUILTINS = set(dir(builtins))


class CheckDefinitionError(Exception):
    """A check is declared wrongly; the message names the check and what to fix."""


def global_names(code: types.CodeType) -> set[str]:
    """Global names a function's code (and the code nested in it) reads."""
    names = {ins.argval for ins in dis.get_instructions(code)
             if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= global_names(const)
    return names


def function_source(fn: Callable, decorators: bool = False) -> str:
    """`fn`'s source, dedented, from its `def` line (or its first decorator)."""
    src = textwrap.dedent(inspect.getsource(fn))
    if decorators:
        return src
    lines = src.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("def "))
    return "\n".join(lines[start:]) + "\n"


def student_names(fn: Callable) -> list[str]:
    """The `student.NAME` attributes a probe reads, in source order."""
    tree = ast.parse(function_source(fn))
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute)
             and isinstance(node.value, ast.Name) and node.value.id == "student"]
    found.sort(key=lambda n: (n.lineno, n.col_offset))
    return list(dict.fromkeys(n.attr for n in found))


def decode_record(record: dict, max_bytes: int | None = None) -> dict:
    """A probe's raw record with its observation decoded; a malformed one becomes 'malformed'."""
    if record.get("status") != "ok":
        return record
    try:
        kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
        return dict(record, obs=decode(record.get("obs"), **kwargs))
    except (ValueError, TypeError, KeyError) as exc:
        return {"status": "malformed", "error": str(exc)[:200]}


def gpus_reported(record: dict) -> int:
    """The GPU count a (decoded) setup record reports; 0 when the setup failed or is absent."""
    obs = record.get("obs") if record.get("status") == "ok" else None
    gpus = obs.get("gpus") if isinstance(obs, dict) else 0
    return gpus if isinstance(gpus, int) and not isinstance(gpus, bool) and gpus > 0 else 0


def merge_fresh(first: dict, second: dict) -> dict:
    """One record from a check's two stages (both decoded): the probe's observation with the
    fresh stage's under "fresh", or the fresh stage's failure."""
    if second.get("status") == "ok" and isinstance(first.get("obs"), dict):
        return dict(first, obs=dict(first["obs"], fresh=second.get("obs")))
    if second.get("status") == "refused":
        return second
    return dict(second, stage="fresh")


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
    timeout: int | None = None        # seconds for the probe; None: the assignment's limit
    judge_fn: Callable | None = None
    doc: str = field(default="")
    fresh_fn: Callable | None = None  # a second probe, run in a new sandbox on saved files
    fresh_cells: bool = True          # whether that sandbox first runs the notebook's cells
    gpus: int = 0                     # GPUs the check needs; with fewer it is "needs GPU"
    timed: bool = False               # it observes durations, so only its verdict repeats
    after: tuple[str, ...] = ()       # checks this one builds on (see `Registry.settle`)

    def judge(self, fn: Callable) -> Callable:
        """Registers `fn(obs, **inputs)`, which raises `Fail` when the observations are wrong."""
        self.judge_fn = fn
        return fn

    def fresh(self, cells: bool) -> Callable:
        """Registers `fn(student, files, **inputs)`, run in a NEW sandbox on the bytes the probe
        returned as `obs["files"]` (a `pack_dir` archive, checked by the grader first), or with
        `files=None` when the probe returned no "files" (a measurement the grader repeats in a
        clean process, for instance).

        With `cells=True` that sandbox first runs the notebook's cells again (the student's
        definitions, none of the objects the probe made); with `cells=False` it holds no student
        code at all. The judge finds what `fn` returns under `obs["fresh"]`.
        """
        def register(fn: Callable) -> Callable:
            self.fresh_fn, self.fresh_cells = fn, cells
            return fn
        return register

    def probe_source(self) -> str:
        """The probe's own source, without decorators, as sent into the sandbox."""
        return function_source(self.probe)

    @property
    def summary(self) -> str:
        """The first paragraph of the probe's docstring (what the check proves), else its id."""
        return " ".join(self.doc.split("\n\n")[0].split()) if self.doc else self.id

    def draw_inputs(self, seed: int) -> dict:
        """The inputs for this check under grading seed `seed` (same seed, same inputs)."""
        if self.draw is None:
            return {}
        rng = np.random.default_rng([seed, zlib.crc32(self.id.encode())])
        return self.draw(rng)

    def verdict(self, record: dict, inputs: dict) -> CheckResult:
        """The verdict on one (decoded) record of this check: the only place verdicts are made.

        `record["status"]` is the probe's ("ok", "missing", "raised", "timeout") or the
        grader's ("timeout", "crashed", "malformed"), with `error` saying why.
        """
        def result(status: Status, message: str, points: float = 0.0) -> CheckResult:
            return CheckResult(self.id, self.question, points, self.points, status.value,
                               message, self.hidden)

        if record.get("status") == "needs_gpu":
            have = record.get("gpus")
            have = have if isinstance(have, int) and not isinstance(have, bool) else 0
            wanted = "a GPU" if self.gpus == 1 else f"{self.gpus} GPUs"
            return result(Status.NEEDS_GPU, f"This check needs {wanted} and this grader has "
                                            f"{have or 'none'}: it did not run and its "
                                            f"{self.points:g} point{'s' if self.points != 1 else ''}"
                                            f" {'are' if self.points != 1 else 'is'} left out of "
                                            "the total.")

        if record.get("stage") == "fresh" and record.get("status") != "ok":
            inner = self.verdict(dict(record, stage=None), inputs)
            return result(Status(inner.status), "In a fresh process that loaded your saved "
                                                f"files: {inner.message}")
        status, error = record.get("status"), clean(record.get("error", ""), 300)
        if status == "refused":
            return result(Status.FAILED, f"Your saved files were not taken: {error}.")
        if status == "missing":
            name = error if IDENTIFIER.fullmatch(error) else "a name this check needs"
            return result(Status.MISSING, f"`{name}` is not defined; run the cell that "
                                          "defines it.")
        if status == "raised":
            return result(Status.RAISED, self._raised_message(record))
        if status == "timeout":
            return result(Status.TIMEOUT, error or "This check ran past its time limit.")
        if status == "crashed":
            return result(Status.CRASHED,
                          error or "The notebook's process ended before this check could run.")
        if status != "ok":
            why = f" ({error})" if status == "malformed" and error else ""
            return result(Status.FAILED, f"The notebook's answer to this check was malformed{why}; "
                                         "it cannot come from the check's own code.")
        try:
            self.judge_fn(Observation(record.get("obs")), **inputs)
        except Fail as exc:
            return result(Status.FAILED, clean(exc))
        except Exception as exc:  # noqa: BLE001 - a judge's bug is the grader's, not the student's
            return result(Status.GRADER_ERROR, f"The grader failed on this check "
                                               f"({type(exc).__name__} in its judge); your "
                                               "instructor has been told.")
        return result(Status.PASSED, "", self.points)

    def _raised_message(self, record: dict) -> str:
        """"Your code raised ..." from a record's fields, each checked (the sandbox is untrusted).

        A hidden check never shows the exception's text: student code can fill it with whatever
        the probe's frames held (its inputs, its source). A public check shows its first line.
        """
        kind = record.get("type")
        kind = kind if isinstance(kind, str) and DOTTED.fullmatch(kind) else "an exception"
        function, line = record.get("function"), record.get("line")
        used = ", ".join(f"`{name}`" for name in self.needs) or "your object"
        has_line = isinstance(line, int) and not isinstance(line, bool)
        doing = clean(record.get("doing") or "", 200) if isinstance(record.get("doing"), str) \
            else ""
        # What the check was doing when the student's own code raised, in the prompt's words.
        context = f" while the check {doing}" if doing and not record.get("step") else ""
        if isinstance(function, str) and IDENTIFIER.fullmatch(function) and has_line:
            where = f" (in `{function}`, line {line}){context}"
        elif has_line and not record.get("step"):   # a comprehension, lambda or cell body
            where = f" (in your code for {used}, line {line}){context}"
        elif record.get("step") is True:
            where = f" while the check {doing}" if doing else f" while the check used your {used}"
        else:
            where = ""
        text = "" if self.hidden else clean(record.get("text") or "", 180 if context else 300)
        return f"Your code raised {kind}{': ' + text if text else ''}{where}"

    def run_in_kernel(self, namespace: dict, seed: int | None = None,
                      gpus: int | None = None) -> CheckResult:
        """Probe and judge in this process (feedback only: the student's code can change both).

        `gpus`: how many GPUs this process has (from the registry's setup); a check that needs
        more is "needs GPU" without running.
        """
        inputs = self.draw_inputs(secrets.randbits(62) if seed is None else seed)
        if self.gpus and (gpus or 0) < self.gpus:
            return self.verdict({"status": "needs_gpu", "gpus": gpus or 0}, inputs)
        record = decode_record(run_probe(self.probe_source(), self.probe.__name__,
                                         list(self.needs), namespace, decode(encode(inputs))))
        if self.fresh_fn is not None and record.get("status") == "ok":
            # In-kernel there is no fresh process: the second stage runs here (feedback only).
            files = record["obs"].get("files") if isinstance(record["obs"], dict) else None
            try:
                if files is not None:
                    archive_listing(files, MAX_ARRAY_BYTES)
                second = decode_record(run_probe(
                    function_source(self.fresh_fn), self.fresh_fn.__name__, [],
                    namespace if self.fresh_cells else {}, decode(encode(dict(inputs, files=files)))))
            except ValueError as exc:
                second = {"status": "refused", "error": str(exc)}
            record = merge_fresh(record, second)
        return self.verdict(record, inputs)


class Registry:
    """The checks of one assignment, in declaration order."""

    def __init__(self, assignment: str):
        self.assignment = assignment
        self.checks: dict[str, Check] = {}
        self.setup_fn: Callable | None = None

    def check(self, question: str, points: float, inputs: Callable | None = None,
              hidden: bool = True, needs: list[str] | tuple = (),
              timeout: int | None = None, gpus: int = 0, timed: bool = False,
              after: list[str] | tuple = ()) -> Callable:
        """Decorator declaring a probe as a check of `question`, its inputs drawn by `inputs`.

        `gpus=N`: the check needs N GPUs; a grader with fewer marks it "needs GPU", leaves its
        points out of the total and never runs it (the count comes from `setup`). `timed=True`:
        the check observes durations, so a regrade repeats its inputs and verdict, not its
        observation. `after=[ids]`: earlier checks of what this one builds on; when one of them
        fails, a failure here is reported as following from it (`settle`), not as a second
        mistake.
        """
        def register(fn: Callable) -> Check:
            if fn.__name__ in self.checks:
                raise CheckDefinitionError(f"duplicate check id {fn.__name__!r}")
            names = tuple(dict.fromkeys([*student_names(fn), *needs]))
            made = Check(fn.__name__, question, points, hidden, names, fn, inputs,
                         timeout=timeout, doc=inspect.getdoc(fn) or "", gpus=gpus, timed=timed,
                         after=tuple(after))
            self.checks[fn.__name__] = made
            return made
        return register

    def setup(self, fn: Callable) -> Callable:
        """Registers `fn()`, run in every sandbox BEFORE the notebook's first cell (and in the
        student's kernel before a check that needs a GPU). It prepares the devices (e.g. splits
        the CPU into logical devices) and returns plain data with `"gpus"`, the number of GPUs
        the process sees. It runs before any student code, so that count can be trusted. It
        must be safe to run twice (devices already fixed: catch `RuntimeError`).
        """
        self.setup_fn = fn
        return fn

    def gpus_in_kernel(self) -> int:
        """The GPU count the setup reports in this process (0 without a setup or on failure)."""
        if self.setup_fn is None:
            return 0
        return gpus_reported(decode_record(run_setup(function_source(self.setup_fn),
                                                     self.setup_fn.__name__)))

    def settle(self, results: list[CheckResult]) -> list[CheckResult]:
        """Where a check failed and one it builds on (`after`) failed too, says so instead of
        charging the same design choice twice in two words: "not checked on its own because ...".
        Points are unchanged (the check did not pass); only the message and status change."""
        by_id = {r.check_id: r for r in results}
        out = []
        for r in results:
            check = self.checks.get(r.check_id)
            # Only a verdict on the student's code follows from another (not a time-out, a
            # crash or a missing name, which say more on their own).
            wrong = (Status.FAILED, Status.RAISED)
            failed_before = [by_id[p] for p in (check.after if check else ())
                             if p in by_id and by_id[p].status in wrong]
            # An unwritten answer (the release's placeholder) says so itself.
            unwritten = r.message.startswith("Your code raised NotImplementedError")
            if r.status not in wrong or not failed_before or unwritten:
                out.append(r)
                continue
            first = self.checks[failed_before[0].check_id]
            where = "" if first.question == r.question else f" of {first.question.upper()}"
            used = ", ".join(f"`{name}`" for name in check.needs) or "your code"
            out.append(replace(r, status=Status.FAILED, message=clean(
                f"Not checked on its own: it uses {used}, which does not pass the check{where} "
                f"\"{first.summary}\" yet. Fix that first; these points follow it.", 480)))
        return out

    def public(self) -> list[Check]:
        return [c for c in self.checks.values() if not c.hidden]

    def questions(self) -> dict[str, float]:
        """Auto-graded questions and their points, in order."""
        out: dict[str, float] = {}
        for c in self.checks.values():
            out[c.question] = out.get(c.question, 0) + c.points
        return out

    def run_public(self, check_id: str, env: dict) -> None:
        """Runs one check in the student's kernel; raises AssertionError with the message."""
        check = self.checks[check_id]
        result = check.run_in_kernel(env, gpus=self.gpus_in_kernel() if check.gpus else None)
        if result.status != Status.PASSED:
            raise AssertionError(result.message)

    # ------------------------------------------------------------------ validation

    def helpers(self, checks: list[Check]) -> list[Callable]:
        """Functions of the checks' module that their drawers and judges use, in source order.

        Raises:
            CheckDefinitionError: a drawer, judge or helper reads a name that is neither a kit
                export, a builtin, nor a function of its own module.
        """
        found: dict[Callable, None] = {}

        def visit(fn: Callable, owner: str) -> None:
            for name in sorted(global_names(fn.__code__)):
                value = fn.__globals__.get(name)
                if name in KIT_NAMES and value is KIT_NAMES[name]:
                    continue
                if name in BUILTINS and name not in fn.__globals__:
                    continue
                if isinstance(value, types.FunctionType) and value.__module__ == fn.__module__:
                    if value not in found:
                        found[value] = None
                        visit(value, owner)
                    continue
                raise CheckDefinitionError(
                    f"check `{owner}`: `{fn.__name__}` uses `{name}`, which is neither a kit "
                    "helper (autograder.kit.draw / .expect, `np`) nor a function of this module; "
                    "make it a function here or move it into autograder/kit/draw.py.")

        for c in checks:
            roots = [f for f in (c.draw, c.judge_fn) if f is not None]
            for fn in roots:
                if fn is c.draw and all(fn is not v for v in KIT_NAMES.values()):
                    found[fn] = None
                visit(fn, c.id)
        return sorted(found, key=lambda f: f.__code__.co_firstlineno)

    def validate(self, selection: bool = False) -> Registry:
        """Checks every declaration; raises `CheckDefinitionError` listing what to fix.

        `selection`: this registry holds some of an assignment's checks (a release's public
        checks, one nbgrader hidden cell), so `after` may name checks it does not hold."""
        problems = []
        if self.setup_fn is not None:
            fn = self.setup_fn
            outside = sorted(global_names(fn.__code__) - BUILTINS - set(PROBE_GLOBALS))
            if inspect.signature(fn).parameters:
                problems.append(f"the setup `{fn.__name__}` must take no parameters.")
            elif outside:
                problems.append(f"the setup `{fn.__name__}` uses module-level `{outside[0]}`, "
                                "which does not exist in the sandbox; import it inside.")
        needy = [c.id for c in self.checks.values() if c.gpus]
        if needy and self.setup_fn is None:
            problems.append(f"check `{needy[0]}` needs a GPU, but no `@CHECKS.setup` reports "
                            "how many GPUs the sandbox has.")
        seen: set[str] = set()
        for c in self.checks.values():
            later = [p for p in c.after if p not in seen
                     and (p in self.checks or not selection)]
            if later:
                problems.append(f"check `{c.id}`: `after` names `{later[0]}`, which is not a "
                                "check declared before it.")
            seen.add(c.id)
            try:
                _validate_check(c)
                self.helpers([c])
            except CheckDefinitionError as exc:
                problems.append(str(exc))
        if problems:
            raise CheckDefinitionError(f"{self.assignment}: " + "\n".join(problems))
        return self


def _parameters(fn: Callable, first: str, owner: str, role: str) -> list[str]:
    params = list(inspect.signature(fn).parameters.values())
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        raise CheckDefinitionError(f"check `{owner}`: the {role} must name its inputs, "
                                   "not take *args or **kwargs.")
    if not params or params[0].name != first:
        raise CheckDefinitionError(f"check `{owner}`: the {role}'s first parameter must be "
                                   f"`{first}`.")
    return [p.name for p in params[1:]]


def _validate_check(c: Check) -> None:
    if c.judge_fn is None:
        raise CheckDefinitionError(f"check `{c.id}` has no judge: add `@{c.id}.judge` "
                                   "under it.")
    inputs = c.draw_inputs(0)
    if not isinstance(inputs, dict) or not all(isinstance(k, str) for k in inputs):
        raise CheckDefinitionError(f"check `{c.id}`: its drawer must return a dict of inputs.")
    drawn = sorted(inputs)
    for fn, first, role in ((c.probe, "student", "probe"), (c.judge_fn, "obs", "judge")):
        names = _parameters(fn, first, c.id, role)
        if sorted(names) != drawn:
            raise CheckDefinitionError(
                f"check `{c.id}`: the {role} `{fn.__name__}` takes ({', '.join(names)}) but "
                f"the drawer gives ({', '.join(drawn)}); name them alike.")
    if c.fresh_fn is not None:
        names = _parameters(c.fresh_fn, "student", c.id, "fresh stage")
        if names[:1] != ["files"] or sorted(names[1:]) != drawn:
            raise CheckDefinitionError(
                f"check `{c.id}`: the fresh stage `{c.fresh_fn.__name__}` takes "
                f"({', '.join(names)}) but must take (files, {', '.join(drawn)}).")
    for fn in (c.probe, c.fresh_fn):
        outside = sorted(global_names(fn.__code__) - BUILTINS - set(PROBE_GLOBALS)) if fn else []
        if outside:
            raise CheckDefinitionError(
                f"check `{c.id}`: the probe `{fn.__name__}` uses module-level `{outside[0]}`, "
                f"which does not exist in the sandbox (only {', '.join(sorted(PROBE_GLOBALS))} "
                "and builtins do); import it inside the probe or pass it in as an input.")
