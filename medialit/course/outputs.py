"""Write the grader's outputs: grades.csv, answers_long.csv, written_answers.html, summary.html,
and with them written_marks.csv (marks.py), feedback/ (feedback.py) and the gradebook exports
(export.py).

Outputs depend only on the rows and the marks: sorted, no timestamps, no absolute paths, so a
re-run over the same folder writes the same bytes.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
from collections import Counter
from pathlib import Path

from . import bars, export, feedback, marks
from .grade import question_order
from .marks import spreadsheet_safe

FILES = ("grades.csv", "answers_long.csv", "written_answers.html", "summary.html")
STYLE = """<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#111}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.prompt{background:#f4f4f4;border-left:4px solid #0072B2;padding:.5rem .8rem;white-space:pre-wrap}
.answer{border:1px solid #ddd;border-radius:4px;padding:.5rem .8rem;margin:.6rem 0;white-space:pre-wrap}
.who{font-weight:bold;color:#0072B2}.blank{color:#555;font-style:italic}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
img{max-width:100%}
</style>"""


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[spreadsheet_safe(v) for v in row] for row in rows])
    return buffer.getvalue()


def question_ids(rows, key: dict) -> list[str]:
    lessons = {r.lesson for r in rows}
    return sorted((q for q, e in key.items() if e.get("lesson") in lessons), key=question_order)


def grades_csv(rows, key: dict, plain: dict | None = None, table: list[dict] | None = None) -> str:
    """A row per submission. `score`/`possible`: the checked answers; `marks`/`marks_possible`:
    the teacher's rubric marks (written_marks.csv); `total`/`total_possible` both together;
    `to_mark`: answers still to mark; `flagged`: marks whose answer changed since."""
    plain, index = plain or {}, marks.lookup(table or [])
    qids = question_ids(rows, key)
    header = ["student", "lesson", "file", "status", "detail", "score", "possible", "marks",
              "marks_possible", "total", "total_possible", "to_mark", "flagged", *qids]
    out = [header]
    for r in rows:
        cells = []
        for q in qids:
            if q in r.verdicts:
                cells.append(r.verdicts[q].status)
            elif q in r.written:
                cells.append("written" if r.written[q] else "blank")
            else:
                cells.append("")
        got = marks.totals(r, key, plain, index)
        out.append([r.student, r.lesson, r.file, r.status, r.detail, r.score, r.possible,
                    marks.number(got["marks"]), marks.number(got["marks_possible"]),
                    marks.number(r.score + got["marks"]), marks.number(r.possible + got["marks_possible"]),
                    got["to_mark"], got["flagged"], *cells])
    return _csv(out)


def answers_long_csv(rows, key: dict, plain: dict | None = None, table: list[dict] | None = None) -> str:
    """A row per submission and question; `mark` is the rubric mark typed in written_marks.csv
    (empty when there is none or it is not valid)."""
    plain, index = plain or {}, marks.lookup(table or [])
    out = [["student", "lesson", "file", "question", "type", "status", "verdict", "points", "feedback", "mark"]]
    for r in rows:
        questions = (sorted((q for q, e in key.items() if e.get("lesson") == r.lesson), key=question_order)
                     if r.status != "wrong lesson" else [])
        markable = marks.markable(key, plain, r.lesson)
        for q in questions:
            entry = key[q]
            mark = ""
            if q in markable:
                typed, _ = marks.parse_points(index.get((r.student, r.lesson, q), {}).get("points", ""),
                                              marks.rubric_of(markable[q])[1])
                mark = "" if typed is None else marks.number(typed)
            if q in r.verdicts:
                v = r.verdicts[q]
                points = int(entry.get("points", 1)) if v.correct else 0
                out.append([r.student, r.lesson, r.file, q, entry["type"], r.status, v.status, points,
                            v.feedback, mark])
            elif q in r.written:
                out.append([r.student, r.lesson, r.file, q, "written", r.status,
                            "written" if r.written[q] else "blank", 0, "", mark])
            else:
                out.append([r.student, r.lesson, r.file, q, entry["type"], r.status, "not graded", 0,
                            f"not graded: {r.status}", mark])
    return _csv(out)


WRITTEN_STYLE = """<style>
.question{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
.question .side{position:sticky;top:.5rem}
h2{margin-top:2rem;border-bottom:1px solid #ccc}.answer{margin:.6rem 0}
.who{font-weight:bold;color:#0072B2}
@media (max-width:50rem){.question{display:block}}
@media print{.question{display:block}.question .side{position:static}}
</style>"""


def written_html(rows, key: dict, plain: dict | None = None, table: list[dict] | None = None,
                 anonymous: bool = False) -> str:
    """Every written answer (and chart with a rubric) of the class, per question, beside the
    model answer and rubric of the instructor key. `anonymous`: no names, files or marks, and
    the answers in an order unrelated to the names, for discussing them in class."""
    plain, index = plain or {}, marks.lookup(table or [])
    lessons = sorted({r.lesson for r in rows})
    qids = [q for le in lessons for q in marks.markable(key, plain, le)]
    intro = ("Answers are numbered in an order unrelated to the students' names."
             if anonymous else "Every written answer of the class, with the marks typed in "
             "<code>written_marks.csv</code>.")
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Written answers</title>", feedback.STYLE, WRITTEN_STYLE, "</head><body>",
           "<h1>Written answers</h1>", f"<p>{intro}</p>"]
    if not qids:
        out.append("<p>No written questions in these lessons.</p>")
    for q in qids:
        entry = marks.entry_of(key, plain, q)
        optional = '<span class="tag">optional</span>' if entry.get("stretch") else ""
        out.append(f'<h2 id="q{html.escape(q)}">Question {html.escape(q)}{optional}</h2>')
        out.append('<div class="question"><div class="main">')
        prompt = entry.get("prompt") or feedback.exercise_prompts(entry.get("lesson", "")).get(q)
        if prompt:
            out.append(f'<div class="prompt">{feedback.markdown_html(feedback.without_number(prompt))}</div>')
        out += _answers(rows, q, entry, index, anonymous)
        side = (feedback.model_html(entry) if q in plain else
                '<div class="model">No model answer: <code>solutions/answer_key.json</code> '
                "was not found or lacks this question.</div>")
        out.append(f'</div><div class="side">{side}</div></div>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _answers(rows, q: str, entry: dict, index: dict, anonymous: bool) -> list[str]:
    mine = [r for r in rows if q in r.written or q in r.charts]
    if anonymous:  # an order unrelated to the names, the same on every run
        mine.sort(key=lambda r: hashlib.sha256(f"{q}\n{r.student}\n{r.file}".encode()).hexdigest())
    out, blank, n = [], [], 0
    for r in mine:
        if not marks.answer_of(r, q)[0]:
            blank.append(r.student)
            continue
        n += 1
        who = (f"Answer {n}" if anonymous else
               f'{html.escape(r.student)} <span class="blank">({html.escape(r.file)})</span>')
        body = (feedback.charts_html(r.charts.get(q, []), f"answer {n}" if anonymous else r.student)
                if entry.get("type") == "figure" else feedback.markdown_html(r.written[q]))
        mark = "" if anonymous else feedback.mark_html(index.get((r.student, r.lesson, q), {}), entry,
                                                        teacher_view=True)
        out.append(f'<div class="answer"><div class="who">{who}</div>{body}{mark}</div>')
    if blank:
        out.append(f'<p class="blank">{len(blank)} blank.</p>' if anonymous else
                   f'<p class="blank">No answer from: {html.escape(", ".join(blank))}.</p>')
    return out


def _charts(rows) -> list[str]:
    """Per lesson, two bar charts (HTML, bars.py): how the scores spread, and the share of
    submissions right per question."""
    charts = []
    graded = [r for r in rows if r.verdicts and r.possible]
    for lesson in sorted({r.lesson for r in graded}):
        mine = [r for r in graded if r.lesson == lesson]
        possible = max(r.possible for r in mine)
        counts = Counter(r.score for r in mine)
        mean = sum(r.score for r in mine) / len(mine)
        noun = "submission" if len(mine) == 1 else "submissions"
        charts.append(bars.bar_chart(
            f"Lesson {lesson}: scores of {len(mine)} {noun}",
            f"Mean score {mean:.1f} of {possible}; {counts.get(possible, 0)} of {len(mine)} have every "
            "answer right.", "score (points)",
            [(str(x), counts.get(x, 0), str(counts.get(x, 0))) for x in range(possible, -1, -1)],
            max(counts.values()), "submissions"))
        qids = sorted(mine[0].verdicts, key=question_order)
        rates = [100 * sum(1 for r in mine if r.verdicts[q].correct) / len(mine) for q in qids]
        hardest = qids[rates.index(min(rates))] if qids else ""
        takeaway = (f"Hardest: {hardest}, right in {min(rates):.0f}% of submissions." if qids and min(rates) < 100
                    else "Every question is right in every submission.")
        charts.append(bars.bar_chart(
            f"Lesson {lesson}: share of submissions right, per question", takeaway, "question",
            [(q, x, f"{x:.0f}%") for q, x in zip(qids, rates)], 100, "% right", colour="orange"))
    return charts


def summary_html(rows, key: dict, notes: list[str] = ()) -> str:
    from .grade import STATUSES

    statuses = Counter(r.status for r in rows)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Grading summary</title>", STYLE, bars.STYLE, "</head><body>", "<h1>Grading summary</h1>",
           f"<p>{len(rows)} submissions from {len({r.student for r in rows})} students. "
           "Details per student in <code>grades.csv</code>, per question in <code>answers_long.csv</code>; "
           'written answers in <a href="written_answers.html">written_answers.html</a>, their marks in '
           "<code>written_marks.csv</code>; a page for each student and lesson in "
           '<a href="feedback/">feedback/</a>.</p>',
           *[f"<p>{html.escape(note)}</p>" for note in notes],
           "<h2>Statuses</h2>", "<table><tr><th>status</th><th>submissions</th><th>meaning</th></tr>"]
    for status in [*STATUSES, *sorted(set(statuses) - set(STATUSES))]:
        if statuses.get(status):
            out.append(f"<tr><td>{html.escape(status)}</td><td>{statuses[status]}</td>"
                       f"<td>{html.escape(STATUSES.get(status, ''))}</td></tr>")
    out.append("</table>")
    problems = [r for r in rows if r.status not in ("graded",)]
    if problems:
        out.append("<h2>Submissions to look at</h2><table><tr><th>student</th><th>file</th>"
                   "<th>status</th><th>detail</th></tr>")
        for r in problems:
            out.append(f"<tr><td>{html.escape(r.student)}</td><td>{html.escape(r.file)}</td>"
                       f"<td>{html.escape(r.status)}</td><td>{html.escape(r.detail)}</td></tr>")
        out.append("</table>")
    charts = _charts(rows)
    if charts:
        out.append("<h2>Scores and questions</h2>")
    out.extend(charts)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write(rows, key: dict, out: Path, plain: dict | None = None, *, anonymous: bool = False,
          with_model_answers: bool = False, exports=(), notes: list[str] = ()) -> dict:
    """Write every output into `out`: merge written_marks.csv first (kept as it is, with a
    message, when it cannot be read), then the tables, pages and exports that use its marks.
    `notes`: lines for the summary. Returns {"paths": [...], "problems": [messages for the teacher],
    "to_mark": answers not marked yet, "flagged": marks whose answer changed}."""
    out.mkdir(parents=True, exist_ok=True)
    plain = plain or {}
    problems, marks_path = [], out / marks.FILE
    try:
        table = marks.merge(rows, key, plain, marks.read(marks_path))
    except marks.MarksError as err:
        problems.append(str(err))
        table = []
    else:
        try:
            marks.write(marks_path, table)
        except OSError as err:  # e.g. the file is open in a spreadsheet on Windows
            problems.append(f"cannot write {marks_path} ({err.strerror or err}): close it and grade "
                            "again; the marks it holds are counted, the new rows are not saved")
    problems += marks.problems(table)
    texts = {"grades.csv": grades_csv(rows, key, plain, table),
             "answers_long.csv": answers_long_csv(rows, key, plain, table),
             "written_answers.html": written_html(rows, key, plain, table, anonymous),
             "summary.html": summary_html(rows, key, notes)}
    for name, text in texts.items():
        _write(out / name, text)
    paths = [out / name for name in FILES] + ([marks_path] if table else [])
    try:
        paths += feedback.write_pages(rows, key, plain, table, out / feedback.FOLDER, with_model_answers)
    except OSError as err:  # e.g. a file named feedback in the way
        problems.append(f"cannot write the feedback pages in {out / feedback.FOLDER}: {err.strerror or err}")
    try:
        paths += export.write(exports, rows, key, plain, table, out)
    except OSError as err:  # e.g. the export is open in a spreadsheet on Windows
        problems.append(f"cannot write the gradebook export: {err.strerror or err}")
    index = marks.lookup(table)
    counts = [marks.totals(r, key, plain, index) for r in rows]
    return {"paths": paths, "problems": problems, "to_mark": sum(c["to_mark"] for c in counts),
            "flagged": sum(c["flagged"] for c in counts)}
