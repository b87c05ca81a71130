"""The warm template (`autograder.zygote`): sandboxes forked from it are as fresh as new processes.

Nothing a submission does may reach a later one graded by the same process: not module state,
Keras's registries or global config, NumPy's state, `sys.modules`, environment variables, files
anywhere it can write, nor a process it leaves running.
"""

from __future__ import annotations

import os
import signal
import time

import nbformat
import pytest

from autograder import zygote
from autograder.corpus import base_notebook
from autograder.kit import probe_runtime
from autograder.runner import grade_submission
from autograder.sandbox import Limits, Sandbox, bwrap_path
from conftest import ASSIGNMENTS

pytestmark = pytest.mark.skipif(bwrap_path() is None or os.geteuid() != 0,
                                reason="needs bubblewrap and root (for the cgroups)")

POISON = r'''
import builtins, os, subprocess, sys, threading
import numpy as np
import keras, tensorflow as tf

@keras.saving.register_keras_serializable(package="course01", name="MySequential")
class Poisoned(keras.layers.Layer):
    pass

keras.config.set_floatx("float16")
keras.config.set_epsilon(0.5)
keras.utils.set_random_seed(666)
np.seterr(all="raise")
np.set_printoptions(precision=1)
np.random.seed(666)
keras.layers.Dense.call = lambda self, x: x * 0
np.matmul = lambda a, b: 0
sys.modules["json"] = None
sys.modules["zipfile"] = None
builtins.print = lambda *a, **k: None
builtins.len = lambda x: 7
os.environ["HOME"] = "/nowhere"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"
os.environ["PYTHONPATH"] = "/sandbox/evil"
os.environ["CUDA_VISIBLE_DEVICES"] = "7"
tf.config.threading.set_intra_op_parallelism_threads(1)
for where in ("/sandbox", "/tmp", "/dev/shm", "/sandbox/evil"):
    try:
        os.makedirs(where, exist_ok=True)
        with open(os.path.join(where, "ag-poison"), "w") as f:
            f.write("poison")
        with open(os.path.join(where, "numpy.py"), "w") as f:
            f.write("raise SystemExit('poisoned import')")
    except OSError:
        pass
os.chdir("/tmp")
threading.Thread(target=lambda: __import__("time").sleep(600), daemon=False).start()
subprocess.Popen([sys.executable, "-c", "import time\nwhile True: time.sleep(0.1)"],
                 start_new_session=True)
'''

LOOK = '''
def look(student):
    import os, sys
    import numpy as np
    import keras
    found = []
    for top in ("/sandbox", "/tmp", "/dev/shm"):
        for root, dirs, files in os.walk(top):
            found += [os.path.join(root, name) for name in files + dirs
                      if name not in (".keras", ".cache", ".config", ".ipython")
                      and not root.startswith(("/sandbox/.keras", "/sandbox/.ipython",
                                               "/sandbox/.cache", "/sandbox/.config"))]
    names = sorted(keras.saving.get_custom_objects())
    return {"found": sorted(found), "env": sorted(os.environ.items()), "cwd": os.getcwd(),
            "floatx": keras.config.floatx(), "epsilon": keras.config.epsilon(),
            "err": sorted(np.geterr().items()), "custom": names,
            "json": sys.modules.get("json") is not None, "pids": sorted(os.listdir("/proc")),
            "dense": keras.layers.Dense.call.__name__, "matmul": np.matmul.__name__}
'''


def _look(cells: list[str], source: str = LOOK, func: str = "look") -> dict:
    """Runs `cells` in a forked sandbox, then a probe (LOOK by default); its observation (None
    if the probe did not answer) and the cells' errors."""
    errors = []
    with Sandbox(Limits(total_timeout=120, cell_timeout=60)) as box:
        assert "warm template" in box.report.summary()
        box.send({"cells": cells, "cell_timeout": 60})
        deadline = time.monotonic() + 120
        while (event := box.next_event(deadline)) and event.get("event") != "cells_done":
            if event.get("event") == "cell_error":
                errors.append(event)
        box.send({"id": "t", "source": source, "func": func, "names": [],
                  "inputs": probe_runtime.encode({}), "timeout": 100})
        while (event := box.next_event(deadline)) and event.get("event") != "probe":
            pass
    obs = probe_runtime.decode(event["obs"]) if event and event["status"] == "ok" else None
    return {"obs": obs, "errors": errors}


def test_a_poisoning_sandbox_leaves_the_next_one_as_fresh_as_the_first():
    before = _look([])["obs"]
    poisoned = _look([POISON])
    assert poisoned["errors"] == []       # every poison was applied
    after = _look([])["obs"]
    assert after == before
    assert after["found"] == [] and after["cwd"] == "/sandbox" and after["floatx"] == "float32"
    assert after["pids"].count("1") == 1 and "2" not in after["pids"]   # nothing left running
    assert dict(after["env"])["HOME"] == "/sandbox"


WRITABLE = '''
def writable(student):
    import os
    skip = ("/proc", "/sys")
    places = []
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in skip]
        try:
            path = os.path.join(top, ".ag-probe")
            with open(path, "w"):
                pass
            os.unlink(path)
            places.append(top)
        except OSError:
            pass
    return {"places": places}
'''


def test_a_child_can_write_only_where_it_gets_a_fresh_tmpfs():
    places = _look([], WRITABLE, "writable")["obs"]["places"]
    fresh = ("/tmp", "/sandbox", "/dev/shm")
    assert [p for p in places if not p.startswith(fresh)] == []
    assert "/sandbox" in places


def test_grading_after_a_poisoning_submission_gives_identical_verdicts_and_digests(tmp_path):
    a = ASSIGNMENTS[0]
    reference = a.solution
    poison = base_notebook(a, "solution")
    poison.cells.append(nbformat.v4.new_code_cell(POISON))
    poisoned_path = tmp_path / "poison.ipynb"
    nbformat.write(poison, poisoned_path)
    alone = grade_submission(reference, "ref", a, seed=5)
    assert "warm template" in alone.sandbox
    hit = grade_submission(poisoned_path, "poison", a, seed=5)
    assert sum(r.points for r in hit.results) < sum(r.points for r in alone.results)
    after = grade_submission(reference, "ref", a, seed=5)
    assert [(r.check_id, r.status, r.points, r.message) for r in after.results] == \
        [(r.check_id, r.status, r.points, r.message) for r in alone.results]
    assert after.digests == alone.digests
    assert after.cell_errors == alone.cell_errors == []


def test_a_fresh_process_and_a_forked_child_grade_alike(monkeypatch):
    a = ASSIGNMENTS[0]
    forked = grade_submission(a.solution, "ref", a, seed=9)
    monkeypatch.setenv("AUTOGRADER_TEMPLATE", "0")
    fresh = grade_submission(a.solution, "ref", a, seed=9)
    assert "warm template" in forked.sandbox and "warm template" not in fresh.sandbox
    assert [(r.check_id, r.status, r.message) for r in fresh.results] == \
        [(r.check_id, r.status, r.message) for r in forked.results]
    assert fresh.digests == forked.digests


def test_a_killed_template_is_replaced():
    a = ASSIGNMENTS[0]
    grade_submission(a.solution, "ref", a, seed=2)
    pids = zygote.running()
    assert pids
    os.kill(pids[-1], signal.SIGKILL)        # the template itself
    time.sleep(0.5)
    again = grade_submission(a.solution, "ref", a, seed=2)
    assert "warm template" in again.sandbox
    assert all(r.status == "passed" for r in again.results)
    assert set(zygote.running()).isdisjoint(pids)
