"""How the kit shows things: the plot style, figures with a takeaway, the article as HTML.

>>> use_style()
>>> fig, ax = figure("Words per paragraph", xlabel="paragraph", ylabel="words",
...                  takeaway="The body holds most of the words.")
"""
from __future__ import annotations

import html

import pandas as pd

import matplotlib as mpl
import matplotlib.pyplot as plt
from IPython.display import HTML

# Okabe & Ito (2008), a palette that stays distinct for the common kinds of colour blindness.
COLOURS = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000",
}
PALETTE = [COLOURS[c] for c in ("blue", "orange", "bluish green", "vermillion",
                                "reddish purple", "sky blue", "yellow", "black")]
# Hatches give a second signal, so a figure reads in grey print and without colour vision.
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]
ROLE_STYLE = {  # role: (colour, hatch)
    "nav": ("#999999", "xx"), "headline": (COLOURS["vermillion"], "//"),
    "standfirst": (COLOURS["orange"], ".."), "subheading": (COLOURS["reddish purple"], "\\\\"),
    "body": (COLOURS["blue"], ""),
}


def use_style() -> None:
    """Set the kit's plot style: colour-blind-safe colours, readable sizes, light grid."""
    mpl.rcParams.update({
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "figure.figsize": (8, 4.2), "figure.dpi": 100, "savefig.dpi": 100,
        "font.size": 11, "axes.titlesize": 13, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.alpha": 0.3, "legend.frameon": False,
        "svg.hashsalt": "medialit",
    })


def figure(title: str, *, xlabel: str, ylabel: str, takeaway: str, ncols: int = 1,
           figsize: tuple[float, float] | None = None):
    """A new figure with a title, labelled axes and a one-line takeaway printed under it.

    Returns (fig, ax), or (fig, axes) when ncols > 1 (then title and labels apply to each).
    """
    use_style()
    fig, axes = plt.subplots(1, ncols, figsize=figsize, layout="constrained")
    for ax in ([axes] if ncols == 1 else axes):
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    fig.text(0.01, -0.02, f"Takeaway: {takeaway}", ha="left", va="top", fontsize=11, style="italic")
    return fig, axes


ROLE_CSS = {
    "nav": "color:#666;font-size:0.85em;border-left:3px dotted #999;",
    "headline": "font-size:1.35em;font-weight:bold;border-left:6px double #D55E00;",
    "standfirst": "font-style:italic;border-left:4px dashed #E69F00;",
    "subheading": "font-weight:bold;font-variant:small-caps;border-left:4px dotted #CC79A7;",
    "body": "border-left:3px solid #0072B2;",
}


def role_bars(ax, paragraphs) -> None:
    """One horizontal bar per paragraph, as long as its `words`, coloured and hatched by role.

    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> ax = plt.figure().gca()
    >>> role_bars(ax, pd.DataFrame({"n": [1, 2], "role": ["headline", "body"], "words": [9, 40]}))
    >>> len(ax.patches)
    2
    """
    for role, (colour, hatch) in ROLE_STYLE.items():
        rows = paragraphs[paragraphs.role == role]
        if len(rows):
            ax.barh(rows.n, rows.words, color=colour, hatch=hatch, edgecolor="white", label=role)
    ax.invert_yaxis()
    ax.set_yticks(paragraphs.n)
    ax.legend(title="role")


VOICE_STYLE = {"quoted": (COLOURS["blue"], ""), "paraphrase": (COLOURS["orange"], "//"),
               "outlet": ("#999999", "..")}  # voice: (colour, hatch)


def voice_bars(ax, voices) -> None:
    """Stacked horizontal bars, one per paragraph of `ml.voice_share(...)`, split by voice.

    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> ax = plt.figure().gca()
    >>> voice_bars(ax, pd.DataFrame({"paragraph": [4, 5], "quoted": [10, 0],
    ...                              "paraphrase": [0, 12], "outlet": [3, 2]}))
    >>> len(ax.patches)
    6
    """
    left = pd.Series(0, index=voices.index)
    for voice, (colour, hatch) in VOICE_STYLE.items():
        ax.barh(voices.paragraph.astype(str), voices[voice], left=left, color=colour,
                hatch=hatch, edgecolor="white", label=voice)
        left = left + voices[voice]
    ax.invert_yaxis()
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))


