"""Manual grading of the written answers: a review page, a scores template, and its import.

`review` writes `review.html` (every student's answer, question by question, as typed) and a
CSV template (`student, question, points, max, comment`); the instructor fills in `points`
(and a comment the student will read) and `manual` records the file into the gradebook. The
import is all or nothing: every row is checked first, and one bad row leaves the gradebook as
it was, with a message per bad row that names it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

from autograder.assignments import Assignment
from autograder.pages import PAGE, md_code
from autograder.build import ANSWER_STUB
from autograder.gradebook import Gradebook, output_tail, spreadsheet_safe, whole
from autograder.kit.results import SubmissionStatus, clean

COLUMNS = ["student", "question", "points", "max", "comment"]
TEMPLATE = "manual-scores.csv"
MAX_BYTES = 10 * 1024 * 1024     # a scores file is a few KiB; anything this big is a mistake
NO_ANSWER = "No answer was found in the notebook."


class ScoresError(ValueError):
    """A scores file that cannot be recorded; `problems` names each bad row."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(f"{path}: nothing was recorded, because of {len(problems)} "
                         f"problem{'s' if len(problems) != 1 else ''}:\n" +
                         "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Score:
    """One recorded written-answer score."""

    student: str
    question: str
    points: float
    max_points: float
    comment: str


def answer_of(sub: dict, question: str) -> str:
    """The student's written answer to `question`, or "" when there is none (or only the
    release's placeholder)."""
    answers = json.loads(sub.get("answers") or "{}")
    text = str(answers.get(question, "")).strip()
    return "" if not text or "_Write your answer here" in text or text == ANSWER_STUB else text


def template_rows(book: Gradebook, assignment: Assignment) -> list[dict]:
    """One row per student and written question; recorded scores are filled in, and an
    unanswered question is proposed as 0 with a comment saying so."""
    rows = []
    for sub in book.submissions(assignment.id):
        scored = book.manual(assignment.id, sub["student"])
        for q, meta in assignment.manual.items():
            top = whole(float(meta.get("points", 0)))
            if q in scored:
                points, comment = whole(scored[q]["points"]), scored[q]["comment"]
            elif not answer_of(sub, q):
                points, comment = 0, NO_ANSWER
            else:
                points, comment = "", ""
            rows.append({"student": sub["student"], "question": q, "points": points,
                         "max": top, "comment": comment})
    return rows


