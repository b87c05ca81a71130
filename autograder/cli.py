"""Command line: `python -m autograder {build,grade,review,manual,lms,export,gradescope-run,
audit,course} ...`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from autograder import assignments
from autograder.late import DeadlineError
from autograder.roster import RosterError


def cmd_build(args: argparse.Namespace) -> int:
    from autograder import build
    ids = args.assignments or assignments.all_ids()
    stale_any = False
    for name in ids:
        a = assignments.load(name)
        if args.check:
            stale = build.stale_files(a)
            stale_any |= bool(stale)
            print(f"{a.id}: " + ("stale: " + ", ".join(map(str, stale)) if stale else "up to date"))
        else:
            for path in build.build(a):
                print(f"wrote {path}")
    return 1 if stale_any else 0


def cmd_grade(args: argparse.Namespace) -> int:
    from autograder.grade import grade_class, resolve_only
    from autograder.sandbox import SandboxUnavailable, bwrap_path
    from autograder.submissions import NoSubmissions
    a = assignments.load(args.assignment)
    folder = Path(args.submissions)
    if not folder.exists():
        print(f"error: {folder} does not exist: give a folder of submissions or one "
              ".ipynb file", file=sys.stderr)
        return 2
    if args.student and folder.is_dir():
        print("error: --student names the student of one file; give a .ipynb file, not a "
              "folder", file=sys.stderr)
        return 2
    try:
        only = resolve_only(a, ",".join(args.only).split(",")) if args.only else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out or f"out/{a.id}")
    try:
        students, deadline = _roster_and_deadline(args, a.id)
    except (RosterError, DeadlineError) as exc:
        print(f"error: {exc}; nothing was graded.", file=sys.stderr)
        return 2
    if bwrap_path() is None:
        print("WARNING: bubblewrap (bwrap) is not installed: submissions run WITHOUT a sandbox "
              "and can read this machine's files. Install it: apt-get install bubblewrap",
              file=sys.stderr)
    limits = dataclasses.replace(a.limits, total_timeout=args.timeout or a.limits.total_timeout,
                                 cell_timeout=args.cell_timeout or a.limits.cell_timeout)
    workers = args.workers
    if args.require_gpu:
        from autograder.runner import sandbox_gpus
        limits = dataclasses.replace(limits, gpu=True)
        gpus, how = sandbox_gpus(a, limits, require_sandbox=args.require_sandbox)
        if not gpus:
            print(f"error: --require-gpu, but a sandbox of this machine sees no GPU ({how}); "
                  "nothing was graded.", file=sys.stderr)
            return 2
        print(f"{gpus} GPU{'s' if gpus != 1 else ''} seen in the sandbox; grading one "
              "submission at a time unless --workers says otherwise (GPU timings must not "
              "compete).", file=sys.stderr)
        workers = workers or 1
    try:
        rep = grade_class(a, folder, out, workers=workers, seed=args.seed,
                          regrade=args.regrade, require_sandbox=args.require_sandbox,
                          scheduler=args.scheduler, limits=limits, only=only,
                          student=args.student, roster=students, deadline=deadline)
    except SandboxUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except NoSubmissions as exc:
        print(f"error: {exc}; nothing was graded.", file=sys.stderr)
        return 1
    print(Path(rep.summary).read_text())
    print(f"graded {rep.graded} submission(s), {rep.skipped} unchanged and skipped, "
          f"in {rep.seconds:.1f} s")
    print(f"gradebook: {rep.gradebook}\nCSV:       {rep.csv}\nfeedback:  {rep.feedback}/"
          f"<student>.html\nsummary:   {rep.summary}, {rep.summary.with_suffix('.html')} and "
          f"{rep.plot}\noutput:    {rep.gradebook.parent / 'output'}/<student>.txt (printed "
          "output, for you only)")
    if students is not None:
        _write_lms(a, out, args.canvas_column)
    return 0


def _existing_book(a, out: Path):
    """The gradebook under `out`, or None (with the error printed) when there is none."""
    from autograder.gradebook import Gradebook
    path = out / "gradebook.sqlite"
    if not path.is_file():
        print(f"error: no gradebook at {path}: grade the class first (python -m autograder "
              f"grade {a.id[:2]} SUBMISSIONS --out {out})", file=sys.stderr)
        return None
    return Gradebook(path)


def cmd_review(args: argparse.Namespace) -> int:
    from autograder.manual import write_review
    a = assignments.load(args.assignment)
    out = Path(args.out or f"out/{a.id}")
    book = _existing_book(a, out)
    if book is None:
        return 2
    if not a.manual:
        print(f"{a.id} has no written questions: nothing to review.")
        return 0
    page, template, kept = write_review(book, a, out)
    print(f"answers:  {page}\nscores:   {template}")
    if kept:
        print(f"(kept your {out / 'manual-scores.csv'}; the fresh template, with the scores "
              "recorded so far, is the .new.csv)")
    print(f"fill in `points` (and `comment`), then: python -m autograder manual {a.id[:2]} "
          f"{template} --out {out}")
    return 0


def cmd_manual(args: argparse.Namespace) -> int:
    from autograder import feedback
    from autograder.gradebook import MANUAL_DONE
    from autograder.manual import ScoresError, read_scores, record_scores
    a = assignments.load(args.assignment)
    out = Path(args.out or f"out/{a.id}")
    book = _existing_book(a, out)
    if book is None:
        return 2
    if not a.manual:
        print(f"error: {a.id} has no written questions to score", file=sys.stderr)
        return 2
    try:
        scores, blank = read_scores(Path(args.scores), book, a)
    except ScoresError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    record_scores(book, a, scores)
    csv_path = book.write_csv(a, out / "grades.csv")
    feedback.write_feedback(book, a, out)
    feedback.write_summary(book, a, out)
    rows = book.table(a)
    done = sum(1 for r in rows if r.get(MANUAL_DONE) == "yes")
    print(f"recorded {len(scores)} score{'s' if len(scores) != 1 else ''}"
          + (f" ({blank} row{'s' if blank != 1 else ''} without points left as they were)"
             if blank else "") + f"; written answers complete for {done} of {len(rows)} "
          f"students.\nupdated {csv_path}, {out / 'feedback'}/, {out / 'summary.md'}")
    return 0


def _roster_and_deadline(args: argparse.Namespace, assignment_id: str):
    """The roster (`--roster`) and the deadline (`--due` etc. over assignment.toml's)."""
    from autograder import late, roster
    students = roster.load_roster(Path(args.roster)) if args.roster else None
    deadline = late.make_deadline(late.toml_deadline(assignment_id), args.due,
                                  args.penalty_per_day, args.max_late_days,
                                  where=f"{assignment_id}/assignment.toml [deadline]")
    return students, deadline


def _write_lms(a, out: Path, canvas_column: str | None) -> None:
    from autograder.export import lms
    from autograder.gradebook import Gradebook
    book = Gradebook(out / "gradebook.sqlite")
    canvas = lms.write_canvas(book, a, out / "canvas.csv", canvas_column)
    gs = lms.write_gradescope(book, a, out / "gradescope.csv")
    print(f"LMS:       {canvas} (Canvas grade import), {gs} (Gradescope layout)")


def cmd_lms(args: argparse.Namespace) -> int:
    a = assignments.load(args.assignment)
    out = Path(args.out or f"out/{a.id}")
    if not (out / "gradebook.sqlite").is_file():
        print(f"error: {out} holds no gradebook.sqlite; grade the class first "
              f"(autograder grade {a.id} FOLDER --roster ROSTER --out {out})", file=sys.stderr)
        return 2
    _write_lms(a, out, args.canvas_column)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    a = assignments.load(args.assignment)
    if args.platform == "gradescope":
        from autograder.export import gradescope
        print(f"wrote {gradescope.build_zip(a, Path(args.out))}")
    else:
        from autograder.export import nbgrader
        course = Path(args.out) / "nbgrader"
        print(f"wrote {nbgrader.write_course(a, course)}\nthen, in {course}: "
              f"nbgrader generate_assignment {a.id} (with {Path(sys.executable).parent} on PATH)")
    return 0


def cmd_gradescope_run(args: argparse.Namespace) -> int:
    import secrets

    from autograder.export import gradescope
    from autograder.runner import grade_submission
    a = assignments.load(args.assignment)
    notebook = gradescope.pick_submission(Path(args.submission), a)
    if notebook is None:
        results = {"score": 0, "output": "No .ipynb file was submitted; submit your notebook.",
                   "tests": []}
    else:
        sub = grade_submission(notebook, "submission", a, secrets.randbits(62))
        results = gradescope.results_json(sub, a)
    gradescope.write_results(results, Path(args.results))
    print(f"{results['score']:g} points; results in {args.results}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from autograder.audit import report, run_audit
    a = assignments.load(args.assignment)
    audit = run_audit(a, workers=args.workers, seed=args.seed)
    print(report(a, audit))
    return 0 if audit.clean else 1


def cmd_course(args: argparse.Namespace) -> int:
    from autograder.course import run_lectures
    return 0 if run_lectures(inplace=not args.check, names=args.notebooks) else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="autograder", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="generate assignments/ from solutions/ (student release)",
                       description="Generate the student release of each assignment from its "
                                   "reference solution and public checks.")
    b.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    b.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the committed release is stale")
    b.set_defaults(func=cmd_build)

    g = sub.add_parser("grade", help="grade a folder of submitted notebooks (or one file)",
                       description="Grade every file in SUBMISSIONS in its own sandbox; write a "
                                   "SQLite gradebook, a CSV, HTML feedback and a class summary. "
                                   "Given one .ipynb file, grade it again into the gradebook "
                                   "(only that student's rows change).")
    g.add_argument("assignment", help="assignment id or prefix, e.g. 01")
    g.add_argument("submissions", help="folder of <student>.ipynb or <student>/<file>.ipynb, "
                                       "or one .ipynb file to regrade")
    g.add_argument("--student", help="with one file: the student it belongs to (default: the "
                                     "file name without .ipynb)")
    g.add_argument("--only", action="append", metavar="Q_OR_CHECK",
                   help="regrade only these questions or check ids (comma-separated or "
                        "repeated, e.g. --only q3,q5): their rows are replaced, every other "
                        "row is kept")
    g.add_argument("--out", help="output folder (default: out/<assignment>)")
    g.add_argument("--workers", type=int, help="parallel sandboxes (default: cores, bounded "
                                                "by memory at 4 GiB each)")
    g.add_argument("--seed", type=int, help="grading seed (default: drawn now and recorded); "
                                             "pass a recorded seed to reproduce a grading")
    g.add_argument("--regrade", action="store_true",
                   help="grade again even submissions already graded with the same content")
    g.add_argument("--timeout", type=float, help="seconds per submission (default: the "
                                                  "assignment's total_timeout)")
    g.add_argument("--cell-timeout", type=int, help="seconds per cell (default: the "
                                                     "assignment's cell_timeout)")
    g.add_argument("--require-sandbox", action="store_true",
                   help="refuse to grade without bubblewrap")
    g.add_argument("--require-gpu", action="store_true",
                   help="refuse to grade unless a sandbox sees a GPU (checks that need one are "
                        "otherwise \"needs GPU\" and left out of totals)")
    g.add_argument("--scheduler", help="Dask scheduler address to grade on a cluster")
    g.add_argument("--roster", help="CSV of students (id, name, email; optional sis_id, login, "
                                    "section, aliases): one row per student, Canvas and "
                                    "Gradescope import files written too")
    g.add_argument("--due", help="deadline, e.g. 2026-12-01T23:59:00+01:00 (default: "
                                 "assignment.toml's [deadline] due)")
    g.add_argument("--penalty-per-day", type=float, help="fraction of the points taken per "
                                                         "started day late, e.g. 0.1")
    g.add_argument("--max-late-days", type=int, help="days late after which work gets no points")
    g.add_argument("--canvas-column", help="the assignment's column header in Canvas, copied "
                                           "from a gradebook export, e.g. 'Layers (123456)'")
    g.set_defaults(func=cmd_grade)

    rv = sub.add_parser("review", help="written answers to grade by hand: a page and a CSV",
                        description="Write OUT/review.html (every student's written answers, "
                                    "question by question) and OUT/manual-scores.csv (student, "
                                    "question, points, max, comment) to fill in.")
    rv.add_argument("assignment", help="assignment id or prefix")
    rv.add_argument("--out", help="the graded class's output folder (default: out/<assignment>)")
    rv.set_defaults(func=cmd_review)

    m = sub.add_parser("manual", help="record written-answer scores from a CSV",
                       description="Record the scores of SCORES (the template `review` writes, "
                                   "filled in) into the gradebook, then rewrite grades.csv, the "
                                   "feedback and the summary. Every row is checked first: one "
                                   "bad row and nothing is recorded.")
    m.add_argument("assignment", help="assignment id or prefix")
    m.add_argument("scores", help="CSV with columns student, question, points (max, comment "
                                  "optional); rows without points are skipped")
    m.add_argument("--out", help="the graded class's output folder (default: out/<assignment>)")
    m.set_defaults(func=cmd_manual)
    lm = sub.add_parser("lms", help="write the Canvas and Gradescope grade-import CSVs again",
                        description="Write canvas.csv and gradescope.csv from a gradebook graded "
                                    "with --roster (e.g. after recording manual scores).")
    lm.add_argument("assignment", help="assignment id or prefix")
    lm.add_argument("--out", help="the grading's output folder (default: out/<assignment>)")
    lm.add_argument("--canvas-column", help="the assignment's column header in Canvas")
    lm.set_defaults(func=cmd_lms)

    e = sub.add_parser("export", help="build a platform package (Gradescope zip, nbgrader course)",
                       description="Build a Gradescope autograder zip whose run_autograder "
                                   "grades with this project's sandboxed grader, or an nbgrader "
                                   "course (in-kernel grading, one grade cell per check).")
    e.add_argument("platform", choices=["gradescope", "nbgrader"])
    e.add_argument("assignment", help="assignment id or prefix")
    e.add_argument("--out", default="dist", help="output folder (default: dist)")
    e.set_defaults(func=cmd_export)

    r = sub.add_parser("gradescope-run", help="grade one Gradescope submission (used by the zip)",
                       description="Grade the notebook in SUBMISSION (a folder) and write "
                                   "Gradescope's results.json.")
    r.add_argument("assignment")
    r.add_argument("submission", help="folder holding the submitted files")
    r.add_argument("results", help="where to write results.json")
    r.set_defaults(func=cmd_gradescope_run)

    au = sub.add_parser("audit", help="show what each check catches on the shipped corpora",
                        description="Grade the wrong and alternative corpora of an assignment "
                                    "(tests/corpus/<id>/) and print, per check, the wrong entries "
                                    "it catches and the alternatives it passes; exit 1 if a "
                                    "hidden check catches nothing or an alternative loses points.")
    au.add_argument("assignment", help="assignment id or prefix")
    au.add_argument("--workers", type=int, help="parallel sandboxes (default: cores)")
    au.add_argument("--seed", type=int, default=1, help="grading seed (default: 1)")
    au.set_defaults(func=cmd_audit)

    c = sub.add_parser("course", help="execute the lecture notebooks (commit them with outputs)",
                       description="Execute every lecture notebook in course/ top to bottom.")
    c.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    c.add_argument("--check", action="store_true", help="execute without writing outputs back")
    c.set_defaults(func=cmd_course)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
