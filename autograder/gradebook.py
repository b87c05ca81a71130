"""The gradebook: one SQLite file, one row per (assignment, student, check), and a CSV view."""

from __future__ import annotations

import csv
import dataclasses
import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

from autograder.assignments import Assignment
from autograder.kit.results import (_ANSI, _CONTROL, CheckResult, Status, SubmissionResult,
                                    clean, possible)
from autograder.roster import add_columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A question cell, and the column of points left out, where checks need a GPU this grader lacks.
NEEDS_GPU = Status.NEEDS_GPU.value
GPU_COLUMN = "not counted (needs GPU)"
MANUAL_DONE = "manual complete"    # "yes" once every written question of the student is scored
OUTPUT_BYTES = 4096                # what is kept of a submission's printed output

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    assignment TEXT, student TEXT, sha256 TEXT, path TEXT, seed INTEGER, status TEXT,
    reason TEXT, sandbox TEXT, seconds REAL, cell_errors TEXT, graded_at TEXT, integrity TEXT,
    answers TEXT, PRIMARY KEY (assignment, student));
CREATE TABLE IF NOT EXISTS results (
    assignment TEXT, student TEXT, check_id TEXT, question TEXT, points REAL, max_points REAL,
    status TEXT, message TEXT, hidden INTEGER, inputs_digest TEXT, obs_digest TEXT,
    PRIMARY KEY (assignment, student, check_id));
CREATE TABLE IF NOT EXISTS manual (
    assignment TEXT, student TEXT, question TEXT, points REAL, max_points REAL, comment TEXT,
    graded_at TEXT, PRIMARY KEY (assignment, student, question));
"""


class Gradebook:
    """Storage of grading results; every submission is committed on its own."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(submissions)")}
        for added in ("integrity", "answers", "output"):   # a gradebook from before them
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
            self.db.execute("UPDATE submissions SET output=? WHERE assignment=? AND student=?",
                            (output_tail(getattr(sub, "output", "")), assignment, sub.student))
            self.db.executemany(
                "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(assignment, sub.student, r.check_id, r.question, r.points, r.max_points,
                  r.status, r.message, int(r.hidden), *sub.digests.get(r.check_id, ("", "")))
                 for r in sub.results])

    def record_checks(self, assignment: str, sub: SubmissionResult, check_ids: set[str]) -> None:
        """Replaces only the rows of `check_ids` for `sub`'s student (`grade --only`): the
        other checks' rows and the submission's row stay as they were. A student the gradebook
        does not know yet is recorded in full."""
        if self.graded_hash(assignment, sub.student) is None:
            self.record(assignment, sub)
            return
        chosen = [dataclasses.replace(r, message=clean(r.message, 600)) for r in sub.results
                  if r.check_id in check_ids]
        with self.db:
            self.db.executemany("DELETE FROM results WHERE assignment=? AND student=? AND "
                                "check_id=?", [(assignment, sub.student, r.check_id)
                                               for r in chosen])
            self.db.executemany(
                "INSERT INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(assignment, sub.student, r.check_id, r.question, r.points, r.max_points,
                  r.status, r.message, int(r.hidden), *sub.digests.get(r.check_id, ("", "")))
                 for r in chosen])

    def class_seed(self, assignment: str) -> int | None:
        """The seed most of the class was graded with (None for an empty gradebook)."""
        seeds = Counter(s["seed"] for s in self.submissions(assignment) if s["seed"] is not None)
        return seeds.most_common(1)[0][0] if seeds else None

    def record_manual(self, assignment: str, scores: list[tuple[str, str, float, float, str]]
                      ) -> None:
        """Stores manual scores `(student, question, points, max, comment)`, all or none."""
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO manual VALUES (?,?,?,?,?,?,?)",
                                [(assignment, *row, stamp) for row in scores])

    def manual(self, assignment: str, student: str) -> dict[str, dict]:
        """The written questions scored for `student`: question -> {points, max, comment}."""
        rows = self.db.execute("SELECT question, points, max_points, comment FROM manual "
                               "WHERE assignment=? AND student=?", (assignment, student))
        return {r[0]: {"points": r[1], "max": r[2], "comment": r[3] or ""} for r in rows}

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
        """One row per student: points per question, manual scores (blank until recorded),
        total (automatic + manual), max (including the written questions) and whether every
        written question is scored."""
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
            scored = self.manual(assignment.id, sub["student"])
            row.update({f"{q} (manual)": whole(scored[q]["points"]) if q in scored else ""
                        for q in assignment.manual})
            by_hand = sum(scored[q]["points"] for q in assignment.manual if q in scored)
            top = (possible(results) if results else assignment.max_points()) + manual_points(
                assignment)
            row.update(total=round(sum(per_q.values()) + by_hand, 2), max=whole(top),
                       status=sub["status"], reason=sub["reason"],
                       integrity="; ".join(json.loads(sub["integrity"] or "[]")))
            if assignment.gpu_points():
                row[GPU_COLUMN] = whole(sum(r.max_points for r in results
                                            if r.status == NEEDS_GPU))
            if assignment.manual:
                row[MANUAL_DONE] = "yes" if set(assignment.manual) <= set(scored) else "no"
            rows.append(row)
        return rows

    def write_csv(self, assignment: Assignment, path: Path) -> Path:
        rows = self.table(assignment)
        fields = (["student", *assignment.questions(), *[f"{q} (manual)" for q in assignment.manual],
                   "total", "max", *([GPU_COLUMN] if assignment.gpu_points() else []), "status",
                   "reason", "integrity", *([MANUAL_DONE] if assignment.manual else [])])
        fields = add_columns(self, assignment.id, fields, rows)   # roster, lateness (if any)
        with path.open("w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
        return path


def manual_points(assignment: Assignment) -> float:
    """The points of the written questions, scored by a person."""
    return sum(float(m.get("points", 0)) for m in assignment.manual.values())


def output_tail(text: str) -> str:
    """The end of what a submission printed, for the instructor: terminal escapes and control
    characters removed (newlines and tabs kept), at most `OUTPUT_BYTES` characters."""
    text = _CONTROL.sub("", _ANSI.sub("", str(text or "")))
    return text[-OUTPUT_BYTES:]


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
