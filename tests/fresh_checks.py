"""A small checks module for the tests of the fresh stage (files loaded in a new sandbox)."""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch
from autograder.kit.expect import expect_close
from autograder.kit.probe_runtime import new_dir, pack_dir, to_numpy, unpack

CHECKS = Registry("00-fresh-stage")
check = CHECKS.check


def x3(rng):
    return {"x": batch(rng, 3)}


@check("q1", points=1, inputs=x3)
def saved_array_loads_elsewhere(student, x):
    """`save(folder, x)` writes `x` so that a process without the student's code can load it."""
    folder = new_dir()
    student.save(folder, x)
    return {"files": pack_dir(folder)}


@saved_array_loads_elsewhere.fresh(cells=False)
def load_saved_array(student, files, x):
    import os
    folder = unpack(files)
    return {"y": to_numpy(np.load(os.path.join(folder, "x.npy"), allow_pickle=False)),
            "names": sorted(os.listdir(folder))}


@saved_array_loads_elsewhere.judge
def judge_saved_array_loads_elsewhere(obs, x):
    loaded = obs.part("fresh", "What the fresh process loaded")
    expect_close(loaded.array("y", "The array `save` wrote"), x,
                 "The array `save` wrote, loaded in a fresh process")


CHECKS.validate()
