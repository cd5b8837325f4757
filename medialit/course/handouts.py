"""`python -m medialit handouts --out DIR`: the printable classroom pack.

One HTML file per handout and paper size, ready to print from any browser (no server, no script;
`@page` sets the paper size and margins, tables never split inside a row):

    DIR/index.html                          what is where, and how to print
    DIR/students/a4/article.html            the article, paragraphs (¶) and lines numbered
    DIR/students/a4/02-entman-table.html    one worksheet per paper activity of docs/teaching-guide.md
    DIR/teacher/a4/answer-sheet.html        model answers and what to look for: instructor only
    DIR/students/letter/..., DIR/teacher/letter/...   the same on US Letter

Paragraph numbers are the `n` of `art.paragraphs`, as in the notebooks; lines are numbered through
the whole article, so "¶7, line 21" finds the same words on every copy. Worksheets carry no answer;
the answer sheet takes model answers from solutions/answer_key.json (for the TASS article only).

>>> from medialit.course.handouts import WORKSHEETS
>>> [w.lesson for w in WORKSHEETS][:3]
['00', '01', '02']
>>> write_handouts("pack")                   # doctest: +SKIP
['index.html', 'students/a4/article.html', ...]
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from ..article import DEFAULT_SEED, Article, load_article
from .lessons import LESSONS, ROOT

PAPERS = {"a4": "A4", "letter": "letter"}
LINE_WIDTH = 68  # characters a printed line of the article holds (fits A4 and Letter)


class HandoutError(ValueError):
    """The pack cannot be written (the message says why)."""


# --- the article, cut into numbered lines ----------------------------------------------------
@dataclass(frozen=True)
class Line:
    number: int
    paragraph: int
    role: str
    start: int
    end: int


def numbered_lines(art: Article, width: int = LINE_WIDTH) -> list[Line]:
    """The article's paragraphs wrapped at `width` characters, numbered from 1.

    >>> [(l.number, l.paragraph) for l in numbered_lines(Article("Title here\\n\\nOne two three."), 8)]
    [(1, 1), (2, 1), (3, 2), (4, 2)]
    """
    lines: list[Line] = []
    for par in art.paragraphs.itertuples():
        start = end = None
        for word in re.finditer(r"\S+", art.text[par.start:par.end]):
            s, e = par.start + word.start(), par.start + word.end()
            if start is not None and e - start > width:
                lines.append(Line(len(lines) + 1, par.n, par.role, start, end))
                start = None
            start, end = (s if start is None else start), e
        if start is not None:
            lines.append(Line(len(lines) + 1, par.n, par.role, start, end))
    return lines


def where(lines: list[Line], offset: int) -> str:
    """'¶n, line k' for a character offset into the article's text."""
    line = next((l for l in lines if l.start <= offset < max(l.end, l.start + 1)), None) \
        or next(l for l in reversed(lines) if l.start <= offset)
    return f"¶{line.paragraph}, line {line.number}"


def article_lines_html(art: Article, lines: list[Line], paragraphs=None, marks=None) -> str:
    """The numbered lines (of `paragraphs` only, if given); `marks(start, end)` may mark up a line."""
    rows, last = [], None
    for line in lines:
        if paragraphs is not None and line.paragraph not in paragraphs:
            continue
        text = marks(line.start, line.end) if marks else escape(art.text[line.start:line.end])
        par = f"¶{line.paragraph}" if line.paragraph != last else ""
        label = ' <span class="role">(page menu)</span>' if line.role == "nav" and par else ""
        rows.append(f'<div class="line {line.role}"><span class="ln">{line.number}</span>'
                    f'<span class="pn">{par}</span><span class="tx">{text}{label}</span></div>')
        last = line.paragraph
    return '<div class="article">' + "\n".join(rows) + "</div>"