def template_text(book: Gradebook, assignment: Assignment) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()}
                     for row in template_rows(book, assignment))
    return out.getvalue()


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text \
            else float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_scores(path: Path, book: Gradebook, assignment: Assignment) -> tuple[list[Score], int]:
    """The scores in `path`, every row checked against the gradebook and the assignment;
    returns them and the number of rows left blank (no points yet).

    Raises:
        ScoresError: a row (or the file) is wrong; nothing is returned then.
    """
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ScoresError(path, [f"the file cannot be read: {exc.strerror or exc}"]) from None
    if len(data) > MAX_BYTES:
        raise ScoresError(path, [f"the file is larger than {MAX_BYTES // 2**20} MiB; is it the "
                                 "scores CSV?"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScoresError(path, ["the file is not UTF-8 text; save it as CSV (UTF-8)"]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("student", "question", "points") if c not in header]
    if missing:
        shown = ", ".join(reader.fieldnames or []) or "nothing"
        raise ScoresError(path, [f"the header has no {', '.join(f'`{c}`' for c in missing)} "
                                 f"column (it has: {shown}); start from the template that "
                                 "`review` writes"])
    reader.fieldnames = header
    students = {s["student"] for s in book.submissions(assignment.id)}
    written = {q.lower(): q for q in assignment.manual}
    problems, scores, seen, blank = [], [], {}, 0
    try:
        table = list(reader)
    except csv.Error as exc:
        raise ScoresError(path, [f"row {reader.line_num}: not readable as CSV ({exc})"]) from None
    for line, raw in enumerate(table, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        student, question, points = row.get("student", ""), row.get("question", ""), \
            row.get("points", "")
        if not any(row.values()):
            continue
        if student not in students and student.startswith("'") and student[1:] in students:
            student = student[1:]                # the template's spreadsheet-safe quote
        where = f"row {line} ({clean(student, 40) or 'no student'}, " \
                f"{clean(question, 20) or 'no question'})"
        if student not in students:
            problems.append(f"{where}: no student `{clean(student, 60)}` in the gradebook of "
                            f"{assignment.id}")
            continue
        if question.lower() not in written:
            known = ", ".join(assignment.manual) or "none"
            problems.append(f"{where}: `{clean(question, 40)}` is not a written question of "
                            f"{assignment.id} (written questions: {known})")
            continue
        question = written[question.lower()]
        if not points:
            blank += 1
            continue
        value = _number(points)
        top = float(assignment.manual[question].get("points", 0))
        if value is None:
            problems.append(f"{where}: points `{clean(points, 40)}` is not a number")
        elif not 0 <= value <= top:
            problems.append(f"{where}: {value:g} points is out of range: {question} is worth "
                            f"0 to {top:g}")
        elif (student, question) in seen:
            problems.append(f"{where}: {student}'s {question} is scored twice (also on row "
                            f"{seen[(student, question)]})")
        else:
            seen[(student, question)] = line
            comment = _block(row.get("comment", ""))
            scores.append(Score(student, question, value, top, comment))
    if problems:
        raise ScoresError(path, problems)
    return scores, blank


def _block(text: str) -> str:
    """A comment as the student will read it: control characters out, at most 2000 chars."""
    return output_tail(text)[:2000].strip()


def record_scores(book: Gradebook, assignment: Assignment, scores: list[Score]) -> None:
    book.record_manual(assignment.id, [(s.student, s.question, s.points, s.max_points,
                                        s.comment) for s in scores])


def review_page(book: Gradebook, assignment: Assignment) -> str:
    """Every student's written answers, one section per question, for the person grading."""
    subs = book.submissions(assignment.id)
    title = f"{assignment.title}: written answers to grade"
    body = [f"<h1>{html.escape(title)}</h1>",
            f"<p>{len(subs)} submission{'s' if len(subs) != 1 else ''}. Fill in "
            f"<code>points</code> (and a <code>comment</code> the student will read) in "
            f"<code>{TEMPLATE}</code> (beside this page), then record it with <code>python -m "
            f"autograder manual {assignment.id[:2]} {TEMPLATE} --out</code> this folder.</p>"]
    nav = []
    sections = []
    for q, meta in assignment.manual.items():
        top = whole(float(meta.get("points", 0)))
        answered = sum(1 for s in subs if answer_of(s, q))
        scored = 0
        entries = []
        for sub in subs:
            mark = book.manual(assignment.id, sub["student"]).get(q)
            scored += mark is not None
            answer = answer_of(sub, q)
            if sub["status"] == SubmissionStatus.UNGRADABLE:
                shown = f"<p class='other'>Not gradable: {md_code(sub['reason'])}.</p>"
            elif answer:
                shown = f"<blockquote>{html.escape(answer)}</blockquote>"
            else:
                shown = f"<p class='other'>{NO_ANSWER}</p>"
            given = (f"<span class='score'>{whole(mark['points'])} / {top}</span>"
                     if mark else "<span class='other'>not scored yet</span>")
            said = (f"<p class='comment'>Your comment: {html.escape(mark['comment'])}</p>"
                    if mark and mark["comment"] else "")
            entries.append(f"<div class='entry' id='{html.escape(q)}-{html.escape(sub['student'])}'>"
                           f"<h3>{html.escape(sub['student'])} <small>{given}</small></h3>"
                           f"{shown}{said}</div>")
        nav.append(f"<li><a href='#{html.escape(q)}'>{q.upper()}</a>: {answered} of {len(subs)} "
                   f"answered, {scored} scored</li>")
        sections.append(f"<h2 id='{html.escape(q)}'>{q.upper()} ({top} point"
                        f"{'s' if top != 1 else ''})</h2><p class='prompt'>"
                        f"{md_code(meta.get('prompt', ''))}</p>" + "".join(entries))
    body += ["<ul>", *nav, "</ul>", *sections]
    style = ("<style>.entry{border-top:1px solid #d0d7de;padding:.3rem 0}"
             ".entry h3{font-size:1rem;margin:.5rem 0 .2rem}.score{color:#1a7f37;"
             "font-weight:600}.prompt{color:#57606a}.comment{color:#57606a;white-space:pre-wrap}"
             "</style>")
    return PAGE.format(title=html.escape(title), body=style + "\n".join(body))


def write_review(book: Gradebook, assignment: Assignment, out: Path) -> tuple[Path, Path, bool]:
    """Writes `review.html` and the scores template; an existing template (perhaps being
    filled in) is kept and the fresh one goes beside it. Returns the page, the template
    written, and whether the existing one was kept."""
    page = out / "review.html"
    page.write_text(review_page(book, assignment))
    template = out / TEMPLATE
    kept = template.exists()
    if kept:
        template = out / "manual-scores.new.csv"
    template.write_text(template_text(book, assignment))
    return page, template, kept