def show_table(df, index: bool = False) -> HTML:
    """A table shown whole: no cut-off text, no index column unless asked; a *named* index (as
    `finder` in evaluation.table) labels the rows, so it is shown as the first column.

    >>> import pandas as pd
    >>> named = pd.DataFrame({"n": [1]}, index=pd.Index(["quotations"], name="finder"))
    >>> '<th style="text-align:left;">finder</th>' in show_table(named).data
    True
    """
    if not index and any(name is not None for name in df.index.names):
        df = df.reset_index()
    shown = df.astype(object).where(df.notna(), "")  # None, NaN and <NA> all shown as blanks
    table = shown.to_html(index=index, escape=True, border=0, na_rep="", justify="left")
    table = table.replace("<th>", '<th style="text-align:left;">')
    return HTML(table.replace("<td>", '<td style="text-align:left;vertical-align:top;">'))


def article_html(art, numbered: bool = True) -> str:
    """The article as HTML, each paragraph labelled with its number and role (no colour needed)."""
    rows = []
    for par in art.paragraphs.itertuples():
        label = f"¶{par.n} · {par.role}" if numbered else par.role
        rows.append(
            f'<div style="display:flex;gap:0.8em;margin:0.35em 0;">'
            f'<div style="flex:0 0 7.5em;font:0.78em monospace;color:#444;text-align:right;'
            f'padding-top:0.2em;">{html.escape(label)}</div>'
            f'<div style="{ROLE_CSS[par.role]}padding-left:0.6em;line-height:1.45;max-width:46em;">'
            f"{html.escape(par.text)}</div></div>")
    caption = html.escape(f"{art.outlet or 'Unknown outlet'}, {art.date or 'undated'} — {art.source}")
    return (f'<figure style="margin:0;"><figcaption style="font:0.85em sans-serif;color:#444;">'
            f"{caption}</figcaption>{''.join(rows)}</figure>")


def show_article(art, numbered: bool = True) -> HTML:
    """Display the article in a notebook: paragraphs with their number and role."""
    return HTML(article_html(art, numbered))


# --- highlight: spans of a text, marked and labelled (lesson 02) --------------------------
# Each label gets a colour AND an underline style AND a bracketed code after every span, so
# the marking reads in grey print, without colour vision, and in the plain-text version.
# Underlines are drawn as bottom borders: JupyterLab keeps `border-bottom` (CSS 2 values) in an
# untrusted notebook but strips `text-decoration` styles, colours and offsets.
UNDERLINES = ["solid", "double", "dotted", "dashed", "groove"]
UNDERLINE_WIDTH = {"solid": 2, "double": 4, "dotted": 3, "dashed": 3, "groove": 4}
HIGHLIGHT_COLOURS = [COLOURS[c] for c in ("vermillion", "blue", "bluish green", "reddish purple",
                                          "orange", "sky blue", "black")]


class Highlighted(HTML):
    """Highlighted text: HTML in a notebook; `str()` / `.plain` give the text version."""

    def __init__(self, html_text: str, plain: str):
        super().__init__(html_text)
        self.plain = plain

    def __repr__(self) -> str:
        return self.plain

    def __str__(self) -> str:
        return self.plain


def _span_list(spans, label) -> list[tuple[int, int, str]]:
    """(start, end, label) triples from a DataFrame, a list of tuples, or a dict {label: spans}."""
    if isinstance(spans, dict):
        out = []
        for name, part in spans.items():
            out += [(s, e, str(name)) for s, e, _ in _span_list(part, str(name))]
        return out
    if hasattr(spans, "columns"):  # a DataFrame
        if not {"start", "end"} <= set(spans.columns):
            raise ValueError("highlight: the table of spans needs the columns start and end.")
        labels = spans[label].astype(str) if label in spans.columns else [str(label)] * len(spans)
        return [(int(s), int(e), lab) for s, e, lab in zip(spans["start"], spans["end"], labels)]
    out = []
    for item in spans:
        if len(item) not in (2, 3):
            raise ValueError("highlight: give spans as (start, end) or (start, end, label).")
        out.append((int(item[0]), int(item[1]), str(item[2]) if len(item) == 3 else str(label)))
    return out


def _codes(labels: list[str]) -> dict[str, str]:
    """A short code for each label: initials in capitals (scare quote → SQ), made unique."""
    codes: dict[str, str] = {}
    for lab in labels:
        initials = "".join(w[0] for w in lab.replace("/", " ").replace("-", " ").split() if w[0].isalnum())
        code = (initials.upper() or "X")[:3]
        if len(code) == 1 and len(lab) > 1:
            code = lab[:2].upper()
        base, k = code, 2
        while code in codes.values():
            code, k = f"{base}{k}", k + 1
        codes[lab] = code
    return codes


