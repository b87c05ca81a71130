"""Building the student release from `solutions/`: a pipeline of pure steps, no execution.

`solutions/<id>/<id>.ipynb` becomes `assignments/<id>/<id>.ipynb` (solutions replaced by a stub,
check cells inserted), `assignments/<id>/tests/qN.py` (otter exception-format test files, public
checks only), `assignments/<id>/agkit/` (the check kit, byte-identical to `autograder/kit/`) and
`assignments/<id>/_public_checks.py` (the public checks declared on the kit, so that
`grader.check` runs them with the grader's own verdict code, without this package). Building
twice gives the same bytes; hidden checks never reach `assignments/`.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path

import nbformat

from autograder.assignments import ROOT, Assignment
from autograder.kit import draw as draw_module
from autograder.kit import expect as expect_module
from autograder.kit.checks import Check, Registry, function_source
from autograder.kit.probe_runtime import PROBE_GLOBALS
from autograder.notebook import CHECK_CELL_TAG

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
STUB = 'raise NotImplementedError("Write your code here")'
ANSWER_STUB = "**Answer.** _Write your answer here (graded by hand)._"
# The first code cell of every release. It carries the public checks with it (a zip, base64), so
# that the notebook works alone: uploaded to Colab, or opened in a folder without `tests/`.
SETUP = '''# @title Public checks: run this cell once, then each `grader.check("qN")` cell after your answer.
# It writes this assignment's public checks (tests/, _public_checks.py, agkit/) beside the notebook,
# so the notebook works on its own (Colab, an empty folder). To submit, hand in this .ipynb file
# itself (on Colab: File > Download > .ipynb); otter's grader.export() is not needed.
import base64, importlib.util, io, subprocess, sys, zipfile
if importlib.util.find_spec("otter") is None:  # e.g. on Colab
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "otter-grader==7.0.0"], check=True)
PUBLIC_CHECKS = "{blob}"
zipfile.ZipFile(io.BytesIO(base64.b64decode(PUBLIC_CHECKS))).extractall()
import otter
grader = otter.Notebook(tests_dir="tests")'''
BLOB = re.compile(r'^PUBLIC_CHECKS = "([A-Za-z0-9+/=]*)"$', re.MULTILINE)


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
    setup = nbformat.v4.new_code_cell(SETUP.replace("{blob}", pack_files(support_files(assignment))))
    # Folded away in JupyterLab (source_hidden) and shown as a titled form on Colab (cellView).
    setup.metadata.update(tags=[CHECK_CELL_TAG], jupyter={"source_hidden": True}, cellView="form")
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

KIT = ROOT / "autograder" / "kit"
KIT_PACKAGE = "agkit"      # the kit's name in a release (its modules import each other relatively)


def kit_files() -> dict[str, str]:
    """The kit's modules, file name -> text, as shipped byte-identical into every release."""
    return {p.name: p.read_text() for p in sorted(KIT.glob("*.py"))}


def checks_module_source(registry: Registry, checks: list[Check], header: str) -> str:
    """A plain module declaring `checks` (with the helpers they use) on top of the kit.

    Every line below the imports is a real function of the assignment's checks module, copied
    with its decorators; `Registry.validate` has already proved that nothing else is needed.
    """
    imports = [
        "import numpy as np",
        "",
        f"from {KIT_PACKAGE}.checks import Registry",
        f"from {KIT_PACKAGE}.draw import {', '.join(sorted(draw_module.__all__))}",
        f"from {KIT_PACKAGE}.expect import {', '.join(sorted(expect_module.__all__))}",
        f"from {KIT_PACKAGE}.probe_runtime import "
        f"{', '.join(sorted(n for n in PROBE_GLOBALS if n != 'np'))}"]
    parts = [f'"""{header}"""\n\nfrom __future__ import annotations\n', "\n".join(imports),
             f"CHECKS = Registry({registry.assignment!r})\ncheck = CHECKS.check"]
    if registry.setup_fn is not None:   # a GPU check asks it how many GPUs the kernel has
        parts.append(function_source(registry.setup_fn, decorators=True))
    parts += [function_source(fn, decorators=True) for fn in registry.helpers(checks)]
    for c in checks:
        parts += [function_source(fn, decorators=True)
                  for fn in (c.probe, c.fresh_fn, c.judge_fn) if fn is not None]
    parts.append("CHECKS.validate(selection=True)")
    return "\n\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def public_checks_module(assignment: Assignment) -> str:
    """`_public_checks.py`: the assignment's public checks, run in the student's kernel."""
    header = (f"GENERATED by `python -m autograder build` from {assignment.checks_module}; do "
              "not edit.\n\nThe public checks of this assignment, run in your own kernel by "
              "`grader.check`.")
    return checks_module_source(assignment.registry, assignment.registry.public(), header)


