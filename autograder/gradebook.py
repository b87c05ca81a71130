"""The gradebook: one SQLite file, one row per (assignment, student, check), and a CSV view."""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
import time
from pathlib import Path

from autograder.assignments import Assignment
from autograder.kit.results import CheckResult, Status, SubmissionResult, clean, possible
from autograder.roster import add_columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A question cell, and the column of points left out, where checks need a GPU this grader lacks.
NEEDS_GPU = Status.NEEDS_GPU.value
GPU_COLUMN = "not counted (needs GPU)"

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    assignment TEXT, student TEXT, sha256 TEXT, path TEXT, seed INTEGER, status TEXT,
    reason TEXT, sandbox TEXT, seconds REAL, cell_errors TEXT, graded_at TEXT, integrity TEXT,
    answers TEXT, PRIMARY KEY (assignment, student));
CREATE TABLE IF NOT EXISTS results (
    assignment TEXT, student TEXT, check_id TEXT, question TEXT, points REAL, max_points REAL,
    status TEXT, message TEXT, hidden INTEGER, inputs_digest TEXT, obs_digest TEXT,
    PRIMARY KEY (assignment, student, check_id));
"""


class Gradebook:
    """Storage of grading results; every submission is committed on its own."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(submissions)")}
        for added in ("integrity", "answers"):   # a gradebook from before these columns
            if added not in columns:
                self.db.execute(f"ALTER TABLE submissions ADD COLUMN {added} TEXT")

    def graded_hash(self, assignment: str, student: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM submissions WHERE assignment=? AND student=?",
                              (assignment, student)).fetchone()
        return row[0] if row else None

    def record(self, assignment: str, sub: SubmissionResult) -> None:
        """Stores one submission's rows (replacing earlier ones); every text is made safe first."""
        sub.reason = clean(sub.reason, 1000)
        sub.path = clean(sub.path, 1000)
        sub.cell_errors = [clean(e, 400) for e in sub.cell_errors]
        sub.integrity = [clean(f, 200) for f in sub.integrity]
        sub.results = [dataclasses.replace(r, message=clean(r.message, 600)) for r in sub.results]
        with self.db:
            self.db.execute("DELETE FROM results WHERE assignment=? AND student=?",
                            (assignment, sub.student))
            self.db.execute(
                "INSERT OR REPLACE INTO submissions (assignment, student, sha256, path, seed, "
                "status, reason, sandbox, seconds, cell_errors, graded_at, integrity, answers) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (assignment, sub.student, sub.sha256, sub.path, sub.seed, sub.status, sub.reason,
                 sub.sandbox, round(sub.seconds, 2), json.dumps(sub.cell_errors),
                 time.strftime("%Y-%m-%d %H:%M:%S"), json.dumps(sub.integrity),
                 json.dumps(sub.answers)))
            self.db.executemany(
                "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(assignment, sub.student, r.check_id, r.question, r.points, r.max_points,
                  r.status, r.message, int(r.hidden), *sub.digests.get(r.check_id, ("", "")))
                 for r in sub.results])

    def submissions(self, assignment: str) -> list[dict]:
        cur = self.db.execute("SELECT * FROM submissions WHERE assignment=? ORDER BY student",
                              (assignment,))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def results(self, assignment: str, student: str) -> list[CheckResult]:
        rows = self.db.execute(
            "SELECT check_id, question, points, max_points, status, message, hidden FROM results "
            "WHERE assignment=? AND student=? ORDER BY rowid", (assignment, student)).fetchall()
        return [CheckResult(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def digests(self, assignment: str, student: str) -> dict[str, tuple[str, str]]:
        rows = self.db.execute("SELECT check_id, inputs_digest, obs_digest FROM results "
                               "WHERE assignment=? AND student=?", (assignment, student))
        return {r[0]: (r[1], r[2]) for r in rows}

    def table(self, assignment: Assignment) -> list[dict]:
        """One row per student: points per question, manual questions blank, total."""
        questions = assignment.questions()
        rows = []
        for sub in self.submissions(assignment.id):
            per_q = {q: 0.0 for q in questions}
            results = self.results(assignment.id, sub["student"])
            for r in results:
                per_q[r.question] = per_q.get(r.question, 0.0) + r.points
            # A question whose every check needs a GPU this grader lacks says so, not 0.
            unrun = {q for q in per_q if (mine := [r for r in results if r.question == q])
                     and all(r.status == Status.NEEDS_GPU for r in mine)}
            row = {"student": sub["student"], **{q: NEEDS_GPU if q in unrun else round(p, 2)
                                                 for q, p in per_q.items()}}
            row.update({f"{q} (manual)": "" for q in assignment.manual})
            top = possible(results) if results else assignment.max_points()
            row.update(total=round(sum(per_q.values()), 2), max=whole(top),
                       status=sub["status"], reason=sub["reason"],
                       integrity="; ".join(json.loads(sub["integrity"] or "[]")))
            if assignment.gpu_points():
                row[GPU_COLUMN] = whole(sum(r.max_points for r in results
                                            if r.status == NEEDS_GPU))
            rows.append(row)
        return rows

    def write_csv(self, assignment: Assignment, path: Path) -> Path:
        rows = self.table(assignment)
        fields = (["student", *assignment.questions(), *[f"{q} (manual)" for q in assignment.manual],
                   "total", "max", *([GPU_COLUMN] if assignment.gpu_points() else []), "status",
                   "reason", "integrity"])
        fields = add_columns(self, assignment.id, fields, rows)   # roster, lateness (if any)
        with path.open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
        return path


def whole(points: float):
    """Points as an int when whole (`18`, as the CSV always showed a maximum), else 2 decimals."""
    return int(points) if float(points).is_integer() else round(points, 2)


def spreadsheet_safe(value):
    """A CSV cell that Excel, Sheets or LibreOffice will not evaluate as a formula.

    OWASP's rule for CSV injection: text starting with `= + - @`, a tab or a carriage return gets
    a leading single quote (shown as text, kept by Canvas and Gradescope as part of the value).
    Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
