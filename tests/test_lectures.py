"""The lecture notebooks run top to bottom and teach every row of CONTENT.md."""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.course import COURSE, run_lectures

# CONTENT.md row -> the `## ` heading (a unique part of it) that teaches it.
ROWS = {
    "01-layers-and-models": {
        "keras.Model subclass (MLP)": "A model as a `keras.Model` subclass",
        "MySequential tracks its children": "A container that tracks its children",
        "FixedHiddenMLP: constant, reused layer, control flow": "Code in the forward pass",
        "gotcha: Python while under tf.function": "Gotcha: a Python `while` on a tensor",
        "NestMLP / chimera": "Nesting models inside models",
        "exercise: Parallel": "two networks side by side",
        "exercise: factory of n copies": "n copies that do not share weights",
        "exercise: untracked containers": "containers Keras 3 does not track",
    },
    "02-parameters": {
        "access by index, path, name, get_weights": "Accessing parameters",
        "built-in initializers": "Built-in initializers",
        "custom initializer (MyInit)": "A custom initializer",
        "set parameters directly": "Setting parameters directly",
        "tied parameters (+ train tied, why share)": "Tied parameters",
        "gotcha: net.layers lists a shared layer twice": "Gotcha: `net.layers` lists a shared",
        "gotcha: raw tf.Variable is not a weight": "Gotcha: a raw `tf.Variable`",
        "gotcha: .path auto-numbering": "Gotcha: `.path` carries auto-numbered",
    },
    "03-lazy-init": {
        "Sequential without input shape": "no input shape has no weights",
        "weights in build(input_shape)": "creates its weights in `build(input_shape)`",
        "materialize without data": "Materializing the weights without data",
        "exercise: first layer given its input size": "give the first layer its input size",
        "exercise: mismatching dimensions": "mismatching dimensions",
        "exercise: varying width via tying": "inputs of varying width",
        "gotcha: Model.build() on a subclass": "Gotcha: `Model.build()`",
    },
    "04-custom-layers": {
        "layer without parameters": "A layer without parameters",
        "layer with parameters via add_weight": "A layer with parameters",
        "serializable layer": "A serializable layer",
        "exercise: tensor reduction": "contracting indices with `einsum`",
        "exercise: Fourier head": "leading half of the Fourier coefficients",
    },
    "05-file-io": {
        "tensor / list / dict": "Lists and dicts of tensors",
        "weights into a fresh clone": "Model weights to `.weights.h5`",
        "whole model to .keras": "the `.keras` file",
        "SavedModel for serving": "SavedModel for serving",
        "exercise: reuse first layers": "reuse trained layers",
        "exercise: checkpoints": "checkpoints during training",
        "exercise: why store (written)": "why store parameters",
        "gotcha: save_weights needs .weights.h5": "Gotcha: `save_weights` needs",
        "gotcha: model.save(dir) refused": "Gotcha: `model.save(directory)`",
        "gotcha: load_model on SavedModel refused": "Gotcha: `load_model` on a SavedModel",
        "gotcha: __init__ without **kwargs": "lacks `**kwargs`",
    },
    "06-gpus": {
        "device helpers": "Devices and how to name them",
        "where a tensor lives": "Where a tensor lives",
        "copying between devices": "Copying between devices",
        "a model on a device": "A model on a device",
        "timing device work": "Timing device work properly",
        "exercise: matmul sizes": "small vs large matrix products",
        "exercise: norm log on device": "keeping the log on the device",
        "exercise: two devices": "two devices at once",
        "gotcha: variable.device": "Gotcha: `variable.device` raises",
        "gotcha: soft placement": "Gotcha: asking for a GPU you do not have",
    },
}

# TF-2-era calls that Keras 3 removed or changed; allowed only inside a Gotcha section.
OLD_API = [r"\btf\.keras\b", r"save_weights\((?![^)]*\.weights\.h5)[^)]*\)",
           r"\.weights\[\d\]\.device\b", r"load_model\([^)]*saved", r"\bmodel\.save\(\w+_dir\)"]


def _sections(name: str) -> dict[str, list]:
    nb = nbformat.read(COURSE / f"{name}.ipynb", as_version=4)
    sections, current = {}, "(preamble)"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    current = line[3:]
                    sections.setdefault(current, [])
        sections.setdefault(current, []).append(cell)
    return sections


def test_every_lecture_runs_top_to_bottom():
    assert run_lectures(inplace=False)


@pytest.mark.parametrize("name", sorted(ROWS))
def test_lecture_teaches_every_content_row(name):
    headings = list(_sections(name))
    missing = [row for row, part in ROWS[name].items()
               if not any(part in h for h in headings)]
    assert missing == []
    assert headings[-2:] == ["Summary", "Next: the assignment"]


@pytest.mark.parametrize("name", sorted(ROWS))
def test_old_api_only_inside_gotcha_sections(name):
    offenders = []
    for heading, cells in _sections(name).items():
        if heading.startswith("Gotcha"):
            continue
        for cell in cells:
            if cell.cell_type == "code":
                offenders += [(heading, p) for p in OLD_API if re.search(p, cell.source)]
    assert offenders == []
