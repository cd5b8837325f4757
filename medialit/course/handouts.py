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

>>> import tempfile
>>> write_handouts(tempfile.mkdtemp())[:3]
['index.html', 'students/a4/00-first-reading.html', 'students/a4/01-parts-of-the-article.html']
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from ..article import DEFAULT_SEED, Article, load_article
from .lessons import ROOT
from .printable import PAPERS, Line, article_lines_html, numbered_lines, page
from .worksheets import WORKSHEETS, model_answers


class HandoutError(ValueError):
    """The pack cannot be written (the message says why)."""


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
        raise HandoutError(f"cannot write to the output folder {out}: {err.strerror or err}") from None
    return sorted(files)
