"""Writes the bundled example class `examples/01-layers-and-models/` (run: `make examples`).

Five students: a perfect notebook, a partial one, an untouched stub, a file that is not valid
JSON, and one that attacks the grader. Built from the reference solution and the test corpus.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder import assignments
from corpus import base_notebook, compose, entries

ROOT = Path(__file__).resolve().parent.parent


def _stamped(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for i, cell in enumerate(nb.cells):
        cell.id = f"ex-{i:03d}"
    return nb


def main() -> None:
    a = assignments.load("01-layers-and-models")
    out = ROOT / "examples" / a.id
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(_stamped(base_notebook(a, "solution")), out / "alice.ipynb")
    wrong = {e.name: e for e in entries(a, "wrong")}
    bob = compose(a, wrong["fixed_python_while"])   # Q3 eager only; Q7 layers tracked
    bob.cells.append(nbformat.v4.new_code_cell(wrong["untracked_plain_list"].source))
    nbformat.write(_stamped(bob), out / "bob.ipynb")
    nbformat.write(_stamped(base_notebook(a, "stub")), out / "carol.ipynb")
    text = nbformat.writes(_stamped(base_notebook(a, "solution")))
    (out / "dave.ipynb").write_text(text[: len(text) // 2])   # a truncated upload
    hostile = {e.name: e for e in entries(a, "hostile")}
    erin = compose(a, hostile["noop_asserts"])
    erin.cells.append(nbformat.v4.new_code_cell(hostile["read_checks"].source))
    nbformat.write(_stamped(erin), out / "erin.ipynb")
    print(f"wrote {len(list(out.glob('*.ipynb')))} notebooks to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
