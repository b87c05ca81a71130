"""Writes the bundled example class `examples/<id>/` (run: `make examples`).

Five students: a perfect notebook, a partial one, an untouched stub, a file that is not valid
JSON, and one that attacks the grader. Built from the reference solution and the test corpus;
`examples/<id>.expected.json` records what grading them must give (from the corpus's
declarations), which `tests/test_cli.py` checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from autograder import assignments
from autograder.corpus import base_notebook, compose, entries

ROOT = Path(__file__).resolve().parent.parent
# Which corpus entries make up the partial (bob) and the hostile (erin) student.
CLASSES = {"01-layers-and-models": {"bob": ["fixed_python_while", "untracked_plain_list"],
                                    "erin": ["noop_asserts", "read_checks"]},
           "03-lazy-init": {"bob": ["eager_mlp_lazy", "anywidth_trunk_per_width"],
                            "erin": ["forged_pipe"]}}


def _stamped(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for i, cell in enumerate(nb.cells):
        cell.id = f"ex-{i:03d}"
    return nb


def _combined(a, kind: str, names: list[str]) -> tuple[nbformat.NotebookNode, set[str]]:
    """The composition of corpus entries `names` (the first one's base), and what they lose."""
    found = {e.name: e for e in entries(a, kind)}
    nb = compose(a, found[names[0]])
    for name in names[1:]:
        nb.cells.append(nbformat.v4.new_code_cell(found[name].source))
    return nb, {c for name in names for c in found[name].loses}


def write(a: assignments.Assignment, picks: dict[str, list[str]]) -> Path:
    out = ROOT / "examples" / a.id
    out.mkdir(parents=True, exist_ok=True)
    checks = a.registry.checks
    nbformat.write(_stamped(base_notebook(a, "solution")), out / "alice.ipynb")
    bob, lost = _combined(a, "wrong", picks["bob"])
    nbformat.write(_stamped(bob), out / "bob.ipynb")
    nbformat.write(_stamped(base_notebook(a, "stub")), out / "carol.ipynb")
    text = nbformat.writes(_stamped(base_notebook(a, "solution")))
    (out / "dave.ipynb").write_text(text[: len(text) // 2])   # a truncated upload
    erin, _ = _combined(a, "hostile", picks["erin"])
    nbformat.write(_stamped(erin), out / "erin.ipynb")
    expected = {
        "alice": {"total": a.max_points(), "status": "graded", "lost": []},
        "bob": {"total": a.max_points() - sum(checks[c].points for c in lost),
                "status": "graded", "lost": sorted(lost)},
        "carol": {"total": 0, "status": "graded", "lost": sorted(checks)},
        "dave": {"total": 0, "status": "not gradable", "lost": sorted(checks),
                 "reason": "the file is cut off"},
        "erin": {"total": 0, "status": "graded", "lost": sorted(checks)},
    }
    out.with_name(f"{a.id}.expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    return out


def main() -> None:
    for name, picks in CLASSES.items():
        out = write(assignments.load(name), picks)
        print(f"wrote {len(list(out.glob('*.ipynb')))} notebooks to {out.relative_to(ROOT)} "
              "and what grading them must give beside it")


if __name__ == "__main__":
    main()
