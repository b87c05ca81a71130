"""In-kernel mode: probes and judges in the same process as the student's code.

This is how otter-grader and nbgrader grade, and what the student's own `grader.check` does. It
is for feedback and for platforms that demand it, never for the instructor's trusted grade:
student code can rewrite anything here. Run as
`python -m autograder.inkernel ASSIGNMENT NOTEBOOK SEED [SEED ...]`; prints one JSON list (per seed)
of lists of results.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from autograder import assignments
from autograder.kit import probe_runtime
from autograder.kit.results import CheckResult
from autograder.notebook import read_code_cells
from autograder.sandbox import QUIET_ENV


def _run(assignment_id: str, notebook: str, seeds: list[int]) -> list[list[CheckResult]]:
    """The notebook's cells once, then every check under each seed (one list per seed)."""
    a = assignments.load(assignment_id)
    gpus = a.registry.gpus_in_kernel()      # the setup first, as in the sandbox
    namespace = probe_runtime.run_cells(read_code_cells(Path(notebook), a.id),
                                        a.limits.cell_timeout, lambda _msg: None)
    return [a.registry.settle([check.run_in_kernel(namespace, seed, gpus)
                               for check in a.registry.checks.values()]) for seed in seeds]


def grade_in_kernel_seeds(notebook: Path, assignment_id: str, seeds: list[int],
                          timeout: float = 900) -> list[list[CheckResult]]:
    """Grades `notebook` under each of `seeds` in one fresh, unsandboxed Python process."""
    proc = subprocess.run([sys.executable, "-m", "autograder.inkernel", assignment_id,
                           str(notebook), *map(str, seeds)], capture_output=True, text=True,
                          timeout=timeout, env={"PATH": "/usr/bin:/bin", **QUIET_ENV})
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "[]"
    return [[CheckResult(**r) for r in results] for results in json.loads(last)]


def grade_in_kernel(notebook: Path, assignment_id: str, seed: int,
                    timeout: float = 600) -> list[CheckResult]:
    """Grades `notebook` in one fresh, unsandboxed Python process."""
    return grade_in_kernel_seeds(notebook, assignment_id, [seed], timeout)[0]


if __name__ == "__main__":
    found = _run(sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]])
    print("\n" + json.dumps([[dataclasses.asdict(r) for r in results] for results in found]))
