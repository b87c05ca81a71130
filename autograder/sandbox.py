"""Running untrusted notebook code: one fresh, locked-down process per submission.

The process runs `probe_runtime.py` and talks to the grader over its stdin (requests) and an
inherited pipe (events). Where bubblewrap exists, the process sees only the interpreter, the
libraries and an empty tmpfs work dir; it has no network, its own pid/ipc/uts namespaces, no
capabilities, an unprivileged uid where the interpreter allows it, rlimits, and a cgroup that
caps its total memory and process count. Without bubblewrap it falls back to a plain process
with the same limits, and says so loudly in every report.
"""

from __future__ import annotations

import collections
import functools
import json
import os
import queue
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from autograder import zygote

RUNTIME = Path(__file__).parent / "kit" / "probe_runtime.py"
SANDBOX_RUNTIME = "/opt/autograder/probe_runtime.py"
NOBODY = 65534
GIB = 1024 ** 3
MIB = 1024 ** 2
# Every process that runs student code gets this: TensorFlow's C++ log and its oneDNN start-up
# notice off (stderr noise), a non-interactive matplotlib, no bytecode files.
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "MPLBACKEND": "Agg",
             "PYTHONDONTWRITEBYTECODE": "1"}
CGROUP_V1 = Path("/sys/fs/cgroup")
EVENTS = {"setup", "cell", "cell_error", "cells_done", "probe"}   # what the runtime sends; others dropped
EVENT_QUEUE = 256                                        # parsed events waiting for the grader


# The device files the NVIDIA driver creates: one per GPU, the control and unified-memory
# devices, and the capability files of MIG slices.
NVIDIA_DEVICE = re.compile(r"nvidia(\d+|ctl|-uvm|-uvm-tools|-modeset)")


def nvidia_devices(dev: Path = Path("/dev")) -> list[Path]:
    """This machine's NVIDIA device files under `dev` (none on a machine without a GPU)."""
    try:
        found = [p for p in dev.iterdir() if NVIDIA_DEVICE.fullmatch(p.name)]
    except OSError:
        return []
    caps = dev / "nvidia-caps"
    return sorted(found) + ([caps] if caps.is_dir() else [])


def gpu_binds(dev: Path = Path("/dev"), environ: dict | None = None) -> list[str]:
    """bwrap arguments that pass the GPUs through, computed from what exists: every NVIDIA
    device file (a GPU that is absent simply has none), `/sys` read-only (the CUDA runtime reads
    the PCI topology there), the library folders of `LD_LIBRARY_PATH` that lie outside `/usr`,
    and the variables that choose devices and find the driver. Empty without NVIDIA devices."""
    found = nvidia_devices(dev)
    if not found:
        return []
    environ = os.environ if environ is None else environ
    argv = []
    for path in found:
        argv += ["--dev-bind", str(path), f"/dev/{path.name}"]
    if Path("/sys").is_dir():
        argv += ["--ro-bind", "/sys", "/sys"]
    folders = [d for d in environ.get("LD_LIBRARY_PATH", "").split(":") if d]
    for folder in folders:
        if os.path.isabs(folder) and os.path.isdir(folder) and not folder.startswith("/usr/"):
            argv += ["--ro-bind", folder, folder]
    for name in ("LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES"):
        if environ.get(name):
            argv += ["--setenv", name, environ[name]]
    # Without this TensorFlow takes nearly all of a GPU's memory at start-up.
    return argv + ["--setenv", "TF_FORCE_GPU_ALLOW_GROWTH", "true"]


