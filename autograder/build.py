"""Building the student release from `solutions/`: a pipeline of pure steps, no execution.

`solutions/<id>/<id>.ipynb` becomes `assignments/<id>/<id>.ipynb` (solutions replaced by a stub,
check cells inserted), `assignments/<id>/tests/qN.py` (otter exception-format test files, public
checks only) and `assignments/<id>/_public_checks.py` (the public checks' probes and judges,
self-contained so that `grader.check` works without this package). Building twice gives the
same bytes; hidden checks never reach `assignments/`.
"""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import nbformat

from autograder import probe_runtime
from autograder.assignments import ROOT, Assignment
from autograder.checks import expect as expect_module
from autograder.checks.framework import Check, function_source
from autograder.notebook import CHECK_CELL_TAG

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
STUB = 'raise NotImplementedError("Write your code here")'
ANSWER_STUB = "**Answer.** _Write your answer here (graded by hand)._"
SETUP = '''# Public checks: run this cell once, then each `grader.check(...)` cell after your answer.
import importlib.util, subprocess, sys
if importlib.util.find_spec("otter") is None:  # e.g. on Colab
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "otter-grader==7.0.0"], check=True)
import otter
grader = otter.Notebook(tests_dir="tests")'''


def strip_solutions(source: str) -> str:
    """Replaces each BEGIN/END SOLUTION region by one stub line at the marker's indentation."""
    out, inside = [], False
    for line in source.splitlines():
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError("nested `# BEGIN SOLUTION`")
            inside = True
            out.append(line[: len(line) - len(line.lstrip())] + STUB)
        elif marker == END:
            if not inside:
                raise ValueError("`# END SOLUTION` without BEGIN")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("`# BEGIN SOLUTION` without END")
    return "\n".join(out)


def solution_lines(source: str) -> list[str]:
    """The non-trivial lines inside solution regions (used to prove the release is clean)."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() in (BEGIN, END):
            inside = line.strip() == BEGIN
        elif inside and len(line.strip()) > 12:
            lines.append(line.strip())
    return lines


def _check_cell(question: str, public: bool) -> nbformat.NotebookNode:
    if public:
        cell = nbformat.v4.new_code_cell(f'grader.check("{question}")')
    else:
        cell = nbformat.v4.new_markdown_cell(
            f"_{question.upper()} has no public check: hidden checks grade it after you submit. "
            "Test your code on your own inputs._")
    cell.metadata["tags"] = [CHECK_CELL_TAG]
    return cell


def build_notebook(assignment: Assignment, keep_solutions: bool = False) -> nbformat.NotebookNode:
    """The student notebook (or, with `keep_solutions`, the solution with check cells added)."""
    nb = nbformat.read(assignment.solution, as_version=4)
    public_questions = {c.question for c in assignment.registry.public()}
    last_cell_of = {}
    for i, cell in enumerate(nb.cells):
        question = cell.metadata.get("autograder", {}).get("question")
        if question:
            last_cell_of[question] = i
    cells = []
    setup = nbformat.v4.new_code_cell(SETUP)
    setup.metadata["tags"] = [CHECK_CELL_TAG]
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("autograder", {})
        new = nbformat.from_dict(dict(cell))
        if cell.cell_type == "code":
            new.outputs, new.execution_count = [], None
            if not keep_solutions:
                new.source = strip_solutions(cell.source)
        elif meta.get("solution") and not keep_solutions:
            new.source = ANSWER_STUB
            new.metadata["autograder"] = {"question": meta["question"], "manual": True}
        cells.append(new)
        if i == 0:
            cells.append(setup)
        question = meta.get("question")
        if question and last_cell_of.get(question) == i and question in assignment.questions():
            cells.append(_check_cell(question, question in public_questions))
    for index, cell in enumerate(cells):
        cell.id = f"{assignment.id[:2]}-{index:03d}"
        cell.metadata.pop("execution", None)
    nb.cells = cells
    nb.metadata["autograder"] = {
        "assignment": assignment.id,
        "generated": f"by `python -m autograder build` from solutions/{assignment.id}/"
                     f"{assignment.id}.ipynb; do not edit"}
    return nb


# ------------------------------------------------------------------ public checks for otter

def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def helper_functions(fns: list, module: types.ModuleType) -> list[types.FunctionType]:
    """Module-level functions of `module` that `fns` use, dependencies first."""
    found: list[types.FunctionType] = []

    def visit(fn):
        for name in sorted(_names(fn.__code__)):
            obj = vars(module).get(name)
            if isinstance(obj, types.FunctionType) and obj.__module__ == module.__name__ \
                    and obj not in found:
                visit(obj)
                found.append(obj)
    for fn in fns:
        visit(fn)
    return found


def _module_body(module: types.ModuleType) -> str:
    """A module's source without its docstring and `from __future__` line."""
    src = inspect.getsource(module)
    src = re.sub(r'^""".*?"""\n', "", src, count=1, flags=re.S)
    return src.replace("from __future__ import annotations\n", "")


