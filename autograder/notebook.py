"""Reading submitted notebooks defensively: anything wrong becomes a `BadNotebook` reason."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

MAX_NOTEBOOK_BYTES = 20 * 1024 ** 2
CHECK_CELL_TAG = "autograder-check"   # cells the release adds; never executed when grading


class BadNotebook(ValueError):
    """The file cannot be graded; `str(self)` is the reason shown in the gradebook."""


def read_code_cells(path: Path, assignment_id: str) -> list[str]:
    """The sources of the code cells a grader should execute, in order.

    Raises:
        BadNotebook: the file is too large, not a notebook, or another assignment's notebook.
    """
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise BadNotebook(f"the file is {size / 1024 ** 2:.0f} MiB; notebooks over "
                          f"{MAX_NOTEBOOK_BYTES // 1024 ** 2} MiB are not graded")
    if size == 0:
        raise BadNotebook("the file is empty")
    try:
        nb = nbformat.reads(path.read_bytes().decode("utf-8"), as_version=4)
    except UnicodeDecodeError:
        raise BadNotebook("the file is not UTF-8 text, so it is not a notebook") from None
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as exc:
        raise BadNotebook(f"the file is not valid notebook JSON ({str(exc)[:120]})") from None
    except Exception as exc:  # nbformat raises several types on malformed structure
        raise BadNotebook(f"the notebook's structure is malformed ({type(exc).__name__})") from None
    claimed = nb.metadata.get("autograder", {}).get("assignment") if isinstance(
        nb.metadata.get("autograder"), dict) else None
    if claimed and claimed != assignment_id:
        raise BadNotebook(f"this is the notebook of assignment {claimed!r}, not {assignment_id!r}")
    cells = []
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        if CHECK_CELL_TAG in (cell.get("metadata", {}).get("tags") or []):
            continue
        source = cell.get("source", "")
        if not isinstance(source, str):
            raise BadNotebook("a code cell's source is not text")
        cells.append(source)
    if not cells:
        raise BadNotebook("the notebook has no code cells")
    return cells
