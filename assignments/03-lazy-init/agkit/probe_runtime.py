"""Sandbox-side runtime: executes a submission's cells, then answers probes.

This file is the only part of the grader that runs inside the sandbox. It imports the standard
library, NumPy and IPython only, never the rest of `autograder` (a test enforces it), because
everything here is visible to, and can be rewritten by, the student's code. It is part of the
check kit (`autograder/kit/`), shipped byte-identical into every release, where `grader.check`
uses its encoding and probe runner in the student's own kernel.

Run as `python probe_runtime.py N` where N is the inherited file descriptor of the results
pipe. Protocol (one JSON object per line):
  grader -> sandbox on stdin:  {"cells": [...], "cell_timeout": s, "setup": {...} or absent},
                               then after "cells_done" {"probe": ...} requests, then
                               {"done": true}.
  sandbox -> grader on fd N:   {"event": "setup", ...} (first, before any student code, when a
                               setup was sent), {"event": "cell", ...}, {"event": "cells_done"},
                               {"event": "probe", "id": ..., "status": ..., ...}.
Observations are encoded as JSON plus one base64 `.npz` blob (`allow_pickle=False` on load);
`bytes` travel in the blob as uint8 arrays, under the same size cap as arrays.
"""

from __future__ import annotations

import base64
import builtins
import io
import json
import linecache
import os
import re
import signal
import sys
import traceback
import zipfile

import numpy as np

MAX_ARRAY_BYTES = 16 * 1024 * 1024


class MissingName(Exception):
    """A name the check needs is not defined by the notebook."""


class ProbeTimeout(Exception):
    """A cell or probe ran past its time limit."""


class Student:
    """Read-only view of the notebook's namespace; a missing name raises `MissingName`."""

    def __init__(self, namespace: dict):
        object.__setattr__(self, "_ns", namespace)

    def __getattr__(self, name: str):
        ns = object.__getattribute__(self, "_ns")
        if name not in ns:
            raise MissingName(name)
        return ns[name]


# ---------------------------------------------------------------- encoding (both directions)

