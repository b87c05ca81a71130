"""Reports: one HTML feedback page per student; the class summary is made by `insight`."""

from __future__ import annotations

import html
import json
from pathlib import Path

from autograder.assignments import Assignment
from autograder.kit.results import Status, SubmissionStatus, not_counted_note, possible
from autograder.gradebook import Gradebook
from autograder.roster import late_html

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;
line-height:1.45;color:#1f2328}}h1{{font-size:1.5rem}}h2{{font-size:1.15rem;margin-top:1.6rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #d0d7de;padding:.4rem .5rem;
text-align:left;vertical-align:top;overflow-wrap:anywhere}}th{{background:#f6f8fa}}
.n{{white-space:nowrap;overflow-wrap:normal}}
.passed{{color:#1a7f37}}.failed{{color:#b42318}}.other{{color:#9a6700}}
code{{background:#f3f3f3;padding:0 .2rem;border-radius:3px}}.total{{font-size:1.2rem}}
.note{{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;border-radius:6px}}
blockquote{{margin:.4rem 0;padding:.5rem .75rem;border-left:4px solid #d0d7de;
white-space:pre-wrap;background:#f6f8fa}}details{{margin-top:1.5rem;color:#57606a}}
@media (max-width:40rem){{table,tbody,tr,td{{display:block;width:auto}}tr:first-child{{display:none}}
tr{{border:1px solid #d0d7de;margin-bottom:.6rem;border-radius:6px}}td{{border:none;padding:.2rem .6rem}}
td[data-label]::before{{content:attr(data-label) ": ";font-weight:600}}}}</style></head><body>
{body}</body></html>
"""


def _md_code(text: str) -> str:
    """Escapes `text` and renders `name` spans as <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


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
                    f"{_md_code(sub['reason'])}.</p><p>None of your code was run, so no check "
                    f"could give points: 0 / {possible_points:g}.</p>")
    else:
        reason = f": {_md_code(sub['reason'])}" if sub["reason"] else ""
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
            what = _md_code(check.summary) if check else html.escape(r.check_id)
            kind = "hidden check" if r.hidden else "public check"
            rows.append(
                f"<tr><td data-label='question' class='n'>{r.question.upper()}</td>"
                f"<td data-label='checked' title='{html.escape(r.check_id)}'>{what} "
                f"<small>({kind})</small></td>"
                f"<td data-label='result' class='{_css(r.status)}'>{html.escape(r.status)}</td>"
                f"<td data-label='points' class='n'>{_points(r)}</td>"
                f"<td data-label='look at'>{_md_code(r.message) or '-'}</td></tr>")
        body += ["<table>", *rows, "</table>"]
        errors = json.loads(sub["cell_errors"] or "[]")
        if errors:
            body.append("<h2>Cells that raised while your notebook ran</h2><ul>" +
                        "".join(f"<li>{_md_code(e)}</li>" for e in errors) + "</ul>")
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
                   f"{_md_code(meta.get('prompt', ''))}</p>{shown}{grade}")
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
