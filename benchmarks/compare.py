"""One sitting: the same submissions graded by otter, nbgrader and this grader (local and Dask).

Run: `make bench` (or `.venv/bin/python benchmarks/compare.py [N] [--skip otter,nbgrader]`).
N copies (default 24) of assignment 01's reference notebook are graded by
  (a) `otter run` over an equivalent otter autograder (one test case per check, every check,
      run in the notebook's kernel), one at a time and two at a time;
  (b) `nbgrader autograde` of the course `autograder export nbgrader` writes;
  (c) this grader, 1 worker and one per core, each in a fresh process (the warm template's
      start is counted), and for comparison with templates off (`AUTOGRADER_TEMPLATE=0`);
  (d) this grader on a Dask `LocalCluster`, 1 and 2 worker processes.
It prints a Markdown table: wall time, submissions per minute, ratio against otter and nbgrader
at equal parallelism, overhead per submission (wall per submission at one worker minus the
student's own cell and probe time, measured in one warm process), and the peak resident memory
of the largest process each run started. Figures only; no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3",
           TF_ENABLE_ONEDNN_OPTS="0", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
ASSIGNMENT = "01-layers-and-models"


def otter_zip(work: Path) -> Path:
    """An otter autograder with one test case per check (public and hidden), each running the
    check in the notebook's kernel as `grader.check` does."""
    sys.path.insert(0, str(ROOT))
    from autograder import assignments, build

    a = assignments.load(ASSIGNMENT)
    path = work / "autograder.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("otter_config.json", "{}")
        for question in a.questions():
            z.writestr(f"tests/{question}.py", build.otter_test_file(
                a, question, every=True, module=a.checks_module))
    return path


# Runs a command and prints the largest resident set among the processes it started (KiB).
WRAP = ("import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)")
PEAKS: list[float] = []       # MiB, one per command of the current run


def timed(argv: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    start = time.monotonic()
    proc = subprocess.run([PY, "-c", WRAP, *argv], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {proc.stderr[-2000:]}")
    PEAKS.extend(int(line.split()[1]) / 1024 for line in proc.stderr.splitlines()
                 if line.startswith("MAXRSS "))
    return time.monotonic() - start, proc.stdout


def run_otter(subs: list[Path], work: Path, parallel: int) -> float:
    zip_path = otter_zip(work)

    def one(sub: Path) -> float:
        out = work / f"otter-{sub.stem}"
        out.mkdir(exist_ok=True)
        seconds, stdout = timed([str(BIN / "otter"), "run", "-a", str(zip_path), "-o", str(out),
                                 str(sub)], work)
        result = json.loads((out / "results.json").read_text())
        score = sum(t.get("score", 0) for t in result.get("tests", []))
        if score <= 0:
            raise RuntimeError(f"otter gave {sub.name} {score}: {stdout[-1000:]}")
        return seconds

    start = time.monotonic()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, subs))
    return time.monotonic() - start


def run_nbgrader(subs: list[Path], work: Path) -> float:
    sys.path.insert(0, str(ROOT))
    import nbformat

    from autograder import assignments
    from autograder.export import nbgrader as nbgrader_export

    a = assignments.load(ASSIGNMENT)
    course = work / "nbgrader-course"
    nbgrader_export.write_course(a, course)
    env = dict(ENV, **nbgrader_export.KERNEL_ENV)
    timed([str(BIN / "nbgrader"), "generate_assignment", a.id, "--force"], course, env)
    release = nbformat.read(course / "release" / a.id / f"{a.id}.ipynb", as_version=4)
    for sub in subs:
        folder = course / "submitted" / sub.stem / a.id
        folder.mkdir(parents=True)
        nb = nbformat.read(sub, as_version=4)
        nbformat.write(nbgrader_export.to_release_form(release, nb), folder / f"{a.id}.ipynb")
    seconds, _ = timed([str(BIN / "nbgrader"), "autograde", a.id, "--force"], course, env)
    return seconds


OURS = """
import sys, time
from pathlib import Path
from autograder import assignments
from autograder.grade import grade_class
a = assignments.load(sys.argv[1])
cluster = None
scheduler = None
if sys.argv[4] == "dask":
    from distributed import LocalCluster
    cluster = LocalCluster(n_workers=int(sys.argv[3]), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    scheduler = cluster.scheduler_address
start = time.monotonic()
rep = grade_class(a, Path(sys.argv[2]), Path(sys.argv[5]), workers=int(sys.argv[3]), seed=1,
                  regrade=True, quiet=True, scheduler=scheduler)
print(time.monotonic() - start, rep.graded)
if cluster:
    cluster.close()
"""