def highlight(text, spans, label: str = "highlight", *, title: str | None = None) -> Highlighted:
    """The text with `spans` marked: underline style, colour and a bracketed code for each label.

    text  : a str, or an Article (then its `.text`)
    spans : a DataFrame with start and end (the finders' tables); a list of (start, end) or
            (start, end, label); or a dict {label: spans} to show several kinds at once.
    label : for a DataFrame, the name of a column that holds each span's label (e.g. "category"),
            or else the one label of every span.
    Overlapping spans are all shown (underlines stack). A legend lists each label with its code,
    style and count; below it, a text version with [marked words]{CODE} (also `str(result)`).
    """
    text = getattr(text, "text", text)
    items = [(s, e, lab) for s, e, lab in _span_list(spans, label) if 0 <= s < e <= len(text)]
    labels = list(dict.fromkeys(lab for _, _, lab in items))  # in the order given
    codes = _codes(labels)
    style = {lab: (HIGHLIGHT_COLOURS[i % len(HIGHLIGHT_COLOURS)], UNDERLINES[i % len(UNDERLINES)],
                   0.05 + 0.3 * (i % 4)) for i, lab in enumerate(labels)}
    ends: dict[int, list] = {}
    starts: dict[int, list] = {}
    for k, (s, e, lab) in enumerate(sorted(items)):
        starts.setdefault(s, []).append((e, k, lab))
        ends.setdefault(e, []).append((s, k, lab))
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[int, str] = {}
    parts, plain = [], []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for s, k, lab in sorted(ends.get(a, []), key=lambda t: -t[0]):
            active.pop(k, None)
            sup = f"[{codes[lab]}]"
            parts.append(f'<sup style="font:bold 0.7em monospace;color:#222;">{sup}</sup>')
            plain.append("]{" + codes[lab] + "}")
        for e, k, lab in sorted(starts.get(a, []), key=lambda t: -t[0]):
            active[k] = lab
            plain.append("[")
        if b is None:
            break
        chunk = html.escape(text[a:b])
        for k in sorted(active):
            colour, line, offset = style[active[k]]
            chunk = (f'<span title="{html.escape(active[k])}" style="border-bottom:'
                     f'{UNDERLINE_WIDTH[line]}px {line} {colour};padding-bottom:{offset:.2f}em;">'
                     f"{chunk}</span>")
        if active:
            chunk = f'<span style="background:rgba(240,228,66,0.18);">{chunk}</span>'
        parts.append(chunk)
        plain.append(text[a:b])
    counts = {lab: sum(1 for *_, x in items if x == lab) for lab in labels}
    legend = "".join(
        f'<li style="margin:0.4em 0;"><span style="border-bottom:{UNDERLINE_WIDTH[style[lab][1]]}px '
        f'{style[lab][1]} {style[lab][0]};padding-bottom:0.1em;">'
        f'{html.escape(lab)}</span> <b style="font-family:monospace;">[{codes[lab]}]</b> — '
        f'{style[lab][1]} underline, {counts[lab]} span{"s" if counts[lab] != 1 else ""}</li>'
        for lab in labels) or "<li>nothing to mark</li>"
    plain_text = "".join(plain)
    key = "; ".join(f"{codes[lab]} = {lab} ({counts[lab]})" for lab in labels) or "nothing marked"
    head = f"<b>{html.escape(title)}</b>" if title else "<b>Key</b>"
    page = (f'<div style="font-family:sans-serif;">{head}<ul style="list-style:none;padding-left:0;'
            f'margin:0.3em 0 0.6em;">{legend}</ul>'
            f'<div style="white-space:pre-wrap;line-height:2.3;max-width:48em;border-left:3px solid '
            f'#999;padding-left:0.8em;">{"".join(parts)}</div>'
            f'<details style="margin-top:0.6em;"><summary>Text version (marks as [words]{{CODE}})</summary>'
            f'<pre style="white-space:pre-wrap;">{html.escape(key)}\n\n{html.escape(plain_text)}</pre>'
            f"</details></div>")
    return Highlighted(page, f"{title + chr(10) if title else ''}Key: {key}\n\n{plain_text}")
