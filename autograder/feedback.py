"""Reports: one HTML feedback page per student and a class summary (Markdown table + PNG)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from autograder.assignments import Assignment
from autograder.kit.results import Status, not_counted_note, possible
from autograder.gradebook import GPU_COLUMN, Gradebook

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:56rem;margin:2rem auto;line-height:1.45}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.35rem .5rem;
text-align:left;vertical-align:top}}.passed{{color:#1a7f37}}.failed{{color:#b42318}}
.other{{color:#9a6700}}code{{background:#f3f3f3;padding:0 .2rem}}</style></head><body>
{body}</body></html>
"""


def _md_code(text: str) -> str:
    """Escapes `text` and renders `name` spans as <code>."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def student_page(book: Gradebook, assignment: Assignment, sub: dict) -> str:
    results = book.results(assignment.id, sub["student"])
    total = sum(r.points for r in results)
    unrun = sum(r.max_points for r in results if r.status == Status.NEEDS_GPU)
    rows = []
    for r in results:
        css = ("passed" if r.status == Status.PASSED
               else "failed" if r.status in (Status.FAILED, Status.RAISED, Status.MISSING)
               else "other")
        kind = "hidden" if r.hidden else "public"
        points = (f"not counted ({r.max_points:g})" if r.status == Status.NEEDS_GPU
                  else f"{r.points:g} / {r.max_points:g}")
        check = assignment.registry.checks.get(r.check_id)
        what = _md_code(check.summary) if check else html.escape(r.check_id)
        rows.append(f"<tr><td>{r.question}</td><td>{what}<br><small>{html.escape(r.check_id)} "
                    f"({kind})</small></td>"
                    f"<td class='{css}'>{html.escape(r.status)}</td><td>{points}</td>"
                    f"<td>{_md_code(r.message)}</td></tr>")
    manual = "".join(f"<li>{q.upper()}: {_md_code(m.get('prompt', ''))} "
                     f"({m.get('points', 0)} points, graded by hand)</li>"
                     for q, m in assignment.manual.items())
    errors = "".join(f"<li>{html.escape(e)}</li>" for e in json.loads(
        sub["cell_errors"] or "[]"))
    reason = f": {html.escape(sub['reason'])}" if sub["reason"] else ""
    body = [f"<h1>{html.escape(assignment.title)}: feedback for {html.escape(sub['student'])}</h1>",
            f"<p><b>{total:g} / {possible(results) if results else assignment.max_points():g}"
            f"</b> points from automatic checks ({html.escape(sub['status'])}{reason}).</p>",
            *([f"<p class='other'>{html.escape(not_counted_note(unrun))}</p>"] if unrun else []),
            "<table><tr><th>question</th><th>check</th><th>result</th><th>points</th>"
            "<th>what to look at</th></tr>", *rows, "</table>"]
    if errors:
        body.append(f"<h2>Cells that raised while your notebook ran</h2><ul>{errors}</ul>")
    if manual:
        body.append(f"<h2>Graded by hand</h2><ul>{manual}</ul>")
    body.append(f"<p><small>Seed {sub['seed']} · {html.escape(sub['sandbox'] or 'no sandbox')} · "
                f"{sub['seconds']:.1f} s</small></p>")
    return PAGE.format(title=html.escape(f"{assignment.id} {sub['student']}"), body="\n".join(body))


def write_feedback(book: Gradebook, assignment: Assignment, out: Path) -> Path:
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    for sub in book.submissions(assignment.id):
        (folder / f"{sub['student']}.html").write_text(student_page(book, assignment, sub))
    return folder


def write_summary(book: Gradebook, assignment: Assignment, out: Path) -> tuple[Path, Path]:
    """A Markdown summary (per-question means, statuses) and a histogram of totals."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    rows = book.table(assignment)
    questions = assignment.questions()
    n = len(rows)
    lines = [f"# {assignment.id}: class summary", "", f"{n} submissions.", "",
             "| question | points | mean | full marks |", "|---|---|---|---|"]
    for q, pts in questions.items():
        scores = [r[q] for r in rows if not isinstance(r[q], str)]   # "needs GPU" is no score
        if not scores and n:
            lines.append(f"| {q} | {pts:g} | needs GPU (not counted) | - |")
            continue
        mean = sum(scores) / len(scores) if scores else 0
        full = sum(1 for s in scores if s >= pts)
        lines.append(f"| {q} | {pts:g} | {mean:.2f} | {full}/{len(scores)} |")
    totals = [r["total"] for r in rows]
    top = max([r["max"] for r in rows], default=assignment.max_points())
    lines += ["", f"Mean total {sum(totals) / n if n else 0:.2f} of {top:g}.", ""]
    unrun = max([r.get(GPU_COLUMN, 0) for r in rows], default=0)
    if unrun:
        lines += [not_counted_note(unrun), ""]
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    lines += ["| status | submissions |", "|---|---|"]
    lines += [f"| {s} | {c} |" for s, c in sorted(statuses.items())]
    flagged = [r for r in rows if r["integrity"]]
    lines += ["", f"## Integrity report: {len(flagged)} of {n} submissions to look at", "",
              "Made by the grader from the submitted code and from outside the sandbox; a flag "
              "is a reason for a person to look, never a penalty."]
    if flagged:
        lines += ["", "| student | what was seen |", "|---|---|"]
        lines += [f"| {r['student']} | {r['integrity']} |" for r in flagged]
    if assignment.manual:
        lines += ["", "Manually graded (not in the totals): " +
                  ", ".join(f"{q} ({m.get('points', 0)} points)" for q, m in assignment.manual.items())]
    md = out / "summary.md"
    md.write_text("\n".join(lines) + "\n")
    fig, ax = plt.subplots(figsize=(6, 3), dpi=90)
    ax.hist(totals, bins=min(20, int(top) + 1), range=(0, top + 1e-9), color="#3b6ea5")
    ax.set_xlabel("total points (automatic)")
    ax.set_ylabel("students")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"{assignment.id}: {n} submissions")
    fig.tight_layout()
    png = out / "summary.png"
    fig.savefig(png)
    plt.close(fig)
    return md, png
