"""Every entry of a submissions folder gets exactly one row, whatever it is; none sinks the batch."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys

import nbformat
import pytest

from autograder.grade import grade_class
from autograder.gradebook import Gradebook
from autograder.kit.results import SubmissionStatus
from autograder.submissions import NoSubmissions, find_submissions
from conftest import ASSIGNMENTS, SEED, short_limits
from autograder.corpus import base_notebook

# entry -> (student id, status, a part of the reason)
UNGRADABLE = SubmissionStatus.UNGRADABLE.value
EXPECTED = {
    b"good.ipynb": ("good", "graded", ""),
    b"caf\xe9.ipynb": ("caf\ufffd", "graded", "note: its name is not valid UTF-8"),
    b"link-to-file.ipynb": ("link-to-file", UNGRADABLE, "a symbolic link, not followed"),
    b"link-to-folder": ("link-to-folder", UNGRADABLE, "a symbolic link, not followed"),
    b"link-dangling.ipynb": ("link-dangling", UNGRADABLE, "a symbolic link, not followed"),
    b"link-outside.ipynb": ("link-outside", UNGRADABLE, "a symbolic link, not followed"),
    b"pipe.ipynb": ("pipe", UNGRADABLE, "not a regular file (a FIFO)"),
    b"sock.ipynb": ("sock", UNGRADABLE, "not a regular file (a socket)"),
    b".hidden.ipynb": (".hidden", UNGRADABLE, "a hidden file or folder"),
    b"..ipynb": (".", UNGRADABLE, "a hidden file or folder"),
    b"folder.ipynb": ("folder.ipynb", UNGRADABLE, "a folder named like a notebook"),
    b"erin": ("erin", "graded", "note: 2 notebooks in the folder; graded `late.ipynb` (the newest)"),
    b"erin.ipynb": ("erin~2", UNGRADABLE, "another entry also maps to the id `erin`"),
    b"zoe": ("zoe", UNGRADABLE, "a folder with no .ipynb notebook in it"),
    b"=1+2.ipynb": ("=1+2", UNGRADABLE, "the file is empty"),
    b"+cmd.ipynb": ("+cmd", UNGRADABLE, "the file is empty"),
    b"-x.ipynb": ("-x", UNGRADABLE, "the file is empty"),
    b"@SUM(1,2).ipynb": ("@SUM(1,2)", UNGRADABLE, "the file is empty"),
    b"notes.txt": ("notes", UNGRADABLE, "notes.txt is not a .ipynb notebook"),
}


@pytest.fixture(scope="module")
def odd_class(tmp_path_factory):
    a = ASSIGNMENTS[0]
    folder = tmp_path_factory.mktemp("odd-submissions")
    raw = os.fsencode(folder)
    good = nbformat.writes(base_notebook(a, "solution")).encode()
    stub = nbformat.writes(base_notebook(a, "stub")).encode()

    def path(name: bytes) -> bytes:
        return os.path.join(raw, name)

    for name, data in ((b"good.ipynb", good), (b"caf\xe9.ipynb", stub), (b".hidden.ipynb", good),
                       (b"..ipynb", good), (b"notes.txt", b"see email"),
                       (b"=1+2.ipynb", b""), (b"+cmd.ipynb", b""), (b"-x.ipynb", b""),
                       (b"@SUM(1,2).ipynb", b"")):
        with open(path(name), "wb") as fh:
            fh.write(data)
    os.symlink(path(b"good.ipynb"), path(b"link-to-file.ipynb"))
    os.symlink(raw, path(b"link-to-folder"))
    os.symlink(b"/nonexistent/x.ipynb", path(b"link-dangling.ipynb"))
    os.symlink(b"/etc/passwd", path(b"link-outside.ipynb"))
    os.mkfifo(path(b"pipe.ipynb"))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path(b"sock.ipynb"))
    os.mkdir(path(b"folder.ipynb"))
    os.mkdir(path(b"zoe"))
    os.mkdir(path(b"erin"))
    with open(os.path.join(path(b"erin"), b"early.ipynb"), "wb") as fh:
        fh.write(stub)
    with open(os.path.join(path(b"erin"), b"late.ipynb"), "wb") as fh:
        fh.write(good)
    os.utime(os.path.join(path(b"erin"), b"early.ipynb"), (1, 1))
    with open(path(b"erin.ipynb"), "wb") as fh:
        fh.write(b"")
    out = tmp_path_factory.mktemp("odd-graded")
    grade_class(a, folder, out, workers=2, seed=SEED, limits=short_limits(a), quiet=True)
    sock.close()
    return a, folder, out, Gradebook(out / "gradebook.sqlite")


def test_every_entry_gets_one_row_with_its_reason(odd_class):
    a, folder, out, book = odd_class
    rows = {s["student"]: s for s in book.submissions(a.id)}
    assert len(rows) == len(os.listdir(os.fsencode(folder))) == len(EXPECTED)
    for name, (student, status, reason) in EXPECTED.items():
        assert student in rows, name
        assert rows[student]["status"] == status, (name, rows[student]["reason"])
        assert reason in rows[student]["reason"], (name, rows[student]["reason"])
    assert sum(r.points for r in book.results(a.id, "good")) == a.max_points()
    assert sum(r.points for r in book.results(a.id, "erin")) == a.max_points()   # the newest


def test_csv_cells_are_safe_in_a_spreadsheet(odd_class):
    a, folder, out, book = odd_class
    with (out / "grades.csv").open(newline="") as fh:
        students = [row["student"] for row in csv.DictReader(fh)]
    assert {"'=1+2", "'+cmd", "'-x", "'@SUM(1,2)"} <= set(students)
    assert not [s for s in students if s.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_an_empty_folder_is_an_error_not_a_silent_success(tmp_path):
    with pytest.raises(NoSubmissions):
        find_submissions(tmp_path, ASSIGNMENTS[0].id)
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENTS[0].id,
                           str(tmp_path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "is empty" in proc.stderr
