"""`python -m medialit report ARTICLE --out report.html`: a one-page annotated report of any article.

ARTICLE is the name of a seed (a .txt file in seeds/, without `.txt`) or the path to a plain-text
article. The report is one self-contained HTML file (inline CSS, figures as PNG inside the file, no
JavaScript): it opens in any browser, with no server and no internet. It holds:

- the title and metadata (outlet, date, dateline, source file), with a banner when the seed's
  metadata says `"invented": true`;
- a summary: how many scare quotes, loaded terms, passives, quotations, attributions and numbers
  the kit's finders found, with the code each has in the marked text;
- the whole text, each finding marked by underline style, colour AND a bracketed code
  (`ml.highlight`), with a legend and a plain-text version, so it reads without colour;
- voice share: the body's words by voice (quoted, paraphrase, the outlet's own), as a table and
  a figure with hatch patterns;
- each finder's rows as a table.

The same input gives the same bytes (no time stamps, no absolute paths). Input that is not an
article (missing, empty, binary, not UTF-8, JSON, a CSV table, a web page, a few words) raises
ArticleError with a message that says what to do; the command prints it on one line.

>>> page = report_html(load_article("invented-local-council-bus-lanes"))
>>> "Invented for teaching" in page and "[SQ]" in page
True
"""
from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from .article import Article, ArticleError, _resolve, decode_article, load_article
from .display import COLOURS, _codes, figure, highlight, show_table
from .framing import loaded_terms, passives, scare_quotes
from .numbers import numbers
from .sourcing import attributions, quotations, voice_share, voice_totals
from .text import words

MIN_WORDS = 25  # fewer words than this is not a news article

# (label in the marked text, finder, heading, what it is, what to ask)
CATEGORIES = [
    ("scare quote", scare_quotes, "Scare quotes",
     "quotation marks around a short phrase nobody is reported as saying", "Whose distance is this?"),
    ("loaded term", loaded_terms, "Loaded terms",
     "words of the kit's framing lexicon: labels, blame, judgements, certainty", "Would a neutral report use it?"),
    ("passive", passives, "Passives",
     "passive verb phrases; agent empty when no one is said to do it", "Who did it?"),
    ("quotation", quotations, "Quotations",
     "direct speech in quotation marks, with its speaker", "Who gets to speak, and who does not?"),
    ("attribution", attributions, "Attributions",
     "tags that say who said it (said, added, according to…)", "Does the verb vouch for the claim?"),
    ("number", numbers, "Numbers",
     "every figure: counts, dates, money, percentages…", "Who counted, and how?"),
]
VOICES = {"quoted": (COLOURS["blue"], ""), "paraphrase": (COLOURS["orange"], "//"), "outlet": ("#999999", "..")}

STYLE = """<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.5;color:#111;background:#fff}
h1{font-size:1.7rem;margin:.4rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #0072B2}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
.banner{border:3px dashed #D55E00;background:#fff4e6;padding:.6rem .9rem;margin:.6rem 0;font-weight:bold}
.banner span{font-weight:normal}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.6rem 0}
.meta dt{font-weight:bold;color:#333}.meta dd{margin:0}
.note{border-left:4px solid #0072B2;background:#f2f7fb;padding:.5rem .8rem}
table{border-collapse:collapse;font-size:.88rem;margin:.3rem 0}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.code{font:bold .85rem monospace}
.none{color:#555;font-style:italic}
figure{margin:.5rem 0}figure img{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#333}
details summary{cursor:pointer}
@media print{h2{break-before:auto}.banner{background:none}}
</style>"""


