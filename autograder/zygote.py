"""A warm template per grading process: TensorFlow is imported once, sandboxes are forked from it.

Starting a sandboxed Python and importing TensorFlow costs ~3 s, more than half of one grading.
A template (`template_runtime.py`) runs in a bubblewrap sandbox of its own, imports NumPy,
TensorFlow, Keras and IPython once, and then forks one child per sandbox; each child confines
itself in fresh namespaces with fresh tmpfs work dirs before any student code runs (see that
file). This module starts the template, asks it for children, puts each child into its
sandbox's cgroup from birth (the template is moved into the cgroup for the fork and back out),
and hands `Sandbox` an object that behaves like the part of `subprocess.Popen` it uses.

One template serves every thread of a process (forks are serialized; children run
concurrently). When a template cannot be started (no bubblewrap, no user namespaces, an
interpreter that only root can read, a GPU sandbox) or dies, `Sandbox` falls back to starting a
fresh process, as before. `AUTOGRADER_TEMPLATE=0` turns templates off.
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

TEMPLATE_RUNTIME = Path(__file__).parent / "template_runtime.py"
SANDBOX_TEMPLATE = "/opt/autograder/template_runtime.py"
# Imported once in the template; what a notebook imports beyond these it imports itself.
PRELOAD = ["numpy", "tensorflow", "keras", "IPython.core.interactiveshell", "matplotlib",
           "matplotlib.pyplot", "h5py"]
START_TIMEOUT = 180.0
FORK_TIMEOUT = 30.0


class TemplateError(RuntimeError):
    """The template could not be started or did not answer."""


def enabled() -> bool:
    return os.environ.get("AUTOGRADER_TEMPLATE", "1") not in ("0", "no", "off", "false")


class ForkedProcess:
    """A sandbox's process forked by a template: `stdin`, `stdout`, `pid`, `wait`, `kill`."""

    def __init__(self, template: "Template", pid: int, stdin, stdout):
        self.template, self.pid = template, pid
        self.stdin, self.stdout = stdin, stdout
        self.returncode: int | None = None

    def wait(self, timeout: float | None = None) -> int | None:
        code = self.template.wait_exit(self.pid, timeout)
        if code is None:
            if self.template.dead():
                # The template is gone, and with it its pid namespace and every child.
                self.returncode = -9
                return self.returncode
            raise subprocess.TimeoutExpired("sandbox", timeout)
        self.returncode = code
        return code

    def kill(self) -> None:
        self.template.kill(self.pid)


