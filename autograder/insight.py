"""The class summary: per-question means, per-check failure rates with the commonest failure
messages, statuses, the integrity report and written-answer progress, as Markdown
(`summary.md`), an HTML page for the instructor (`summary.html`) and a histogram
(`summary.png`)."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from autograder.assignments import Assignment
from autograder.pages import PAGE, md_code
from autograder.gradebook import GPU_COLUMN, MANUAL_DONE, Gradebook, manual_points
from autograder.kit.results import CheckResult, Status, SubmissionStatus, clean, not_counted_note

TOP_MESSAGES = 3       # failure messages shown per check
MESSAGE_CHARS = 140


@dataclass
class CheckStat:
    """How one check went over the graded submissions."""

    check_id: str
    question: str
    points: float
    hidden: bool
    graded: int = 0
    failed: int = 0
    messages: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.failed / self.graded if self.graded else 0.0


def plural(n: int, word: str) -> str:
    """`1 submission`, `2 submissions`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def check_stats(assignment: Assignment, results: dict[str, list[CheckResult]],
                statuses: dict[str, str]) -> list[CheckStat]:
    """Per check, in the registry's order: of the submissions graded to the end (status
    "graded"), how many lost points on it and with which messages. Checks that did not run
    for want of a GPU are left out of their counts."""
    stats = {c.id: CheckStat(c.id, c.question, c.points, c.hidden)
             for c in assignment.registry.checks.values()}
    for student, rows in results.items():
        if statuses.get(student) != SubmissionStatus.GRADED:
            continue
        for r in rows:
            stat = stats.get(r.check_id)
            if stat is None or r.status == Status.NEEDS_GPU:
                continue
            stat.graded += 1
            if r.points < r.max_points:
                stat.failed += 1
                stat.messages[clean(r.message, MESSAGE_CHARS) or r.status] += 1
    return list(stats.values())


def _question_lines(assignment: Assignment, rows: list[dict],
                    results: dict[str, list[CheckResult]]) -> list[tuple[str, str, str, str]]:
    """(question, points, mean, full marks) per auto-graded question."""
    out = []
    counted = {s: {} for s in results}          # what each question could give here
    for student, rs in results.items():
        for res in rs:
            if res.status != Status.NEEDS_GPU:
                counted[student][res.question] = counted[student].get(res.question, 0) + \
                    res.max_points
    for q, pts in assignment.questions().items():
        scored = [(r[q], counted.get(r["student"], {}).get(q, pts)) for r in rows
                  if not isinstance(r[q], str)]                   # "needs GPU" is no score
        if not scored and rows:
            out.append((q, f"{pts:g}", "needs GPU (not counted)", "-"))
            continue
        mean = sum(s for s, _ in scored) / len(scored) if scored else 0
        full = sum(1 for s, top in scored if s >= top)
        less = max((pts - top for _, top in scored), default=0)
        shown = f"{pts:g} ({less:g} need a GPU)" if less else f"{pts:g}"
        out.append((q, shown, f"{mean:.2f}", f"{full}/{len(scored)}"))
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _failure_cells(stat: CheckStat) -> tuple[str, list[tuple[str, int]]]:
    rate = f"{stat.failed} of {stat.graded}" + (f" ({stat.rate:.0%})" if stat.graded else "")
    return rate, stat.messages.most_common(TOP_MESSAGES)


def summary_markdown(assignment: Assignment, rows: list[dict], stats: list[CheckStat],
                     results: dict[str, list[CheckResult]]) -> str:
    n = len(rows)
    lines = [f"# {assignment.id}: class summary", "", f"{plural(n, 'submission')}.", "",
             "| question | points | mean | full marks |", "|---|---|---|---|"]
    lines += [f"| {q} | {p} | {m} | {f} |" for q, p, m, f in
              _question_lines(assignment, rows, results)]
    totals = [r["total"] for r in rows]
    top = max([r["max"] for r in rows], default=assignment.max_points())
    lines += ["", f"Mean total {sum(totals) / n if n else 0:.2f} of {top:g}.", ""]
    unrun = max([r.get(GPU_COLUMN, 0) for r in rows], default=0)
    if unrun:
        lines += [not_counted_note(unrun), ""]
    statuses = Counter(r["status"] for r in rows)
    lines += ["| status | submissions |", "|---|---|"]
    lines += [f"| {s} | {c} |" for s, c in sorted(statuses.items())]
    graded = statuses.get(SubmissionStatus.GRADED.value, 0)
    lines += ["", "## Checks: how often each lost points", "",
              f"Over the {plural(graded, 'submission')} graded to the end; the commonest "
              "failure messages (as students read them) with how many had each.", "",
              "| check | question | points | lost points | commonest failure messages |",
              "|---|---|---|---|---|"]
    for stat in stats:
        rate, common = _failure_cells(stat)
        said = "; ".join(f"{_md(m)} (×{c})" for m, c in common) or "-"
        kind = " (hidden)" if stat.hidden else ""
        lines.append(f"| `{stat.check_id}`{kind} | {stat.question} | {stat.points:g} | {rate} | "
                     f"{said} |")
    flagged = [r for r in rows if r["integrity"]]
    lines += ["", f"## Integrity report: {len(flagged)} of {plural(n, 'submission')} to look at",
              "", "Made by the grader from the submitted code and from outside the sandbox; a "
              "flag is a reason for a person to look, never a penalty."]
    if flagged:
        lines += ["", "| student | what was seen |", "|---|---|"]
        lines += [f"| {_md(r['student'])} | {_md(r['integrity'])} |" for r in flagged]
    if assignment.manual:
        done = sum(1 for r in rows if r.get(MANUAL_DONE) == "yes")
        lines += ["", f"## Written answers: {done} of {plural(n, 'submission')} scored", "",
                  "Manually graded: " + ", ".join(f"{q} ({m.get('points', 0)} points)"
                                                  for q, m in assignment.manual.items()) +
                  ". `python -m autograder review` writes the answers and a scores template; "
                  "`python -m autograder manual` records the scores (they are then in totals)."]
    return "\n".join(lines) + "\n"