# --- reading ---------------------------------------------------------------------------------
def check_article_text(text: str, name: str) -> None:
    """Raise ArticleError when `text` is plainly not a news article (data, a web page, a few words)."""
    stripped = text.strip()
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            raise ArticleError(f"{name} holds JSON data, not an article. Give the article's .txt file "
                               "(a .json file beside it only holds its metadata).")
    if re.match(r"<(?:!doctype|html|\?xml|head|body|div|p|article)\b", stripped, re.I):
        raise ArticleError(f"{name} looks like a web page (HTML), not plain text. Copy the article's "
                           "text into a .txt file: headline first, a blank line between paragraphs.")
    lines = [line for line in stripped.splitlines() if line.strip()]
    if len(lines) >= 2:
        for delimiter in ",;\t|":
            rows = list(csv.reader(lines, delimiter=delimiter))
            fields = [f for row in rows for f in row]
            if (len({len(row) for row in rows}) == 1 and len(rows[0]) >= 2
                    and sorted(len(f) for f in fields)[len(fields) // 2] <= 40):
                raise ArticleError(f"{name} looks like a table (CSV: {len(rows)} lines of {len(rows[0])} "
                                   "fields), not an article. Give a plain-text article: headline first, "
                                   "then its paragraphs.")
    n = len(words(stripped))
    if n < MIN_WORDS:
        raise ArticleError(f"{name} has only {n} word{'s' if n != 1 else ''}: too short to be a news article. "
                           "Give the whole article: headline first, then its paragraphs.")


def read_article(source: str | Path) -> Article:
    """`load_article(source)`, after checking that the file holds an article (ArticleError if not)."""
    path = _resolve(source)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"Cannot read {path.name}: {err.strerror}.") from None
    check_article_text(decode_article(data, name=path.name), path.name)
    return load_article(path)


# --- pieces of the page ------------------------------------------------------------------------
def findings(art: Article) -> dict[str, pd.DataFrame]:
    """Each finder's rows for `art`, by label, in the order of CATEGORIES."""
    return {label: finder(art) for label, finder, *_ in CATEGORIES}


def _e(text) -> str:
    return html.escape(str(text))


def _metadata(art: Article, source_name: str) -> str:
    meta = art.meta
    rows = [("Outlet", art.outlet or "unknown (no metadata file)")]
    if meta.get("outlet_note"):
        rows.append(("About the outlet", meta["outlet_note"]))
    rows.append(("Date", art.date.strftime("%d %B %Y").lstrip("0") if art.date else "not given"))
    if art.dateline:
        rows.append(("Dateline", art.dateline.text))
    if meta.get("url"):
        rows.append(("Web address", meta["url"]))
    rows.append(("Source file", source_name))
    sents = art.sentences()
    rows.append(("Size", f"{len(art.paragraphs)} paragraphs, {len(sents)} sentences, "
                         f"{len(words(art.text))} words"))
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    banner = ""
    if meta.get("invented") is True:
        about = meta.get("provenance") or "Its people, places, quotations and figures were made up for the course."
        banner = ('<div class="banner" role="note">⚠ INVENTED FOR TEACHING — not a real news article. '
                  f"<span>{_e(about)}</span></div>")
    headline = art.headline or "(no headline)"
    return (f"<header>{banner}<p class=\"none\">Annotated report</p><h1>{_e(headline)}</h1>"
            + (f"<p><i>{_e(art.standfirst)}</i></p>" if art.standfirst else "")
            + f'<dl class="meta">{items}</dl></header>')


def _summary(found: dict[str, pd.DataFrame], codes: dict[str, str]) -> str:
    rows = "".join(
        f'<tr data-category="{_e(label)}"><th>{_e(heading)}</th><td class="code">[{codes[label]}]</td>'
        f'<td class="count">{len(found[label])}</td><td>{_e(what)}</td><td>{_e(ask)}</td></tr>'
        for label, _, heading, what, ask in CATEGORIES)
    return ('<table id="counts"><thead><tr><th>finder</th><th>code</th><th>found</th><th>what it marks</th>'
            f"<th>a question to ask</th></tr></thead><tbody>{rows}</tbody></table>")


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


MOST_BARS = 40  # more paragraphs than this are drawn as runs of paragraphs: a figure stays readable


def voice_bars(shares: pd.DataFrame, most: int = MOST_BARS) -> pd.DataFrame:
    """One bar per paragraph, or, past `most` paragraphs, one per run of consecutive paragraphs
    (runs as even as can be), labelled "1–3", with each voice's words per paragraph averaged over
    the run: a run of more paragraphs does not draw a longer bar.
    Columns: label, paragraphs (in the run) and one per voice.

    >>> shares = pd.DataFrame({"paragraph": range(1, 6), "quoted": [1, 1, 1, 2, 2], "paraphrase": 0, "outlet": 2})
    >>> voice_bars(shares, most=2)[["label", "paragraphs", "quoted", "outlet"]].to_dict("list")
    {'label': ['1–3', '4–5'], 'paragraphs': [3, 2], 'quoted': [1.0, 2.0], 'outlet': [2.0, 2.0]}
    """
    if len(shares) <= most:
        return shares.assign(label=shares.paragraph.astype(str), paragraphs=1)[["label", "paragraphs", *VOICES]]
    run = [i * most // len(shares) for i in range(len(shares))]
    grouped = shares.groupby(run)
    bars = grouped[list(VOICES)].mean()
    bars.insert(0, "paragraphs", grouped.size())
    bars.insert(0, "label", grouped.paragraph.first().astype(str) + "–" + grouped.paragraph.last().astype(str))
    return bars.reset_index(drop=True)


def voice_figure(art: Article, shares: pd.DataFrame, total: pd.Series) -> str:
    """The body's words by voice, paragraph by paragraph, as a base64 PNG (colour + hatch)."""
    bars = voice_bars(shares)
    runs = len(bars) < len(shares)
    height = max(2.6, 0.32 * len(bars) + 1.4)
    fig, ax = figure("Whose words? The body, paragraph by paragraph",
                     xlabel="words per paragraph (average of each run)" if runs else "words",
                     ylabel=f"paragraphs (in {len(bars)} runs)" if runs else "paragraph",
                     takeaway=f"{total.quoted_share:.0%} of the body is quoted, {total.paraphrase_share:.0%} "
                              f"paraphrased, {total.outlet_share:.0%} in the outlet's own voice.",
                     figsize=(8, height))
    left = pd.Series(0, index=bars.index)
    for voice, (colour, hatch) in VOICES.items():
        ax.barh(bars.label, bars[voice], left=left, color=colour, hatch=hatch, edgecolor="white", label=voice)
        left += bars[voice]
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), title="voice")
    return _png(fig)


