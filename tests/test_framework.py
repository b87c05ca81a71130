"""Unit tests of what verdicts rest on: encoding, validation of checks, judging, the build."""

from __future__ import annotations

import base64
import io
import pickle
import re

import numpy as np
import pytest

from autograder import build, grade
from autograder.kit import probe_runtime
from autograder.kit.checks import CheckDefinitionError, Registry, decode_record
from autograder.kit.draw import batch
from autograder.kit.expect import Fail, expect, expect_close
from autograder.kit.results import Status
from autograder.sandbox import GIB, Limits
from autograder.submissions import Submission

LIMIT = 3   # a module constant no probe may use


def x4(rng):
    return {"x": batch(rng, 4)}


def test_encode_decode_round_trip_keeps_values_and_types():
    tree = {"a": np.arange(6, dtype="float32").reshape(2, 3), "n": 3, "s": "x", "f": float("nan"),
            "l": [np.int64(2), None, True], "b": b"\x00PK\x03\x04 saved file", "e": b""}
    out = probe_runtime.decode(probe_runtime.encode(tree))
    assert out["a"].dtype == np.float32 and out["a"].tolist() == tree["a"].tolist()
    assert out["n"] == 3 and out["s"] == "x" and np.isnan(out["f"]) and out["l"] == [2, None, True]
    assert out["b"] == tree["b"] and out["e"] == b"" and isinstance(out["b"], bytes)


def test_bytes_share_the_observation_size_cap():
    blob = probe_runtime.encode({"file": bytes(4096)})
    assert probe_runtime.decode(blob, max_bytes=8192)["file"] == bytes(4096)
    with pytest.raises(ValueError):
        probe_runtime.decode(blob, max_bytes=1024)


def test_decode_refuses_pickles_object_arrays_and_garbage():
    buf = io.BytesIO()
    np.savez(buf, a0=np.array([{"x": 1}], dtype=object), allow_pickle=True)
    blob = {"json": {"__nd__": "a0"}, "npz": base64.b64encode(buf.getvalue()).decode()}
    garbage = {"json": {"__nd__": "a0"}, "npz": base64.b64encode(b"not a zip").decode()}
    forged_bytes = {"json": {"__bytes__": "a0"}, "npz": probe_runtime.encode([np.ones(3)])["npz"]}
    for bad in (blob, garbage, forged_bytes, {"json": pickle.dumps(1).hex(), "npz": "", "x": 1},
                {"json": {"__nd__": "missing"}, "npz": probe_runtime.encode({})["npz"]}):
        with pytest.raises(ValueError):
            probe_runtime.decode(bad)


def test_nan_is_never_close_to_anything():
    with pytest.raises(Fail):
        expect_close(np.array([np.nan]), np.array([np.nan]), "`x`")
    expect_close(np.array([1.0]), np.array([1.0 + 1e-7]), "`x`")


# ------------------------------------------------------------------ declaring checks

def test_a_check_without_a_judge_fails_validation_naming_it():
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4)
    def lonely(student, x):
        return {}

    with pytest.raises(CheckDefinitionError, match="check `lonely` has no judge"):
        checks.validate()


def test_a_judge_whose_parameters_differ_from_the_inputs_fails_validation():
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4)
    def misnamed(student, x):
        return {}

    @misnamed.judge
    def judge_misnamed(obs, inputs):
        pass

    with pytest.raises(CheckDefinitionError, match=r"check `misnamed`: the judge `judge_misnamed` "
                                                   r"takes \(inputs\) but the drawer gives \(x\)"):
        checks.validate()


def test_a_probe_using_a_module_constant_fails_validation():
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4)
    def uses_constant(student, x):
        return {"n": LIMIT}

    @uses_constant.judge
    def judge_uses_constant(obs, x):
        pass

    with pytest.raises(CheckDefinitionError, match="check `uses_constant`: the probe "
                                                   "`uses_constant` uses module-level `LIMIT`"):
        checks.validate()


def test_a_judge_using_a_module_constant_fails_validation():
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4)
    def judged_by_constant(student, x):
        return {}

    @judged_by_constant.judge
    def judge_judged_by_constant(obs, x):
        expect(x.shape[1] == LIMIT, "`x`")

    with pytest.raises(CheckDefinitionError, match="`judge_judged_by_constant` uses `LIMIT`"):
        checks.validate()


def test_needs_are_the_student_names_a_probe_reads():
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4, needs=["Helper"])
    def reads_two(student, x):
        return {"y": student.Model(student.width)(x)}

    assert reads_two.needs == ("Model", "width", "Helper")


# ------------------------------------------------------------------ verdicts

def _check_judged_by(judge):
    checks = Registry("t")

    @checks.check("q1", points=1, inputs=x4)
    def probe(student, x):
        return {"y": x}

    probe.judge(judge)
    return probe