def summary_html(assignment: Assignment, rows: list[dict], stats: list[CheckStat],
                 results: dict[str, list[CheckResult]], out: Path) -> str:
    """The class page for the instructor: the histogram, tables, and one line per student
    with links to the feedback page and what the submission printed."""
    n = len(rows)
    esc = html.escape
    title = f"{assignment.title}: class summary"
    totals = [r["total"] for r in rows]
    top = max([r["max"] for r in rows], default=assignment.max_points())
    statuses = Counter(r["status"] for r in rows)
    body = [f"<h1>{esc(title)}</h1>",
            f"<p class='total'>{plural(n, 'submission')}; mean total "
            f"<b>{sum(totals) / n if n else 0:.2f}</b> of {top:g}. " +
            ", ".join(f"{c} {esc(s)}" for s, c in sorted(statuses.items())) + ".</p>",
            "<a href='summary.png'><img src='summary.png' alt='histogram of total points' "
            "style='max-width:100%'></a>"]
    unrun = max([r.get(GPU_COLUMN, 0) for r in rows], default=0)
    if unrun:
        body.append(f"<p class='note'>{esc(not_counted_note(unrun))}</p>")
    body += ["<h2>Questions</h2><table><tr><th>question</th><th>points</th><th>mean</th>"
             "<th>full marks</th></tr>"]
    body += [f"<tr><td data-label='question'>{q}</td><td data-label='points'>{p}</td>"
             f"<td data-label='mean'>{m}</td><td data-label='full marks'>{f}</td></tr>"
             for q, p, m, f in _question_lines(assignment, rows, results)]
    graded = statuses.get(SubmissionStatus.GRADED.value, 0)
    body += ["</table>", "<h2>Checks: how often each lost points</h2>",
             f"<p>Over the {plural(graded, 'submission')} graded to the end, hardest first; "
             "the commonest failure messages, as students read them.</p>",
             "<table><tr><th>check</th><th class='n'>lost points</th>"
             "<th>commonest failure messages</th></tr>"]
    for stat in sorted(stats, key=lambda s: -s.rate):
        rate, common = _failure_cells(stat)
        said = "".join(f"<li>{md_code(m)} <b>×{c}</b></li>" for m, c in common)
        bar = f"<span class='bar' style='width:{stat.rate * 100:.0f}%'></span>"
        name = esc(stat.check_id).replace("_", "_<wbr>")      # breaks at underscores
        body.append(f"<tr><td data-label='check'><code>{name}</code><br><small>"
                    f"{stat.question} · {stat.points:g} pt · "
                    f"{'hidden' if stat.hidden else 'public'}</small></td>"
                    f"<td data-label='lost points' class='n'>{rate}<br>{bar}</td>"
                    f"<td data-label='messages'>{f'<ul>{said}</ul>' if said else '-'}</td></tr>")
    body += ["</table>", "<h2>Students</h2>",
             "<table><tr><th>student</th><th class='n'>total</th><th>status</th>"
             "<th>to look at</th><th>links</th></tr>"]
    for r in rows:
        student = r["student"]
        links = [f"<a href='feedback/{esc(student)}.html'>feedback</a>"]
        if (out / "output" / f"{student}.txt").exists():
            links.append(f"<a href='output/{esc(student)}.txt'>output</a>")
        look = "; ".join(x for x in (r["reason"], r["integrity"]) if x)
        manual = "" if r.get(MANUAL_DONE, "yes") == "yes" else \
            " <small class='other'>(written not scored)</small>"
        body.append(f"<tr><td data-label='student'>{esc(student)}</td>"
                    f"<td data-label='total' class='n'>{r['total']:g} / {r['max']:g}{manual}</td>"
                    f"<td data-label='status' class='{'passed' if r['status'] == 'graded' else 'failed'}'>"
                    f"{esc(r['status'])}</td><td data-label='look at'>{md_code(look) or '-'}</td>"
                    f"<td data-label='links'>{' · '.join(links)}</td></tr>")
    body.append("</table>")
    style = ("<style>td code{overflow-wrap:normal}.bar{display:inline-block;height:.45rem;background:#b42318;"
             "border-radius:2px;min-width:1px}ul{margin:0;padding-left:1.1rem}</style>")
    return PAGE.format(title=esc(title), body=style + "\n".join(body))


