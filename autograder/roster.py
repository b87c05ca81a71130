"""Who handed in what: a class roster, Canvas download names, resubmissions and late work.

`find_submissions` turns every folder entry into a submission named after the entry; this module
turns those into one submission per *student*:

- a roster (CSV: `id`, `name`, `email`, optional `sis_id`, `login`, `section`, `aliases`) maps
  each entry to a student: a Canvas download name by its user id, any other entry by its name
  (the roster's `id`, `login`, the email's local part, or an alias; an alias holding `*`, `?` or
  `[` is a file-name pattern);
- Canvas download names (`smithjane_12345_67890_01-layers.ipynb`, with `_LATE_` before the user
  id when Canvas marked it late) are recognised with or without a roster;
- several submissions by one student: the latest wins, by Canvas's file number when every one
  carries it (Canvas numbers uploads in the order they arrive), else by the file's modification
  time, then by name; the others are kept as history, never graded;
- a roster student with nothing in the folder still gets a row ("no submission");
- a deadline (`autograder.late`) turns the submission time into days late and a penalty.
"""

from __future__ import annotations

import csv
import dataclasses
import fnmatch
import html
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from autograder.late import Deadline
from autograder.submissions import Submission

CANVAS_NAME = re.compile(r"^(?P<login>[^_]+?)_(?P<late>LATE_)?(?P<user>\d+)_(?P<file_id>\d+)_"
                         r"(?P<file>.+)$")
NO_SUBMISSION = "no submission"
REQUIRED = ("id", "name", "email")
OPTIONAL = ("sis_id", "login", "section", "aliases")

META_SCHEMA = """
CREATE TABLE IF NOT EXISTS identities (
    assignment TEXT, student TEXT, name TEXT, email TEXT, sis_id TEXT, login TEXT, section TEXT,
    file TEXT, submitted_at TEXT, late_days INTEGER, late_seconds INTEGER, penalty REAL,
    late_note TEXT, PRIMARY KEY (assignment, student));
CREATE TABLE IF NOT EXISTS history (
    assignment TEXT, student TEXT, file TEXT, submitted_at TEXT, why TEXT);
"""


class RosterError(ValueError):
    """The roster cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Student:
    """One roster row."""

    id: str
    name: str
    email: str
    sis_id: str = ""
    login: str = ""
    section: str = ""
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        """Plain names an entry may carry for this student (compared case-insensitively)."""
        local = self.email.split("@")[0]
        return {n.casefold() for n in (self.id, self.login, self.sis_id, local, *self.aliases)
                if n and not _is_pattern(n)}

    def patterns(self) -> list[str]:
        return [a for a in self.aliases if _is_pattern(a)]


def _is_pattern(text: str) -> bool:
    return any(c in text for c in "*?[")


def load_roster(path: Path) -> list[Student]:
    """The students of a roster CSV, in its order.

    Raises:
        RosterError: the file is missing, unreadable, lacks a column, or repeats an id or email.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"the roster {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"the roster {path} cannot be read as UTF-8 text: {exc}") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError(f"the roster {path} has no {', '.join(missing)} column (its first line "
                          f"must name the columns id, name, email; optional: {', '.join(OPTIONAL)})")
    students, seen = [], {}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
               if isinstance(v, str) or v is None}
        if not any(row.values()):
            continue
        if not row["id"]:
            raise RosterError(f"the roster {path}, line {line}: the id is empty")
        for key in ("id", "email"):
            value = row[key].casefold()
            if value and (key, value) in seen:
                raise RosterError(f"the roster {path}, line {line}: {key} {row[key]!r} is already "
                                  f"on line {seen[key, value]}")
            seen[key, value] = line
        aliases = tuple(a.strip() for a in re.split(r"[;|]", row.get("aliases", "")) if a.strip())
        students.append(Student(row["id"], row["name"], row["email"], row.get("sis_id", ""),
                                row.get("login", ""), row.get("section", ""), aliases))
    if not students:
        raise RosterError(f"the roster {path} lists no students")
    return students


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


@dataclass
class Placed:
    """Where one submission stands once students are known."""

    sub: Submission
    key: str                      # the student id rows are stored under
    student: Student | None
    canvas: re.Match | None
    submitted: datetime | None
    late_days: int = 0
    late_seconds: int = 0
    penalty: float = 0.0
    late_note: str = ""


@dataclass
class Arrangement:
    """The submissions to grade (one per student), the superseded ones, and who is missing."""

    submissions: list[Submission]
    placed: dict[str, Placed] = field(default_factory=dict)
    history: list[tuple[str, Placed, str]] = field(default_factory=list)   # (student, old, why)
    missing: list[Student] = field(default_factory=list)


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.lstat(path).st_mtime, timezone.utc)
    except OSError:
        return None