def run_ours(folder: Path, work: Path, workers: int, mode: str = "local",
             template: bool = True) -> float:
    env = dict(ENV, AUTOGRADER_TEMPLATE="1" if template else "0")
    out = work / f"ours-{mode}-{workers}-{int(template)}"
    _, stdout = timed([PY, "-c", OURS, ASSIGNMENT, str(folder), str(workers), mode, str(out)],
                      work, env)
    seconds, graded = stdout.split()[-2:]
    return float(seconds)


OWN_TIME = """
import sys, time
from pathlib import Path
import tensorflow, keras, numpy
from autograder import assignments
from autograder.kit import probe_runtime
from autograder.notebook import read_code_cells
from autograder.kit.checks import function_source
a = assignments.load(sys.argv[1])
cells = read_code_cells(a.solution, a.id)
runs = []
for _ in range(3):
    start = time.monotonic()
    ns = probe_runtime.run_cells(cells, 120, lambda _m: None)
    for c in a.registry.checks.values():
        probe_runtime.run_probe(function_source(c.probe), c.probe.__name__, list(c.needs), ns,
                                c.draw_inputs(1))
    runs.append(time.monotonic() - start)
print(min(runs))
"""


def own_time() -> float:
    """The reference notebook's cells and every probe, in a warm process (TensorFlow imported
    beforehand): the work any grader has to do."""
    _, stdout = timed([PY, "-c", OWN_TIME, ASSIGNMENT], ROOT)
    return float(stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=24)
    parser.add_argument("--skip", default="", help="comma-separated: otter,nbgrader,fresh,dask")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="ag-compare-"))
    folder = work / "subs"
    folder.mkdir()
    solution = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    subs = []
    for i in range(args.n):
        subs.append(folder / f"student{i:02d}.ipynb")
        shutil.copy(solution, subs[-1])
    rows: list[tuple[str, int, float, float]] = []    # (what, parallelism, wall, peak MiB)

    def add(what: str, parallel: int, fn) -> None:
        PEAKS.clear()
        seconds = fn()
        rows.append((what, parallel, seconds, max(PEAKS, default=0)))
        print(f"  {what}, {parallel} at a time: {seconds:.1f} s", file=sys.stderr, flush=True)

    own = own_time()
    PEAKS.clear()
    add("ours", 1, lambda: run_ours(folder, work, 1))
    add("ours", cores, lambda: run_ours(folder, work, cores))
    if "fresh" not in skip:
        add("ours, templates off", 1, lambda: run_ours(folder, work, 1, template=False))
    if "dask" not in skip:
        add("ours on Dask", 1, lambda: run_ours(folder, work, 1, "dask"))
        add("ours on Dask", 2, lambda: run_ours(folder, work, 2, "dask"))
    if "nbgrader" not in skip:
        add("nbgrader autograde", 1, lambda: run_nbgrader(subs, work))
    if "otter" not in skip:
        add("otter run", 1, lambda: run_otter(subs, work, 1))
        add("otter run", 2, lambda: run_otter(subs, work, 2))
    shutil.rmtree(work, ignore_errors=True)

    def wall(what: str, parallel: int) -> float | None:
        return next((w for name, p, w, _ in rows if name == what and p == parallel), None)

    n = args.n
    print(f"\n{n} copies of {ASSIGNMENT}'s reference; {time.strftime('%Y-%m-%d')}; "
          f"{platform.node()}: {cores} cores, Python {platform.python_version()}\n")
    print("| grader | at a time | wall (s) | per submission (s) | submissions/min "
          "| × otter | × nbgrader | largest process (MiB) |")
    print("|---|---|---|---|---|---|---|---|")
    for what, parallel, seconds, peak in rows:
        otter = wall("otter run", parallel)
        nbg = wall("nbgrader autograde", parallel)
        print(f"| {what} | {parallel} | {seconds:.1f} | {seconds / n:.2f} | {60 * n / seconds:.1f} "
              f"| {f'{otter / seconds:.1f}' if otter else '—'} "
              f"| {f'{nbg / seconds:.1f}' if nbg else '—'} | {peak:.0f} |")
    one = wall("ours", 1)
    print(f"\nThe notebook's own cells and probes, warm: {own:.2f} s; ours at 1 worker: "
          f"{one / n:.2f} s per submission, so grader overhead {one / n - own:.2f} s "
          f"({100 * (one / n - own) / own:.0f} % of the student's own time).")
    d1, d2 = wall("ours on Dask", 1), wall("ours on Dask", 2)
    if d1 and d2:
        print(f"Dask, 1 → 2 workers: {d1:.1f} → {d2:.1f} s ({d1 / d2:.2f}×).")


if __name__ == "__main__":
    main()
