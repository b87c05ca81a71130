"""Grading on a Dask cluster: a worker killed mid-batch loses no row."""

from __future__ import annotations

import os
import signal
import threading
import time

import nbformat
import pytest

from autograder.corpus import base_notebook
from autograder.grade import grade_class
from autograder.gradebook import Gradebook
from conftest import ASSIGNMENTS, short_limits

distributed = pytest.importorskip("distributed")

SLOW = "import time\ntime.sleep(6)"


def test_a_worker_killed_mid_batch_leaves_every_submission_with_a_row(tmp_path):
    import dask
    from distributed import Client, LocalCluster

    a = ASSIGNMENTS[0]
    folder = tmp_path / "in"
    folder.mkdir()
    nb = base_notebook(a, "solution")
    nb.cells.append(nbformat.v4.new_code_cell(SLOW))
    students = [f"student{i}" for i in range(4)]
    for name in students:
        nbformat.write(nb, folder / f"{name}.ipynb")
    # No retries: the task on the killed worker must come back as a row with a reason (with
    # Dask's default of 3 retries it would simply be graded again elsewhere).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        done = threading.Event()
        runner = threading.Thread(target=lambda: (grade_class(
            a, folder, tmp_path / "out", seed=3, scheduler=cluster.scheduler_address,
            limits=short_limits(a), quiet=True), done.set()))
        runner.start()
        deadline = time.monotonic() + 300
        victim = None
        while victim is None and time.monotonic() < deadline:
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                victim = busy[0]
            time.sleep(0.2)
        assert victim, "no task ever ran"
        time.sleep(4)                      # inside the graded notebook's sleep
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        runner.join(600)
        assert done.is_set()
    book = Gradebook(tmp_path / "out" / "gradebook.sqlite")
    rows = {s["student"]: s for s in book.submissions(a.id)}
    assert sorted(rows) == students
    lost = [s for s in rows.values() if "the grading worker died" in (s["reason"] or "")]
    assert len(lost) >= 1
    assert all(s["status"] == "graded" for s in rows.values() if s not in lost)
