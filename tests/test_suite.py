"""The suite is the same for every assignment: no test names an assignment, a check or a total."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ASSIGNMENTS


def test_no_test_names_an_assignment_or_a_check():
    words = {a.id for a in ASSIGNMENTS} | {c for a in ASSIGNMENTS for c in a.registry.checks}
    words |= {a.checks_module.rsplit(".", 1)[-1] for a in ASSIGNMENTS}
    found = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        text = path.read_text()
        found += [(path.name, w) for w in words if re.search(rf"\b{re.escape(w)}\b", text)]
    assert found == []


def test_no_test_writes_a_point_total():
    totals = {f"{a.max_points():g}" for a in ASSIGNMENTS}
    found = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for line in path.read_text().splitlines():
            if re.search(r"(points|total|score)\w*\W.*==\s*(" + "|".join(totals) + r")\b", line):
                found.append((path.name, line.strip()))
    assert found == []