def encode(tree) -> dict:
    """Encodes plain data (dict/list/str/number/bool/None/bytes/ndarray) as JSON + one npz blob."""
    arrays: dict[str, np.ndarray] = {}

    def walk(x):
        if isinstance(x, (bytes, bytearray, memoryview)):
            key = f"a{len(arrays)}"
            arrays[key] = np.frombuffer(bytes(x), dtype=np.uint8)
            return {"__bytes__": key}
        if isinstance(x, dict):
            return {str(k): walk(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [walk(v) for v in x]
        if x is None or isinstance(x, (bool, str)):
            return x
        if isinstance(x, (int, np.integer)):
            return int(x)
        if isinstance(x, (float, np.floating)):
            f = float(x)
            return f if np.isfinite(f) else {"__float__": repr(f)}
        arr = np.asarray(x)
        if arr.dtype == object:
            raise TypeError(f"cannot encode a value of type {type(x).__name__}")
        key = f"a{len(arrays)}"
        arrays[key] = arr
        return {"__nd__": key}

    doc = walk(tree)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return {"json": doc, "npz": base64.b64encode(buf.getvalue()).decode("ascii")}


def decode(blob: dict, max_bytes: int = MAX_ARRAY_BYTES):
    """Decodes `encode`'s output without executing anything (no pickle); raises ValueError."""
    if not isinstance(blob, dict) or set(blob) != {"json", "npz"} or not isinstance(
            blob["npz"], str):
        raise ValueError("malformed observation envelope")
    if len(blob["npz"]) > (max_bytes + 2) // 3 * 4 + 4096:
        raise ValueError(f"observation arrays exceed {max_bytes} bytes")
    try:
        raw = base64.b64decode(blob["npz"], validate=True)
    except ValueError:
        raise ValueError("observation arrays are not base64") from None
    if len(raw) > max_bytes:
        raise ValueError(f"observation arrays exceed {max_bytes} bytes")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:   # a compressed member could expand
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ValueError("observation arrays are not an npz archive") from None
    if unpacked > max_bytes:
        raise ValueError(f"observation arrays exceed {max_bytes} bytes")
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except Exception as exc:  # a forged blob may be no zip at all, or hold pickled objects
        raise ValueError(f"observation arrays are unreadable ({type(exc).__name__})") from None
    for arr in arrays.values():
        if arr.dtype.kind not in "biuf":
            raise ValueError(f"array of dtype {arr.dtype} is not allowed")

    def walk(x):
        if isinstance(x, dict):
            if set(x) == {"__nd__"}:
                if x["__nd__"] not in arrays:
                    raise ValueError("observation refers to a missing array")
                return arrays[x["__nd__"]]
            if set(x) == {"__bytes__"}:
                arr = arrays.get(x["__bytes__"])
                if arr is None or arr.dtype != np.uint8 or arr.ndim != 1:
                    raise ValueError("observation refers to missing or malformed bytes")
                return arr.tobytes()
            if set(x) == {"__float__"}:
                return float(x["__float__"])
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        if x is None or isinstance(x, (bool, int, float, str)):
            return x
        raise ValueError(f"unexpected {type(x).__name__} in observation")

    return walk(blob["json"])


# ---------------------------------------------------------------- helpers probes may call

def to_numpy(x) -> np.ndarray:
    """A tensor, variable or array as a NumPy array."""
    if hasattr(x, "numpy"):
        return np.asarray(x.numpy())
    if hasattr(x, "value") and hasattr(x.value, "numpy"):
        return np.asarray(x.value.numpy())
    return np.asarray(x)


def shape_of(x) -> list[int]:
    """The shape of `x`'s values (never what `x.shape` claims about itself)."""
    return list(to_numpy(x).shape)


def unique_variables(variables) -> list:
    """Variables deduplicated by identity, first occurrence first."""
    seen, out = set(), []
    for v in variables:
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


_BOILERPLATE = ("in user code", "File \"", "•", "Arguments received", "Call arguments received",
                "Exception encountered", "Traceback")


def _key_line(message: str) -> str:
    """The informative line of a message; TF and Keras wrap it in context lines."""
    message = re.sub(r"\x1b\[[0-9;]*m", "", message)   # TF colours some messages
    lines = [re.sub(r"\s*name:\s*$", "", line.strip())        # TF op errors end "name:"
             for line in message.strip().splitlines() if line.strip()]
    if len(lines) <= 1:
        return lines[0][:300] if lines else ""
    useful = [line for line in lines
              if not line.startswith(_BOILERPLATE) and not line.endswith(":")]
    line = useful[-1] if useful else lines[0]
    return line.split("Error: ", 1)[-1][:300] if "Error: " in line[:60] else line[:300]


_STEP = {"text": ""}


def step(text: str) -> None:
    """Says, in the prompt's words, what the probe does next to the student's object
    ("loads known values into `rand_weight` with `assign`"); a failure there is reported so."""
    _STEP["text"] = str(text)


def error_record(exc: BaseException) -> dict:
    """What an exception says about the student's code, as plain fields.

    `type` and `text` (its informative line) describe the exception; `function` and `line` are
    the student's own frame (a notebook cell, else the last frame outside the grader and the
    libraries); `step` is True when the probe's own code failed on the student's object. The
    probe's own lines are never quoted: for a hidden check they are secret.
    """
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if "probe_runtime" not in f.filename and "site-packages" not in f.filename]
    record = {"type": type(exc).__name__, "text": _key_line(str(exc)), "function": None,
              "line": None, "step": bool(frames and frames[-1].filename.startswith("<probe")),
              "doing": _STEP["text"]}
    if frames and not record["step"]:
        cells = [f for f in frames if f.filename.startswith("<ipython-input")]
        last = (cells or frames)[-1]
        record["function"], record["line"] = last.name, last.lineno
    return record


def describe_error(exc: BaseException) -> str:
    """One line naming the exception, its message and where in the student's code it happened."""
    record = error_record(exc)
    where = (f" (in `{record['function']}`, line {record['line']})" if record["function"]
             else f" (while the check {record['doing']})" if record["step"] and record["doing"]
             else " (in the check's use of your object)" if record["step"] else "")
    text = f": {record['text']}" if record["text"] else ""
    return f"{record['type']}{text}{where}"


# ---------------------------------------------------------------- files that leave the sandbox

MAX_ARCHIVE_FILES = 256


def new_dir() -> str:
    """A new, empty directory the student's code may write files into (under the temporary
    directory: a tmpfs in the sandbox, never the notebook's folder in the student's kernel)."""
    import tempfile
    return tempfile.mkdtemp(prefix="agfiles-")


def pack_dir(path) -> bytes:
    """The files under `path` as an uncompressed tar archive (links are recorded, not followed),
    so that they can leave the sandbox as bytes and be unpacked in another one."""
    import tarfile
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for top, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(dirs + files):
                full = os.path.join(top, name)
                tar.add(full, arcname=os.path.relpath(full, path), recursive=False)
    return buf.getvalue()


def archive_listing(data: bytes, max_bytes: int, max_files: int = MAX_ARCHIVE_FILES) -> list:
    """[(name, size)] of a `pack_dir` archive; raises ValueError saying why it is refused.

    Refused: anything but regular files and folders (a link, a device), a name that is absolute
    or climbs out with `..`, more than `max_files` entries, more than `max_bytes` unpacked.
    Reads the archive's headers only; nothing is written.
    """
    import tarfile
    if not isinstance(data, bytes):
        raise ValueError("the saved files are not an archive")
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, EOFError, ValueError) as exc:
        raise ValueError(f"the saved files are not a readable archive ({type(exc).__name__})") \
            from None
    if len(members) > max_files:
        raise ValueError(f"the saved files are {len(members)} entries; at most {max_files} "
                         "are taken")
    total, listing = 0, []
    for m in members:
        name = m.name
        parts = name.replace("\\", "/").split("/")
        if name.startswith("/") or ".." in parts or not name or "\x00" in name:
            raise ValueError(f"a saved file's name climbs out of its folder ({name[:60]!r})")
        if m.issym() or m.islnk():
            raise ValueError(f"the saved files hold a link ({name[:60]!r}), which is not taken")
        if not (m.isfile() or m.isdir()):
            raise ValueError(f"the saved files hold something that is not a file ({name[:60]!r})")
        total += m.size
        if total > max_bytes:
            raise ValueError(f"the saved files are over {max_bytes // 1024 ** 2} MiB")
        listing.append((name, m.size))
    return listing


