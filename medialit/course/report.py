"""Write the grader's outputs: grades.csv, answers_long.csv, written_answers.html, summary.html.

Outputs depend only on the rows: sorted, no timestamps, no absolute paths, so a re-run over the
same folder writes the same bytes.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections import Counter
from pathlib import Path

from .grade import question_order

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


def _cell(value):
    """A spreadsheet must not read a student's file name as a formula (=, +, @...)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def question_ids(rows, key: dict) -> list[str]:
    lessons = {r.lesson for r in rows}
    return sorted((q for q, e in key.items() if e.get("lesson") in lessons), key=question_order)


def grades_csv(rows, key: dict) -> str:
    qids = question_ids(rows, key)
    table = [["student", "lesson", "file", "status", "detail", "score", "possible", *qids]]
    for r in rows:
        cells = []
        for q in qids:
            if q in r.verdicts:
                cells.append(r.verdicts[q].status)
            elif q in r.written:
                cells.append("written" if r.written[q] else "blank")
            else:
                cells.append("")
        table.append([r.student, r.lesson, r.file, r.status, r.detail, r.score, r.possible, *cells])
    return _csv(table)


def answers_long_csv(rows, key: dict) -> str:
    table = [["student", "lesson", "file", "question", "type", "status", "verdict", "points", "feedback"]]
    for r in rows:
        questions = (sorted((q for q, e in key.items() if e.get("lesson") == r.lesson), key=question_order)
                     if r.status != "wrong lesson" else [])
        for q in questions:
            entry = key[q]
            if q in r.verdicts:
                v = r.verdicts[q]
                points = int(entry.get("points", 1)) if v.correct else 0
                table.append([r.student, r.lesson, r.file, q, entry["type"], r.status, v.status, points, v.feedback])
            elif q in r.written:
                table.append([r.student, r.lesson, r.file, q, "written", r.status,
                              "written" if r.written[q] else "blank", 0, ""])
            else:
                table.append([r.student, r.lesson, r.file, q, entry["type"], r.status, "not graded", 0,
                              f"not graded: {r.status}"])
    return _csv(table)


def written_html(rows, key: dict) -> str:
    qids = [q for q in question_ids(rows, key) if key[q]["type"] == "written"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Written answers</title>", STYLE, "</head><body>", "<h1>Written answers</h1>",
           "<p>Every written answer of the class, gathered per question. Compare them with the model "
           "answers in <code>solutions/answer_key.json</code> and the rubric of the teaching guide.</p>"]
    if not qids:
        out.append("<p>No written questions in these lessons.</p>")
    for q in qids:
        out.append(f'<h2 id="q{html.escape(q)}">Question {html.escape(q)}</h2>')
        if key[q].get("prompt"):
            prompt = re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", key[q]["prompt"])  # Markdown emphasis
            out.append(f'<div class="prompt">{html.escape(prompt)}</div>')
        blank = []
        for r in rows:
            if q not in r.written:
                continue
            if r.written[q]:
                out.append(f'<div class="answer"><div class="who">{html.escape(r.student)} '
                           f'<span class="blank">({html.escape(r.file)})</span></div>'
                           f"{html.escape(r.written[q])}</div>")
            else:
                blank.append(r.student)
        if blank:
            out.append(f'<p class="blank">No answer from: {html.escape(", ".join(blank))}.</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figures(rows, key: dict) -> list[tuple[str, str]]:
    """(alt text, base64 PNG) for each figure of the summary."""
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from ..display import COLOURS, HATCHES, figure

    figures = []
    graded = [r for r in rows if r.verdicts and r.possible]
    for lesson in sorted({r.lesson for r in graded}):
        mine = [r for r in graded if r.lesson == lesson]
        possible = max(r.possible for r in mine)
        counts = Counter(r.score for r in mine)
        mean = sum(r.score for r in mine) / len(mine)
        noun = "submission" if len(mine) == 1 else "submissions"
        fig, ax = figure(f"Lesson {lesson}: scores of {len(mine)} {noun}", xlabel="score (points)",
                         figsize=(7, 3.2),
                         ylabel="submissions",
                         takeaway=f"Mean score {mean:.1f} of {possible}; {counts.get(possible, 0)} of "
                                  f"{len(mine)} have every answer right.")
        xs = list(range(possible + 1))
        ax.bar(xs, [counts.get(x, 0) for x in xs], color=COLOURS["blue"], edgecolor="black")
        ax.set_xticks(xs)
        ax.yaxis.get_major_locator().set_params(integer=True)
        figures.append((f"Bar chart of the scores of lesson {lesson}: mean {mean:.1f} of {possible}.", _png(fig)))
        plt.close(fig)
        qids = sorted(mine[0].verdicts, key=question_order)
        rates = [100 * sum(1 for r in mine if r.verdicts[q].correct) / len(mine) for q in qids]
        hardest = qids[rates.index(min(rates))] if qids else ""
        takeaway = (f"Hardest: {hardest}, right in {min(rates):.0f}% of submissions." if qids and min(rates) < 100
                    else "Every question is right in every submission.")
        fig, ax = figure(f"Lesson {lesson}: share of submissions right, per question", xlabel="question",
                         ylabel="% right", figsize=(7, 3.2), takeaway=takeaway)
        bars = ax.bar(qids, rates, color=COLOURS["orange"], edgecolor="black", hatch=HATCHES[1])
        ax.bar_label(bars, labels=[f"{x:.0f}%" for x in rates], padding=2)
        ax.set_ylim(0, 110)
        figures.append((f"Bar chart of the share right per question of lesson {lesson}; "
                        + ", ".join(f"{q}: {x:.0f}%" for q, x in zip(qids, rates)) + ".", _png(fig)))
        plt.close(fig)
    return figures


def summary_html(rows, key: dict, notes: list[str] = ()) -> str:
    from .grade import STATUSES

    statuses = Counter(r.status for r in rows)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Grading summary</title>", STYLE, "</head><body>", "<h1>Grading summary</h1>",
           f"<p>{len(rows)} submissions from {len({r.student for r in rows})} students. "
           "Details per student in <code>grades.csv</code>, per question in <code>answers_long.csv</code>; "
           'written answers in <a href="written_answers.html">written_answers.html</a>.</p>',
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
    figures = _figures(rows, key)
    if figures:
        out.append("<h2>Scores and questions</h2>")
    for alt, data in figures:
        out.append(f'<p><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write(rows, key: dict, out: Path, notes: list[str] = ()) -> list[Path]:
    """Write the four outputs into `out` (`notes`: lines for the summary); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    texts = {"grades.csv": grades_csv(rows, key), "answers_long.csv": answers_long_csv(rows, key),
             "written_answers.html": written_html(rows, key), "summary.html": summary_html(rows, key, notes)}
    for name, text in texts.items():
        _write(out / name, text)
    return [out / name for name in FILES]