def coverage_note(assignment: Assignment, question: str) -> str:
    """What `grader.check(question)` adds on a pass: how much of the question it covers."""
    checks = [c for c in assignment.registry.checks.values() if c.question == question]
    public = sum(c.points for c in checks if not c.hidden)
    total = sum(c.points for c in checks)
    if public == total:
        return f"These public checks cover all {total:g} points of {question}."
    rest = total - public
    return (f"These public checks cover {public:g} of the {total:g} points of {question}; the "
            f"other {rest:g} {'is' if rest == 1 else 'are'} graded by hidden checks after you "
            "submit, with inputs drawn then: test your code on inputs of your own too.")


def otter_test_file(assignment: Assignment, question: str, every: bool = False,
                    module: str = "_public_checks") -> str:
    """An otter exception-format test file running the public checks of `question` (with
    `every`, all its checks, declared in `module`: the benchmark's equivalent otter grader)."""
    checks = [c for c in (assignment.registry.checks.values() if every
                          else assignment.registry.public()) if c.question == question]
    lines = [f'"""GENERATED by `python -m autograder build` from {assignment.checks_module}; '
             'do not edit."""', "from otter.test_files import test_case", "",
             "OK_FORMAT = False", f'name = "{question}"', f"points = {sum(c.points for c in checks)}",
             ""]
    for c in checks:
        extra = (f", success_message={coverage_note(assignment, question)!r}"
                 if c is checks[-1] else "")
        lines += ["", f"@test_case(points={c.points}, hidden={c.hidden}{extra})",
                  f"def {c.id}(env):", f'    """{c.summary}"""', f"    from {module} import CHECKS",
                  f'    CHECKS.run_public("{c.id}", env)', ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def support_files(assignment: Assignment) -> dict[str, str]:
    """The files `grader.check` needs beside the notebook, relative path -> text."""
    files = {"_public_checks.py": public_checks_module(assignment)}
    files.update({f"{KIT_PACKAGE}/{name}": text for name, text in kit_files().items()})
    for question in sorted({c.question for c in assignment.registry.public()}):
        files[f"tests/{question}.py"] = otter_test_file(assignment, question)
    return files


def pack_files(files: dict[str, str]) -> str:
    """`files` as a base64 zip; the same files give the same bytes (fixed dates, sorted)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name].encode())
    return base64.b64encode(buf.getvalue()).decode()


def embedded_files(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The files a release notebook carries in its setup cell (empty when it carries none)."""
    for cell in nb.cells:
        found = BLOB.search(cell.source) if cell.cell_type == "code" else None
        if found:
            with zipfile.ZipFile(io.BytesIO(base64.b64decode(found.group(1)))) as archive:
                return {name: archive.read(name).decode() for name in archive.namelist()}
    return {}


def release_files(assignment: Assignment) -> dict[Path, str]:
    """Every file of the release of `assignment`, path -> text."""
    out = assignment.release_dir
    files = {out / f"{assignment.id}.ipynb": nbformat.writes(build_notebook(assignment)) + "\n"}
    files.update({out / name: text for name, text in support_files(assignment).items()})
    return files


def build(assignment: Assignment) -> list[Path]:
    """Writes the release; returns the paths written."""
    files = release_files(assignment)
    for stale in _generated(assignment):
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
    stale += [p for p in _generated(assignment) if p not in files]
    return [p.relative_to(ROOT) for p in stale]


def _generated(assignment: Assignment) -> list[Path]:
    """The generated Python files present in the release folder now."""
    folder = assignment.release_dir
    return [*folder.glob("tests/*.py"), *folder.glob(f"{KIT_PACKAGE}/*.py")]