def _voices(art: Article) -> str:
    shares = voice_share(art)
    if shares.empty or shares.words.sum() == 0:
        return '<p class="none">No body words to count.</p>'
    total = voice_totals(art)
    table = shares[["paragraph", "role", "words", "quoted", "paraphrase", "outlet", "tags"]].copy()
    table["paragraph"] = table.paragraph.astype(str)
    table.loc[len(table)] = ["all", "", *(int(total[k]) for k in ("words", "quoted", "paraphrase", "outlet", "tags"))]
    for voice in ("quoted", "paraphrase", "outlet"):
        table[f"{voice} %"] = (100 * table[voice] / table.words.where(table.words > 0)).round().astype("Int64")
    bars = "each body paragraph's words" if len(shares) <= MOST_BARS else \
        f"the body's words per paragraph, averaged over {MOST_BARS} runs of paragraphs,"
    alt = (f"Bar chart: {bars} split into quoted (plain), paraphrase (hatched //) and "
           f"outlet (dotted). Overall: quoted {total.quoted_share:.0%}, paraphrase "
           f"{total.paraphrase_share:.0%}, outlet {total.outlet_share:.0%} of {int(total.words)} words.")
    return (f"<p>Each body word is in one of three voices: <b>quoted</b> (inside a direct quotation), "
            f"<b>paraphrase</b> (the rest of a sentence that carries an attribution tag) or the "
            f"<b>outlet</b>'s own (every other word, the tags included). The dateline is not counted.</p>"
            f'<figure><img alt="{_e(alt)}" src="data:image/png;base64,{voice_figure(art, shares, total)}">'
            f"<figcaption>{_e(alt)}</figcaption></figure>"
            + show_table(table).data)