def _match(sub: Submission, canvas: re.Match | None, roster: list[Student]) -> tuple[Student | None,
                                                                                       str]:
    """The roster student an entry belongs to, and a note when none or several match."""
    if canvas:
        hits = [s for s in roster if canvas["user"] in (s.id, s.sis_id)]
        hits = hits or [s for s in roster if canvas["login"].casefold() in s.names()]
    else:
        stem = sub.student.split("~")[0].casefold()
        hits = [s for s in roster if stem in s.names()]
        names = (sub.path.name.casefold(), stem)
        hits = hits or [s for s in roster if any(fnmatch.fnmatch(n, p.casefold())
                                                 for p in s.patterns() for n in names)]
    if len(hits) == 1:
        return hits[0], ""
    if hits:
        return None, f"matches several roster students ({', '.join(s.id for s in hits)})"
    return None, "not on the roster"


def _order(p: Placed, by_file_id: bool) -> tuple:
    """The sort key of "latest": an entry that can be graded beats one that cannot (a stray
    `notes.txt` never supersedes the notebook), then Canvas's file number, else the file time,
    then the name."""
    if by_file_id:
        return (not p.sub.reason, int(p.canvas["file_id"]), p.sub.student)
    stamp = p.submitted.timestamp() if p.submitted else float("-inf")
    return (not p.sub.reason, stamp, p.sub.student)


def arrange(subs: list[Submission], roster: list[Student] | None = None,
            deadline: Deadline | None = None) -> Arrangement:
    """One submission per student, the rest as history; roster students with none are missing.

    Without a roster, deadline or any Canvas download name, the submissions come back unchanged.
    """
    canvas = {s.student: CANVAS_NAME.match(s.student) for s in subs}
    if roster is None and deadline is None and not any(canvas.values()):
        return Arrangement(subs)
    groups: dict[str, list[Placed]] = {}
    logins: dict[str, set[str]] = {}
    for m in filter(None, canvas.values()):
        logins.setdefault(m["login"], set()).add(m["user"])
    for s in subs:
        m = canvas[s.student]
        student, note = (_match(s, m, roster) if roster is not None else (None, ""))
        if student:
            key = student.id
        elif m:
            key = m["login"] if len(logins.get(m["login"], ())) <= 1 else \
                f"{m['login']}_{m['user']}"
        else:
            key = s.student
        if note:
            s = dataclasses.replace(s, note=_join(s.note, note))
        if m:
            s = dataclasses.replace(s, note=_join(s.note, f"Canvas user {m['user']}, file "
                                                          f"{m['file_id']}: {m['file']}"))
        groups.setdefault(key, []).append(Placed(s, key, student, m, _mtime(s.path)))
    out = Arrangement([])
    for key, group in groups.items():
        by_file_id = all(p.canvas for p in group)
        group.sort(key=lambda p: _order(p, by_file_id))
        latest = group[-1]
        rule = "the higher Canvas file number" if by_file_id else "the newer file time"
        for old in group[:-1]:
            if deadline is not None and old.submitted:
                old.submitted = old.submitted.astimezone(deadline.due.tzinfo)
            out.history.append((key, old, f"superseded by {latest.sub.path.name} ({rule})"))
        sub = latest.sub
        if len(group) > 1:
            sub = dataclasses.replace(sub, note=_join(sub.note, f"latest of {len(group)} "
                                                                f"submissions ({rule})"))
        if deadline is not None:
            latest.late_days, latest.penalty, latest.late_note = deadline.lateness(
                latest.submitted, bool(latest.canvas and latest.canvas["late"]))
            if latest.submitted:           # shown in the deadline's time zone
                latest.submitted = latest.submitted.astimezone(deadline.due.tzinfo)
                late = (latest.submitted - deadline.due).total_seconds()
                latest.late_seconds = max(0, int(late)) if latest.late_days else 0
        latest.sub = dataclasses.replace(sub, student=key)
        out.placed[key] = latest
        out.submissions.append(latest.sub)
    if roster is not None:
        out.missing = [s for s in roster if s.id not in groups]
    return out


