"""A small checks module for the tests of GPU gating: its setup reports one GPU (a claim this
test machine cannot back, which is the point: gating trusts the setup, run before any student
code), so a check needing one GPU runs and a check needing two is "needs GPU"."""

from __future__ import annotations

from autograder.kit.checks import Registry
from autograder.kit.expect import expect

CHECKS = Registry("00-gpu-gating")
check = CHECKS.check


@CHECKS.setup
def devices():
    import os
    os.environ["SETUP_RAN_FIRST"] = "yes"      # the notebook's first cell reads it
    return {"gpus": 1}


def two(rng):
    return {"n": int(rng.integers(2, 9))}


@check("q1", points=1, inputs=two, gpus=1)
def doubles_on_one_gpu(student, n):
    """`double(n)` is `2 * n` (a check that needs one GPU)."""
    return {"y": student.double(n), "setup_first": student.SEEN}


@doubles_on_one_gpu.judge
def judge_doubles_on_one_gpu(obs, n):
    expect(obs.int("y", "`double(n)`") == 2 * n, "`double(n)` is not twice `n`.")
    expect(obs.str("setup_first", "What the notebook saw") == "yes",
           "The setup did not run before the notebook.")


@check("q2", points=2, inputs=two, gpus=2)
def doubles_on_two_gpus(student, n):
    """`double(n)` is `2 * n` (a check that needs two GPUs)."""
    return {"y": student.double(n)}


@doubles_on_two_gpus.judge
def judge_doubles_on_two_gpus(obs, n):
    expect(obs.int("y", "`double(n)`") == 2 * n, "`double(n)` is not twice `n`.")


@check("q2", points=1, inputs=two)
def doubles_anywhere(student, n):
    """`double(n)` is `2 * n` (a check that needs no GPU)."""
    return {"y": student.double(n)}


@doubles_anywhere.judge
def judge_doubles_anywhere(obs, n):
    expect(obs.int("y", "`double(n)`") == 2 * n, "`double(n)` is not twice `n`.")


CHECKS.validate()
