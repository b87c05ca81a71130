"""What is in a submissions folder: every directory entry becomes exactly one submission.

An entry is a notebook file (`<student>.ipynb`) or a student's folder (`<student>/...ipynb`);
anything else (another file, a link, a FIFO, a socket, a device, a hidden file, a folder named
like a notebook, an unreadable entry, a name that is not UTF-8) is a submission too, with the
reason it cannot be graded. Entries are inspected with `lstat` only: no link is followed and no
file is opened here (the runner opens notebooks without following links or blocking). Two
entries never share a student id: a collision gets a suffix and a note.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from autograder.notebook import file_kind

SUFFIX = ".ipynb"


class NoSubmissions(ValueError):
    """The submissions folder has no entries at all."""


@dataclass(frozen=True)
class Submission:
    """One directory entry: the student id, the notebook to grade, or why there is none."""

    student: str
    path: Path
    reason: str = ""     # set when the entry cannot be graded
    note: str = ""       # what the grader changed or chose (a renamed id, the notebook it picked)


def _display(name: bytes) -> tuple[str, str]:
    """A printable student id from a raw file name, and a note when the name needed repair."""
    try:
        text, note = name.decode("utf-8"), ""
    except UnicodeDecodeError:
        text, note = name.decode("utf-8", "replace"), "its name is not valid UTF-8"
    shown = "".join(c if c.isprintable() and c not in "/\\" else "_" for c in text)
    if shown != text and not note:
        note = "its name holds characters that cannot be shown"
    return shown, note


def _inside(folder: Path, assignment_id: str) -> tuple[Path | None, str]:
    """The notebook to grade inside a student's folder, and a note on the choice."""
    found = []
    for top, dirs, files in os.walk(folder):          # os.walk never follows links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            if name.endswith(SUFFIX) and not name.startswith(".") and \
                    stat.S_ISREG(os.lstat(path).st_mode):
                found.append(path)
    if len(found) <= 1:
        return (found[0] if found else None), ""
    named = [p for p in found if p.name == f"{assignment_id}{SUFFIX}"]
    pick = named[0] if named else max(found, key=lambda p: (os.lstat(p).st_mtime, str(p)))
    rule = "the one named like the assignment" if named else "the newest"
    return pick, (f"{len(found)} notebooks in the folder; graded "
                  f"`{pick.relative_to(folder)}` ({rule})")


def _entry(folder: Path, name: bytes, assignment_id: str) -> tuple[str, Path, str, str]:
    """(id stem, path, reason, note) of one directory entry."""
    shown, note = _display(name)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    stem = shown
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISDIR(mode):
            stem = Path(shown).stem or shown
        if shown.startswith("."):
            return stem, path, "a hidden file or folder (its name starts with a dot)", note
        if stat.S_ISLNK(mode):
            return stem, path, "a symbolic link, not followed", note
        if stat.S_ISDIR(mode):
            if shown.endswith(SUFFIX):
                return stem, path, "a folder named like a notebook, not a notebook", note
            inner, choice = _inside(path, assignment_id)
            if inner is None:
                return stem, path, "a folder with no .ipynb notebook in it", note
            return stem, inner, "", "; ".join(n for n in (note, choice) if n)
        if not stat.S_ISREG(mode):
            return stem, path, f"not a regular file ({file_kind(mode)})", note
        if not shown.endswith(SUFFIX):
            return stem, path, f"{shown} is not a .ipynb notebook", note
        return stem, path, "", note
    except PermissionError:
        return stem, path, "cannot be read: permission denied", note
    except OSError as exc:
        return stem, path, f"cannot be read: {exc.strerror or type(exc).__name__}", note


def find_submissions(folder: Path, assignment_id: str) -> list[Submission]:
    """One `Submission` per entry of `folder`, in the order of their raw names.

    Raises:
        NoSubmissions: the folder is empty.
    """
    names = sorted(os.listdir(os.fsencode(folder)))
    if not names:
        raise NoSubmissions(f"{folder} is empty: there is nothing to grade")
    taken: set[str] = set()
    out = []
    for name in names:
        stem, path, reason, note = _entry(folder, name, assignment_id)
        student, k = stem, 2
        while student in taken:
            student, k = f"{stem}~{k}", k + 1
        if student != stem:
            note = "; ".join(n for n in (note, f"another entry also maps to the id `{stem}`, so "
                                               f"this one is `{student}`") if n)
        taken.add(student)
        out.append(Submission(student, path, reason, note))
    return out


def find_one(path: Path, assignment_id: str, student: str | None = None) -> Submission:
    """One file (or a student's folder) graded on its own: `grade NN FILE.ipynb`. The student id
    is `student` when given, else the name without `.ipynb`."""
    stem, found, reason, note = _entry(path.parent, os.fsencode(path.name), assignment_id)
    return Submission(student or stem, found, reason, note)