class SandboxUnavailable(RuntimeError):
    """bubblewrap is required (`--require-sandbox`) but cannot be used here."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission (an assignment's `[limits]` table)."""

    total_timeout: float = 600.0
    cell_timeout: int = 120
    probe_timeout: int = 120
    address_space: int = 6 * GIB      # TensorFlow's kernel needs >= 3-4 GiB of address space
    memory: int = 4 * GIB             # cgroup cap on resident memory for the whole sandbox
    pids: int = 256                   # cgroup cap on processes + threads (TF uses ~40 threads)
    file_size: int = 256 * MIB
    observation_bytes: int = 16 * MIB  # arrays and bytes in one observation
    results_bytes: int = 64 * MIB      # everything sent on the results pipe
    output_bytes: int = 64 * 1024      # tail of stdout/stderr kept
    gpu: bool = False                  # pass this machine's NVIDIA devices through (if any)

    # `assignment.toml` key -> (field, unit)
    KEYS = {"cell_timeout": ("cell_timeout", 1), "total_timeout": ("total_timeout", 1),
            "probe_timeout": ("probe_timeout", 1), "memory_gib": ("memory", GIB),
            "pids": ("pids", 1), "address_space_gib": ("address_space", GIB),
            "file_size_mib": ("file_size", MIB), "observation_mib": ("observation_bytes", MIB),
            "output_mib": ("results_bytes", MIB)}

    @classmethod
    def from_config(cls, table: dict) -> "Limits":
        """Limits from an `assignment.toml` `[limits]` table; unknown keys are an error."""
        unknown = sorted(set(table) - set(cls.KEYS))
        if unknown:
            raise ValueError(f"unknown [limits] key(s) {', '.join(unknown)}; known: "
                             f"{', '.join(cls.KEYS)}")
        values = {}
        for key, value in table.items():
            name, unit = cls.KEYS[key]
            values[name] = type(getattr(cls(), name))(value * unit)
        return cls(**values)


@dataclass
class SandboxReport:
    """What isolation was in force for one submission."""

    mode: str
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.mode}: " + "; ".join(self.notes)


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def require_bwrap() -> str:
    """The path of bwrap; raises `SandboxUnavailable` where it is not installed."""
    path = bwrap_path()
    if path is None:
        raise SandboxUnavailable("bubblewrap (`bwrap`) is not installed; install it with "
                                 "`apt-get install bubblewrap` or drop --require-sandbox.")
    return path


def _readable_by_others(path: str) -> bool:
    """Whether an unprivileged uid can reach and read `path` (every parent searchable)."""
    p = Path(path)
    try:
        return all(os.stat(d).st_mode & 0o001 for d in p.parents) and bool(
            os.stat(p).st_mode & 0o004)
    except OSError:
        return False


def _can_drop_to_nobody(paths: list[str]) -> bool:
    """As root, run as uid 65534 unless something it needs lives under a private dir (/root)."""
    return os.geteuid() == 0 and all(_readable_by_others(p) for p in paths)


@functools.lru_cache(maxsize=None)
def _venv_roots(python: str) -> list[str]:
    """Directories the interpreter needs: the virtualenv and its base installation."""
    out = subprocess.run([python, "-c", "import sys; print(sys.prefix); print(sys.base_prefix)"],
                         capture_output=True, text=True, check=True).stdout.split()
    return sorted({p for p in out if not p.startswith("/usr")})