# --- page furniture --------------------------------------------------------------------------
CSS = """
@page { size: %(size)s; margin: 16mm 17mm 18mm 17mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Serif", Georgia, "Times New Roman", serif; color: #000; margin: 0; }
@media screen { body { max-width: 182mm; margin: 1em auto; padding: 0 1em; } }
@media print { a { color: #000; text-decoration: none; } }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
p, li { margin: 1mm 0; } ul, ol { margin: 1mm 0; padding-left: 6mm; }
.meta { font-size: 9pt; color: #333; border-bottom: 1px solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }
.name { float: right; font-size: 9pt; } .note { font-size: 9pt; color: #333; }
.teacher-only { border: 2px solid #000; padding: 1mm 2mm; font-weight: bold; text-align: center; }
.article .line { display: flex; break-inside: avoid; white-space: nowrap; }
.article.spaced .line { line-height: 1.7; }
.ln { width: 9mm; flex: none; text-align: right; padding-right: 2mm; font: 7.5pt/inherit "DejaVu Sans", sans-serif; color: #555; }
.pn { width: 10mm; flex: none; font: bold 8pt/inherit "DejaVu Sans", sans-serif; }
.headline .tx, .subheading .tx { font-weight: bold; } .standfirst .tx { font-style: italic; }
.nav .tx { color: #555; } .role { font-size: 8pt; font-style: italic; }
table { border-collapse: collapse; width: 100%%; margin: 2mm 0; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tr, .box, .keep { break-inside: avoid; }
td.blank { height: %(row)s; } td.at { white-space: nowrap; }
.newpage { break-before: page; }
.box { border: 1px solid #000; padding: 1.5mm 2mm; margin: 2mm 0; }
.write { border-bottom: 1px dotted #000; height: 8mm; }
.quote { margin: 2mm 0 2mm 6mm; font-style: italic; }
.q { font-weight: bold; } .p { font-style: italic; text-decoration: underline dashed; }
.o { border: 1px solid #000; padding: 0 0.5mm; }
"""


def page(title: str, body: str, paper: str, art: Article, teacher: bool = False, row: str = "14mm") -> str:
    """One printable HTML page."""
    source = f"{art.outlet or 'unknown outlet'}, {art.date or 'undated'}"
    banner = ('<p class="teacher-only">TEACHER\'S COPY: model answers. Do not hand out or photocopy for students.</p>'
              if teacher else '<p class="name">Name: ____________________ Date: __________</p>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS % {'size': PAPERS[paper], 'row': row}}</style></head><body>\n{banner}"
            f"<h1>{escape(title)}</h1>\n<p class=\"meta\">The article: {escape(art.headline or art.source)} "
            f"({escape(source)}). ¶ numbers are the paragraph numbers the notebooks use; line numbers "
            f"run through the numbered article handout.</p>\n{body}\n</body></html>\n")


def shorten(text: str, width: int = 70) -> str:
    """`text` cut at a word boundary, with an ellipsis when cut."""
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def lines_to_write(n: int) -> str:
    return '<div class="keep">' + '<div class="write"></div>' * n + "</div>"


def blank_table(columns: list[str], rows: int, first: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td class="blank">{escape(first[r]) if first and c == 0 else ""}</td>'
                                     for c in range(len(columns))) + "</tr>" for r in range(rows))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


AT = ' class="at"'  # a "¶n, line k" cell: never wrapped