def bin_width(totals: list[float], top: float) -> float | None:
    """One bar per possible total: 1 when every total (and the maximum) is whole, 0.5 when
    they are halves; None (twenty even bins) otherwise or when that makes over 120 bars."""
    for step in (1.0, 0.5):
        if all(float(t / step).is_integer() for t in [*totals, top]) and top / step <= 120:
            return step
    return None


def histogram(assignment: Assignment, rows: list[dict], path: Path) -> Path:
    """Totals of the submissions graded to the end, one bar per point when points are whole,
    and the submissions that were not graded to the end as bars of their own."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    graded = [r["total"] for r in rows if r["status"] == SubmissionStatus.GRADED]
    scored_by_hand = any(r.get(f"{q} (manual)", "") != "" for r in rows for q in assignment.manual)
    top = max([r["max"] for r in rows], default=assignment.max_points())
    if not scored_by_hand:
        top -= manual_points(assignment)          # no written answer counted yet
    others = Counter(r["status"] for r in rows if r["status"] != SubmissionStatus.GRADED)
    kinds = [SubmissionStatus.UNGRADABLE.value, SubmissionStatus.TIMED_OUT.value,
             *sorted(s for s in others if s not in (SubmissionStatus.UNGRADABLE,
                                                     SubmissionStatus.TIMED_OUT))]
    fig, (ax, side) = plt.subplots(1, 2, figsize=(8, 3.2), dpi=100, sharey=True,
                                   gridspec_kw={"width_ratios": [5, max(1.6, 0.8 * len(kinds))]})
    step = bin_width(graded, top)
    if step:
        xs = np.arange(int(round(top / step)) + 1) * step
        counts = [sum(1 for t in graded if round(t / step) * step == x) for x in xs]
        bars = ax.bar(xs, counts, width=0.8 * step, color="#3b6ea5")
        ax.set_xlim(-0.8, top + 0.8)
        whole_ticks = np.arange(int(top) + 1)
        if len(whole_ticks) <= 31:                # a labelled tick under every point
            ax.set_xticks(whole_ticks, [str(t) for t in whole_ticks],
                          fontsize=8 if len(whole_ticks) <= 21 else 6.5)
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        edges = np.linspace(0, top, 21)
        counts, _ = np.histogram(graded, bins=edges)
        bars = ax.bar((edges[:-1] + edges[1:]) / 2, counts, width=(edges[1] - edges[0]) * 0.9,
                      color="#3b6ea5")
    ax.set_ylim(0, max([*counts, *others.values(), 1]) * 1.15)
    ax.bar_label(bars, labels=[str(c) if c else "" for c in bars.datavalues], fontsize=8)
    label = "total points"
    if assignment.manual:
        label += " (automatic + written)" if scored_by_hand else " (automatic; written not yet scored)"
    ax.set_xlabel(f"{label}, graded submissions")
    ax.set_ylabel("submissions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    colours = ["#8c959f", "#d4a72c", "#b42318", "#6e7781"]
    side_bars = side.bar(range(len(kinds)), [others.get(k, 0) for k in kinds],
                         color=[colours[i % len(colours)] for i in range(len(kinds))])
    side.bar_label(side_bars, fontsize=8)
    side.set_xticks(range(len(kinds)), [k.replace(" ", "\n", 1) for k in kinds], fontsize=8)
    side.set_title("not graded to the end", fontsize=9)
    fig.suptitle(f"{assignment.id}: {plural(len(rows), 'submission')}", fontsize=11)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def write_summary(book: Gradebook, assignment: Assignment, out: Path) -> tuple[Path, Path]:
    """Writes `summary.md`, `summary.html` and `summary.png` under `out`; returns the first
    and the last."""
    rows = book.table(assignment)
    results = {r["student"]: book.results(assignment.id, r["student"]) for r in rows}
    stats = check_stats(assignment, results, {r["student"]: r["status"] for r in rows})
    md = out / "summary.md"
    md.write_text(summary_markdown(assignment, rows, stats, results))
    png = histogram(assignment, rows, out / "summary.png")
    (out / "summary.html").write_text(summary_html(assignment, rows, stats, results, out))
    return md, png