def _bwrap_argv(bwrap: str, python: str, roots: list[str], drop: bool, fd: int,
                gpu: list[str] = (), template: bool = False) -> list[str]:
    """bwrap's command line for a sandbox running the probe runtime, or with `template` for a
    warm template (`zygote`): the same sandbox plus a user namespace in which the template keeps
    the capabilities its children need to confine themselves (they drop them all)."""
    # tmpfs mounts first: a later bind (a virtualenv under /tmp, say) must not be hidden by them.
    # --as-pid-1: the notebook's interpreter is pid 1 of its namespace (no init helper that its
    # code could open); when it exits, the kernel kills everything else in the namespace.
    argv = [bwrap, "--unshare-all", "--as-pid-1", "--die-with-parent", "--new-session",
            "--size", str(256 * 1024 ** 2), "--tmpfs", "/tmp",
            "--size", str(512 * 1024 ** 2), "--perms", "0700", "--tmpfs", "/sandbox",
            "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), str(path)]
        elif path.exists():
            argv += ["--ro-bind", str(path), str(path)]
    for etc in ("/etc/ld.so.cache", "/etc/fonts", "/etc/localtime"):
        if os.path.exists(etc):
            argv += ["--ro-bind", etc, etc]
    for root in roots:
        argv += ["--ro-bind", root, root]
    argv += ["--ro-bind", str(RUNTIME), SANDBOX_RUNTIME]
    if template:
        argv += ["--unshare-user", "--cap-add", "ALL",
                 "--ro-bind", str(zygote.TEMPLATE_RUNTIME), zygote.SANDBOX_TEMPLATE]
    argv += ["--proc", "/proc", "--dev", "/dev", "--chdir", "/sandbox", "--clearenv",
              "--setenv", "HOME", "/sandbox", "--setenv", "PATH", "/usr/bin:/bin",
              "--hostname", "sandbox"]
    for name, value in QUIET_ENV.items():
        argv += ["--setenv", name, value]
    argv += list(gpu)
    if not drop:
        argv += ["--cap-drop", "ALL", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    return argv + [python, zygote.SANDBOX_TEMPLATE if template else SANDBOX_RUNTIME, str(fd)]


class _Cgroup:
    """A v1 memory + pids cgroup for one sandbox (skipped where not writable)."""

    def __init__(self, limits: Limits):
        self.dirs: list[Path] = []
        # The grader's pid in the name: a test (or a person) can tell its cgroups from another
        # grading's on the same machine.
        name = f"autograder-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        for ctrl, knob, value in (("memory", "memory.limit_in_bytes", limits.memory),
                                  ("pids", "pids.max", limits.pids)):
            base = CGROUP_V1 / ctrl
            try:
                path = base / name
                path.mkdir()
                (path / knob).write_text(str(value))
                if ctrl == "memory" and (path / "memory.memsw.limit_in_bytes").exists():
                    (path / "memory.memsw.limit_in_bytes").write_text(str(value))
                self.dirs.append(path)
            except OSError:
                continue

    def join(self) -> None:
        """Called in the child before exec: moves it (and so its descendants) into the cgroup."""
        for path in self.dirs:
            (path / "cgroup.procs").write_text(str(os.getpid()))

    def names(self) -> list[str]:
        return [p.parent.name for p in self.dirs]

    def _read(self, ctrl: str, name: str) -> str:
        path = next((p / name for p in self.dirs if p.parent.name == ctrl), None)
        try:
            return path.read_text() if path else ""
        except OSError:
            return ""

    def _number(self, ctrl: str, name: str) -> int:
        text = self._read(ctrl, name).strip()
        return int(text) if text.isdigit() else 0

    def caps_hit(self, limits: Limits) -> list[str]:
        """Which caps the sandbox ran into, in words (read before the cgroup is removed)."""
        hits = []
        oom = dict(line.split() for line in self._read("memory", "memory.oom_control").splitlines()
                   if len(line.split()) == 2)
        if int(oom.get("oom_kill", 0)) > 0 or self._number("memory", "memory.failcnt") > 0:
            hits.append(f"the memory cap ({limits.memory / GIB:g} GiB)")
        pids = dict(line.split() for line in self._read("pids", "pids.events").splitlines()
                    if len(line.split()) == 2)
        if int(pids.get("max", 0)) > 0:
            hits.append(f"the process/thread cap ({limits.pids})")
        return hits

    def peaks(self) -> dict[str, int]:
        """The most memory (bytes) and processes + threads the sandbox held at once."""
        return {"memory": self._number("memory", "memory.max_usage_in_bytes"),
                "pids": self._number("pids", "pids.peak")}

    def kill_all(self) -> None:
        """Kills every process left in the cgroup, then removes it (a dying process that is
        still freeing gigabytes can take seconds to leave)."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            pids = set()
            for path in self.dirs:
                try:
                    pids |= {int(p) for p in (path / "cgroup.procs").read_text().split()}
                except OSError:
                    pass
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.05)
        for path in self.dirs:
            while True:
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.05)


def _start_template(bwrap: str, python: str, roots: list[str], env: dict) -> "zygote.Template":
    """Starts a warm template in a sandbox of its own (as uid nobody; see `zygote`)."""
    control, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    argv = _bwrap_argv(bwrap, python, roots, True, child_end.fileno(), template=True)

    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    return zygote.Template(argv, env, preexec, control, child_end)


class Sandbox:
    """One running sandboxed runtime; use as a context manager so it is always killed."""

    def __init__(self, limits: Limits, python: str | None = None, require: bool = False):
        self.limits = limits
        self.python = python or sys.executable
        bwrap = require_bwrap() if require else bwrap_path()
        roots = _venv_roots(self.python)
        self.drop = _can_drop_to_nobody([self.python, os.path.realpath(self.python),
                                         *roots, str(RUNTIME)])
        self.cgroup = _Cgroup(limits) if os.geteuid() == 0 else None
        self.read_fd, write_fd = os.pipe()
        self.workdir = None
        notes = []
        self.gpu_argv = gpu_binds() if limits.gpu else []
        if bwrap:
            argv = _bwrap_argv(bwrap, self.python, roots, self.drop, write_fd, self.gpu_argv)
            cwd = "/"
            report = SandboxReport("bwrap", ["no network", "read-only interpreter and "
                                             "libraries only", "tmpfs work dir", "pid namespace"])
        else:
            self.workdir = tempfile.mkdtemp(prefix="ag-sub-")
            if self.drop:
                os.chown(self.workdir, NOBODY, NOBODY)
            argv = [self.python, str(RUNTIME), str(write_fd)]
            cwd = self.workdir
            report = SandboxReport("WEAK (no bubblewrap)", [
                "the notebook can read the host filesystem and use the network"])
        notes.append(f"uid {NOBODY}" if self.drop else "uid 0 outside (capabilities dropped)")
        if self.cgroup and self.cgroup.dirs:
            notes.append(f"cgroup {'+'.join(self.cgroup.names())}: memory "
                         f"{limits.memory // GIB} GiB, pids {limits.pids}")
        else:
            notes.append("no cgroup")
        if self.gpu_argv:
            gpus = sum(1 for p in nvidia_devices() if p.name[len("nvidia"):].isdigit())
            notes.append(f"{gpus} NVIDIA GPU{'s' if gpus != 1 else ''} passed through")
        # The CUDA driver reserves far more virtual address space than it uses, so with a GPU
        # RLIMIT_AS is off; the cgroup's memory cap still holds.
        space = "no RLIMIT_AS (GPU)" if self.gpu_argv else \
            f"RLIMIT_AS {limits.address_space // GIB} GiB"
        notes.append(f"{space}, timeout {limits.total_timeout:.0f} s/submission, "
                     f"{limits.cell_timeout} s/cell")
        report.notes += notes
        self.report = report
        env = {"PATH": "/usr/bin:/bin", "HOME": cwd, **QUIET_ENV}
        if self.gpu_argv:
            env.update({k: os.environ[k] for k in ("LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES")
                        if os.environ.get(k)}, TF_FORCE_GPU_ALLOW_GROWTH="true")
        # A warm template (TensorFlow already imported) forks this sandbox's process where one
        # can run: bubblewrap, an unprivileged uid, no GPU. Otherwise a fresh process starts.
        template = None
        if bwrap and self.drop and not self.gpu_argv:
            template = zygote.template_for(
                f"{self.python}|{bwrap}", lambda: _start_template(bwrap, self.python, roots, env))
        self.proc = None
        if template is not None:
            try:
                self.proc = template.fork(
                    {"results_fd": write_fd, "address_space": limits.address_space,
                     "file_size": limits.file_size, "nproc": 4096},
                    self.cgroup.dirs if self.cgroup else [])
                report.notes.append("forked from a warm template (fresh namespaces and tmpfs)")
            except zygote.TemplateError as exc:
                report.notes.append(f"no warm template ({exc}): a fresh process")
        if self.proc is None:
            self.proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                pass_fds=(write_fd,), cwd=cwd, env=env, start_new_session=True,
                preexec_fn=self._preexec)
        os.close(write_fd)
        self.output: collections.deque[bytes] = collections.deque()
        self._events: queue.Queue = queue.Queue(maxsize=EVENT_QUEUE)
        self._closed = False
        self.overflow = False
        # An event holds at most one observation: its arrays base64-encoded, plus JSON.
        self.longest_line = limits.observation_bytes * 4 // 3 + 1024 ** 2
        self.ended = False          # the results pipe closed: the process is gone
        self.caps: list[str] = []   # caps it ran into, known once it is killed
        self.peaks: dict[str, int] = {}
        self.output_total = 0       # bytes it printed (only the tail is kept)
        self._drain = threading.Thread(target=self._drain_output, daemon=True)
        self._drain.start()
        threading.Thread(target=self._read_events, daemon=True).start()

    def _preexec(self) -> None:
        lim = self.limits
        space = resource.RLIM_INFINITY if self.gpu_argv else lim.address_space
        resource.setrlimit(resource.RLIMIT_AS, (space, space))
        resource.setrlimit(resource.RLIMIT_FSIZE, (lim.file_size, lim.file_size))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (4096, 4096))
        if self.cgroup:
            self.cgroup.join()
        if self.drop:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)

    def _drain_output(self) -> None:
        kept = 0
        for chunk in iter(lambda: self.proc.stdout.read1(65536), b""):
            self.output.append(chunk)
            kept += len(chunk)
            self.output_total += len(chunk)
            while kept > self.limits.output_bytes and len(self.output) > 1:
                kept -= len(self.output.popleft())

    def _read_events(self) -> None:
        """Reads the results pipe in chunks: never more than `results_bytes` held or read (a
        line without a newline cannot grow past it), at most `EVENT_QUEUE` parsed events."""
        # A line in progress is kept as its chunks (never one growing buffer: reallocating one
        # leaves the allocator holding several copies of a long line).
        total, pending, pending_bytes = 0, [], 0
        try:
            while not self._closed:
                chunk = os.read(self.read_fd, 65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > self.limits.results_bytes:
                    self.overflow = True
                    break
                *complete, rest = chunk.split(b"\n")
                for part in complete:
                    self._deliver(b"".join([*pending, part]))
                    pending, pending_bytes = [], 0
                pending.append(rest)
                pending_bytes += len(rest)
                if pending_bytes > self.longest_line:
                    self.overflow = True    # longer than any answer the runtime can send
                    break
        finally:
            os.close(self.read_fd)
            self._put(None)

    def _deliver(self, line: bytes) -> None:
        try:
            event = json.loads(line)
        except ValueError:
            return
        if isinstance(event, dict) and event.get("event") in EVENTS:
            self._put(event)

    def _put(self, event: dict | None) -> None:
        """Queues an event, waiting while the grader catches up (until the sandbox is closed)."""
        while True:
            try:
                self._events.put(event, timeout=0.5)
                return
            except queue.Full:
                if self._closed:
                    return

    def send(self, message: dict) -> bool:
        """Writes one request; False when the process no longer reads."""
        try:
            self.proc.stdin.write((json.dumps(message) + "\n").encode())
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False

    def next_event(self, deadline: float) -> dict | None:
        """The next event, or None when the process ended (`self.ended`) or `deadline` passed."""
        if self.ended:
            return None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            event = self._events.get(timeout=remaining)
        except queue.Empty:
            return None
        if event is None:
            self.ended = True
        return event

    def exit_code(self, wait: float = 3.0) -> int | None:
        """The process's exit code, waiting up to `wait` s (None while it still runs)."""
        try:
            return self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None

    def overflow_words(self) -> str:
        return (f"sent more than the grader takes ({self.limits.results_bytes // MIB} MiB in all, "
                f"{self.longest_line // MIB} MiB in one answer)")

    def tail(self) -> str:
        return b"".join(self.output).decode("utf-8", "replace")

    def kill(self) -> None:
        """Kills the whole tree: the process group, then everything left in the cgroup."""
        self._closed = True
        if isinstance(self.proc, subprocess.Popen):
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.kill()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        self._drain.join(timeout=2)   # the rest of what it printed, up to its end
        if self.cgroup:
            self.caps = self.cgroup.caps_hit(self.limits)
            self.peaks = self.cgroup.peaks()
            self.cgroup.kill_all()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.kill()
