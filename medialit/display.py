"""How the kit shows things: the plot style, figures with a takeaway, the article as HTML.

>>> use_style()
>>> fig, ax = figure("Words per paragraph", xlabel="paragraph", ylabel="words",
...                  takeaway="The body holds most of the words.")
"""
from __future__ import annotations

import html

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


def show_table(df, index: bool = False) -> HTML:
    """A table shown whole: no cut-off text, no index column (unless asked)."""
    return HTML(df.to_html(index=index, escape=True, border=0, na_rep="", justify="left"))


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
