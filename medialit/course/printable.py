"""Print layout for the classroom pack: the article cut into numbered lines, and pages that print
the same on A4 and US Letter (`@page`; tables never split inside a row).

>>> from medialit.article import Article
>>> art = Article("A headline\\n\\nOne short paragraph.")
>>> [(line.number, line.paragraph, art.text[line.start:line.end]) for line in numbered_lines(art)]
[(1, 1, 'A headline'), (2, 2, 'One short paragraph.')]
>>> where(numbered_lines(art), art.text.index("short"))
'¶2, line 2'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..article import Article

PAPERS = {"a4": "A4", "letter": "letter"}  # folder: the CSS @page size
LINE_WIDTH = 68  # characters a printed line of the article holds (fits A4 and Letter)


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


def margins(title: str, teacher: bool) -> str:
    """Page-margin text on every printed page: the handout's title and page number; the teacher's
    warning on top of every page of the answer sheet."""
    quoted = title.replace("\\", "").replace('"', "'")
    top = ('@top-center { content: "TEACHER\'S COPY: do not hand out"; font: bold 9pt sans-serif; }'
           if teacher else "")
    return (f'\n@page {{ {top} @bottom-left {{ content: "{quoted}"; font: 8pt sans-serif; color: #555; }} '
            '@bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }')


def page(title: str, body: str, paper: str, art: Article, teacher: bool = False, row: str = "14mm") -> str:
    """One printable HTML page."""
    source = f"{art.outlet or 'unknown outlet'}, {art.date or 'undated'}"
    banner = ('<p class="teacher-only">TEACHER\'S COPY: model answers. Do not hand out or photocopy for students.</p>'
              if teacher else '<p class="name">Name: ____________________ Date: __________</p>')
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS % {'size': PAPERS[paper], 'row': row}}{margins(title, teacher)}</style></head><body>\n{banner}"
            f"<h1>{escape(title)}</h1>\n<p class=\"meta\">The article: {escape(art.headline or art.source)} "
            f"({escape(source)}). ¶ numbers are the paragraph numbers the notebooks use; line numbers "
            f"run through the numbered article handout.</p>\n{body}\n</body></html>\n")


def shorten(text: str, width: int = 70) -> str:
    """`text` cut at a word boundary, with an ellipsis when cut."""
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def lines_to_write(n: int) -> str:
    return '<div class="keep">' + '<div class="write"></div>' * n + "</div>"


def blank_table(columns: list[str], rows: int, first: list[str] | None = None,
                widths: list[int] | None = None) -> str:
    """A table with empty cells to write in (`first`: the first column's labels; `widths` in %)."""
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>" if widths else ""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td class="blank">{escape(first[r]) if first and c == 0 else ""}</td>'
                                     for c in range(len(columns))) + "</tr>" for r in range(rows))
    return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


AT = ' class="at"'  # a "¶n, line k" cell: never wrapped


def table(columns: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td{AT if str(v).startswith("¶") else ""}>{escape(str(v))}</td>' for v in r)
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
