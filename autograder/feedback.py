"""Reports: one HTML feedback page per student; the class summary is made by `insight`."""

from __future__ import annotations

import html
import json
from pathlib import Path

from autograder.assignments import Assignment
from autograder.kit.results import Status, SubmissionStatus, not_counted_note, possible
from autograder.gradebook import Gradebook
from autograder.pages import PAGE, md_code
from autograder.roster import late_html

def _css(status: str) -> str:
    if status == Status.PASSED:
        return "passed"
    return "failed" if status in (Status.FAILED, Status.RAISED, Status.MISSING) else "other"


def _points(r) -> str:
    if r.status == Status.NEEDS_GPU:
        return f"not counted ({r.max_points:g})"
    return f"{r.points:g} / {r.max_points:g}"


def student_page(book: Gradebook, assignment: Assignment, sub: dict) -> str:
    """One student's feedback: what each check tested and what to look at, the cells that
    raised, the written answers as handed in, and (folded away) how it was graded."""
    results = book.results(assignment.id, sub["student"])
    total = sum(r.points for r in results)
    unrun = sum(r.max_points for r in results if r.status == Status.NEEDS_GPU)
    possible_points = possible(results) if results else assignment.max_points()
    title = f"{assignment.title}: feedback for {sub['student']}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    if sub["status"] == SubmissionStatus.UNGRADABLE:
        # One sentence, not the same reason in every row.
        body.append(f"<p class='total failed'>Your file could not be graded: "
                    f"{md_code(sub['reason'])}.</p><p>None of your code was run, so no check "
                    f"could give points: 0 / {possible_points:g}.</p>")
    else:
        reason = f": {md_code(sub['reason'])}" if sub["reason"] else ""
        body.append(f"<p class='total'><b>{total:g} / {possible_points:g}</b> points from "
                    f"automatic checks ({html.escape(sub['status'])}{reason}).</p>")
        scored = book.manual(assignment.id, sub["student"])
        if assignment.manual and len(scored) == len(assignment.manual):
            by_hand = sum(m["points"] for m in scored.values())
            top = sum(float(m.get("points", 0)) for m in assignment.manual.values())
            body.append(f"<p class='total'>With your written answers ({by_hand:g} / {top:g}): "
                        f"<b>{total + by_hand:g} / {possible_points + top:g}</b> points in "
                        "all.</p>")
        if unrun:
            body.append(f"<p class='note'>{html.escape(not_counted_note(unrun))}</p>")
        body.append(late_html(book, assignment.id, sub["student"], total))
        rows = ["<tr><th class='n'>question</th><th>what is checked</th><th class='n'>result</th>"
                "<th class='n'>points</th><th>what to look at</th></tr>"]
        for r in results:
            check = assignment.registry.checks.get(r.check_id)
            what = md_code(check.summary) if check else html.escape(r.check_id)
            kind = "hidden check" if r.hidden else "public check"
            rows.append(
                f"<tr><td data-label='question' class='n'>{r.question.upper()}</td>"
                f"<td data-label='checked' title='{html.escape(r.check_id)}'>{what} "
                f"<small>({kind})</small></td>"
                f"<td data-label='result' class='w {_css(r.status)}'>{html.escape(r.status)}</td>"
                f"<td data-label='points' class='n'>{_points(r)}</td>"
                f"<td data-label='look at'>{md_code(r.message) or '-'}</td></tr>")
        body += ["<table>", *rows, "</table>"]
        errors = json.loads(sub["cell_errors"] or "[]")
        if errors:
            body.append("<h2>Cells that raised while your notebook ran</h2><ul>" +
                        "".join(f"<li>{md_code(e)}</li>" for e in errors) + "</ul>")
    if assignment.manual and (sub["status"] != SubmissionStatus.UNGRADABLE
                              or book.manual(assignment.id, sub["student"])):
        body += _written_answers(book, assignment, sub, total)
    body.append(f"<details><summary>How this was graded</summary><p>Seed {sub['seed']} (the "
                f"hidden checks' inputs were drawn from it) · {sub['seconds']:.1f} s · "
                f"{html.escape(sub['sandbox'] or 'no sandbox')}</p></details>")
    return PAGE.format(title=html.escape(title), body="\n".join(body))


def _written_answers(book: Gradebook, assignment: Assignment, sub: dict,
                     automatic: float) -> list[str]:
    """The written answers as handed in, with the instructor's points and comment once
    recorded, and the total with them."""
    from autograder.manual import answer_of
    scored = book.manual(assignment.id, sub["student"])
    top = sum(float(m.get("points", 0)) for m in assignment.manual.values())
    out = ["<h2>Your written answers (graded by your instructor)</h2>"]
    if len(scored) == len(assignment.manual):
        by_hand = sum(m["points"] for m in scored.values())
        out.append(f"<p class='total'>Written answers: <b>{by_hand:g} / {top:g}</b>; with the "
                   f"automatic checks, <b>{automatic + by_hand:g}</b> points in all.</p>")
    else:
        out.append(f"<p class='note'>Your written answers ({top:g} points) are not graded "
                   f"yet; they will be added to your total.</p>")
    for q, meta in assignment.manual.items():
        answer = "" if sub["status"] == SubmissionStatus.UNGRADABLE else answer_of(sub, q)
        shown = (f"<blockquote>{html.escape(answer)}</blockquote>" if answer
                 else "<p class='other'>No answer was found in your notebook.</p>")
        mark = scored.get(q)
        grade = ""
        if mark:
            grade = f"<p><b>{mark['points']:g} / {mark['max']:g}</b>" + (
                f"<blockquote>{html.escape(mark['comment'])}</blockquote>"
                if mark["comment"] else "") + "</p>"
        out.append(f"<p><b>{q.upper()}</b> ({meta.get('points', 0)} points): "
                   f"{md_code(meta.get('prompt', ''))}</p>{shown}{grade}")
    return out


def write_feedback(book: Gradebook, assignment: Assignment, out: Path) -> Path:
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    for sub in book.submissions(assignment.id):
        (folder / f"{sub['student']}.html").write_text(student_page(book, assignment, sub))
    return folder


def write_summary(book: Gradebook, assignment: Assignment, out: Path) -> tuple[Path, Path]:
    """The class summary: `summary.md`, `summary.html` and `summary.png` (see `insight`)."""
    from autograder.insight import write_summary as write
    return write(book, assignment, out)
