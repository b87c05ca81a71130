"""GPU smoke test: grade assignment 06's reference solution on a GPU machine and show what its
GPU checks measured.

Run: `make gpu-smoke` (or `.venv-gpu/bin/python benchmarks/gpu_smoke.py [SEED]`) on a machine
with an NVIDIA GPU. It first starts one sandbox to count the GPUs its setup sees; with none it
prints one line saying so and exits 2 (within seconds). Otherwise it grades
`solutions/06-gpus/06-gpus.ipynb` in the sandbox and prints:

- one line per check: its status, points and id (and the message when it did not pass);
- for each GPU check, the figures behind its verdict, next to the thresholds of the judges in
  `autograder/checks/a06_gpus.py`:
  - q8 `matmul_speedup_on_gpu`: the reference's speedup (`matmul_speedup(2048)`), the grader's
    own CPU and GPU medians (ms) and speedup, the floor (3) and the allowed factor (4);
  - q9 `norm_log_faster_on_gpu`: the median (ms) of the reference's transfer-once log, the
    grader's per-step-transfer and transfer-once medians, and the allowed ratio (0.8);
  - q10 `two_devices_overlap_on_gpus`: the reference's two-GPU and one-GPU medians (ms), the
    grader's own, and the allowed ratio (0.75); "needs GPU" with one GPU.

Exit status: 0 when every check that could run passed, 1 otherwise, 2 without a GPU. No test
runs this script (CI has no GPU); use its figures to judge the thresholds on new hardware.
"""

from __future__ import annotations

import dataclasses
import sys
import time

from autograder import assignments
from autograder.kit.results import Status
from autograder.runner import grade_submission, sandbox_gpus

# The judges' thresholds (stated in the prompts; kept in sync with autograder/checks/a06_gpus.py).
SPEEDUP_MIN, SPEEDUP_FACTOR, LOG_RATIO, TWO_GPU_RATIO = 3.0, 4.0, 0.8, 0.75


def figures(check_id: str, record: dict) -> list[str]:
    """The measured figures of one GPU check's record, as lines to print."""
    obs = record.get("obs") if record.get("status") == "ok" else None
    if not isinstance(obs, dict):
        return [f"    no measurement ({record.get('status')}: {record.get('error', '')})"[:200]]
    own = obs.get("fresh") if isinstance(obs.get("fresh"), dict) else {}

    def num(mapping: dict, key: str) -> str:
        value = mapping.get(key)
        return f"{value:.3f}" if isinstance(value, float) else "?"

    if check_id == "matmul_speedup_on_gpu":
        cpu, gpu = own.get("cpu_ms"), own.get("gpu_ms")
        speedup = cpu / gpu if isinstance(cpu, float) and isinstance(gpu, float) and gpu else None
        return [f"    reference speedup {num(obs, 'speedup')}; grader's own: CPU {num(own, 'cpu_ms')}"
                f" ms, GPU {num(own, 'gpu_ms')} ms, speedup "
                f"{'?' if speedup is None else f'{speedup:.3f}'}",
                f"    pass: speedup >= {SPEEDUP_MIN:g} and within x{SPEEDUP_FACTOR:g} of the "
                "grader's own (which must itself be >= the floor)"]
    if check_id == "norm_log_faster_on_gpu":
        return [f"    reference (transfer once) median {num(obs, 'ms')} ms; grader's own: per-step "
                f"{num(own, 'every_step_ms')} ms, once {num(own, 'once_ms')} ms",
                f"    pass: reference <= {LOG_RATIO:g} x per-step (the grader's once must be too)"]
    if check_id == "two_devices_overlap_on_gpus":
        return [f"    reference medians: two GPUs {num(obs, 'two_ms')} ms, one GPU "
                f"{num(obs, 'one_ms')} ms; grader's own: two {num(own, 'two_ms')} ms, one "
                f"{num(own, 'one_ms')} ms",
                f"    pass: two <= {TWO_GPU_RATIO:g} x one (the grader's own must be too)"]
    return []


def main(seed: int = 1) -> int:
    a = assignments.load("06-gpus")
    limits = dataclasses.replace(a.limits, gpu=True)
    gpus, sandbox = sandbox_gpus(a, limits)
    if gpus == 0:
        print(f"gpu_smoke: the sandbox sees no GPU ({sandbox}); nothing to measure.")
        return 2
    print(f"gpu_smoke: {gpus} GPU(s) seen by the setup; sandbox: {sandbox}")
    observations: dict[str, dict] = {}
    start = time.monotonic()
    result = grade_submission(a.solution, "reference", a, seed, limits=limits,
                              observations=observations)
    print(f"graded the reference in {time.monotonic() - start:.1f} s: {result.status}"
          + (f" ({result.reason})" if result.reason else ""))
    for error in result.cell_errors:
        print(f"  cell error: {error}")
    failed = False
    for r in result.results:
        print(f"{r.status:>26}  {r.points:g}/{r.max_points:g}  {r.check_id}"
              + (f": {r.message}" if r.status != Status.PASSED else ""))
        if a.registry.checks[r.check_id].gpus:
            for line in figures(r.check_id, observations.get(r.check_id, {})):
                print(line)
        failed |= r.status not in (Status.PASSED, Status.NEEDS_GPU)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
