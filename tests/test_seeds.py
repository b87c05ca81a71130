"""No flakes: the reference and every alternative solution pass every check under 20 seeds.

Each notebook runs in its own process (in-kernel mode: the cells once, then all checks under each
seed); two processes at a time. In-kernel verdicts are the sandboxed grader's own (the same kit),
so a check that flakes on a drawn input flakes here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from autograder.inkernel import grade_in_kernel_seeds
from autograder.kit.results import Status
from conftest import ASSIGNMENTS, SEED, full_marks, unrun
from autograder.corpus import compose, entries

SEEDS = [SEED + i for i in range(20)]
CASES = [(a, name) for a in ASSIGNMENTS
         for name in ["reference", *(e.name for e in entries(a, "alternative"))]]


@pytest.fixture(scope="session")
def sweeps(tmp_path_factory):
    """`sweeps(a)`: notebook name -> one list of results per seed, for assignment `a`."""
    done = {}

    def get(a):
        if a.id not in done:
            folder = tmp_path_factory.mktemp(f"seeds-{a.id[:2]}")
            paths = {"reference": a.solution}
            for entry in entries(a, "alternative"):
                paths[entry.name] = folder / f"{entry.name}.ipynb"
                nbformat.write(compose(a, entry), paths[entry.name])
            with ThreadPoolExecutor(2) as pool:
                futures = {name: pool.submit(grade_in_kernel_seeds, path, a.id, SEEDS)
                           for name, path in paths.items()}
                done[a.id] = {name: f.result() for name, f in futures.items()}
        return done[a.id]
    return get


@pytest.mark.parametrize("assignment_, name", CASES,
                         ids=[f"{a.id[:2]}-{name}" for a, name in CASES])
def test_full_marks_under_twenty_seeds(sweeps, assignment_, name):
    results = sweeps(assignment_)[name]
    assert len(results) == len(SEEDS)
    failed = [(seed, r.check_id, r.message) for seed, found in zip(SEEDS, results)
              for r in found if r.status != Status.PASSED and r.check_id not in unrun(assignment_)]
    assert failed == []
    assert {sum(r.points for r in found) for found in results} == {full_marks(assignment_)}
