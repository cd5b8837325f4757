"""A feedback page for each student and lesson: `feedback/<student>__<lesson>.html`.

Each page is self-contained (charts embedded as data: URIs, no scripts, no links out) and holds
one submission only: each question's prompt, the student's answer, the verdict and the message
`check()` would have shown (the common mistake's message or the hint), the charts the student
drew, the teacher's rubric marks and comments, and, only with `--with-model-answers`, the model
answers and rubrics of the written and chart questions. Nothing else of the key is shown.

>>> markdown_html("**Who** speaks? <b>x</b>")
'<p><strong>Who</strong> speaks? &lt;b&gt;x&lt;/b&gt;</p>'
>>> page_names([("Ana", "02"), ("ana", "02"), ("../x", "01")])
{('Ana', '02'): 'Ana__02.html', ('ana', '02'): 'ana__02-2.html', ('../x', '01'): 'x__01.html'}
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache

from ..checks import HEADINGS, SYMBOLS
from .grade import STATUSES, question_order
from .lessons import LESSONS
from .marks import (CHANGED, UNRUN, answer_of, criteria_of, entry_of, lookup, markable, number, parse_points,
                    rubric_of, totals)

FOLDER = "feedback"
MAX_SHOWN = 400  # characters of an answer value shown
STYLE = """<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:62rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#111}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin:0 0 .4rem}
.meta{color:#444;margin-top:0}
.totals{border-collapse:collapse;margin:1rem 0}.totals td,.totals th{border:1px solid #bbb;
padding:.3rem .7rem;text-align:left}
.q{border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;margin:1.2rem 0;break-inside:avoid}
.prompt{background:#f4f4f4;border-left:4px solid #0072B2;padding:.4rem .8rem;margin:.4rem 0}
.prompt p,.answer p,.model p{margin:.3rem 0}
.label{font-weight:bold;margin-top:.6rem}
.answer{border:1px solid #ddd;border-radius:4px;padding:.4rem .8rem;background:#fff;overflow-wrap:anywhere}
pre.answer{white-space:pre-wrap;font-size:.95rem;margin:.2rem 0}
.verdict{font-weight:bold}.correct{color:#005a8c}.incorrect,.invalid{color:#a04000}
.unanswered,.unknown{color:#555}
.message{margin:.3rem 0}.blank{color:#555;font-style:italic}
.mark{background:#eef6ee;border-left:4px solid #009E73;padding:.3rem .8rem;margin:.5rem 0}
.flag{background:#fff4e0;border-left:4px solid #E69F00;padding:.3rem .8rem;margin:.5rem 0}
.model{background:#f6f3fb;border-left:4px solid #8a6bb8;padding:.3rem .8rem;margin:.5rem 0}
.tag{font-size:.8rem;border:1px solid #888;border-radius:3px;padding:0 .3rem;margin-left:.4rem;
font-weight:normal;color:#333}
img{max-width:100%;height:auto;border:1px solid #eee}
code{font-size:.95em;background:#f0f0f0;padding:0 .15rem;border-radius:2px}
@media print{body{margin:0;max-width:none}.q{page-break-inside:avoid}}
</style>"""


def markdown_html(text: str) -> str:
    """A little Markdown, safely: the text is escaped first, then **bold**, *italic*, `code`,
    "- " list items and paragraphs."""
    out = []
    for block in re.split(r"\n\s*\n", str(text).strip()):
        lines = [html.escape(line) for line in block.splitlines()]
        inline = [_inline(line) for line in lines]
        if lines and all(re.match(r"\s*[-*] ", line) for line in lines):
            items = "".join("<li>" + re.sub(r"^\s*[-*] ", "", line) + "</li>" for line in inline)
            out.append(f"<ul>{items}</ul>")
        elif block.strip():
            out.append("<p>" + "<br>".join(inline) + "</p>")
    return "\n".join(out)


def _inline(line: str) -> str:
    line = re.sub(r"`([^`]+)`", r"<code>\1</code>", line)
    line = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", line)
    return re.sub(r"(?<![\w*])[*_]([^*_]+)[*_](?![\w*])", r"<em>\1</em>", line)


def page_names(pairs) -> dict[tuple[str, str], str]:
    """A safe, distinct file name for each (student, lesson): letters, digits, - _ . only."""
    names, used = {}, set()
    for student, lesson in pairs:
        if (student, lesson) in names:
            continue
        stem = unicodedata.normalize("NFC", student)
        stem = re.sub(r"[^\w.-]+", "_", stem).strip("._-")[:60] or "student"
        base, n = f"{stem}__{re.sub(r'[^0-9A-Za-z]', '', lesson) or 'lesson'}", 1
        name = base
        while name.casefold() in used:  # two names that differ in case clash on macOS/Windows
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        names[(student, lesson)] = name + ".html"
    return names


@lru_cache(maxsize=16)
def exercise_prompts(lesson: str) -> dict[str, str]:
    """{question: its instruction} from the lesson's exercise notebook (the first paragraph of
    each "**Exercise NN.K.**" cell: the hint below it is shown only after a wrong answer)."""
    known = LESSONS.get(lesson)
    try:
        cells = json.loads(known.path("exercise").read_text(encoding="utf-8"))["cells"]
    except (AttributeError, OSError, ValueError, KeyError, TypeError):
        return {}
    found = {}
    for cell in cells:
        source = "".join(cell.get("source", "")) if isinstance(cell, dict) else ""
        if m := re.match(r"\*\*Exercise (\d\d\.\d+)\.\*\*", source):
            found.setdefault(m[1], re.split(r"\n\s*\n", source.strip(), maxsplit=1)[0])
    return found


def without_number(prompt: str) -> str:
    """A prompt without its leading "**Exercise 01.8.**" (the page's heading says it)."""
    return re.sub(r"^\s*\*\*Exercise \d\d\.\d+\.\*\*\s*", "", prompt)


def student_message(verdict, entry: dict) -> str:
    """What `check()` shows after the verdict: its feedback (a common mistake's message, the
    tolerance...) and, for a wrong answer, the question's hint."""
    parts = [verdict.feedback] if verdict.feedback else []
    if verdict.status in ("incorrect", "invalid") and entry.get("hint"):
        parts.append(f"Hint: {entry['hint']}")
    return " ".join(parts)


def shown_value(tree) -> str:
    """The student's answer as text (cut at MAX_SHOWN characters)."""
    from .sandbox import unplain

    try:
        value = unplain(tree)
    except Exception:  # a malformed tree: say so, never fail the page
        return "(the answer could not be shown)"
    if value is Ellipsis:
        return "..."
    if isinstance(value, dict) and {"n_axes", "n_bars"} <= set(value):
        return "(a chart)"
    text = _show(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def _show(value) -> str:
    """repr(), with the items of a set sorted (a set's own order changes from run to run)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_show(v) for v in value)) + "}" if value else "set()"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_show(k)}: {_show(v)}" for k, v in value.items()) + "}"
    return repr(value)


def charts_html(pictures: list[str], who: str) -> str:
    if not pictures:
        return '<p class="blank">No chart found in this question\'s cells.</p>'
    return "\n".join(f'<p><img alt="Chart {n} drawn by {html.escape(who)}" '
                     f'src="data:image/png;base64,{data}"></p>' for n, data in enumerate(pictures, 1))


def rubric_html(entry: dict) -> str:
    criteria = criteria_of(entry)
    _, most = rubric_of(entry)
    if not criteria:
        return f"<p>Rubric: the whole answer, {number(most)} point{'s' if most != 1 else ''}.</p>"
    items = "".join(f"<li>{html.escape(c['criterion'])} ({number(c['points'])})</li>" for c in criteria)
    return f"<p>Rubric ({number(most)} point{'s' if most != 1 else ''}):</p><ul>{items}</ul>"


def model_html(entry: dict) -> str:
    """The model answer (when the key has one) and the rubric of a written or chart question."""
    answer = entry.get("answer") if isinstance(entry.get("answer"), str) else ""
    label = "" if not answer or answer.lstrip("*_").startswith("Model answer") \
        else '<div class="label">Model answer</div>'
    return f'<div class="model">{label}{markdown_html(answer) if answer else ""}{rubric_html(entry)}</div>'


def mark_html(mark: dict, entry: dict, teacher_view: bool = False) -> str:
    """The teacher's mark and comment of one answer, with the changed-answer flag."""
    _, most = rubric_of(entry)
    points, why = parse_points(mark.get("points", ""), most)
    out = []
    if points is not None or mark.get("comment", "").strip():
        given = f"{number(points)} of {number(most)}" if points is not None else "not marked yet"
        comment = f" — {html.escape(mark['comment'].strip())}" if mark.get("comment", "").strip() else ""
        out.append(f'<div class="mark"><strong>Teacher\'s mark:</strong> {given}{comment}</div>')
    elif why and teacher_view:
        out.append(f'<div class="flag">The mark typed ({html.escape(why)}) is not counted.</div>')
    elif teacher_view:
        out.append('<p class="blank">Not marked yet.</p>')
    if mark.get("flag") == CHANGED:
        text = ("The answer changed after this mark was given: check it, then write ok in the flag "
                "column of written_marks.csv." if teacher_view
                else "This mark was given to an earlier version of your answer; your teacher will look again.")
        out.append(f'<div class="flag">{text}</div>')
    return "\n".join(out)


def own_detail(detail: str, student: str, others) -> str:
    """The parts of a row's detail ("; "-separated) that name no other student of the batch
    (a note about a duplicate file may name another student's file)."""
    names = [o for o in others if o != student and o.casefold() not in student.casefold()]
    parts = [p for p in detail.split("; ") if not any(n.casefold() in p.casefold() for n in names)]
    return "; ".join(parts)


def page(row, key: dict, plain: dict, marks: dict, with_model_answers: bool, others=()) -> str:
    """The feedback page of one submission (a Row of grade.py); `others`: the batch's students,
    whose names are kept off this page."""
    lesson = LESSONS.get(row.lesson)
    title = f"Lesson {row.lesson}" + (f" — {lesson.title}" if lesson else "")
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}: feedback for {html.escape(row.student)}</title>", STYLE,
           "</head><body>", f"<h1>{html.escape(title)}</h1>",
           f'<p class="meta">Feedback for <strong>{html.escape(row.student)}</strong> · '
           f"{html.escape(row.file)}</p>"]
    detail = own_detail(row.detail, row.student, others)
    detail = f" ({html.escape(detail)})" if detail else ""
    if row.status in UNRUN:
        out += [f'<div class="flag"><strong>Not graded</strong>: {html.escape(STATUSES.get(row.status, row.status))}'
                f"{detail}. Ask your teacher how to hand in the exercise notebook again.</div>",
                "</body></html>"]
        return "\n".join(out) + "\n"
    out.append(_totals_table(row, totals(row, key, plain, marks)))
    if row.status != "graded":
        out.append(f'<div class="flag"><strong>{html.escape(row.status)}</strong>: '
                   f"{html.escape(STATUSES.get(row.status, ''))}{detail}.</div>")
    to_mark = markable(key, plain, row.lesson)
    for qid in sorted((q for q, e in key.items() if e.get("lesson") == row.lesson), key=question_order):
        entry = entry_of(key, plain, qid) if qid in to_mark else key[qid]
        out.append(_question(row, qid, entry, marks.get((row.student, row.lesson, qid), {}),
                             qid in to_mark, with_model_answers))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _totals_table(row, got: dict) -> str:
    lines = [f"<tr><th>Checked answers</th><td>{row.score} of {row.possible} points</td></tr>"]
    if got["marks_possible"]:
        waiting = f" ({got['to_mark']} answer{'s' if got['to_mark'] != 1 else ''} not marked yet)" \
            if got["to_mark"] else ""
        lines.append(f"<tr><th>Teacher's marks</th><td>{number(got['marks'])} of "
                     f"{number(got['marks_possible'])} points{waiting}</td></tr>")
    lines.append(f"<tr><th>Total</th><td><strong>{number(row.score + got['marks'])} of "
                 f"{number(row.possible + got['marks_possible'])}</strong></td></tr>")
    return '<table class="totals">' + "".join(lines) + "</table>"


def _question(row, qid: str, entry: dict, mark: dict, marked: bool, with_model_answers: bool) -> str:
    kind = entry.get("type")
    tags = '<span class="tag">optional</span>' if entry.get("stretch") else ""
    out = [f'<section class="q" id="q{html.escape(qid)}"><h2>Exercise {html.escape(qid)}{tags}</h2>']
    prompt = entry.get("prompt") or exercise_prompts(row.lesson).get(qid)
    if prompt:
        out.append(f'<div class="prompt">{markdown_html(without_number(prompt))}</div>')
    if kind == "figure":
        out.append('<div class="label">Your chart</div>' + charts_html(row.charts.get(qid, []), "you"))
    elif kind == "written":
        text = row.written.get(qid, "")
        out.append('<div class="label">Your answer</div>'
                   + (f'<div class="answer">{markdown_html(text)}</div>' if text.strip()
                      else '<p class="blank">No answer written.</p>'))
    elif qid in row.answers:
        out.append(f'<div class="label">Your answer</div><pre class="answer">'
                   f"{html.escape(shown_value(row.answers[qid]))}</pre>")
    verdict = row.verdicts.get(qid)
    if verdict is not None:
        message = student_message(verdict, entry)
        symbol, heading = SYMBOLS.get(verdict.status, "?"), HEADINGS.get(verdict.status, verdict.status)
        out.append(f'<p class="message"><span class="verdict {html.escape(verdict.status)}">{symbol} '
                   f"{html.escape(heading)}</span> {_inline(html.escape(message))}</p>")
    if marked:
        typed = mark.get("points", "").strip() or mark.get("comment", "").strip()
        if answer_of(row, qid)[0] and not typed:
            out.append('<p class="blank">Not marked yet.</p>')
        out.append(mark_html(mark, entry))
        if with_model_answers:
            out.append(model_html(entry))
    out.append("</section>")
    return "\n".join(p for p in out if p)


def write_pages(rows, key: dict, plain: dict, table: list[dict], folder, with_model_answers: bool) -> list:
    """Write one page per student and lesson into `folder`; pages of an earlier run whose
    submission is no longer in the batch are removed. Returns the paths written."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    index, written = lookup(table), []
    names = page_names((r.student, r.lesson) for r in rows)
    students = {r.student for r in rows}
    done = set()
    for row in rows:  # a second file of one student and lesson: the first one's page (see marks)
        if (row.student, row.lesson) in done:
            continue
        done.add((row.student, row.lesson))
        path = folder / names[(row.student, row.lesson)]
        path.write_bytes(page(row, key, plain, index, with_model_answers, students).encode("utf-8"))
        written.append(path)
    for stale in folder.glob("*__*.html"):  # pages of submissions no longer in the batch
        if stale not in written:
            stale.unlink()
    return written
