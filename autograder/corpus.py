"""The submission corpus: wrong, alternative and hostile answers, composed into notebooks.

Used by the test suite and by `autograder audit` (which shows an instructor what each check
catches).

Each entry is a Python file under `tests/corpus/<assignment>/<kind>/`. Its source becomes the last
code cell of the reference solution (`# base: solution`) or of the unfilled student notebook
(`# base: stub`), so it redefines what it changes. Header comments declare what it proves:

    # Wrong: FixedHiddenMLP with the book's Python `while` on a tensor.
    # base: solution
    # loses: fixed_graph_safe

Hostile entries may also declare the submission's `status`, a part of its `reason`, and parts of
the integrity report's `flags` (comma-separated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder import assignments, build
from autograder.assignments import ROOT, Assignment

CORPUS = ROOT / "tests" / "corpus"
KINDS = ("wrong", "alternative", "hostile")


@dataclass(frozen=True)
class Entry:
    """One corpus submission."""

    kind: str
    name: str
    summary: str
    base: str
    loses: tuple[str, ...]
    source: str
    status: str = ""
    reason: str = ""
    flags: tuple[str, ...] = ()

    @property
    def student(self) -> str:
        return f"{self.kind}-{self.name}"


def entries(assignment: Assignment, kind: str) -> list[Entry]:
    out = []
    for path in sorted((CORPUS / assignment.id / kind).glob("*.py")):
        text = path.read_text()
        header = {}
        summary = ""
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            if key.lower() in ("base", "loses", "status", "reason", "flags"):
                header[key.lower()] = value.strip()
            elif not summary:
                summary = line.lstrip("# ").strip()
        loses = tuple(x.strip() for x in header.get("loses", "").split(",") if x.strip())
        flags = tuple(x.strip() for x in header.get("flags", "").split(",") if x.strip())
        out.append(Entry(kind, path.stem, summary, header.get("base", "solution"), loses, text,
                         header.get("status", ""), header.get("reason", ""), flags))
    return out


def cases(kind: str) -> list[tuple[Assignment, Entry]]:
    """(assignment, entry) for every entry of `kind` of every assignment in the catalogue."""
    return [(a, e) for a in map(assignments.load, assignments.all_ids())
            for e in entries(a, kind)]


def case_ids(found: list[tuple[Assignment, Entry]]) -> list[str]:
    return [f"{a.id[:2]}-{e.name}" for a, e in found]


def base_notebook(assignment: Assignment, base: str) -> nbformat.NotebookNode:
    """The reference solution or the unfilled student notebook, as a student would submit it."""
    return build.build_notebook(assignment, keep_solutions=(base == "solution"))


def compose(assignment: Assignment, entry: Entry) -> nbformat.NotebookNode:
    nb = base_notebook(assignment, entry.base)
    nb.cells.append(nbformat.v4.new_code_cell(entry.source))
    nb.cells[-1].id = f"corpus-{len(nb.cells)}"
    return nb


def write_class(assignment: Assignment, folder: Path, kinds: tuple[str, ...]) -> dict[str, Entry]:
    """Writes `<kind>-<name>.ipynb` for every entry of `kinds`; returns student -> entry."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in kinds:
        for entry in entries(assignment, kind):
            nbformat.write(compose(assignment, entry), folder / f"{entry.student}.ipynb")
            written[entry.student] = entry
    return written
