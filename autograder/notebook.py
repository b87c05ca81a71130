"""Reading submitted notebooks defensively: anything wrong becomes a `BadNotebook` reason.

A notebook is checked field by field (never by letting a library raise whatever it raises), so
the reason says what is wrong and where: "cell 4's `source` is a number, not text". What can be
repaired without guessing (a byte-order mark, nbformat 3, duplicate or missing cell ids, a cell
of an unknown type) is repaired, and the repair is noted in the gradebook row.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

MAX_NOTEBOOK_BYTES = 20 * 1024 ** 2
CHECK_CELL_TAG = "autograder-check"   # cells the release adds; never executed when grading
CELL_TYPES = {"code", "markdown", "raw"}
DUPLICATE_IDS = "duplicate cell ids were ignored"


class BadNotebook(ValueError):
    """The file cannot be graded; `str(self)` is the reason shown in the gradebook."""


@dataclass
class Parsed:
    """The code cells a grader executes, and what was repaired on the way."""

    cells: list[str]
    notes: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)   # each cell's place among ALL code cells
    answers: dict[str, str] = field(default_factory=dict)  # written answers, question -> text


def _kind(value) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def read_bytes(path: Path, limit: int = MAX_NOTEBOOK_BYTES) -> bytes:
    """The file's bytes, opened without following a link and without blocking.

    Raises:
        BadNotebook: a link, not a regular file, unreadable, or larger than `limit`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise BadNotebook(describe_os_error(exc, path)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadNotebook(f"not a regular file ({file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise BadNotebook(f"the file is {info.st_size / 1024 ** 2:.0f} MiB; notebooks over "
                              f"{limit // 1024 ** 2} MiB are not graded")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise BadNotebook(f"the file is over {limit // 1024 ** 2} MiB; not graded")
    return data


def file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def describe_os_error(exc: OSError, path: Path) -> str:
    import errno
    if exc.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
        return "a symbolic link, not followed"
    if exc.errno == errno.EACCES:
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or type(exc).__name__}"


def parse_notebook(data: bytes, assignment_id: str) -> Parsed:
    """The code cells to execute, in order, from a notebook file's bytes.

    Raises:
        BadNotebook: with what is wrong and where.
    """
    notes = []
    if not data.strip():
        raise BadNotebook("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append("a UTF-8 byte-order mark at the start was removed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadNotebook(f"the file is not UTF-8 text (byte {exc.start}), so it is not a "
                          "notebook") from None
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg.startswith("Unterminated string") or exc.pos >= len(text.rstrip()) - 1:
            raise BadNotebook("the file is cut off: its JSON ends before the notebook does "
                              "(re-save the notebook and submit it again)") from None
        raise BadNotebook(f"the file is not valid notebook JSON ({exc.msg}; line {exc.lineno}, "
                          f"column {exc.colno})") from None
    if not isinstance(nb, dict):
        raise BadNotebook(f"the file's JSON is {_kind(nb)}, not a notebook object")
    version = nb.get("nbformat")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadNotebook("the JSON has no `nbformat` version number, so it is not a notebook")
    if version == 3:
        nb = _upgrade_v3(nb)
        notes.append("upgraded from notebook format 3 to 4")
    elif version != 4:
        raise BadNotebook(f"notebook format {version} is not supported (format 4 is current)")
    metadata = nb.get("metadata", {})
    if not isinstance(metadata, dict):
        raise BadNotebook(f"the notebook's `metadata` is {_kind(metadata)}, not an object")
    _check_assignment(metadata, assignment_id)
    _check_language(metadata)
    cells = nb.get("cells")
    if not isinstance(cells, list):
        raise BadNotebook(f"the notebook's `cells` is {_kind(cells)}, not a list"
                          if "cells" in nb else "the notebook has no `cells`")
    code, numbers, answers, ids, unknown = [], [], {}, set(), []
    code_cells = 0
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise BadNotebook(f"cell {number} is {_kind(cell)}, not a cell object")
        kind = cell.get("cell_type")
        if kind not in CELL_TYPES:
            unknown.append(f"{number} ({str(kind)[:20]!r})")
            continue
        cell_id = cell.get("id")
        if isinstance(cell_id, str) and cell_id in ids and DUPLICATE_IDS not in notes:
            notes.append(DUPLICATE_IDS)
        ids.add(cell_id)
        meta = cell.get("metadata", {})
        if kind == "markdown" and isinstance(meta, dict):
            ours = meta.get("autograder")
            written = isinstance(ours, dict) and (ours.get("manual") or ours.get("solution"))
            question = ours.get("question") if written else None
            if isinstance(question, str) and question not in answers:
                answers[question[:20]] = _source(cell.get("source", ""), number)[:20000]
        if kind != "code":
            continue
        if not isinstance(meta, dict):
            raise BadNotebook(f"cell {number}'s `metadata` is {_kind(meta)}, not an object")
        code_cells += 1
        tags = meta.get("tags") or []
        if isinstance(tags, list) and CHECK_CELL_TAG in tags:
            continue
        code.append(_source(cell.get("source", ""), number))
        numbers.append(code_cells)
    if unknown:
        notes.append(f"cell(s) of unknown type ignored: {', '.join(unknown[:5])}")
    if not code:
        raise BadNotebook("the notebook has no code cells")
    return Parsed(code, notes, numbers, answers)


def _source(source, number: int) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    bad = source if not isinstance(source, list) else next(
        line for line in source if not isinstance(line, str))
    raise BadNotebook(f"cell {number}'s `source` holds {_kind(bad)}, not text")


def _check_assignment(metadata: dict, assignment_id: str) -> None:
    ours = metadata.get("autograder")
    claimed = ours.get("assignment") if isinstance(ours, dict) else None
    if isinstance(claimed, str) and claimed and claimed != assignment_id:
        raise BadNotebook(f"this is the notebook of assignment {claimed[:60]!r}, not "
                          f"{assignment_id!r}")


def _check_language(metadata: dict) -> None:
    spec = metadata.get("kernelspec")
    info = metadata.get("language_info")
    language = (spec.get("language") if isinstance(spec, dict) else None) or (
        info.get("name") if isinstance(info, dict) else None)
    if isinstance(language, str) and language.lower() not in ("python", "python3", ""):
        name = spec.get("display_name") if isinstance(spec, dict) else None
        raise BadNotebook(f"the notebook is written for a {language[:30]} kernel"
                          f"{f' ({str(name)[:40]})' if name else ''}, not Python")


def _upgrade_v3(nb: dict) -> dict:
    import nbformat
    try:
        return nbformat.convert(nbformat.from_dict(nb), 4)
    except Exception as exc:  # nbformat raises many types on a broken v3 notebook
        raise BadNotebook(f"a notebook of format 3 that cannot be upgraded "
                          f"({type(exc).__name__})") from None


def read_code_cells(path: Path, assignment_id: str) -> list[str]:
    """The sources of the code cells a grader should execute, in order.

    Raises:
        BadNotebook: the file cannot be read, is not a notebook, or is another assignment's.
    """
    return parse_notebook(read_bytes(path), assignment_id).cells
