"""Unit tests of the pieces the verdicts rest on: encoding, judging helpers, the build's stub."""

from __future__ import annotations

import base64
import io
import pickle

import numpy as np
import pytest

from autograder import build, grade, probe_runtime
from autograder.checks.expect import Fail, expect_close
from autograder.checks.framework import FAILED, GRADER_ERROR, PASSED, Registry


def test_encode_decode_round_trip_keeps_values_and_types():
    tree = {"a": np.arange(6, dtype="float32").reshape(2, 3), "n": 3, "s": "x", "f": float("nan"),
            "l": [np.int64(2), None, True]}
    out = probe_runtime.decode(probe_runtime.encode(tree))
    assert out["a"].dtype == np.float32 and out["a"].tolist() == tree["a"].tolist()
    assert out["n"] == 3 and out["s"] == "x" and np.isnan(out["f"]) and out["l"] == [2, None, True]


def test_decode_refuses_pickles_and_object_arrays():
    buf = io.BytesIO()
    np.savez(buf, a0=np.array([{"x": 1}], dtype=object), allow_pickle=True)
    blob = {"json": {"__nd__": "a0"}, "npz": base64.b64encode(buf.getvalue()).decode()}
    with pytest.raises(ValueError):
        probe_runtime.decode(blob)
    with pytest.raises(ValueError):
        probe_runtime.decode({"json": pickle.dumps(1).hex(), "npz": "", "extra": 1})


def test_nan_is_never_close_to_anything():
    with pytest.raises(Fail):
        expect_close(np.array([np.nan]), np.array([np.nan]), "`x`")
    expect_close(np.array([1.0]), np.array([1.0 + 1e-7]), "`x`")


def _registry_with_judge(judge):
    checks = Registry("test")

    @checks.check("q1", points=1)
    def probe(student):
        return {}

    probe.judge(judge)
    return probe


def test_judge_verdicts_pass_fail_and_grader_error():
    def passes(obs):
        return None

    def fails(obs):
        raise Fail("`thing` is wrong.")

    def crashes(obs):
        return 1 / 0

    ok = {"status": "ok", "obs": {}}
    assert _registry_with_judge(passes).verdict(ok, {}).status == PASSED
    assert _registry_with_judge(fails).verdict(ok, {}).message == "`thing` is wrong."
    assert _registry_with_judge(fails).verdict(ok, {}).status == FAILED
    bug = _registry_with_judge(crashes).verdict(ok, {})
    assert bug.status == GRADER_ERROR and bug.points == 0


def test_a_grader_crash_on_one_file_becomes_a_row(a01, tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(grade, "grade_submission", explode)
    path = tmp_path / "x.ipynb"
    path.write_text("{}")
    sub = grade._grade_one(path, "x", a01, 1, False, None)
    assert sub.status == "grader error" and "disk on fire" in sub.reason
    assert {r.status for r in sub.results} == {GRADER_ERROR}


def test_strip_solutions_keeps_indentation_and_refuses_unbalanced_markers():
    src = "def f():\n    # BEGIN SOLUTION\n    return 42\n    # END SOLUTION\n"
    assert build.strip_solutions(src) == f"def f():\n    {build.STUB}"
    with pytest.raises(ValueError):
        build.strip_solutions("# BEGIN SOLUTION\nx = 1\n")


def test_decode_turns_garbage_into_value_error():
    garbage = {"json": {"__nd__": "a0"}, "npz": base64.b64encode(b"not a zip").decode()}
    with pytest.raises(ValueError):
        probe_runtime.decode(garbage)
    with pytest.raises(ValueError):
        probe_runtime.decode({"json": {"__nd__": "missing"}, "npz": probe_runtime.encode({})["npz"]})
