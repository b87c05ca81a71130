"""A malformed notebook gets a reason that names the problem; repairs are noted."""

from __future__ import annotations

import errno
import json

import pytest

from autograder import notebook
from autograder.notebook import BadNotebook, parse_notebook


def _nb(**fields) -> bytes:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
          "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "x = 1",
                     "outputs": [], "execution_count": None}]}
    nb.update(fields)
    return json.dumps(nb).encode()


CODE = {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [],
        "execution_count": None}
MALFORMED = {
    "empty": (b"  \n", "the file is empty"),
    "not UTF-8": (b'{"cells": "\xff"}', "not UTF-8 text (byte 11)"),
    "cut off": (_nb()[:-20], "the file is cut off"),
    "not JSON": (b"{cells: []}", "not valid notebook JSON (Expecting property name"),
    "a list": (b"[1, 2]", "the file's JSON is a list, not a notebook object"),
    "no version": (json.dumps({"cells": []}).encode(), "has no `nbformat` version"),
    "format 5": (_nb(nbformat=5), "notebook format 5 is not supported"),
    "metadata a list": (_nb(metadata=[]), "`metadata` is a list, not an object"),
    "cells text": (_nb(cells="print(1)"), "`cells` is text, not a list"),
    "no cells": (json.dumps({"nbformat": 4, "metadata": {}}).encode(), "has no `cells`"),
    "cell a number": (_nb(cells=[3]), "cell 1 is a number, not a cell object"),
    "source a number": (_nb(cells=[dict(CODE, source=42)]), "cell 1's `source` holds a number"),
    "source lines mixed": (_nb(cells=[CODE, dict(CODE, source=["a", None])]),
                           "cell 2's `source` holds null, not text"),
    "cell metadata": (_nb(cells=[dict(CODE, metadata="x")]), "cell 1's `metadata` is text"),
    "R kernel": (_nb(metadata={"kernelspec": {"language": "R", "name": "ir",
                                              "display_name": "R 4.3"}}),
                 "written for a R kernel (R 4.3), not Python"),
    "another assignment": (_nb(metadata={"autograder": {"assignment": "99-x"}}),
                           "notebook of assignment '99-x'"),
    "only markdown": (_nb(cells=[{"cell_type": "markdown", "metadata": {}, "source": "#"}]),
                      "the notebook has no code cells"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_notebook_reason_names_the_problem(name):
    data, reason = MALFORMED[name]
    with pytest.raises(BadNotebook) as caught:
        parse_notebook(data, "01-x")
    assert reason in str(caught.value)


def test_repairs_are_noted():
    bom = parse_notebook(b"\xef\xbb\xbf" + _nb(), "01-x")
    assert bom.cells == ["x = 1"] and "byte-order mark" in bom.notes[0]
    twice = parse_notebook(_nb(cells=[dict(CODE, id="a"), dict(CODE, id="a", source="y")]),
                           "01-x")
    assert twice.cells == ["x = 1", "y"] and twice.notes == ["duplicate cell ids were ignored"]
    odd = parse_notebook(_nb(cells=[CODE, {"cell_type": "widget", "source": ""}]), "01-x")
    assert odd.cells == ["x = 1"] and "unknown type ignored: 2 ('widget')" in odd.notes[0]
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "z = 3", "language": "python", "outputs": [],
         "metadata": {}}]}]}
    old = parse_notebook(json.dumps(v3).encode(), "01-x")
    assert old.cells == ["z = 3"] and old.notes == ["upgraded from notebook format 3 to 4"]


def test_an_unreadable_file_is_a_reason(tmp_path, monkeypatch):
    path = tmp_path / "locked.ipynb"
    path.write_bytes(_nb())

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(notebook.os, "open", refuse)
    with pytest.raises(BadNotebook, match="cannot be read: permission denied"):
        notebook.read_bytes(path)
