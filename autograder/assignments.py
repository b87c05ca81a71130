"""The assignments of the course: metadata from `solutions/<slug>/assignment.toml`."""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:     # Python 3.10 (Gradescope's Ubuntu 22.04 image): the same parser
    import tomli as tomllib

from autograder.kit.checks import Registry
from autograder.sandbox import Limits

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
ASSIGNMENTS = ROOT / "assignments"


@dataclass(frozen=True)
class Assignment:
    """One graded assignment: its slug, title, limits, checks and manual questions."""

    id: str
    title: str
    checks_module: str
    limits: Limits
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
        """The assignment's checks (validated when their module is imported)."""
        return importlib.import_module(self.checks_module).CHECKS

    def questions(self) -> dict[str, float]:
        """Auto-graded questions with their points, in order."""
        return self.registry.questions()

    def max_points(self) -> float:
        """Every auto-graded point, including those of checks that need a GPU."""
        return sum(self.questions().values())

    def gpu_points(self) -> float:
        """The points of checks that need a GPU."""
        return sum(c.points for c in self.registry.checks.values() if c.gpus)


def load(name: str) -> Assignment:
    """The assignment whose id (or unique id prefix such as `01`) is `name`."""
    ids = all_ids()
    matches = [i for i in ids if i == name] or [i for i in ids if i.startswith(name)]
    if len(matches) != 1:
        raise SystemExit(f"Unknown assignment {name!r}. Known: {', '.join(ids) or 'none'}.")
    path = SOLUTIONS / matches[0] / "assignment.toml"
    meta = tomllib.loads(path.read_text())
    try:
        limits = Limits.from_config(meta.get("limits", {}))
    except ValueError as exc:
        raise SystemExit(f"{path}: {exc}") from None
    made = Assignment(meta["id"], meta["title"], meta["checks"], limits,
                      dict(meta.get("manual", {})))
    if any(c.gpus for c in made.registry.checks.values()):   # its sandboxes get the GPUs
        made = dataclasses.replace(made, limits=dataclasses.replace(limits, gpu=True))
    return made


def all_ids() -> list[str]:
    return sorted(p.parent.name for p in SOLUTIONS.glob("*/assignment.toml"))