def test_verdicts_pass_fail_grader_error_and_malformed():
    def passes(obs, x):
        expect_close(obs.array("y", "`y`"), x, "`y`")

    def fails(obs, x):
        raise Fail("`thing` is wrong.")

    def divides_by_zero(obs, x):
        return 1 / 0

    inputs = x4(np.random.default_rng(0))
    ok = {"status": "ok", "obs": {"y": inputs["x"]}}
    assert _check_judged_by(passes).verdict(ok, inputs).status == Status.PASSED
    failed = _check_judged_by(fails).verdict(ok, inputs)
    assert (failed.status, failed.message) == (Status.FAILED, "`thing` is wrong.")
    bug = _check_judged_by(divides_by_zero).verdict(ok, inputs)
    assert bug.status == Status.GRADER_ERROR and bug.points == 0
    assert "ZeroDivisionError" in bug.message
    # A forged observation of the wrong form is the student's failure, not the grader's.
    for forged in ({"y": "not an array"}, {"z": 1}, ["y"], {"y": np.array([b"x"])}):
        result = _check_judged_by(passes).verdict({"status": "ok", "obs": forged}, inputs)
        assert result.status == Status.FAILED, forged
    garbled = decode_record({"status": "ok", "obs": {"json": {}, "npz": "!!"}})
    assert _check_judged_by(passes).verdict(garbled, inputs).status == Status.FAILED