RUN_TEMPLATE = '''

def check_message(check_id, needs, probe_name, probe_source, draw, judge, env):
    """Runs one check in this kernel: None when it passed, else the message for the student."""
    inputs = draw(np.random.default_rng())
    record = run_probe(probe_source, probe_name, needs, env, decode(encode(inputs)))
    if record["status"] == "missing":
        return f"`{record['error']}` is not defined; run the cell that defines it."
    if record["status"] != "ok":
        return f"Your code raised {record['error']}"
    try:
        judge(decode(record["obs"]), **inputs)
    except Fail as exc:
        return str(exc)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        return f"`{check_id}` got an observation of the wrong form ({type(exc).__name__})."
    return None


def run(check_id, env):
    """Runs one public check in this kernel; raises AssertionError with the reason on failure."""
    question, needs, probe_name, draw, judge = CHECKS[check_id]
    message = check_message(check_id, needs, probe_name, PROBES[check_id], draw, judge, env)
    if message is not None:
        raise AssertionError(message)
'''


def public_checks_module(assignment: Assignment) -> str:
    """Source of the self-contained module the otter test files call."""
    checks: list[Check] = assignment.registry.public()
    module = inspect.getmodule(checks[0].probe) if checks else None
    parts = [f'"""GENERATED by `python -m autograder build` from {assignment.checks_module}; '
             'do not edit.\n\nThe public checks of this assignment, run in your own kernel by '
             '`grader.check`.\n"""\n', "from __future__ import annotations\n",
             _module_body(probe_runtime), _module_body(expect_module)]
    if module is not None:
        fns = [c.draw for c in checks] + [c.judge_fn for c in checks]
        parts += ["\n\n" + function_source(fn, fn.__name__) for fn in helper_functions(fns, module)]
    table, probes = [], []
    for c in checks:
        parts.append("\n\n" + function_source(c.draw, f"{c.id}__inputs"))
        parts.append("\n\n" + function_source(c.judge_fn, f"{c.id}__judge"))
        probes.append(f"    {c.id!r}: {c.probe_source()!r},")
        table.append(f"    {c.id!r}: ({c.question!r}, {list(c.needs)!r}, {c.probe.__name__!r}, "
                     f"{c.id}__inputs, {c.id}__judge),")
    parts.append("\n\nPROBES = {\n" + "\n".join(probes) + "\n}\n")
    parts.append("\n\nCHECKS = {\n" + "\n".join(table) + "\n}\n")
    parts.append(RUN_TEMPLATE)
    return re.sub(r"\n{3,}", "\n\n\n", "".join(parts))


def otter_test_file(assignment: Assignment, question: str) -> str:
    """An otter exception-format test file running the public checks of `question`."""
    checks = [c for c in assignment.registry.public() if c.question == question]
    lines = [f'"""GENERATED by `python -m autograder build` from {assignment.checks_module}; '
             'do not edit."""', "from otter.test_files import test_case", "",
             "OK_FORMAT = False", f'name = "{question}"', f"points = {sum(c.points for c in checks)}",
             ""]
    for c in checks:
        lines += ["", f"@test_case(points={c.points}, hidden=False)", f"def {c.id}(env):",
                  f'    """{c.summary}"""', "    import _public_checks",
                  f'    _public_checks.run("{c.id}", env)', ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def release_files(assignment: Assignment) -> dict[Path, str]:
    """Every file of the release of `assignment`, path -> text."""
    out = assignment.release_dir
    files = {out / f"{assignment.id}.ipynb": nbformat.writes(build_notebook(assignment)) + "\n",
             out / "_public_checks.py": public_checks_module(assignment)}
    for question in sorted({c.question for c in assignment.registry.public()}):
        files[out / "tests" / f"{question}.py"] = otter_test_file(assignment, question)
    return files


def build(assignment: Assignment) -> list[Path]:
    """Writes the release; returns the paths written."""
    files = release_files(assignment)
    for stale in assignment.release_dir.glob("tests/*.py"):
        if stale not in files:
            stale.unlink()
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [p.relative_to(ROOT) for p in files]


def stale_files(assignment: Assignment) -> list[Path]:
    """Release files that differ from what `build` would write (empty when up to date)."""
    files = release_files(assignment)
    stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
    stale += [p for p in assignment.release_dir.glob("tests/*.py") if p not in files]
    return [p.relative_to(ROOT) for p in stale]
