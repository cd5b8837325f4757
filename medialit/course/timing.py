"""How long each lesson takes, estimated from its notebooks, against the time its header states.

The method (also in docs/authoring.md):
- prose: Markdown words read at READING_RATE = 150 words a minute (careful reading of teaching
  prose, slower than the ~240 of leisure reading); navigation cells, instructor-only cells and
  the model answers of written questions are not counted;
- code: CODE_MINUTES = 1 minute for each code cell that is not part of a question (run it,
  read its output);
- questions: COMPUTED_MINUTES = 3 for each scored computed question (its answer cell and its
  self-check together), CHART_MINUTES = 5 for a chart, WRITTEN_MINUTES = 5 for a written answer.
  Stretch items (cells tagged `stretch`) are optional and not counted.
Teaching minutes are estimated from notebooks/NN_stem.ipynb, exercise minutes from
solutions/NN_stem.ipynb (what exercises/ shows, answers aside). The stated time is the lesson's
header line, e.g. "**Time:** 30 minutes teaching, 30 minutes exercises." A part whose estimate
exceeds its stated time by more than TOLERANCE (20%) is over. Limit: outputs are not read, so a
cell that shows a long text (the whole article, in lesson 00) counts as one code cell; discussion
time is not counted either.

>>> minutes(words=300, code_cells=4, computed=1, charts=0, written=1)
14.0
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .lessons import LESSONS, ROOT

READING_RATE = 150      # words a minute
CODE_MINUTES = 1
COMPUTED_MINUTES = 3
CHART_MINUTES = 5
WRITTEN_MINUTES = 5
TOLERANCE = 0.20
STATED = re.compile(r"Time\W*(\d+)\s*min\w*\s+teaching\W+(\d+)\s*min\w*\s+exercis", re.I)
CHECK = re.compile(r"""^\s*check\(\s*["']([^"']+)["']""")
BEGIN = "### BEGIN SOLUTION"
SKIPPED_TAGS = {"nav", "instructor", "written-answer", "stretch"}


@dataclass(frozen=True)
class Estimate:
    """One part (teaching or exercises) of one lesson: what it holds and the minutes it takes."""

    lesson: str
    part: str            # "teaching" or "exercises"
    stated: int | None   # minutes the header states; None when it states none
    words: int
    code_cells: int
    computed: int
    charts: int
    written: int

    @property
    def minutes(self) -> float:
        return minutes(self.words, self.code_cells, self.computed, self.charts, self.written)

    @property
    def over(self) -> bool:
        """True when the estimate exceeds the stated time by more than TOLERANCE."""
        return self.stated is not None and self.minutes > self.stated * (1 + TOLERANCE)


def minutes(words: int, code_cells: int, computed: int, charts: int, written: int) -> float:
    """The estimated minutes of a notebook part (see the module's docstring), to a tenth."""
    return round(words / READING_RATE + code_cells * CODE_MINUTES + computed * COMPUTED_MINUTES
                 + charts * CHART_MINUTES + written * WRITTEN_MINUTES, 1)


def words_in(markdown: str) -> int:
    """Words a reader reads: link targets, HTML tags and Markdown marks are not words.

    >>> words_in("**Exercise 01.2.** Count the [body paragraphs](http://x.org/a).")
    6
    """
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", text))


def stated_minutes(nb: dict) -> tuple[int, int] | None:
    """(teaching, exercise) minutes from the lesson's "Time" line, or None."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and (m := STATED.search(_source(cell))):
            return int(m.group(1)), int(m.group(2))
    return None


def count(nb: dict, kinds: dict[str, str] | None = None) -> dict[str, int]:
    """Words, code cells and questions of a notebook (stretch and instructor cells left out).

    `kinds` maps a question id to its key type, so that a chart counts as a chart.
    """
    kinds = kinds or {}
    counts = dict(words=0, code_cells=0, computed=0, charts=0, written=0)
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = _source(cell)
        if "written-answer" in tags and "stretch" not in tags:
            counts["written"] += 1
        if tags & SKIPPED_TAGS:
            continue
        if cell["cell_type"] == "markdown":
            counts["words"] += words_in(source)
        elif cell["cell_type"] == "code" and (m := CHECK.match(source)):
            counts["charts" if kinds.get(m.group(1)) == "figure" else "computed"] += 1
        elif cell["cell_type"] == "code" and BEGIN not in source and source.strip():
            counts["code_cells"] += 1
    return counts


def estimate_all(root: Path = ROOT) -> list[Estimate]:
    """Teaching and exercise estimates of every lesson that has a notebook, in course order."""
    kinds = _key_types(root)
    rows = []
    for lesson in LESSONS.values():
        notebook = lesson.path("lesson", root)
        if not notebook.exists():
            continue
        nb = _read(notebook)
        stated = stated_minutes(nb) or (None, None)
        rows.append(Estimate(lesson.number, "teaching", stated[0], **count(nb, kinds)))
        solution = lesson.path("solution", root)
        source = solution if solution.exists() else lesson.path("exercise", root)
        if source.exists():
            rows.append(Estimate(lesson.number, "exercises", stated[1], **count(_read(source), kinds)))
    return rows


def table(rows: list[Estimate]) -> str:
    """The estimates as a fixed-width table, with a verdict a line and the method underneath."""
    head = f"{'lesson':<7}{'part':<10}{'stated':>7}{'estimate':>9}{'words':>7}{'code':>6}{'asked':>7}  verdict"
    lines = [head, "-" * len(head)]
    for r in rows:
        stated = "-" if r.stated is None else str(r.stated)
        asked = r.computed + r.charts + r.written
        if r.stated is None:
            note = "no stated time"
        elif r.over:
            note = f"OVER by {round(100 * (r.minutes / r.stated - 1))}%"
        else:
            note = "ok"
        lines.append(f"{r.lesson:<7}{r.part:<10}{stated:>7}{r.minutes:>9.0f}{r.words:>7}{r.code_cells:>6}"
                     f"{asked:>7}  {note}")
    lines.append(f"Method: {READING_RATE} prose words/min, {CODE_MINUTES} min a code cell, "
                 f"{COMPUTED_MINUTES} min a computed question, {CHART_MINUTES} a chart, {WRITTEN_MINUTES} a "
                 f"written answer; over = more than {TOLERANCE:.0%} above the stated time.")
    return "\n".join(lines)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _key_types(root: Path) -> dict[str, str]:
    path = root / "medialit" / "data" / "answer_key.json"
    try:
        return {q: e.get("type", "") for q, e in _read(path)["questions"].items()}
    except (OSError, ValueError, KeyError):
        return {}
