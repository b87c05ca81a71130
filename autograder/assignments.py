"""The assignments of the course: metadata from `solutions/<slug>/assignment.toml`."""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from autograder.checks.framework import Registry

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
ASSIGNMENTS = ROOT / "assignments"


@dataclass(frozen=True)
class Assignment:
    """One graded assignment: its slug, title, limits, checks and manual questions."""

    id: str
    title: str
    checks_module: str
    cell_timeout: int
    total_timeout: int
    manual: dict[str, dict]

    @property
    def solution(self) -> Path:
        return SOLUTIONS / self.id / f"{self.id}.ipynb"

    @property
    def release_dir(self) -> Path:
        return ASSIGNMENTS / self.id

    @property
    def release(self) -> Path:
        return self.release_dir / f"{self.id}.ipynb"

    @property
    def registry(self) -> Registry:
        return importlib.import_module(self.checks_module).CHECKS

    def questions(self) -> dict[str, float]:
        """Auto-graded questions with their points, in order."""
        return self.registry.questions()

    def max_points(self) -> float:
        return sum(self.questions().values())


def load(name: str) -> Assignment:
    """The assignment whose id (or unique id prefix such as `01`) is `name`."""
    ids = all_ids()
    matches = [i for i in ids if i == name] or [i for i in ids if i.startswith(name)]
    if len(matches) != 1:
        raise SystemExit(f"Unknown assignment {name!r}. Known: {', '.join(ids) or 'none'}.")
    meta = tomllib.loads((SOLUTIONS / matches[0] / "assignment.toml").read_text())
    return Assignment(meta["id"], meta["title"], meta["checks"], int(meta["cell_timeout"]),
                      int(meta["total_timeout"]), dict(meta.get("manual", {})))


def all_ids() -> list[str]:
    return sorted(p.parent.name for p in SOLUTIONS.glob("*/assignment.toml"))
