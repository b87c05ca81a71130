"""Sandbox-side warm template: imports TensorFlow once, then forks one confined child per sandbox.

Runs inside a bubblewrap sandbox of its own (no network, read-only interpreter and libraries,
its own user namespace in which it holds capabilities), started by `autograder.zygote`. It never
runs student code. For each sandbox the grader asks for, it forks; the child puts itself into
new user, mount, pid, network, ipc, uts and cgroup namespaces, replaces every writable place it
inherited (`/tmp`, `/sandbox`, `/dev/shm`) with an empty tmpfs and makes the rest read-only, forks
once more to become pid 1 of its pid namespace, mounts its own `/proc`, sets the submission's
rlimits, drops every capability (bounding set too) with `no_new_privs`, restores the
environment the template started with, and only then runs `probe_runtime.main`. Everything a
submission changes (modules, Keras's registries, NumPy state, environment, files) lives in that
child's copy-on-write memory and its own tmpfs, and dies with it.

Like `probe_runtime.py`, this file imports only the standard library and `probe_runtime` (a
test enforces it). Protocol on the inherited control socket (SOCK_SEQPACKET, one JSON object
per message):
  template -> grader:  {"op": "ready", "preloaded": [...]} once, after the imports and a trial
                       confinement; {"op": "forked", "id": n, "pid": p} or {"op": "refused",
                       "id": n, "error": ...}; {"op": "exited", "pid": p, "code": c} (c as
                       `subprocess.Popen.returncode`).
  grader -> template:  {"op": "fork", "id": n, "limits": {...}} with three file descriptors
                       (the child's stdin, its stdout+stderr, its results pipe);
                       {"op": "kill", "pid": p}.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import resource
import select
import signal
import socket
import sys

import probe_runtime

libc = ctypes.CDLL(None, use_errno=True)

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x10000000, 0x20000000, \
    0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
# statvfs flag -> mount flag, for the flags a remount must keep (locked in a child namespace).
KEEP_FLAGS = {os.ST_NOSUID: MS_NOSUID, os.ST_NODEV: MS_NODEV, os.ST_NOEXEC: MS_NOEXEC,
              os.ST_NOATIME: 1024, os.ST_NODIRATIME: 2048, os.ST_RELATIME: 1 << 21}
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, PR_CAP_AMBIENT = 24, 38, 1, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
CAPABILITY_VERSION_3 = 0x20080522
# The fresh writable places of every child: (mount point, tmpfs options), as bwrap's own.
FRESH = (("/tmp", "size=268435456,mode=0755"), ("/sandbox", "size=536870912,mode=0700"),
         ("/dev/shm", "size=67108864,mode=1777"))
PROC_READ_ONLY = ("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus")
RESULTS_FD = 3


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _ok(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode()


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    _ok(libc.mount(_bytes(source), _bytes(target), _bytes(fstype), ctypes.c_ulong(flags),
                   _bytes(data)), f"mount {target}")


def _mount_points() -> list[str]:
    points = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            point = line.split()[4].replace("\\040", " ")
            points.append(point)
    return points


def _enter_namespaces() -> None:
    """New user namespace (the same single uid/gid mapped), then every other namespace."""
    uid, gid = os.getuid(), os.getgid()
    _ok(libc.unshare(CLONE_NEWUSER), "unshare user")
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"{gid} {gid} 1")
    _ok(libc.unshare(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID
                     | CLONE_NEWNET), "unshare")


def _fresh_filesystem() -> None:
    """Empty tmpfs on each writable place; every other mount read-only (flags kept)."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    fresh = dict(FRESH)
    for point, options in FRESH:
        if os.path.isdir(point):
            _mount("tmpfs", point, "tmpfs", MS_NOSUID | MS_NODEV, options)
    for point in _mount_points():
        if point in fresh or point == "/proc" or point.startswith("/proc/"):
            continue
        flags = os.statvfs(point).f_flag
        if flags & os.ST_RDONLY:
            continue
        keep = sum(ms for st, ms in KEEP_FLAGS.items() if flags & st)
        _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | keep)


def _own_proc() -> None:
    """A /proc of the new pid namespace, with bwrap's read-only parts."""
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in PROC_READ_ONLY:
        if os.path.exists(path):
            _mount(path, path, None, MS_BIND | MS_REC)
            _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
                   | MS_NOEXEC)