def test_a_grader_crash_on_one_file_becomes_a_row(assignment, tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(grade, "grade_submission", explode)
    path = tmp_path / "x.ipynb"
    path.write_text("{}")
    sub = grade._grade_one(Submission("x", path), assignment, 1, False, None)
    assert sub.status == "grader error" and "disk on fire" in sub.reason
    assert {r.status for r in sub.results} == {Status.GRADER_ERROR}
    assert len(sub.results) == len(assignment.registry.checks)


# ------------------------------------------------------------------ limits and the build

def test_limits_come_from_the_assignment_table():
    limits = Limits.from_config({"memory_gib": 2, "pids": 64, "probe_timeout": 30,
                                 "observation_mib": 1})
    assert (limits.memory, limits.pids, limits.probe_timeout) == (2 * GIB, 64, 30)
    assert limits.observation_bytes == 1024 ** 2 and limits.cell_timeout == Limits().cell_timeout
    with pytest.raises(ValueError, match="memory_gb"):
        Limits.from_config({"memory_gb": 2})


def test_strip_solutions_keeps_indentation_and_refuses_unbalanced_markers():
    src = "def f():\n    # BEGIN SOLUTION\n    return 42\n    # END SOLUTION\n"
    assert build.strip_solutions(src) == f"def f():\n    {build.STUB}"
    with pytest.raises(ValueError):
        build.strip_solutions("# BEGIN SOLUTION\nx = 1\n")


def test_the_release_kit_is_the_graders_kit_byte_for_byte(assignment):
    shipped = {p.name: p.read_text() for p in (assignment.release_dir / build.KIT_PACKAGE).glob("*.py")}
    assert shipped == build.kit_files()


# ------------------------------------------------------------------ the fresh stage

SAVES = ("import os\nimport numpy as np\n\n"
         "def save(folder, x):\n    np.save(os.path.join(folder, 'x.npy'), x)\n")
LINKS = ("import os\n\n"
         "def save(folder, x):\n    os.symlink('/etc/passwd', os.path.join(folder, 'x.npy'))\n")


@pytest.fixture(scope="module")
def fresh_assignment(tmp_path_factory):
    """An assignment whose one check loads the files a notebook saved in a fresh sandbox."""
    from autograder.assignments import Assignment

    return Assignment("00-fresh-stage", "Fresh stage", "fresh_checks", Limits(total_timeout=120),
                      {})


def _grade_cells(assignment, tmp_path, source):
    import nbformat

    from autograder.runner import grade_submission

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nbformat.write(nb, tmp_path / "work.ipynb")
    return grade_submission(tmp_path / "work.ipynb", "s", assignment, 5)


def test_saved_files_are_loaded_in_a_fresh_sandbox_without_student_code(fresh_assignment,
                                                                        tmp_path):
    sub = _grade_cells(fresh_assignment, tmp_path, SAVES)
    assert [r.status for r in sub.results] == [Status.PASSED], sub.results


def test_saved_files_with_a_link_are_refused(fresh_assignment, tmp_path):
    sub = _grade_cells(fresh_assignment, tmp_path, LINKS)
    assert sub.results[0].status == Status.FAILED
    assert sub.results[0].message == ("Your saved files were not taken: the saved files hold a "
                                      "link ('x.npy'), which is not taken.")


def _tar(*members) -> bytes:
    import tarfile
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, kind, size in members:
            info = tarfile.TarInfo(name)
            info.type, info.size = kind, size
            tar.addfile(info, io.BytesIO(bytes(size)) if kind == b"0" else None)
    return buf.getvalue()


@pytest.mark.parametrize("data, reason", [
    (_tar(("../../outside.npy", b"0", 3)), "climbs out of its folder"),
    (_tar(("/etc/cron.d/x", b"0", 3)), "climbs out of its folder"),
    (_tar(("a/../../b", b"0", 3)), "climbs out of its folder"),
    (_tar(("x", b"2", 0)), "hold a link"),
    (_tar(("x", b"1", 0)), "hold a link"),
    (_tar(("dev", b"3", 0)), "not a file"),
    (_tar(*[(f"f{i}", b"0", 1) for i in range(300)]), "300 entries; at most 256"),
    (_tar(("big", b"0", 2 * 1024 ** 2)), "over 1 MiB"),
    (b"PK\x03\x04 not a tar", "not a readable archive"),
])
def test_the_grader_refuses_hostile_archives_without_unpacking(data, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        probe_runtime.archive_listing(data, 1024 ** 2)


# ------------------------------------------------------------------ checks that need a GPU

GPU_NOTEBOOK = "import os\nSEEN = os.environ.get('SETUP_RAN_FIRST')\n\ndef double(n):\n    return 2 * n\n"


@pytest.fixture(scope="module")
def gpu_assignment():
    from autograder.assignments import Assignment

    return Assignment("00-gpu-gating", "GPU gating", "gpu_checks", Limits(total_timeout=120), {})


def test_checks_needing_more_gpus_than_the_setup_reports_are_left_out(gpu_assignment, tmp_path):
    from autograder.kit.results import not_counted_note

    sub = _grade_cells(gpu_assignment, tmp_path, GPU_NOTEBOOK)
    status = {r.check_id: r.status for r in sub.results}
    assert status == {"doubles_on_one_gpu": Status.PASSED, "doubles_on_two_gpus": Status.NEEDS_GPU,
                      "doubles_anywhere": Status.PASSED}, sub.results
    unrun = next(r for r in sub.results if r.check_id == "doubles_on_two_gpus")
    assert unrun.message == ("This check needs 2 GPUs and this grader has 1: it did not run and "
                             "its 2 points are left out of the total.")
    assert (sub.points, sub.max_points, sub.not_counted) == (2, 2, 2)
    assert "1 GPU seen by the setup" in sub.sandbox
    assert not_counted_note(2).startswith("2 points need a GPU")


def test_a_gpu_check_in_the_students_kernel_asks_the_setup(gpu_assignment):
    registry = gpu_assignment.registry
    env = {"SEEN": "yes", "double": lambda n: 2 * n}
    assert registry.gpus_in_kernel() == 1
    assert registry.checks["doubles_on_two_gpus"].run_in_kernel(env, gpus=1).status == \
        Status.NEEDS_GPU
    registry.run_public("doubles_on_one_gpu", env)        # raises unless it passed
    with pytest.raises(AssertionError, match="needs 2 GPUs and this grader has 1"):
        registry.run_public("doubles_on_two_gpus", env)


def test_the_gradebook_csv_feedback_and_summary_show_needs_gpu(gpu_assignment, tmp_path):
    import csv

    from autograder.feedback import student_page, write_summary
    from autograder.gradebook import GPU_COLUMN, Gradebook

    sub = _grade_cells(gpu_assignment, tmp_path, GPU_NOTEBOOK)
    book = Gradebook(tmp_path / "book.sqlite")
    book.record(gpu_assignment.id, sub)
    book.write_csv(gpu_assignment, tmp_path / "grades.csv")
    row = next(csv.DictReader((tmp_path / "grades.csv").open()))
    assert (row["q1"], row["q2"], row["total"], row["max"], row[GPU_COLUMN]) == \
        ("1.0", "1.0", "2.0", "2", "2")
    page = student_page(book, gpu_assignment, book.submissions(gpu_assignment.id)[0])
    assert "<b>2 / 2</b>" in page and "not counted (2)" in page and "need a GPU" in page
    md, _ = write_summary(book, gpu_assignment, tmp_path)
    assert "Mean total 2.00 of 2." in md.read_text() and "2 points need a GPU" in md.read_text()


def test_a_gpu_check_without_a_setup_is_a_definition_error():
    from autograder.kit.checks import CheckDefinitionError, Registry

    reg = Registry("00-x")

    @reg.check("q1", points=1, gpus=1)
    def needs_gpu(student):
        return {}

    @needs_gpu.judge
    def judge_needs_gpu(obs):
        pass

    with pytest.raises(CheckDefinitionError, match="no `@CHECKS.setup` reports"):
        reg.validate()


def test_gpu_devices_are_passed_through_as_they_exist(tmp_path):
    from autograder.sandbox import gpu_binds

    assert gpu_binds(tmp_path) == []                       # no NVIDIA devices: nothing
    for name in ("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "nvidia-fake", "null"):
        (tmp_path / name).touch()
    (tmp_path / "nvidia-caps").mkdir()
    argv = gpu_binds(tmp_path, {"CUDA_VISIBLE_DEVICES": "1", "LD_LIBRARY_PATH": f"{tmp_path}:rel"})
    binds = [argv[i + 2] for i, a in enumerate(argv) if a == "--dev-bind"]
    assert binds == ["/dev/nvidia-uvm", "/dev/nvidia0", "/dev/nvidia1", "/dev/nvidiactl",
                     "/dev/nvidia-caps"]
    assert ["--setenv", "CUDA_VISIBLE_DEVICES", "1"] == argv[argv.index("CUDA_VISIBLE_DEVICES") - 1:
                                                             argv.index("CUDA_VISIBLE_DEVICES") + 2]
    assert ["--ro-bind", str(tmp_path), str(tmp_path)] in [argv[i:i + 3] for i in range(len(argv))]
    assert argv[-3:] == ["--setenv", "TF_FORCE_GPU_ALLOW_GROWTH", "true"]


def test_cells_are_numbered_as_jupyter_shows_them_and_answers_are_kept():
    import json

    from autograder.notebook import CHECK_CELL_TAG, parse_notebook

    cells = [{"cell_type": "code", "source": "grader = 1", "metadata": {"tags": [CHECK_CELL_TAG]},
              "outputs": []},
             {"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": []},
             {"cell_type": "markdown", "source": "**Answer.** Because.",
              "metadata": {"autograder": {"question": "q8", "manual": True}}},
             {"cell_type": "code", "source": ["y = ", "2"], "metadata": {}, "outputs": []}]
    parsed = parse_notebook(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                        "cells": cells}).encode(), "00-any")
    assert parsed.cells == ["x = 1", "y = 2"]
    assert parsed.numbers == [2, 3]                  # the check cell counts, as in Jupyter
    assert parsed.answers == {"q8": "**Answer.** Because."}


def test_a_failure_that_follows_from_an_earlier_one_says_so_and_keeps_its_points():
    from autograder.kit.checks import Registry
    from autograder.kit.results import CheckResult

    reg = Registry("99-settle")

    @reg.check("q1", points=1, hidden=False)
    def base(student):
        """The container applies its layers first to last."""
        return {}

    @reg.check("q2", points=2, after=["base"])
    def built_on(student):
        """Any number of layers."""
        return {}

    @reg.check("q2", points=1)
    def alone(student):
        """Something else."""
        return {}

    def row(check_id, status, points, message=""):
        c = reg.checks[check_id]
        return CheckResult(check_id, c.question, points, c.points, status, message, c.hidden)

    failed = [row("base", Status.FAILED, 0, "wrong order"), row("built_on", Status.RAISED, 0, "x"),
              row("alone", Status.FAILED, 0, "own")]
    settled = reg.settle(failed)
    assert [r.points for r in settled] == [0, 0, 0]
    assert settled[0].message == "wrong order" and settled[2].message == "own"
    assert settled[1].status == Status.FAILED
    assert "does not pass the check of Q1" in settled[1].message
    assert "applies its layers first to last" in settled[1].message
    # A check that passes, or whose base passes, keeps its own verdict.
    ok_base = [row("base", Status.PASSED, 1), row("built_on", Status.RAISED, 0, "x"),
               row("alone", Status.PASSED, 1)]
    assert reg.settle(ok_base) == ok_base
    passed = [row("base", Status.FAILED, 0), row("built_on", Status.PASSED, 2),
              row("alone", Status.PASSED, 1)]
    assert reg.settle(passed) == passed
    # An unwritten answer keeps its own message (the placeholder says what to do).
    stub = [row("base", Status.RAISED, 0, "Your code raised NotImplementedError"),
            row("built_on", Status.RAISED, 0, "Your code raised NotImplementedError (in `f`)"),
            row("alone", Status.PASSED, 1)]
    assert reg.settle(stub) == stub
    with pytest.raises(CheckDefinitionError, match="not a check declared before"):
        late = Registry("99-late")

        @late.check("q1", points=1, hidden=False, after=["later"])
        def first(student):
            return {}

        @late.check("q1", points=1, hidden=False)
        def later(student):
            return {}

        late.validate()
    part = Registry("99-part")

    @part.check("q1", points=1, hidden=False, after=["left_out"])
    def kept(student):
        return {}

    @kept.judge
    def judge_kept(obs):
        pass

    part.validate(selection=True)   # a release's selection may refer to checks it leaves out
    with pytest.raises(CheckDefinitionError, match="not a check declared before"):
        part.validate()
