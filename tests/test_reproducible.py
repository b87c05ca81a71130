"""A recorded seed reproduces a grading; a new seed draws new inputs."""

from __future__ import annotations

from autograder.gradebook import Gradebook
from autograder.grade import grade_class
from conftest import ASSIGNMENTS, SEED, full_marks, short_limits


def _regrade(graded_class, tmp_path, seed):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reference.ipynb").write_bytes((graded_class.folder / "reference.ipynb").read_bytes())
    grade_class(graded_class.assignment, folder, tmp_path / "out", seed=seed, workers=1,
                limits=short_limits(graded_class.assignment), quiet=True)
    book = Gradebook(tmp_path / "out" / "gradebook.sqlite")
    a = graded_class.assignment.id
    return book.digests(a, "reference"), book.results(a, "reference"), book.submissions(a)[0]


def test_same_seed_reproduces_observations_and_verdicts(graded_class, tmp_path):
    digests, results, sub = _regrade(graded_class, tmp_path, SEED)
    a = graded_class.assignment.id
    assert sub["seed"] == graded_class.submission("reference")["seed"] == SEED
    before = graded_class.book.digests(a, "reference")
    # A check that measures time cannot repeat its observation: its inputs and verdict must.
    timed = {c.id for c in graded_class.assignment.registry.checks.values() if c.timed}
    assert {c: d if c not in timed else d[0] for c, d in digests.items()} == \
        {c: d if c not in timed else d[0] for c, d in before.items()}
    assert results == graded_class.book.results(a, "reference")


def test_new_seed_draws_new_inputs(graded_class, tmp_path):
    digests, results, _ = _regrade(graded_class, tmp_path, SEED + 1)
    before = graded_class.book.digests(graded_class.assignment.id, "reference")
    changed = [c for c in digests if digests[c][0] != before[c][0]]
    # Every check draws inputs; all of them change with the seed.
    assert sorted(changed) == sorted(before)
    assert sum(r.points for r in results) == full_marks(graded_class.assignment)


def test_regrading_skips_unchanged_submissions(graded_class, tmp_path):
    report = grade_class(graded_class.assignment, graded_class.folder, graded_class.out,
                         seed=SEED, limits=short_limits(graded_class.assignment), quiet=True)
    # Unreadable/non-notebook files have no content hash and are always regraded (cheaply).
    assert report.skipped >= len(graded_class.entries) + 2


def test_grading_on_a_dask_cluster_gives_the_same_verdicts(graded_classes, tmp_path):
    from distributed import LocalCluster

    graded_class = graded_classes(ASSIGNMENTS[0])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "reference.ipynb").write_bytes((graded_class.folder / "reference.ipynb").read_bytes())
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        grade_class(graded_class.assignment, folder, tmp_path / "out", seed=SEED,
                    scheduler=cluster.scheduler_address,
                    limits=short_limits(graded_class.assignment), quiet=True)
    book = Gradebook(tmp_path / "out" / "gradebook.sqlite")
    a = graded_class.assignment.id
    assert book.results(a, "reference") == graded_class.book.results(a, "reference")
