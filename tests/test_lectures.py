"""The lecture notebooks run top to bottom and teach every row of CONTENT.md."""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.course import COURSE, run_lectures
from lecture_rows import ROWS

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
