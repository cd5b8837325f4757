"""Two figures the lessons draw in one call: who speaks about whom (04), and a dated timeline (05).

>>> import medialit as ml
>>> art = ml.load_article()
>>> links = mention_links(art, {"US": r"\\bUS\\b|United States", "Russia": r"\\bAntonov\\b|\\bRussia\\b"})
>>> links.columns.tolist()
['voice', 'actor', 'n']
>>> fig = speaks_about(links, takeaway="The US is spoken about; it never speaks.")
"""
from __future__ import annotations

import re
import textwrap

import pandas as pd

from .display import COLOURS, figure
from .sourcing import voice_words

OUTLET = "the outlet"
ARROW = {"arrowstyle": "-|>", "color": "#555555", "shrinkA": 2, "shrinkB": 2}


def _actor_of(name: str, actors: dict[str, str]) -> str:
    """The actor whose pattern matches `name` (a speaker), else `name` itself."""
    for actor, pattern in actors.items():
        if re.search(pattern, name):
            return actor
    return name


def mention_links(art, actors: dict[str, str], outlet: str | None = None,
                  roles=("headline", "standfirst", "subheading", "body")) -> pd.DataFrame:
    """How often each voice mentions each actor: one row per (voice, actor), with the count `n`.

    `actors` maps an actor's name to a regular expression for the words the text uses for it.
    A mention inside a quotation or paraphrase is in its speaker's voice (named as the actor
    that speaker belongs to); any other is in the outlet's voice (`outlet`, by default the
    article's outlet). A voice mentioning itself is left out.

    >>> links = mention_links('"The council lied," Quayle said.', {"council": "council", "traders": "Quayle"})
    >>> links.values.tolist()
    [['traders', 'council', 1], ['the outlet', 'traders', 1]]
    """
    words = voice_words(art, roles=roles)
    named = getattr(art, "outlet", None)
    outlet = outlet or (f"{named} (outlet)" if named else OUTLET)
    voice_at = dict(zip(words.start, words.speaker.fillna(outlet)))
    text = getattr(art, "text", art)
    rows = []
    for actor, pattern in actors.items():
        for m in re.finditer(pattern, text):
            if m.start() in voice_at:
                rows.append((_actor_of(voice_at[m.start()], actors), actor))
    found = pd.DataFrame(rows, columns=["voice", "actor"])
    links = found.groupby(["voice", "actor"], sort=False).size().rename("n").reset_index()
    return links[links.voice != links.actor].reset_index(drop=True)


def _box(ax, xy, text, dashed: bool):
    style = {"boxstyle": "round", "fc": "white", "ls": "--" if dashed else "-", "lw": 1.5}
    return ax.text(*xy, text, ha="center", va="center", fontsize=9, bbox=style)


def speaks_about(links: pd.DataFrame, *, title: str = "Who speaks about whom",
                 takeaway: str = ""):
    """A map of `links` (columns voice, actor, n): voices on the left, actors on the right.

    An arrow goes from a voice to each actor it mentions, as thick as the count. The counts are
    written inside each actor's box ("mentioned by Russia 13 · TASS 1"), never on the arrows, so
    no number sits where arrows cross. Actors who are not voices have a dashed frame on the
    right: they never speak. A voice spoken about by another voice gets a vertical arrow.

    >>> links = pd.DataFrame({"voice": ["A", "A"], "actor": ["B", "C"], "n": [3, 1]})
    >>> len(speaks_about(links, takeaway="A speaks; B and C do not.").axes)
    1
    """
    voices = list(dict.fromkeys(links.voice))
    totals = links.groupby("actor", sort=False).n.sum().sort_values(ascending=False)
    actors = [a for a in totals.index if a not in voices]
    fig, ax = figure(title, xlabel="who speaks  →  who is spoken about (mentions)", ylabel="",
                     takeaway=takeaway, figsize=(8, 1.2 + 0.75 * max(len(actors), len(voices))))
    ax.set(xlim=(0, 1), ylim=(0, 1), xticks=[], yticks=[])
    ax.grid(False)

    def spread(names, i):
        return 0.5 if len(names) == 1 else 0.92 - 0.84 * i / (len(names) - 1)

    def label(name):
        rows = links[links.actor == name]
        counts = " · ".join(f"{v.split(' (')[0]} {n}" for v, n in zip(rows.voice, rows.n))
        wrapped = textwrap.fill(name, 24)
        return f"{wrapped}\nmentioned by {counts}" if counts else wrapped

    boxes = {}
    for i, v in enumerate(voices):
        boxes[v] = _box(ax, (0.2, spread(voices, i)), label(v), dashed=False)
    for i, a in enumerate(actors):
        boxes[a] = _box(ax, (0.78, spread(actors, i)), label(a), dashed=True)
    for row in links.itertuples(index=False):
        down = row.actor in voices  # a voice speaking about another voice: a vertical arrow
        ends = ((0.5, 1), (0.5, 0)) if down else ((0, 0.5), (1, 0.5))
        ax.annotate("", ends[0], xycoords=boxes[row.actor], xytext=ends[1],
                    textcoords=boxes[row.voice], arrowprops=ARROW | {"lw": 0.5 + row.n / 3})
    return fig


STATUS_STYLE = {
    "verified": {"marker": "o", "s": 80, "color": COLOURS["blue"]},
    "claim": {"marker": "^", "s": 120, "color": COLOURS["vermillion"]},
}


def timeline(events: pd.DataFrame, *, title: str, takeaway: str, label: str = "label"):
    """Dated events as separate marks, one row each: no line joins them (events are not a series).

    `events` needs columns `date`, `status` ("verified" or "claim") and `label` (or the column
    named by `label`). Verified events are circles and claims triangles, so shape, not colour
    alone, tells them apart; the legend lists only the statuses drawn, with their counts.

    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2016-02-27", "2016-10-07"]),
    ...                    "status": ["verified", "verified"], "label": ["truce", "article"]})
    >>> fig = timeline(ev, title="2016", takeaway="Two verified events.")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['verified (2)']
    """
    import matplotlib.dates as mdates

    events = events.sort_values("date", kind="stable").reset_index(drop=True)
    fig, ax = figure(title, xlabel=f"date ({events.date.dt.year.min()})", ylabel="event",
                     takeaway=takeaway, figsize=(9, 1.2 + 0.38 * len(events)))
    for status, rows in events.groupby("status", sort=False):
        ax.scatter(rows.date, rows.index, edgecolor="black", zorder=3,
                   label=f"{status} ({len(rows)})", **STATUS_STYLE.get(status, {"marker": "s"}))
    ax.set_yticks(events.index, events[label])
    ax.invert_yaxis()
    ax.legend(loc="upper right")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    return fig