class Template:
    """One running template; `fork` gives a new confined child."""

    def __init__(self, argv: list[str], env: dict, preexec, control: socket.socket,
                 child_end: socket.socket):
        self.control = control
        self.lock = threading.Lock()          # one fork at a time
        self.send_lock = threading.Lock()
        self.exits: dict[int, int] = {}
        self.forked: dict[int, dict] = {}
        self.changed = threading.Condition()
        self.next_id = 0
        self.closed = False                   # the control socket ended: the template is gone
        self.output: collections.deque[bytes] = collections.deque(maxlen=64)
        self.proc: subprocess.Popen | None = None
        started = threading.Event()
        failure: list[BaseException] = []

        def own() -> None:
            # The template is started from this thread and it never ends: bwrap's
            # --die-with-parent follows the thread that started it, not the process.
            try:
                self.proc = subprocess.Popen(
                    argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, pass_fds=(child_end.fileno(),), cwd="/", env=env,
                    start_new_session=True, preexec_fn=preexec)
            except BaseException as exc:  # noqa: BLE001
                failure.append(exc)
                started.set()
                return
            started.set()
            for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
                self.output.append(chunk)
            self.proc.wait()
            threading.Event().wait()

        threading.Thread(target=own, daemon=True, name="autograder-template").start()
        started.wait()
        child_end.close()
        if failure:
            raise TemplateError(f"could not start the template: {failure[0]}")
        self.host_pid: int | None = None
        self.home_cgroups: dict[str, str] = {}
        self._send({"op": "hello", "preload": PRELOAD})
        self.control.settimeout(START_TIMEOUT)
        try:
            ready = json.loads(self.control.recv(65536) or b"{}")
        except (OSError, ValueError) as exc:
            self.close()
            raise TemplateError(f"the template did not start ({exc}): {self.tail()}") from None
        if ready.get("op") != "ready":
            self.close()
            raise TemplateError(f"the template did not start: {ready.get('error') or ''} "
                                f"{self.tail()}")
        self.preloaded = ready.get("preloaded", [])
        self.control.settimeout(None)
        self.host_pid = self._find_host_pid()
        threading.Thread(target=self._read, daemon=True, name="autograder-template-reader").start()

    # -------------------------------------------------------------- plumbing

    def tail(self) -> str:
        return b"".join(self.output).decode("utf-8", "replace")[-2000:]

    def _send(self, message: dict, fds: list[int] | None = None) -> None:
        with self.send_lock:
            if fds:
                socket.send_fds(self.control, [json.dumps(message).encode()], fds)
            else:
                self.control.send(json.dumps(message).encode())

    def _read(self) -> None:
        while True:
            try:
                data = self.control.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            try:
                message = json.loads(data)
            except ValueError:
                continue
            with self.changed:
                if message.get("op") in ("forked", "refused"):
                    self.forked[message.get("id")] = message
                elif message.get("op") == "exited":
                    self.exits[message.get("pid")] = message.get("code")
                self.changed.notify_all()
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def dead(self) -> bool:
        return self.closed or self.proc is None or self.proc.poll() is not None

    def _find_host_pid(self) -> int | None:
        """The template's pid outside its namespace: bwrap's only child (--as-pid-1)."""
        if self.proc is None:
            return None
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids = [int(p) for p in text.split()]
        except (OSError, ValueError):
            return None
        if len(pids) != 1:
            return None
        for line in Path(f"/proc/{pids[0]}/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for ctrl in controllers.split(","):
                self.home_cgroups[ctrl] = path
        return pids[0]

    def _move(self, cgroup_dirs: list[Path], home: bool = False) -> None:
        """Moves the template into `cgroup_dirs` (one per controller), or with `home` back to
        the cgroups it started in for those controllers."""
        for path in cgroup_dirs:
            if home:
                path = path.parent / self.home_cgroups.get(path.parent.name, "/").lstrip("/")
            (path / "cgroup.procs").write_text(str(self.host_pid))

    # -------------------------------------------------------------- the interface

    def fork(self, limits: dict, cgroup_dirs: list[Path]) -> ForkedProcess:
        """A new confined child running `probe_runtime.main`, born inside `cgroup_dirs`."""
        if self.dead():
            raise TemplateError("the template is gone")
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        results_w = limits.pop("results_fd")
        try:
            with self.lock:
                if cgroup_dirs and self.host_pid is None:
                    raise TemplateError("the template's pid is unknown: cannot place its child "
                                        "in a cgroup")
                self.next_id += 1
                ident = self.next_id
                try:
                    self._move(cgroup_dirs)
                    self._send({"op": "fork", "id": ident, "limits": limits},
                               [stdin_r, out_w, results_w])
                    deadline = time.monotonic() + FORK_TIMEOUT
                    with self.changed:
                        while ident not in self.forked and not self.closed:
                            left = deadline - time.monotonic()
                            if left <= 0:
                                break
                            self.changed.wait(left)
                        answer = self.forked.pop(ident, None)
                finally:
                    self._move(cgroup_dirs, home=True)
            if not answer or answer.get("op") != "forked":
                raise TemplateError(f"the template did not fork: "
                                    f"{(answer or {}).get('error', 'no answer')}")
        except BaseException:
            os.close(stdin_w)
            os.close(out_r)
            raise
        finally:
            os.close(stdin_r)
            os.close(out_w)
        return ForkedProcess(self, answer["pid"], os.fdopen(stdin_w, "wb"),
                             os.fdopen(out_r, "rb"))

    def wait_exit(self, pid: int, timeout: float | None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.changed:
            while pid not in self.exits and not self.closed:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return None
                self.changed.wait(left)
            return self.exits.pop(pid, None)

    def kill(self, pid: int) -> None:
        try:
            self._send({"op": "kill", "pid": pid})
        except OSError:
            pass

    def close(self, wait: float = 0.0) -> None:
        """Closes the control socket (the template exits on its own), then kills it if it is
        still there after `wait` seconds."""
        try:
            self.control.close()
        except OSError:
            pass
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.proc.kill()


_templates: dict[str, Template] = {}
_starts: dict[str, int] = {}
_given_up: set[str] = set()
_start_lock = threading.Lock()
MAX_STARTS = 3


def template_for(key: str, start) -> Template | None:
    """The running template for `key` (the interpreter and its sandbox), started by `start()` on
    first use and again if it died; None when templates are off, or this one failed to start or
    died `MAX_STARTS` times (the caller then starts a fresh process)."""
    if not enabled():
        return None
    with _start_lock:
        template = _templates.get(key)
        if template is not None and not template.dead():
            return template
        if template is not None:
            template.close()
        if key in _given_up or _starts.get(key, 0) >= MAX_STARTS:
            _given_up.add(key)
            return None
        _starts[key] = _starts.get(key, 0) + 1
        try:
            _templates[key] = start()
        except TemplateError:
            _given_up.add(key)
            return None
        return _templates[key]


@atexit.register
def close_all() -> None:
    """Ends this process's templates (each sees its control socket close and exits)."""
    for template in list(_templates.values()):
        template.close(wait=5.0)


def running() -> list[int]:
    """Host pids of this process's live templates and of their bwrap parents (tests tell them
    from sandboxes with it)."""
    return [pid for t in _templates.values() if not t.dead()
            for pid in (t.proc.pid, t.host_pid) if pid]
