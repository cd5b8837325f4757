"""How often the finders are right, on articles they were not written from (lesson 06).

>>> table("tuning").loc["numbers", "keyed"] > 0
True

The corpus (bench/corpus/README.md, read by `python bench/accuracy.py`) holds short articles written for the kit in several house
styles, each with a hand key. Each half is scored on its own: `tuning` is the half the finders
were adjusted on; `heldout` was written last and measured once, so its figures are the honest ones.
A half with no articles yet (its folder empty) gives a table of zeros with no precision or recall,
and no errors.

For each finder: precision (of the findings, the share that the key holds) and recall (of the
key's items, the share the finder found). A finding matches a key item when their spans overlap
(one to one, in text order). Speaker accuracy: of the key's quotations, the share whose `resolved`
speaker is the key's (a missed quotation counts as wrong). For numbers also: kind right and
approximate flag right, among the matched figures.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .article import Article
from .framing import passives, scare_quotes
from .numbers import numbers
from .sourcing import attributions, quotations

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"
HALVES = ("tuning", "heldout")


def load(half: str) -> list[dict]:
    """The articles of one half, each a dict: name, style, text and the key's lists."""
    out = []
    for path in sorted((CORPUS / half).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["name"] = path.stem
        data["text"] = data["text"].strip("\n") + "\n"
        out.append(data)
    return out


def locate(text: str, items: list[dict], field: str, name: str) -> list[tuple[int, int]]:
    """Spans of the key's items: each one's `field` found in `text` after the previous item's start."""
    spans, pos = [], 0
    for item in items:
        at = text.find(item[field], pos)
        if at < 0:
            raise ValueError(f"{name}: key item {item[field]!r} not found in the text after offset {pos}")
        spans.append((at, at + len(item[field])))
        pos = at + 1
    return spans


def match(found: list[tuple[int, int]], keyed: list[tuple[int, int]]) -> dict[int, int]:
    """Pairs {key index: finding index} of overlapping spans, each used once, in text order."""
    pairs, used = {}, set()
    for k, (ks, ke) in enumerate(keyed):
        for f, (fs, fe) in enumerate(found):
            if f not in used and fs < ke and ks < fe:
                pairs[k] = f
                used.add(f)
                break
    return pairs


def same_speaker(resolved, expected: str) -> bool:
    """Is `resolved` one of the key's speakers ('A|B': either), case and a leading 'the' aside?"""
    def norm(s) -> str:
        s = "" if not isinstance(s, str) or s == "nan" else s
        s = s.strip().lower().replace("’", "'")
        for det in ("the ", "a ", "an "):
            if s.startswith(det):
                s = s[len(det):]
        return s
    return norm(resolved) in {norm(e) for e in expected.split("|")}


def _paragraph(text: str, s: int, e: int) -> str:
    """The paragraph of `text` around the span s:e, on one line."""
    start = text.rfind("\n\n", 0, s)
    end = text.find("\n\n", e)
    return " ".join(text[start + 2 if start >= 0 else 0:end if end >= 0 else len(text)].split())


class Tally:
    """Counts for one finder: found, keyed, matched, and extra right/wrong counters."""

    def __init__(self):
        self.found = self.keyed = self.matched = 0
        self.extra: dict[str, list[int]] = {}
        self.misses: list[tuple] = []   # (article, span, its paragraph): in the key, not found
        self.alarms: list[tuple] = []   # found, not in the key
        self.wrong: list[str] = []      # found, but a speaker, agent, kind or flag is wrong

    def add(self, name, text, found, keyed, pairs):
        self.found += len(found)
        self.keyed += len(keyed)
        self.matched += len(pairs)
        hit = set(pairs.values())
        self.misses += [(name, text[s:e], _paragraph(text, s, e)) for k, (s, e) in enumerate(keyed)
                        if k not in pairs]
        self.alarms += [(name, text[s:e], _paragraph(text, s, e)) for f, (s, e) in enumerate(found)
                        if f not in hit]

    def count(self, label: str, right: bool):
        r = self.extra.setdefault(label, [0, 0])
        r[0] += bool(right)
        r[1] += 1

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.keyed if self.keyed else 1.0


def _matched(tally: "Tally", name: str, text: str, rows: pd.DataFrame, items: list, field: str) -> dict:
    """Match a finder's `rows` with the key's `items` (located by their `field`), add the result
    to `tally`, and return the pairs {key item: row}."""
    keyed = locate(text, items, field, name)
    found = list(zip(rows.start, rows.end))
    pairs = match(found, keyed)
    tally.add(name, text, found, keyed, pairs)
    return pairs


def score(articles: list[dict]) -> dict[str, "Tally"]:
    """A Tally per finder (and per extra measure) over `articles`."""
    t = {k: Tally() for k in ("quotations", "attributions", "scare_quotes", "passives", "numbers",
                              "roles")}
    for a in articles:
        text, name = a["text"], a["name"]
        art = Article(text)
        # quotations and their speakers
        q = quotations(art)
        pairs = _matched(t["quotations"], name, text, q, a["quotations"], "quote")
        for k, item in enumerate(a["quotations"]):
            ok = k in pairs and same_speaker(q.resolved.iloc[pairs[k]], item["speaker"])
            t["quotations"].count("speaker right", ok)
            if not ok:
                got = q.resolved.iloc[pairs[k]] if k in pairs else "(quotation missed)"
                t["quotations"].wrong.append(f"{name}: speaker of {item['quote'][:30]!r}: "
                                              f"{got!r}, key {item['speaker']!r}")
        # attributions: the key locates each tag by its verb
        at = attributions(art)
        pairs = _matched(t["attributions"], name, text, at, a["attributions"], "verb")
        for k, item in enumerate(a["attributions"]):
            if k in pairs:
                ok = same_speaker(at.resolved.iloc[pairs[k]], item["speaker"])
                t["attributions"].count("speaker right", ok)
                if not ok:
                    t["attributions"].wrong.append(
                        f"{name}: speaker of tag {item['verb']!r}: {at.resolved.iloc[pairs[k]]!r}"
                        f" (as written {at.speaker.iloc[pairs[k]]!r}), key {item['speaker']!r}")
        # scare quotes
        _matched(t["scare_quotes"], name, text, scare_quotes(art), a.get("scare_quotes", []), "phrase")
        # passives and their agents
        ps = passives(art)
        pairs = _matched(t["passives"], name, text, ps, a.get("passives", []), "phrase")
        for k, item in enumerate(a.get("passives", [])):
            if k in pairs:
                agent = ps.agent.iloc[pairs[k]]
                t["passives"].count("agent right", (agent or "") == item["agent"])
                if (agent or "") != item["agent"]:
                    t["passives"].wrong.append(f"{name}: agent of {item['phrase']!r}: {agent!r}, key {item['agent']!r}")
        # numbers: kind and approximate flag
        nb = numbers(art)
        pairs = _matched(t["numbers"], name, text, nb, a["numbers"], "raw")
        for k, item in enumerate(a["numbers"]):
            if k in pairs:
                row = nb.iloc[pairs[k]]
                t["numbers"].count("approximate right", bool(row.approximate) == item["approximate"])
                if bool(row.approximate) != item["approximate"]:
                    t["numbers"].wrong.append(f"{name}: approximate of {item['raw']!r}: {row.approximate}")
                if item["kind"]:
                    t["numbers"].count("kind right", row.kind == item["kind"])
                    if row.kind != item["kind"]:
                        t["numbers"].wrong.append(f"{name}: kind of {item['raw']!r}: {row.kind}, key {item['kind']}")
        # paragraph roles
        roles = [str(r) for r in art.paragraphs.role]
        if len(roles) != len(a["roles"]):
            t["roles"].wrong.append(f"{name}: {len(roles)} paragraphs, key {len(a['roles'])}")
        for n, (got, want) in enumerate(zip(roles, a["roles"]), start=1):
            t["roles"].count("role right", got == want)
            if got != want:
                t["roles"].wrong.append(f"{name}: paragraph {n} is {got}, key {want}")
    return t


def table(half_or_tallies) -> pd.DataFrame:
    """One row per finder: found, keyed, precision, recall, and the extra measures, for a half of
    the corpus ("tuning" or "heldout") or for tallies from `score`."""
    tallies = scored(half_or_tallies) if isinstance(half_or_tallies, str) else half_or_tallies
    rows = []
    for name, t in tallies.items():
        row = {"finder": name}
        if name != "roles" and (t.found or t.keyed):
            row.update(found=t.found, keyed=t.keyed, precision=round(t.precision, 3),
                       recall=round(t.recall, 3))
        elif name != "roles":  # nothing keyed and nothing found (an empty half): nothing measured
            row.update(found=0, keyed=0, precision="", recall="")
        else:  # paragraph roles are judged one by one: no precision or recall
            row.update(found="", keyed="", precision="", recall="")
        for label, (right, n) in t.extra.items():
            row[label] = f"{right}/{n} = {right / n:.3f}" if n else "-"
        rows.append(row)
    return pd.DataFrame(rows).set_index("finder").astype(object).fillna("")


@lru_cache(maxsize=2)
def scored(half: str) -> dict[str, "Tally"]:
    """`score(load(half))`, kept: the corpus does not change while the kit runs."""
    return score(load(half))


def errors(half: str) -> pd.DataFrame:
    """Every miss and false alarm of one half: finder, error ("miss" or "false alarm"), article,
    span, paragraph (where it stands).

    A miss is in the hand key and not found; a false alarm is found and not in the key.
    """
    rows = []
    for finder, t in scored(half).items():
        rows += [(finder, "miss", *row) for row in t.misses]
        rows += [(finder, "false alarm", *row) for row in t.alarms]
    return pd.DataFrame(rows, columns=["finder", "error", "article", "span", "paragraph"])