def store(book, assignment: str, plan: Arrangement) -> None:
    """Records identities, lateness and history in the gradebook (replacing a previous run's)."""
    db = book.db
    db.executescript(META_SCHEMA)
    with db:
        db.execute("DELETE FROM identities WHERE assignment=?", (assignment,))
        db.execute("DELETE FROM history WHERE assignment=?", (assignment,))
        for key, p in plan.placed.items():
            s = p.student or Student(key, "", "")
            login = s.login or (p.canvas["login"] if p.canvas else "")
            sis = s.sis_id or (p.canvas["user"] if p.canvas and not p.student else "")
            db.execute("INSERT INTO identities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (assignment, key, s.name, s.email, sis, login, s.section, p.sub.path.name,
                        p.submitted.isoformat(timespec="seconds") if p.submitted else "",
                        p.late_days, p.late_seconds, p.penalty, p.late_note))
        for s in plan.missing:
            db.execute("INSERT INTO identities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (assignment, s.id, s.name, s.email, s.sis_id, s.login, s.section, "", "",
                        0, 0, 0.0, ""))
        db.executemany("INSERT INTO history VALUES (?,?,?,?,?)",
                       [(assignment, key, old.sub.path.name,
                         old.submitted.isoformat(timespec="seconds") if old.submitted else "", why)
                        for key, old, why in plan.history])


def identities(book, assignment: str) -> dict[str, dict]:
    """Each student's stored identity and lateness; empty when the class had neither."""
    book.db.executescript(META_SCHEMA)
    cur = book.db.execute("SELECT * FROM identities WHERE assignment=?", (assignment,))
    cols = [d[0] for d in cur.description]
    return {row[1]: dict(zip(cols, row)) for row in cur.fetchall()}


def history(book, assignment: str) -> dict[str, list[dict]]:
    """Each student's superseded submissions."""
    book.db.executescript(META_SCHEMA)
    out: dict[str, list[dict]] = {}
    for student, file, when, why in book.db.execute(
            "SELECT student, file, submitted_at, why FROM history WHERE assignment=? ORDER BY rowid",
            (assignment,)):
        out.setdefault(student, []).append({"file": file, "submitted_at": when, "why": why})
    return out


ID_COLUMNS = ["name", "email"]
LATE_COLUMNS = ["submitted", "days late", "late penalty", "final", "superseded"]


def add_columns(book, assignment: str, fields: list[str], rows: list[dict]) -> list[str]:
    """Adds the roster and lateness columns to grades.csv's rows; returns the new header.

    `late penalty` is in points (the fraction of `total` the rule takes), `final` is what is left;
    `superseded` names the older submissions kept as history. A class graded without roster,
    deadline or Canvas names keeps its header as it was.
    """
    meta = identities(book, assignment)
    if not meta:
        return fields
    older = history(book, assignment)
    for row in rows:
        m = meta.get(row["student"], {})
        total = row.get("total", 0) or 0
        cut = round(total * (m.get("penalty") or 0.0), 2) if isinstance(total, (int, float)) else 0
        row.update(name=m.get("name", ""), email=m.get("email", ""),
                   submitted=m.get("submitted_at", ""), **{
                       "days late": m.get("late_days", 0) or 0, "late penalty": cut,
                       "final": round(total - cut, 2) if isinstance(total, (int, float)) else total,
                       "superseded": "; ".join(f"{h['file']} ({h['submitted_at'] or 'no time'})"
                                               for h in older.get(row["student"], []))})
        if m.get("late_note"):
            row["reason"] = _join(row.get("reason", ""), f"late: {m['late_note']}")
    at = fields.index("total") if "total" in fields else len(fields)
    return [fields[0], *ID_COLUMNS, *fields[1:at], *fields[at:at + 2], *LATE_COLUMNS,
            *fields[at + 2:]]


def late_html(book, assignment: str, student: str, total: float) -> str:
    """The feedback page's paragraph on lateness, or "" when the work was on time."""
    m = identities(book, assignment).get(student)
    if not m or not m["late_days"]:
        return ""
    cut = round(total * m["penalty"], 2)
    when = m["submitted_at"] or "?"
    if m["submitted_at"]:
        when = datetime.fromisoformat(when).strftime("%Y-%m-%d %H:%M (UTC%z)")
    return (f"<p class='note'><b>Late:</b> submitted {html.escape(when)}, "
            f"{m['late_days']} day{_s(m['late_days'])} after the deadline "
            f"({html.escape(m['late_note'])}): {cut:g} point{'' if cut == 1 else 's'} off, "
            f"{round(total - cut, 2):g} left.</p>")


def no_submission_rows(assignment, plan: Arrangement, seed: int) -> list:
    """A gradebook row for each roster student who handed in nothing: zero, reason "no submission"."""
    from autograder.kit.results import Status, SubmissionResult, SubmissionStatus, not_graded
    rows = []
    for s in plan.missing:
        sub = SubmissionResult(s.id, "", "", seed, SubmissionStatus.UNGRADABLE.value,
                               f"{NO_SUBMISSION}: nothing by this student was in the folder")
        sub.results = not_graded(assignment.registry.checks.values(), Status.NOT_GRADED,
                                 "Not graded: no submission.")
        rows.append(sub)
    return rows