def _drop_capabilities() -> None:
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last = int(f.read())
    for cap in range(last + 1):
        _ok(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), "drop bounding capability")
    _ok(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient")
    _ok(libc.capset(ctypes.byref(_CapHeader(CAPABILITY_VERSION_3, 0)), (_CapData * 2)()),
        "capset")
    _ok(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    with open("/proc/self/status") as f:
        status = dict(line.split(":", 1) for line in f if ":" in line)
    if any(int(status[k], 16) for k in ("CapEff", "CapPrm", "CapBnd", "CapAmb")):
        raise OSError("capabilities left after dropping them")


def _set_limits(limits: dict) -> None:
    for name, value in (("RLIMIT_AS", limits.get("address_space")),
                        ("RLIMIT_FSIZE", limits.get("file_size")), ("RLIMIT_CORE", 0),
                        ("RLIMIT_NPROC", limits.get("nproc", 4096))):
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))


def _confine(limits: dict, environment: dict) -> None:
    """Everything between the fork and the first line of student code (raises on any failure:
    the caller then exits without running it)."""
    _enter_namespaces()
    _fresh_filesystem()
    pid = os.fork()
    if pid:
        _wait_and_pass_on(pid)
    # pid 1 of the new namespace from here on; it dies with the middle process.
    _ok(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent-death signal")
    _own_proc()
    _set_limits(limits)
    _drop_capabilities()
    os.chdir("/sandbox")
    os.environ.clear()
    os.environ.update(environment)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _wait_and_pass_on(pid: int) -> None:
    """The middle process: waits for the namespace's pid 1 and ends the same way it did."""
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(124)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _child(control: socket.socket, fds: list[int], limits: dict, environment: dict,
           trial: bool = False) -> None:
    """In the forked child: never returns."""
    code = 0
    try:
        control.close()
        signal.set_wakeup_fd(-1)
        if not trial:
            for target, fd in zip((0, 1, 2, RESULTS_FD), (fds[0], fds[1], fds[1], fds[2])):
                os.dup2(fd, target)
            os.closerange(RESULTS_FD + 1, 1 << 16)
        _confine(limits, environment)
        if not trial:
            np = sys.modules.get("numpy")
            if np is not None:
                np.random.seed()          # a fresh process draws a fresh global seed
            sys.argv = [probe_runtime.__file__, str(RESULTS_FD)]
            probe_runtime.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:  # noqa: BLE001 - a failure here must never run student code
        if trial:
            os.write(2, f"template: confinement failed: {exc}\n".encode())
        code = 121
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(code)


def _preload(names: list[str]) -> list[str]:
    done = []
    for name in names:
        try:
            importlib.import_module(name)
            done.append(name)
        except Exception:  # noqa: BLE001 - a missing optional library is not an error
            pass
    return done


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    environment = dict(os.environ)
    hello = json.loads(control.recv(65536))
    preloaded = _preload(hello.get("preload", []))
    sys.stdout.flush()
    sys.stderr.flush()
    trial = os.fork()
    if trial == 0:
        _child(control, [], {}, environment, trial=True)
    _, status = os.waitpid(trial, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        control.send(json.dumps({"op": "failed", "error": "the trial child could not confine "
                                 f"itself (exit {os.waitstatus_to_exitcode(status)})"}).encode())
        return
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    control.send(json.dumps({"op": "ready", "preloaded": preloaded}).encode())
    children: set[int] = set()
    while True:
        readable, _, _ = select.select([control, wake_r], [], [], 1.0)
        if wake_r in readable:
            os.read(wake_r, 4096)
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            children.discard(pid)
            control.send(json.dumps({"op": "exited", "pid": pid,
                                     "code": os.waitstatus_to_exitcode(status)}).encode())
        if control not in readable:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, 65536, 3)
        except OSError:
            return
        if not data:
            return              # the grader is gone
        request = json.loads(data)
        if request.get("op") == "kill":
            if request.get("pid") in children:
                os.kill(request["pid"], signal.SIGKILL)
        elif request.get("op") == "fork":
            if len(fds) != 3:
                control.send(json.dumps({"op": "refused", "id": request.get("id"),
                                         "error": "three file descriptors expected"}).encode())
            else:
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    _child(control, fds, request.get("limits", {}), environment)
                children.add(pid)
                control.send(json.dumps({"op": "forked", "id": request.get("id"),
                                         "pid": pid}).encode())
        for fd in fds:
            os.close(fd)


if __name__ == "__main__":
    main()