def table(columns: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td{AT if str(v).startswith("¶") else ""}>{escape(str(v))}</td>' for v in r)
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- where the answers come from ---------------------------------------------------------------
def model_answers(root: Path = ROOT) -> dict:
    """solutions/answer_key.json ({} when absent, e.g. in a student bundle)."""
    path = root / "solutions" / "answer_key.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def lesson_value(number: str, name: str, root: Path = ROOT):
    """The literal a lesson notebook assigns to `name` (the first argument when it is a call such as
    `pd.DataFrame([...])`), or None: the answer sheet quotes the lesson, never a copy of it."""
    path = LESSONS[number].path("lesson", root)
    if not path.is_file():
        return None
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code" or f"{name} =" not in "".join(cell["source"]):
            continue
        try:
            tree = ast.parse("".join(cell["source"]))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
                value = node.value.args[0] if isinstance(node.value, ast.Call) and node.value.args else node.value
                try:
                    return ast.literal_eval(value)
                except ValueError:
                    return None
    return None


def written(key: dict, qid: str) -> str:
    """A model answer from the key as HTML paragraphs (its *italic* and **bold** kept)."""
    text = escape(key[qid]["answer"]).replace("\n", " ")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return f'<div class="box keep"><b>{qid}</b> {text}</div>'


# --- the worksheets ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Worksheet:
    """A paper activity of the teaching guide: `cues` are the guide's words that name it."""

    slug: str
    lesson: str
    title: str
    cues: tuple[str, ...]
    student: Callable[[Article, list[Line]], str]
    teacher: Callable[[Article, list[Line], dict], str]


def _body_paragraphs(art: Article, k: int) -> list[int]:
    return list(art.paragraphs[art.paragraphs.role == "body"].n[:k])


CASUALTY = re.compile(r"\b(?:killed|wounded|injured|dead|died|deaths?|casualt)", re.I)


def _count_paragraphs(art: Article) -> list[int]:
    """Paragraphs with two or more counts, those that speak of casualties first: where an article's
    casualty figures are."""
    from ..numbers import numbers

    found = numbers(art)
    pars = art.paragraphs
    hits = [int(pars[(pars.start <= s) & (s < pars.end)].n.iloc[0]) for s in found[found.kind == "count"].start]
    many = sorted({p for p in hits if hits.count(p) >= 2})
    return [p for p in many if CASUALTY.search(pars.text[pars.n == p].iloc[0])] or many


def first_reading(art, lines):
    return ("<p>Read the whole article handout in silence first. Then, <b>before any discussion</b>, write:</p>"
            "<h3>1. What does the article want you to believe?</h3>" + lines_to_write(3) +
            "<h3>2. Three words or figures that stayed with you, and why</h3>" + lines_to_write(4) +
            "<h3>3. How did it make you feel? Did it sound certain, official, angry, calm?</h3>" + lines_to_write(3) +
            "<h3>4. Who speaks in this text? Who is spoken about but never heard?</h3>" + lines_to_write(3) +
            '<p class="note">Keep this sheet: lesson 05 asks you to compare these first impressions with what '
            "the lessons showed.</p>")


def first_reading_key(art, lines, key):
    return ("<p>Impressions vary: look for honesty and specific words, not for a verdict.</p>"
            + (written(key, "00.1") if "00.1" in key else ""))


def anatomy(art, lines):
    parts = ["page menu (chrome)", "headline", "standfirst", "dateline", "lede", "direct quotation",
             "attributed paraphrase", "subheading"]
    return ("<h3>1. Predict before counting</h3><p>Which paragraph is the longest? ¶ ______ "
            "How many words do you think it has? ______</p>"
            "<h3>2. Name the parts</h3><p>On the article handout, find one example of each part and note where it is.</p>"
            + blank_table(["part of the news item", "where (¶, line)", "who chose these words: the speaker or the outlet?"],
                          len(parts), parts))


def anatomy_key(art, lines, key):
    pars = art.paragraphs
    words = pars.text.str.split().str.len()
    longest = pars.loc[words[pars.role == "body"].idxmax()]
    rows = [[str(r.role), f"¶{r.n}"] for r in pars.itertuples() if r.role != "body"]
    body = list(pars[pars.role == "body"].n)
    return (f"<p>The longest paragraph is ¶{longest.n} ({words[longest.name]} words, counted by spaces; "
            "the lesson's tokenizer may count a few more).</p>"
            + table(["role the kit gives", "paragraph"], rows + [["body", f"¶{body[0]}–¶{body[-1]}"]])
            + (f"<p>Dateline: <i>{escape(str(art.dateline))}</i> (¶{body[0]}); the lede is the rest of ¶{body[0]}.</p>"
               if art.dateline else ""))


ACTORS = ["Russia", "the United States", "the Syrian government side", "the opposition"]


def marks_and_names(art, lines):
    return ("<h3>A. Quotation marks, by eye</h3><p>Find every pair of quotation marks in the article "
            "(\" \" and ‘ ’). For each, say what the marks do: report someone's words? keep a distance from "
            "a word (scare quotes)? something else?</p>"
            + blank_table(["¶, line", "the words inside the marks", "what do the marks do?"], 12)
            + '<p class="note">More pairs? Go on at the back.</p>'
            + '<div class="keep"><h3>B. Names for each actor</h3><p>First guess how many <b>different</b> names '
              "the article gives each actor; then list the names you find.</p>"
            + blank_table(["actor", "your guess", "names found (¶, line)"], len(ACTORS), ACTORS) + "</div>")


def marks_and_names_key(art, lines, key):
    from ..framing import loaded_terms, scare_quotes
    from ..sourcing import quotations
    import pandas as pd

    quotes = quotations(art)
    scare = scare_quotes(art)
    rows = sorted([(r.start, r.phrase, "scare quotes: distance from the word") for r in scare.itertuples()]
                  + [(r.start, shorten(r.quote), f"report {r.resolved or r.speaker or 'someone'}'s words")
                     for r in quotes.itertuples()])
    out = (f"<p>{len(quotes)} quotations (speech) and {len(scare)} scare quotes, as the kit's finders see "
           "them; check each in its sentence.</p>"
           + table(["where", "the words inside the marks", "what the marks do"],
                   [[where(lines, s), words, job] for s, words, job in rows]))
    labels = lesson_value("02", "labels")
    if isinstance(labels, dict):
        naming = pd.DataFrame([(n, a) for a, names in labels.items() for n in names], columns=["term", "category"])
        found = loaded_terms(art, lexicon=naming)
        found["label"] = found.term.str.replace(r"\s+", " ", regex=True)
        rows = [[actor, len(g.label.unique()), ", ".join(sorted(g.label.unique()))]
                for actor, g in found.groupby("category")]
        out += "<h3>B. Names (lesson 02's naming table)</h3>" + table(["actor", "names", "the names"], rows)
    return out + "".join(written(key, q) for q in ("02.7",) if q in key)


ENTMAN = [("problem definition", "What does the text say the problem is?"),
          ("causal interpretation", "What or who does it say caused it?"),
          ("moral evaluation", "Who does it invite you to judge, and how?"),
          ("treatment recommendation", "What does it suggest should be done?")]


def entman(art, lines):
    return ("<p>To frame, Entman writes, is to select some aspects of a perceived reality and make them more "
            "salient, so as to promote a particular problem definition, causal interpretation, moral evaluation "
            "and/or treatment recommendation (Entman 1993, <i>Journal of Communication</i> 43(4)). "
            "In pairs, fill in one reading of the article, with the exact words that support it.</p>"
            + blank_table(["function", "one reading, in your words", "evidence: the article's exact words (¶, line)"],
                          4, [f"{name}: {question}" for name, question in ENTMAN], ) +
            "<h3>What does the frame leave out?</h3>" + lines_to_write(3))


def entman_key(art, lines, key):
    rows = lesson_value("02", "entman")
    if not rows:
        return "<p>See lesson 02, section <i>Entman's four functions</i>.</p>"
    return ("<p>Lesson 02's reading (one reading among several; accept any reading argued from the text's words):</p>"
            + table(["function", "one reading", "evidence in the article"],
                    [[f, r, (f"{e} ({where(lines, art.text.find(e))})" if e in art.text else e)] for f, r, e in rows]))


def figures(art, lines):
    pars = _count_paragraphs(art)
    return ("<h3>A. Do the figures agree? (before any code)</h3><p>Read the paragraphs below. Write each figure "
            "the outlet gives in its own words beside the figure the speaker gives, and say whether they agree.</p>"
            + article_lines_html(art, lines, pars)
            + blank_table(["what is counted", "the outlet's figure (¶, line)", "the speaker's figure (¶, line)",
                           "agree? rounded how?"], 4)
            + "<h3>B. A Fermi check (pairs, each with its own guesses)</h3><div class=\"box keep\">"
              "<p>The period runs from ____________ to ____________: that is ______ days (both ends counted).</p>"
              "<p>People killed in the period: ________ → per day: ________</p>"
              "<p>Reported violations: ________ → killed per violation: ________</p>"
              "<p>Our guess: a heavy attack kills ______ people, a minor incident ______. "
              "Share of violations that would have to be heavy: ______ %</p>"
              "<p>What else would have to be true? Where would we look?</p>" + lines_to_write(2) + "</div>")


def figures_key(art, lines, key):
    from ..numbers import numbers

    found = numbers(art)
    found = found[found.kind == "count"]
    out = table(["where", "figure", "approximate?", "what"],
                [[where(lines, r.start), r.raw, "yes" if r.approximate else "", r.what or ""] for r in found.itertuples()])
    computed = [(q, key[q].get("variable"), key[q]["answer"]) for q in ("03.1", "03.2", "03.3", "03.4", "03.5") if q in key]
    if computed:
        out += "<h3>The exercise's computed answers</h3>" + table(["question", "variable", "answer"], computed)
    return out + "".join(written(key, q) for q in ("03.7",) if q in key)


def highlighter(art, lines):
    pars = _body_paragraphs(art, 6)
    return ("<p>With three highlighters (or a pen), mark every word of the paragraphs below: <b>quoted</b> words, "
            "inside quotation marks (yellow, or underline ────); <b>paraphrase</b>, someone's claim in the "
            "reporter's words with a tag such as <i>he said</i> (green, or wavy underline ∿∿∿); <b>the outlet's own "
            "words</b>, everything else, tags included (pink, or a box around them).</p>"
            + '<div class="spaced">' + article_lines_html(art, lines, pars).replace('class="article"', 'class="article spaced"')
            + "</div><h3>Whose voice fills most of these lines? Whose voice is missing?</h3>" + lines_to_write(1))


def highlighter_key(art, lines, key):
    from ..sourcing import voice_words

    pars = _body_paragraphs(art, 6)
    words = voice_words(art)
    words = words[words.paragraph.isin(pars)]
    style = {"quoted": "q", "paraphrase": "p", "outlet": "o"}

    def marks(start, end):
        """The line with each run of words in one voice wrapped in that voice's style."""
        runs: list[list] = []  # [voice, start, end]
        for w in words[(words.start >= start) & (words.end <= end)].itertuples():
            if runs and runs[-1][0] == w.voice:
                runs[-1][2] = w.end
            else:
                runs.append([w.voice, w.start, w.end])
        out, pos = [], start
        for voice, s, e in runs:
            out.append(escape(art.text[pos:s]) + f'<span class="{style[voice]}">{escape(art.text[s:e])}</span>')
            pos = e
        return "".join(out) + escape(art.text[pos:end])

    share = words.voice.value_counts(normalize=True)
    return ('<p>As the kit\'s <code>ml.voice_words</code> reads them: <span class="q">quoted in bold</span>, '
            '<span class="p">paraphrase in dashed-underlined italics</span>, <span class="o">the outlet\'s words '
            'boxed</span>. The rule has limits: discuss the lines where students disagree with it.</p>'
            + article_lines_html(art, lines, pars, marks)
            + "<p>Share of these words: " + ", ".join(f"{v} {share.get(v, 0):.0%}" for v in style) + ".</p>")


VERBS = ["said", "stressed", "noted", "reminded"]


def verbs(art, lines):
    return ("<p>Before the lesson shows its classification: rank these four attribution verbs from the most "
            "neutral (1) to the one that most presents the claim as true (4).</p>"
            + blank_table(["verb", "rank (1–4)", "why?"], 4, VERBS)
            + "<h3>Which other verbs does the article use to report what someone says?</h3>" + lines_to_write(2))


def verbs_key(art, lines, key):
    from ..sourcing import attributions

    atts = attributions(art)
    out = table(["verb in the article", "times"], [[v, n] for v, n in atts.verb.value_counts().items()])
    if "04.4" in key:
        out += "<h3>04.4: the exercise's classes</h3>" + table(["verb", "class"], sorted(key["04.4"]["answer"].items()))
    return out + ("<p>Most neutral: <i>said</i>. <i>Noted</i>, <i>reminded</i> and <i>stressed</i> present "
                  "the claim as established; what matters is whether a reporter would use them for every side.</p>")


def headline_rewrite(art, lines):
    body = _body_paragraphs(art, 1)
    return ("<p>In pairs, three minutes. Rewrite the headline and the first paragraph (the lede) so that they adopt "
            "no party's words. Keep every claim; change only the outlet's own choices.</p><ul>"
            "<li>Say <b>whose</b> claim it is first, with a neutral verb (<i>says</i>).</li>"
            "<li>Report a party's labels as that party's, or use plain descriptions.</li>"
            "<li>Do not edit anyone's quoted words.</li></ul>"
            + article_lines_html(art, lines, list(art.paragraphs[art.paragraphs.role == "headline"].n) + body)
            + "<h3>Your headline</h3>" + lines_to_write(2) + "<h3>Your lede</h3>" + lines_to_write(5)
            + "<h3>What did you change, and what could no rewrite change?</h3>" + lines_to_write(2))


def headline_rewrite_key(art, lines, key):
    rewrite = lesson_value("05", "rewrite")
    out = ""
    if isinstance(rewrite, str):
        out += ("<p>Lesson 05's rewrite (written for the lesson; TASS did not publish it):</p>"
                + "".join(f'<p class="quote">{escape(p)}</p>' for p in rewrite.split("\n\n")))
    out += "".join(written(key, q) for q in ("04.8",) if q in key)
    return out + ("<p>Look for: the source first, a neutral verb, labels attributed. A neutral rewrite is "
                  "no truer than the original; it is clearer about whose claim it is.</p>")


def labelling(art, lines):
    from ..agreement import TECHNIQUES

    sents = art.sentences()
    sents = sents[sents.role == "body"].head(10)
    return ("<p>Each of you alone, without talking: give each sentence its <b>main</b> technique "
            "(or <i>none</i>) and copy the words that carry it. Then copy your rows into your CSV file "
            "(<code>sentence,span,label</code>) and compare.</p><p class=\"note\">Labels: "
            + escape(", ".join(TECHNIQUES)) + ", none.</p>"
            + table(["sentence", "text"], [[r.n, r.text] for r in sents.itertuples()])
            + '<h3 class="newpage">Your labels</h3>' + blank_table(["sentence", "main label", "the words that carry it (span)", "other labels"], len(sents),
                          [str(n) for n in sents.n]))


def labelling_key(art, lines, key):
    return ("<p>No key: a label is a reading to argue for from the words. Mark whether each label is argued "
            "from the sentence's words, not whether it matches yours. Compute kappa with the lesson's cells.</p>")


WORKSHEETS = [
    Worksheet("00-first-reading", "00", "First reading and first impressions",
              ("write their first impressions",), first_reading, first_reading_key),
    Worksheet("01-parts-of-the-article", "01", "The parts of a news item",
              ("predict which paragraph is",), anatomy, anatomy_key),
    Worksheet("02-quotation-marks-and-names", "02", "Quotation marks and names",
              ("find every quotation mark by eye", "guess the number of names each actor"),
              marks_and_names, marks_and_names_key),
    Worksheet("02-entman-table", "02", "Entman's four framing functions",
              ("fill it in on paper first",), entman, entman_key),
    Worksheet("03-do-the-figures-agree", "03", "Do the figures agree? A Fermi check",
              ("before any code, whether", "pair work with different guesses"), figures, figures_key),
    Worksheet("04-highlighting-voices", "04", "Whose words? Highlighting the voices",
              ("highlighter on paper",), highlighter, highlighter_key),
    Worksheet("04-attribution-verbs", "04", "Ranking attribution verbs",
              ("rank *said*, *stressed*, *noted*, *reminded*",), verbs, verbs_key),
    Worksheet("05-headline-rewrite", "05", "Rewrite the headline and the lede",
              ("rewrite the headline on paper",), headline_rewrite, headline_rewrite_key),
    Worksheet("06-label-ten-sentences", "06", "Label ten sentences (before the CSV files)",
              ("have pairs label ten sentences",), labelling, labelling_key),
]


# --- writing the pack --------------------------------------------------------------------------
def answer_sheet(art: Article, lines: list[Line], paper: str, root: Path = ROOT) -> str:
    key = model_answers(root) if art.source == DEFAULT_SEED else {}
    note = ("" if key else "<p><b>No model answers from the answer key here</b>: they are written for the TASS "
            "article (or solutions/answer_key.json is missing). What the kit's finders compute is shown.</p>")
    parts = [f"<h2>{w.lesson} · {escape(w.title)}</h2>{w.teacher(art, lines, key)}" for w in WORKSHEETS]
    return page("Answer sheet for the classroom pack", note + "\n".join(parts), paper, art, teacher=True)


INDEX = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Classroom pack</title></head><body>
<h1>Classroom pack: {title}</h1>
<p>Print from a browser (File → Print); choose the folder for your paper: <b>a4/</b> or <b>letter/</b>. Turn
off the browser's headers and footers for a clean page. Hand out <code>students/</code> only;
<code>teacher/</code> holds the answer sheet.</p>
{lists}
</body></html>
"""


def write_handouts(out: str | Path, seed: str | Path = DEFAULT_SEED, root: Path = ROOT) -> list[str]:
    """Write the pack to `out` (made if missing); returns the files written, relative to `out`."""
    out = Path(out)
    art = load_article(seed)
    lines = numbered_lines(art)
    files: dict[str, str] = {}
    for paper in PAPERS:
        files[f"students/{paper}/article.html"] = page(
            "The article, with numbered paragraphs and lines", article_lines_html(art, lines), paper, art)
        for w in WORKSHEETS:
            files[f"students/{paper}/{w.slug}.html"] = page(
                f"Lesson {w.lesson} · {w.title}", w.student(art, lines), paper, art)
        files[f"teacher/{paper}/answer-sheet.html"] = answer_sheet(art, lines, paper, root)
    lists = "".join(
        f"<h2>{paper}</h2><ul>" + "".join(f'<li><a href="{name}">{name}</a></li>'
                                          for name in files if f"/{paper}/" in name) + "</ul>"
        for paper in PAPERS)
    files["index.html"] = INDEX.format(title=escape(art.headline or art.source), lists=lists)
    try:
        for name, html in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(html, encoding="utf-8")
    except OSError as err:
        raise HandoutError(f"cannot write to {out}: {err.strerror or err}") from None
    return sorted(files)
