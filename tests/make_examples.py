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

PARTIAL = '''
# Bob's answers to Q3 and Q7 differ from the reference.
class FixedHiddenMLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = self.add_weight(shape=(20, 20), initializer="random_uniform",
                                           trainable=False)
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(ops.matmul(h, self.rand_weight) + 1)
        h = self.linear(h)
        while ops.sum(ops.abs(h)) > 1:   # a Python loop on a tensor: eager only
            h = h / 2
        return ops.sum(h)


def untracked_demo():
    class Visible(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.blocks = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)]

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    return Visible()
'''


def _stamped(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for i, cell in enumerate(nb.cells):
        cell.id = f"ex-{i:03d}"
    return nb


def main() -> None:
    a = assignments.load("01-layers-and-models")
    out = ROOT / "examples" / a.id
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(_stamped(base_notebook(a, "solution")), out / "alice.ipynb")
    bob = base_notebook(a, "solution")
    bob.cells.append(nbformat.v4.new_code_cell(PARTIAL.strip()))
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
