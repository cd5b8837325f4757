"""Command line: `python -m medialit {report,build,timings,grade,release,handouts} --help`."""
from __future__ import annotations

import argparse
import os
import sys

from .course.startup import skip_unused_imports


def _build(args) -> int:
    from .course.build import build
    from .course.lessons import ROOT
    from .course.build_steps import BuildError

    if not (ROOT / "solutions").is_dir():  # a student bundle: building would empty the key
        print("build: error: no solutions/ here (this is a student bundle); nothing to build", file=sys.stderr)
        return 2

    try:
        stale = build(check=args.check, run=args.execute,
                      only=set(args.lesson) if args.lesson else None, strict=not args.draft,
                      log=lambda message: print(message, file=sys.stderr))
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 2
    if args.check:
        if stale:
            print("Out of date (run `python -m medialit build`):\n  " + "\n  ".join(stale))
            return 1
        print("exercises/ and the answer keys are up to date.")
        return 0
    print("wrote " + (", ".join(stale) if stale else "nothing: all up to date"))
    return 0


def _timings(args) -> int:
    from .course.timing import estimate_all, table

    rows = estimate_all()
    print(table(rows))
    over = [row for row in rows if row.over]
    return 1 if over else 0


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one clear line on stderr and exit status 2, no usage dump or traceback."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _writable_dir(path: str) -> str | None:
    """An error message when `path` cannot be made or written to, else None."""
    from pathlib import Path

    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".medialit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        return f"cannot write to the output folder {path}: {err.strerror or err}"
    return None


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\rgrading {done}/{total} [{'#' * filled}{'.' * (width - filled)}]")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _grade(args) -> int:
    if not hasattr(os, "fork"):
        print("grade: error: grading needs Linux or macOS (on Windows, use WSL)", file=sys.stderr)
        return 2
    if args.jobs < 1 or args.timeout <= 0 or args.memory < 64:
        print("grade: error: --jobs must be at least 1, --timeout above 0 and --memory at least 64 (MB)",
              file=sys.stderr)
        return 2
    from .course.submissions import find

    found, missing = find(args.submissions)
    if missing or not found:
        what = (f"no such file or folder: {', '.join(missing)}" if missing
                else "no notebooks (*.ipynb) found in " + ", ".join(args.submissions))
        print(f"grade: error: {what}", file=sys.stderr)
        return 2
    if problem := _writable_dir(args.out):
        print(f"grade: error: {problem}", file=sys.stderr)
        return 2
    if args.instructor_key and not os.path.isfile(args.instructor_key):
        print(f"grade: error: no such instructor key: {args.instructor_key}", file=sys.stderr)
        return 2
    from pathlib import Path

    from .answers import answer_key
    from .course import outputs
    from .course.grade import grade
    from .course.lessons import ROOT
    from .course.marks import instructor_key

    key = answer_key()
    if not key["questions"]:
        print("grade: error: the answer key medialit/data/answer_key.json is missing or empty", file=sys.stderr)
        return 2
    notes: list[str] = []
    try:
        rows = grade(args.submissions, args.jobs, args.timeout, args.memory, kernel=args.kernel,
                     progress=_progress if sys.stderr.isatty() else None, key=key, out=args.out,
                     found=found, notes=notes)
    except FileNotFoundError as err:
        print(f"grade: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ngrade: interrupted; nothing written", file=sys.stderr)
        return 130
    plain_path = Path(args.instructor_key) if args.instructor_key else ROOT / "solutions" / "answer_key.json"
    plain = instructor_key(plain_path)
    if not plain and (args.instructor_key or args.with_model_answers):
        print(f"grade: note: no instructor key in {plain_path}: no model answers or rubrics; "
              "written answers count 1 point each", file=sys.stderr)
    result = outputs.write(rows, key["questions"], Path(args.out), plain, anonymous=args.anonymous,
                           with_model_answers=args.with_model_answers, exports=dict.fromkeys(args.export or ()),
                           notes=notes)
    for problem in result["problems"]:
        print(f"grade: warning: {problem}", file=sys.stderr)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    extra = "".join(f", {p.name}" for p in result["paths"] if p.suffix == ".csv" and p.name not in outputs.FILES)
    print(f"{len(rows)} submissions: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
          + f"; wrote grades.csv, answers_long.csv, written_answers.html, summary.html{extra} "
          f"and feedback/ to {args.out}")
    if result["to_mark"] or result["flagged"]:
        print(f"written_marks.csv: {result['to_mark']} answers to mark, {result['flagged']} marks to check "
              "(the answer changed since): type the points, then grade again")
    for note in notes:
        print(note)
    return 0


def _release(args) -> int:
    from .course.release import ReleaseError, release

    try:
        written = release(args.out)
    except ReleaseError as err:
        print(f"release: error: {err}", file=sys.stderr)
        return 2
    print(f"wrote the student bundle to {args.out} ({written} files)")
    return 0