def unpack(data: bytes, max_bytes: int = MAX_ARRAY_BYTES) -> str:
    """Unpacks a `pack_dir` archive (checked by `archive_listing` first) into a new directory."""
    import tarfile
    archive_listing(data, max_bytes)
    dest = new_dir()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for m in tar.getmembers():
            target = os.path.join(dest, m.name)
            if m.isdir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with tar.extractfile(m) as src, open(target, "wb") as out:
                out.write(src.read())
    return dest


PROBE_GLOBALS = {
    "np": np,
    "to_numpy": to_numpy,
    "shape_of": shape_of,
    "unique_variables": unique_variables,
    "step": step,
    "new_dir": new_dir,
    "pack_dir": pack_dir,
    "unpack": unpack,
}


def run_probe(source: str, func: str, names: list, namespace: dict, inputs: dict) -> dict:
    """Runs one probe against `namespace`; returns a status record (never raises)."""
    missing = [n for n in names if n not in namespace]
    if missing:
        return {"status": "missing", "error": missing[0]}
    _STEP["text"] = ""
    glb = dict(PROBE_GLOBALS, __builtins__=builtins, __name__="probe")
    filename = f"<probe {func}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec"), glb)
        obs = glb[func](Student(namespace), **inputs)
        return {"status": "ok", "obs": encode(obs)}
    except MissingName as exc:
        return {"status": "missing", "error": str(exc)}
    except ProbeTimeout:
        return {"status": "timeout", "error": "time limit"}
    except BaseException as exc:  # noqa: BLE001 - student code may raise anything
        return {"status": "raised", **error_record(exc)}


def run_setup(source: str, func: str) -> dict:
    """Runs an assignment's setup `func()` (devices, before any student code); returns a status
    record like a probe's (never raises)."""
    glb = dict(PROBE_GLOBALS, __builtins__=builtins, __name__="setup")
    try:
        exec(compile(source, f"<setup {func}>", "exec"), glb)
        return {"status": "ok", "obs": encode(glb[func]())}
    except ProbeTimeout:
        return {"status": "timeout", "error": "time limit"}
    except BaseException as exc:  # noqa: BLE001 - a broken machine may raise anything
        return {"status": "raised", **error_record(exc)}


# ---------------------------------------------------------------- the sandbox main loop

def _alarm(_signum, _frame):
    raise ProbeTimeout()


def run_cells(cells: list, cell_timeout: int, send) -> dict:
    os.environ.setdefault("MPLBACKEND", "Agg")
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["__name__"] = "__main__"
    for index, source in enumerate(cells):
        send({"event": "cell", "index": index})
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(cell_timeout)
        try:
            result = shell.run_cell(source, store_history=False, silent=False)
        finally:
            signal.alarm(0)
            for stream in (sys.stdout, sys.stderr):   # the grader keeps the output's tail
                try:
                    stream.flush()
                except Exception:  # noqa: BLE001 - a cell may have replaced or closed it
                    pass
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            kind = "timeout" if isinstance(error, ProbeTimeout) else "error"
            send({"event": "cell_error", "index": index, "kind": kind,
                  "error": describe_error(error)})
    return shell.user_ns


def main() -> None:
    out = os.fdopen(int(sys.argv[1]) if len(sys.argv) > 1 else 3, "w", buffering=1)

    def send(msg: dict) -> None:
        out.write(json.dumps(msg) + "\n")
        out.flush()

    first = json.loads(sys.stdin.readline())
    timeout = int(first.get("cell_timeout", 60))
    if first.get("setup"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
        try:
            record = run_setup(first["setup"]["source"], first["setup"]["func"])
        finally:
            signal.alarm(0)
        send(dict(record, event="setup"))
    namespace = run_cells(first["cells"], timeout, send)
    send({"event": "cells_done"})
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("done"):
            break
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(int(request.get("timeout", timeout)))
        try:
            record = run_probe(request["source"], request["func"], request["names"],
                               namespace, decode(request["inputs"]))
        finally:
            signal.alarm(0)
        send(dict(record, event="probe", id=request["id"]))


if __name__ == "__main__":
    main()
