"""Gradebooks in the column layouts an LMS imports: Canvas and Gradescope.

Both carry each student's `final` points (total, written answers included where recorded, less
the late penalty); a student on the roster with no submission gets 0; a row the roster does not
know (no id to match) is left out and named on stderr, never guessed.

- Canvas (Grades > Import): `Student, ID, SIS User ID, SIS Login ID, Section, <assignment>`, then
  a `Points Possible` row, as in Canvas's own gradebook export. Canvas matches a row by `ID` (its
  user id, the first number of its download names) or the SIS ids; the assignment column updates
  the assignment whose export header it repeats exactly (e.g. `Layers (123456)`), else Canvas
  creates a new assignment.
- Gradescope: `Name, SID, Email, Total Score, Max Points, Status, Submission Time,
  Lateness (H:M:S)`: the student columns of Gradescope's roster CSV (Name and Email required, SID
  optional) and the score columns of its assignment grade export; Gradescope matches by Email.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from autograder.assignments import Assignment
from autograder.gradebook import Gradebook, spreadsheet_safe, whole
from autograder.roster import NO_SUBMISSION, add_columns, identities

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
GRADESCOPE_HEADER = ["Name", "SID", "Email", "Total Score", "Max Points", "Status",
                     "Submission Time", "Lateness (H:M:S)"]


def _rows(book: Gradebook, assignment: Assignment) -> tuple[list[dict], dict[str, dict]]:
    """grades.csv's rows (with roster and lateness columns) and the stored identities."""
    rows = book.table(assignment)
    add_columns(book, assignment.id, ["student", "total", "max"], rows)
    return rows, identities(book, assignment.id)


def _score(row: dict):
    value = row.get("final", row.get("total", 0))
    return whole(value) if isinstance(value, (int, float)) else 0


def _lateness(seconds: int) -> str:
    """Gradescope's `H:M:S` lateness."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _skipped(kind: str, names: list[str]) -> None:
    if names:
        print(f"WARNING: {kind}: {len(names)} row(s) not on the roster left out (add them to the "
              f"roster, or an alias, and grade again): {', '.join(names)}", file=sys.stderr)


def write_canvas(book: Gradebook, assignment: Assignment, path: Path,
                 column: str | None = None) -> Path:
    """Writes the Canvas grade-import CSV; `column` is the assignment's header in Canvas."""
    rows, meta = _rows(book, assignment)
    top = max([r["max"] for r in rows], default=assignment.max_points())
    skipped = []
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow([*CANVAS_HEADER, column or assignment.title])
        out.writerow(["    Points Possible", "", "", "", "", top])
        for row in rows:
            m = meta.get(row["student"])
            if not m or not (m["email"] or m["name"]):      # not a roster student
                skipped.append(row["student"])
                continue
            out.writerow([spreadsheet_safe(v) for v in (
                m["name"], row["student"], m["sis_id"], m["login"], m["section"],
                _score(row))])
    _skipped("Canvas", skipped)
    return path


def write_gradescope(book: Gradebook, assignment: Assignment, path: Path) -> Path:
    """Writes the Gradescope-layout CSV (one row per roster student)."""
    rows, meta = _rows(book, assignment)
    skipped = []
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(GRADESCOPE_HEADER)
        for row in rows:
            m = meta.get(row["student"])
            if not m or not m["email"]:                     # Gradescope matches by email
                skipped.append(row["student"])
                continue
            missing = row["reason"].startswith(NO_SUBMISSION)
            out.writerow([spreadsheet_safe(v) for v in (
                m["name"], m["sis_id"] or row["student"], m["email"], _score(row), row["max"],
                "Missing" if missing else "Graded", m["submitted_at"],
                _lateness(m["late_seconds"] or 0))])
    _skipped("Gradescope", skipped)
    return path