def _handouts(args) -> int:
    from .article import ArticleError
    from .course.handouts import HandoutError, write_handouts

    try:  # the article is read before anything is written: a bad --seed leaves no folder behind
        files = write_handouts(args.out, *([args.seed] if args.seed else []))
    except (ArticleError, HandoutError) as err:
        print(f"handouts: error: {err}", file=sys.stderr)
        return 2
    students = sum(name.startswith("students/") for name in files) // 2
    print(f"wrote {len(files)} files to {args.out}: {students} student handouts and the teacher's answer sheet, "
          f"each for A4 and Letter; open {args.out}/index.html")
    return 0


def _report(args) -> int:
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:  # run from a terminal: draw off-screen. From a
        matplotlib.use("Agg")                   # notebook: leave the notebook's backend alone
    from .article import ArticleError
    from .report import write_report

    out = args.out or f"{args.article.replace(chr(92), '/').rstrip('/').rsplit('/', 1)[-1].removesuffix('.txt')}-report.html"
    try:
        art, counts = write_report(args.article, out)
    except ArticleError as err:
        print(f"report: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"report: error: cannot write the report to {out}: {err.strerror or err}. "
              "Give --out a file in a folder you can write to.", file=sys.stderr)
        return 2
    except Exception as err:  # a finder tripped on an unusual text: one line, no traceback
        print(f"report: error: could not analyse {args.article} ({type(err).__name__}: {err}). "
              "Check that it is a plain-text news article; if it is, please report this.", file=sys.stderr)
        return 1
    from .report import notes

    for note in notes(art):
        print(f"report: note: {note}", file=sys.stderr)
    found = ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items())
    headline = art.headline if len(art.headline or "") <= 80 else art.headline[:77] + "..."
    print(f"wrote {out}: {headline!r} ({found}). Open it in a browser.")
    return 0


def main(argv: list[str] | None = None) -> int:
    skip_unused_imports()  # build, release and grade --kernel read notebooks with nbformat: 1 s less
    parser = _Parser(prog="python -m medialit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("report", help="write a one-page annotated HTML report of an article")
    p.add_argument("article", metavar="ARTICLE", help="a seed name (a .txt in seeds/, without .txt) or a path")
    p.add_argument("--out", metavar="FILE", help="the HTML file to write (default: ARTICLE-report.html)")
    p.set_defaults(func=_report)
    p = sub.add_parser("build", help="write exercises/ and the answer keys from solutions/")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything is out of date")
    p.add_argument("--execute", action="store_true", help="run notebooks/ and solutions/ first (slow)")
    p.add_argument("--lesson", action="append", metavar="NN", help="only this lesson (repeatable), e.g. 02")
    p.add_argument("--draft", action="store_true",
                   help="house rules (code lines <= 88 characters, answer regions <= 2 lines) warn "
                        "instead of failing, while a lesson is rewritten")
    p.set_defaults(func=_build)
    p = sub.add_parser("timings", help="estimate each lesson's minutes and compare with its stated time")
    p.set_defaults(func=_timings)
    p = sub.add_parser("grade", help="grade students' exercise notebooks (see docs/grading.md)")
    p.add_argument("submissions", nargs="+", metavar="SUBMISSIONS",
                   help="notebooks, or folders of them (submissions/<student>/NN_stem.ipynb)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for grades.csv and the reports")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="submissions run in parallel (default: number of cores)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds each submission may run (default 60)")
    p.add_argument("--memory", type=int, default=1024, metavar="MB",
                   help="memory each submission may use beyond the start-up (default 1024)")
    p.add_argument("--kernel", action="store_true",
                   help="run each submission in a real Jupyter kernel (slower; same verdicts)")
    p.add_argument("--export", action="append", choices=["canvas", "moodle", "csv"],
                   help="also write a gradebook file to import: canvas, moodle or csv (repeatable)")
    p.add_argument("--anonymous", action="store_true",
                   help="written_answers.html without names, files or marks (to discuss in class)")
    p.add_argument("--with-model-answers", action="store_true",
                   help="show the model answers and rubrics on the students' feedback pages")
    p.add_argument("--instructor-key", metavar="FILE",
                   help="the plain answer key with model answers and rubrics "
                        "(default: solutions/answer_key.json)")
    p.set_defaults(func=_grade)
    p = sub.add_parser("release", help="write the student bundle: no solutions, no plain answers")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the bundle to (made new)")
    p.set_defaults(func=_release)
    p = sub.add_parser("handouts", help="write the printable classroom pack: article, worksheets, answer sheet")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the pack to")
    p.add_argument("--seed", default=None, metavar="ARTICLE",
                   help="the article: a seed name or a .txt path (default: the TASS article)")
    p.set_defaults(func=_handouts)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