def _tables(found: dict[str, pd.DataFrame], codes: dict[str, str]) -> str:
    parts = []
    for label, _, heading, what, _ask in CATEGORIES:
        df = found[label]
        body = show_table(df).data if len(df) else '<p class="none">None found.</p>'
        parts.append(f'<section id="{label.replace(" ", "-")}"><h3>{_e(heading)} '
                     f'<span class="code">[{codes[label]}]</span>: {len(df)}</h3>'
                     f"<p>{_e(what[0].upper() + what[1:])}. <code>start</code>/<code>end</code> are character "
                     f"offsets into the text; <code>sentence</code> is the sentence's number.</p>{body}</section>")
    return "".join(parts)


def report_html(art: Article, source_name: str | None = None, found: dict | None = None) -> str:
    """The whole report page for `art` as a str (see the module docstring)."""
    source_name = source_name or f"{art.source}.txt"
    found = found if found is not None else findings(art)
    codes = _codes([label for label, *_ in CATEGORIES])
    marked = highlight(art, {label: found[label] for label, *_ in CATEGORIES}, title="Key to the marks")
    title = f"Report: {art.headline or source_name}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title>{STYLE}</head><body>"
        + _metadata(art, source_name)
        + "".join(f'<div class="banner" role="note">Note: {_e(n)}</div>' for n in notes(art))
        + '<div class="note"><b>How to read this report.</b> The marks come from the course kit\'s '
          "finders: rules, not understanding. Each one misses things and raises false alarms. Read "
          "every mark in its sentence and decide for yourself; a count is a question, not a verdict.</div>"
        + "<h2>Summary</h2>" + _summary(found, codes)
        + "<h2>The text, marked</h2><p>Each finding is underlined in its own style and colour and "
          "followed by its code in brackets, so the marks read without colour; overlapping findings "
          "stack. The plain-text version below the text writes each mark as [words]{CODE}.</p>"
        + marked.data
        + "<h2>Who speaks: voice share</h2>" + _voices(art)
        + "<h2>Each finder's rows</h2>" + _tables(found, codes)
        + '<footer><p class="none">Made with <code>python -m medialit report</code> (media-literacy course '
          "kit). Works offline; no JavaScript.</p></footer></body></html>\n")


def notes(art: Article) -> list[str]:
    """Warnings about how the text was read (the report is still written)."""
    roles = art.paragraphs.role
    if (roles != "nav").sum() == 1:
        return ["the text has no blank line between paragraphs, so all of it is read as the headline. "
                "Put a blank line after the headline and between paragraphs for a better report."]
    if (roles == "body").sum() == 0:
        return ["no body paragraph was found (only a headline, standfirst or subheadings); check the "
                "blank lines between paragraphs."]
    return []


def _check_writable(out: Path) -> None:
    """Raise OSError when `out` is a folder or a file stands where a folder of its path must be."""
    if out.is_dir():
        raise IsADirectoryError(21, "it is a folder; give a file name such as report.html", str(out))
    folder = out.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(20, "a file stands where a folder of the path should be", str(folder))


def write_report(source: str | Path, out: str | Path) -> tuple[Article, dict[str, int]]:
    """Read the article at `source`, write its report to `out`; returns (article, counts).

    Raises ArticleError for input that is not an article and OSError when `out` cannot be written.
    """
    out = Path(out)
    _check_writable(out)  # before the analysis: a wrong --out is told at once
    art = read_article(source)
    found = findings(art)
    page = report_html(art, _resolve(source).name, found)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page.encode("utf-8"))
    return art, {label: len(df) for label, df in found.items()}
