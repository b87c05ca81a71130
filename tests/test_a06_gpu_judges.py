"""Assignment 06's GPU checks: their judges on the observations a GPU grader would record.

These checks never run on a machine without GPUs (they say "needs GPU"), so their judges are
tested here directly: observations as a correct solution gives them on a GPU pass; those of
the usual mistakes (a timer that does not wait, a copy to the host every step, both chains on
one device) fail with a message that says so; a grader that cannot show the effect itself is a
grader error, never the student's failure. Observations go through the same encoding as a
sandbox's and reach the judge through `Check.verdict`, as in a grading.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder import assignments
from autograder.inkernel import grade_in_kernel
from autograder.kit.checks import decode_record
from autograder.kit.probe_runtime import encode
from autograder.kit.results import Status
from conftest import GPUS

# The suite names no assignment or check (tests/test_suite.py): the GPU checks are found by
# their question.
A = assignments.load("06")
GPU = {c.question: c for c in A.registry.checks.values() if c.gpus}


def verdict(question: str, obs: dict, seed: int = 3):
    """The verdict of `question`'s GPU check on `obs` (the probe's and the fresh stage's,
    merged as the runner merges them)."""
    check = GPU[question]
    record = decode_record({"status": "ok", "obs": encode(obs)})
    return check.verdict(record, check.draw_inputs(seed))


def test_gpu_checks_are_declared_with_their_gpu_counts():
    assert {q: c.gpus for q, c in GPU.items()} == {"q8": 1, "q9": 1, "q10": 2}
    assert all(c.hidden and c.fresh_fn is not None and not c.fresh_cells for c in GPU.values())
    assert A.gpu_points() == sum(c.points for c in GPU.values())


@pytest.mark.parametrize("question", sorted(GPU))
def test_gpu_check_with_too_few_gpus_does_not_run(question):
    check = GPU[question]
    result = check.run_in_kernel({}, seed=0, gpus=check.gpus - 1)   # an empty namespace: no probe ran
    assert result.status == Status.NEEDS_GPU and result.points == 0
    assert "left out of the total" in result.message


def test_reference_gpu_checks_need_gpu_on_this_machine():
    results = {r.check_id: r for r in grade_in_kernel(A.solution, A.id, seed=5)}
    for check in GPU.values():
        expected = Status.NEEDS_GPU if check.gpus > GPUS else Status.PASSED
        assert results[check.id].status == expected, results[check.id].message
    others = [r for r in results.values() if r.check_id not in {c.id for c in GPU.values()}]
    assert [(r.check_id, r.message) for r in others if r.status != Status.PASSED] == []


# ------------------------------------------------------------------------- q8 matmul_speedup

def speedup_obs(speedup, cpu_ms: float = 120.0, gpu_ms: float = 3.0) -> dict:
    return {"speedup": speedup, "type": type(speedup).__name__,
            "fresh": {"cpu_ms": cpu_ms, "gpu_ms": gpu_ms}}


def test_matmul_speedup_passes_near_the_graders_own():
    assert verdict("q8", speedup_obs(31.5)).status == Status.PASSED   # own: 40
    assert verdict("q8", speedup_obs(155.0)).status == Status.PASSED


def test_matmul_speedup_timed_without_waiting_fails():
    # A timer that stops at the launch measures ~20 us for the GPU product: a ratio in thousands.
    result = verdict("q8", speedup_obs(6000.0))
    n = GPU["q8"].draw_inputs(3)["n"]
    assert result.status == Status.FAILED
    assert result.message.startswith(f"`matmul_speedup({n})` returned 6e+03, more than 4 times")
    assert "does `time_op` wait for the result (`np.asarray`)" in result.message


def test_matmul_speedup_below_the_threshold_fails():
    result = verdict("q8", speedup_obs(0.025))   # GPU / CPU, upside down
    assert result.status == Status.FAILED
    assert "expected at least 3" in result.message


def test_matmul_speedup_far_below_the_graders_own_fails():
    result = verdict("q8", speedup_obs(6.0))     # own: 40
    assert result.status == Status.FAILED
    assert "less than 1/4 of the speedup the grader measured" in result.message


def test_matmul_speedup_that_is_no_float_fails():
    obs = dict(speedup_obs(None), type="tuple")
    result = verdict("q8", obs)
    assert result.status == Status.FAILED and "returned a `tuple`" in result.message


@pytest.mark.parametrize("fresh", [{"cpu_ms": 10.0, "gpu_ms": 5.0}, {"cpu_ms": 10.0}, None])
def test_matmul_speedup_grader_that_cannot_measure_is_a_grader_error(fresh):
    obs = dict(speedup_obs(40.0), fresh=fresh)
    assert verdict("q8", obs).status == Status.GRADER_ERROR


# ------------------------------------------------------------------------- q9 norm_log

def log_obs(ms: float, every_step_ms: float = 80.0, once_ms: float = 35.0,
            student_log=None) -> dict:
    steps = GPU["q9"].draw_inputs(3)["steps"]
    log = np.linspace(40.0, 3.0, steps).astype("float32")
    return {"ms": ms, "log": log if student_log is None else student_log,
            "fresh": {"every_step_ms": every_step_ms, "once_ms": once_ms, "log": log}}


def test_norm_log_on_device_passes_when_faster():
    assert verdict("q9", log_obs(36.0)).status == Status.PASSED
    assert verdict("q9", log_obs(64.0)).status == Status.PASSED   # 0.8 x 80


def test_norm_log_with_a_copy_every_step_fails():
    result = verdict("q9", log_obs(79.0))
    assert result.status == Status.FAILED
    assert result.message == (
        "On the GPU `norm_log_on_device` took 79.0 ms (median); the loop with a copy every step "
        "took 80.0 ms, so yours should take at most 0.8 x that: keep the log on the device and "
        "copy it once.")


def test_norm_log_with_other_values_fails():
    steps = GPU["q9"].draw_inputs(3)["steps"]
    result = verdict("q9", log_obs(36.0, student_log=np.zeros(steps)))
    assert result.status == Status.FAILED
    assert "The log `norm_log_on_device` returned on the GPU differs" in result.message


def test_norm_log_grader_without_the_effect_is_a_grader_error():
    result = verdict("q9", log_obs(36.0, every_step_ms=80.0, once_ms=75.0))
    assert result.status == Status.GRADER_ERROR


# ------------------------------------------------------------------------- q10 two_devices

def pair_obs(two_ms: float, one_ms: float = 38.0, sums=(1520.0, -830.0),
             own_two_ms: float = 20.0, own_one_ms: float = 38.0) -> dict:
    return {"two_ms": two_ms, "one_ms": one_ms, "two_sums": np.array(sums),
            "one_sums": np.array(sums),
            "fresh": {"two_ms": own_two_ms, "one_ms": own_one_ms,
                      "sums": np.array([1520.0, -830.0])}}


def test_two_devices_overlapping_passes():
    assert verdict("q10", pair_obs(20.5)).status == Status.PASSED
    assert verdict("q10", pair_obs(28.5)).status == Status.PASSED


@pytest.mark.parametrize("two_ms", [37.5, 39.0], ids=["one-device", "waits-in-between"])
def test_two_devices_that_do_not_overlap_fail(two_ms):
    # Both chains on one device, or the first result copied to the host before the second
    # starts: about the one-device time.
    result = verdict("q10", pair_obs(two_ms))
    assert result.status == Status.FAILED
    assert result.message == (
        f"`two_devices` on two GPUs took {two_ms:.1f} ms (median) and on one GPU 38.0 ms; "
        "expected at most 0.75 x the one-GPU time: issue both chains before waiting for either "
        "(no copy to the host in between).")


def test_two_devices_with_other_results_fail():
    result = verdict("q10", pair_obs(20.5, sums=(0.0, 0.0)))
    assert result.status == Status.FAILED
    assert "The results of `two_devices` on the GPUs (their sums) differ" in result.message


def test_two_devices_grader_without_overlap_is_a_grader_error():
    result = verdict("q10", pair_obs(20.5, own_two_ms=36.0))
    assert result.status == Status.GRADER_ERROR
