"""The worksheets of the classroom pack: one for every paper activity of docs/teaching-guide.md,
each with the student's sheet (no answers) and its part of the teacher's answer sheet.

A worksheet's `cues` are the guide's own words for the activity; tests/test_handouts.py checks that
every activity the guide names has a worksheet, and that every cue is still in the guide.

>>> [w.slug for w in WORKSHEETS if w.lesson == "02"]
['02-quotation-marks-and-names', '02-entman-table']
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

import pandas as pd

from ..agreement import TECHNIQUES
from ..article import Article
from ..framing import loaded_terms, scare_quotes
from ..numbers import numbers
from ..sourcing import attributions, quotations, voice_words
from .lessons import LESSONS, ROOT
from .printable import Line, article_lines_html, blank_table, lines_to_write, shorten, table, where


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
    answer = key[qid].get("answer")
    if key[qid].get("type") != "written" or not isinstance(answer, str):
        return ""
    text = escape(answer).replace("\n", " ")
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
            + blank_table(["¶, line", "the words inside the marks", "what do the marks do?"], 12, widths=[15, 45, 40])
            + '<p class="note">More pairs than rows? Go on under part B.</p>'
            + '<div class="keep"><h3>B. Names for each actor</h3><p>First guess how many <b>different</b> names '
              "the article gives each actor; then list the names you find.</p>"
            + blank_table(["actor", "your guess", "names found (¶, line)"], len(ACTORS), ACTORS) + "</div>")


def marks_and_names_key(art, lines, key):
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
              "<p>The figure we test: ______________ (¶ ____, line ____), from ____________ to ____________: "
              "that is ______ days (both ends counted).</p>"
              "<p>Per day: ________ Per event the article reports (¶ ____): ________</p>"
              "<p>Our guesses: a large event counts ______, a small one ______. "
              "Share of events that would have to be large: ______ %</p>"
              "<p>What else would have to be true? Where would we look?</p>" + lines_to_write(2) + "</div>")


def figures_key(art, lines, key):
    found = numbers(art)
    found = found[found.kind == "count"]
    out = table(["where", "figure", "approximate?", "what"],
                [[where(lines, r.start), r.raw, "yes" if r.approximate else "", r.what or ""] for r in found.itertuples()])
    computed = [(q, e.get("variable"), e["answer"]) for q, e in sorted(key.items())
                if e.get("lesson") == "03" and e.get("type") not in ("written", "figure") and "answer" in e]
    if computed:
        out += "<h3>The exercise's computed answers</h3>" + table(["question", "variable", "answer"], computed)
    return out + "".join(written(key, q) for q, e in sorted(key.items())
                         if e.get("lesson") == "03" and e.get("type") == "written" and not e.get("stretch"))


def highlighter(art, lines):
    pars = _body_paragraphs(art, 6)
    return ("<p>With three highlighters (or a pen), mark every word of the paragraphs below: <b>quoted</b> words, "
            "inside quotation marks (yellow, or underline ────); <b>paraphrase</b>, someone's claim in the "
            "reporter's words with a tag such as <i>he said</i> (green, or wavy underline ∿∿∿); <b>the outlet's own "
            "words</b>, everything else, tags included (pink, or a box around them).</p>"
            + '<div class="spaced">' + article_lines_html(art, lines, pars).replace('class="article"', 'class="article spaced"')
            + "</div><h3>Whose voice fills most of these lines? Whose voice is missing?</h3>" + lines_to_write(1))


def highlighter_key(art, lines, key):
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
            + blank_table(["verb", "rank (1–4)", "why?"], 4, VERBS, widths=[18, 14, 68])
            + "<h3>Which other verbs does the article use to report what someone says?</h3>" + lines_to_write(2))


def verbs_key(art, lines, key):
    atts = attributions(art)
    out = table(["verb in the article", "times"], [[v, n] for v, n in atts.verb.value_counts().items()])
    return out + ("<p>Most neutral: <i>said</i> (and <i>added</i>, <i>according to</i>). <i>Stressed</i> reports "
                  "emphasis: the speaker insisted, which says nothing about whether the claim is true. "
                  "<i>Noted</i> and <i>reminded</i> take for granted that what follows is so. Students may rank "
                  "<i>stressed</i> differently; accept any order they can defend with the words. What matters is "
                  "whether a reporter would use the same verbs for every side.</p>")


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
        out += ('<div class="keep"><p>Lesson 05\'s rewrite (written for the lesson; TASS did not publish it):</p>'
                + "".join(f'<p class="quote">{escape(p)}</p>' for p in rewrite.split("\n\n")) + "</div>")
    out += "".join(written(key, q) for q in ("04.8",) if q in key)
    return out + ("<p>Look for: the source first, a neutral verb, labels attributed. A neutral rewrite is "
                  "no truer than the original; it is clearer about whose claim it is.</p>")


def labelling(art, lines):
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
