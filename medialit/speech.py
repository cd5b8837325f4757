"""Which quoted stretches are speech, and whose: a quotation is speech when it is long, a whole
sentence, or has a tag beside it or in its sentence; it takes the tag beside it, else the one it
continues, else the nearest one in its paragraph. Short quoted words no one is reported as saying
are scare quotes (medialit.framing counts them).

>>> t = 'Ann Lee said the plan was "a farce". The "reforms" stalled.'
>>> tags = _find_tags(t, [(0, len(t))], lambda pos: False)
>>> [_speech(t, s, e, c, p, tags, False) is not None for s, e, c, p in _marks(t, [(0, len(t))])[0]]
[True, False]
"""
from __future__ import annotations

import bisect
import re

from .article import paragraph_spans
from .lexicons import FIRST_NAMES
from .text import fewer_words, quotation_marks, words
from .speakers import _SENTENCE_BREAK, _SENTENCE_OPENING
from .speech_tags import _find_tags

MIN_QUOTE_WORDS = 5


# --- quotation marks: medialit/text.py scans them (one scanner, shared with framing) ----------
def _inner(text: str, s: int, e: int, closed: bool) -> tuple[int, int]:
    a, b = s + 1, e - 1 if closed else e
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


# after a quotation, one aside may stand before the tag: '"We had no warning," a teacher, Maria Gonzalez, said'
_BETWEEN_AFTER = re.compile(r"[\s,:—–\-]*(?:(?:a|an|the|one|another)\s[^.,;:!?\"“”]{1,40},\s*)?")
_BETWEEN = re.compile(r"[\s,:—–\-]*")  # not ';': '"madness"; the newsletter branded' is two clauses


def _inside(spans: list[tuple[int, int]]):
    """A test `pos -> bool`: is `pos` strictly inside one of `spans`? (binary search, not a scan)"""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]

    def inside(pos: int) -> bool:
        k = bisect.bisect_left(starts, pos) - 1
        return k >= 0 and pos < merged[k][1]
    return inside


def _marks(text: str, paragraphs) -> tuple[list[tuple], object]:
    """Every quoted stretch (s, e, closed, paragraph) that is not inside another, speech or not,
    from the kit's one quotation-mark scanner (`text.quotation_marks`, which framing reads too),
    and a test `pos -> bool` for 'inside one of them': attributions inside quotation marks are
    the speaker's words, not tags. `paragraphs` (spans) says which paragraphs to read: p is the
    index of a quotation's paragraph in that list."""
    starts = [p0 for p0, _ in paragraphs]
    if len(paragraphs) == 1:
        p0, p1 = paragraphs[0]
        found = [(q, p0) for q in quotation_marks(text[p0:p1])]  # one paragraph: read it alone
    else:
        found = [(q, 0) for q in quotation_marks(text)]
    marked = []
    for q, shift in found:
        if q.depth == 0:
            p = bisect.bisect_right(starts, q.open + shift) - 1
            if p >= 0 and q.open + shift < paragraphs[p][1]:
                s0 = q.open + shift
                marked.append((s0, q.close + shift + 1 if q.closed else q.close + shift, q.closed, p))
    return marked, _inside([(s, e) for s, e, _, _ in marked])


def _speech(text: str, s: int, e: int, closed: bool, p: int, near: list[dict], headline: bool) -> dict | None:
    """The quotation between marks s and e (paragraph p, tags `near`) if it is speech: long, a whole
    sentence, or with a tag beside it or in its clause; else None (a scare quote)."""
    a, b = _inner(text, s, e, closed)
    if a >= b:
        return None
    after = next((t for t in near if t["start"] >= e and _BETWEEN_AFTER.fullmatch(text[e:t["start"]])
                  and not (text[b - 1:b] == "." and text[t["start"]].isupper())), None)  # '"…." The union said'
    before = next((t for t in reversed(near) if t["end"] <= s and _BETWEEN.fullmatch(text[t["end"]:s])), None)
    sentence_like = text[a].isupper() and text[b - 1] in ".?!…"   # '"There are no craters."'
    short = fewer_words(text, MIN_QUOTE_WORDS, a, b)
    partial = None if before else _partial_tag(text, s, near)  # 'she said the trust had been "warned"'
    if partial and (not after or (short and _clause_tag(text, s, partial))):
        before, after = partial, None  # 'residents reported hearing "a bang", the council said'
    if not (after or before or sentence_like or headline) and short:
        before = _speaker_of_sentence_before(text, s, near, short=True)  # 'Cllr Ann Lee spoke. Critics were "zealots".'
    if not (after or before or sentence_like or headline) and short:
        return None
    return {"quote": text[a:b], "start": a, "end": b, "open": s, "close": e, "closed": closed,
            "paragraph": p, "att": after or before,
            "tentative": headline and short and not (after or before or sentence_like)}
ECHO_REACH = 25  # paragraphs either side in which a short quotation's words are looked for again


def _said_again(text: str, s: int, e: int, marked: list[tuple], k: int) -> tuple | None:
    """The long quotation (a speaker's words) that holds again the words of the short quotation
    `marked[k]` (two words or more), within ECHO_REACH paragraphs: a quote headline, a standfirst
    or a pull quote repeating the body ('The garden just vanished': ... "The garden just vanished.
    We had a shed...," said Anna Kowal). None when there is none.

    >>> t = '"Not again": floods return\\n\\n"Not again. We only just dried out," said Jo Hill.'
    >>> m, _ = _marks(t, paragraph_spans(t)); _said_again(t, *m[0][:2], m, 0)[0] == m[1][0]
    True
    """
    a, b = _inner(text, s, e, True)
    phrase = _plain_words(text[a:b])
    if phrase.count(" ") < 1:
        return None
    p = marked[k][3]
    for other in marked[max(0, k - 3 * ECHO_REACH):k + 3 * ECHO_REACH]:
        if other[0] != s and abs(other[3] - p) <= ECHO_REACH:
            oa, ob = _inner(text, other[0], other[1], other[2])
            if not fewer_words(text, MIN_QUOTE_WORDS, oa, ob) and f" {phrase} " in f" {_plain_words(text[oa:ob])} ":
                return other
    return None


def _plain_words(s: str) -> str:
    """Lower-case words and single spaces: 'The garden, just vanished.' -> 'the garden just vanished'."""
    return " ".join(words(s.lower()))


def _partial_tag(text: str, open_at: int, tags: list[dict]) -> dict | None:
    """The tag a short quotation is a partial quotation of: earlier in its sentence, at most eight
    words and no comma before it ('called the delay "a scandal"', 'urged both camps to "stop"'),
    or a tag that opens the sentence and ends at a comma, which governs all of it ('To hear the
    campaigners, anyone who objects is a "dinosaur"'; 'According to Ms Lee, it was "a farce"').

    >>> t = 'To hear the campaigners, anyone who objects is a "dinosaur".'
    >>> _partial_tag(t, t.index('"'), _find_tags(t, [(0, len(t))], lambda pos: False))["speaker"]
    'the campaigners'
    """
    earlier = [t for t in tags if t["end"] <= open_at]
    if not earlier:
        return None
    tag = earlier[-1]
    gap = text[tag["end"]:open_at]
    if _SENTENCE_BREAK.search(text[tag["end"]:open_at + 1]):
        return None
    if _fronted(text, tag) and len(gap.split()) <= 15:
        return tag
    if _opens_sentence(text, tag) and len(gap.split()) <= 40:
        return tag  # 'Campaigners say babies were harmed after warnings were "ignored for years"'
    return tag if _clause_tag(text, open_at, tag) else None


def _clause_tag(text: str, open_at: int, tag: dict) -> bool:
    """Is `tag` in the quotation's own clause: at most eight words before it, no comma between?"""
    gap = text[tag["end"]:open_at]
    return "," not in gap.replace(',"', "").replace(",”", "") and len(gap.split()) <= 8


def _opens_sentence(text: str, tag: dict) -> bool:
    """Does the tag's speaker open its sentence (perhaps after a short phrase: 'In a statement,
    the company said'), its verb followed by the reported clause ('Campaigners say at least 11
    babies...', not 'Smith said on Monday, ...')?"""
    if tag.get("verb") is None or text.startswith(",", tag["end"]):
        return False
    if _SENTENCE_OPENING.search(text, max(0, tag["start"] - 8), tag["start"]):
        return tag["speaker"][:1].isupper()
    return _AFTER_FRONTED.search(text, max(0, tag["start"] - 70), tag["start"]) is not None


# a short phrase that opens the sentence before its subject: 'In a statement, the company said ...'
_AFTER_FRONTED = re.compile(r"(?:^|[.!?…][\"”’']?\s+|\n)[A-Z][^,.;:!?\"“”‘’\n]{0,60},\s+$")


_PERSON_OPENS = re.compile(
    r"(?:(?P<title>Cllr|Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame|Lord|Lady|Rev|Gen|Col|Capt|Sen|Rep|Gov)\.?\s+)?"
    r"(?P<name>[A-Z][a-z][\w’'\-]*(?:[^\S\n]+[A-Z][a-z][\w’'\-]*)+)(?P<after>,\s+(?:who\b|\d|an?\s|the\s))?")


def _speaker_of_sentence_before(text: str, open_at: int, tags: list[dict], short: bool = False) -> dict | None:
    """The speaker the sentence before an untagged quotation gives it, in its paragraph: that
    sentence's tag (among `tags`), or the person who opens it ('Cllr Ian Threlfall, who ..., led
    the opposition. Supporters were "zealots".'): a title, a listed first name or an aside (', who',
    ', 41,', ', a nurse') shows it is a person. None when the quotation opens its paragraph. A short
    quotation is speech by this rule only through a person whose sentence has no tag (a tag in
    the sentence before reported its words already: 'Rebels say the corridor is a trap. The
    'truce' failed.' and 'Ann Lee said it was late. The 'reforms' stalled.' are scare quotes).

    >>> t = 'Ms Jo Hart, who led the protest, spoke first. Her opponents were "cranks".'
    >>> _speaker_of_sentence_before(t, t.index('"'), [])["speaker"]
    'Ms Jo Hart'
    """
    p0 = text.rfind("\n", 0, open_at) + 1
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, p0, open_at)]
    if not breaks:
        return None
    s0, s1 = (breaks[-2] if len(breaks) > 1 else p0), breaks[-1]
    earlier = [t for t in tags if s0 <= t["start"] < s1 and t.get("verb")]
    if earlier:
        return None if short else earlier[-1]
    m = _PERSON_OPENS.match(text, s0, s1)
    if not m or not (m.group("title") or m.group("after") or m.group("name").split()[0] in FIRST_NAMES):
        return None
    who = text[m.start():m.end("name")]
    return {"speaker": who, "resolved": who, "verb": None, "start": -1, "end": -1}


def _fronted(text: str, tag: dict) -> bool:
    """Does the tag open its sentence and end at a comma ('According to X, ...', 'To hear X, ...')?"""
    return text.startswith(",", tag["end"]) and bool(
        _SENTENCE_OPENING.search(text, max(0, tag["start"] - 8), tag["start"]))


def _link(text: str, quotes: list[dict], atts: list[dict], paragraphs) -> None:
    """Give each quotation the attribution it belongs to (see the module's docstring)."""
    by_par: dict[int, list[dict]] = {}
    for t in atts:
        by_par.setdefault(t["paragraph"], []).append(t)
    # a quotation left open at a paragraph's end continues in the next paragraph's first quotation
    for q, nxt in zip(quotes, quotes[1:]):
        if not q["closed"] and nxt["paragraph"] == q["paragraph"] + 1 and \
                nxt["open"] == paragraphs[nxt["paragraph"]][0]:
            q["next"], nxt["prev"] = nxt, q
    for q in reversed(quotes):  # a tag later in a continued quotation serves its beginning
        if q["att"] is None and q.get("next") and q["next"]["att"]:
            q["att"] = q["next"]["att"]
    quotes_by_par: dict[int, list[dict]] = {}
    for q in quotes:
        quotes_by_par.setdefault(q["paragraph"], []).append(q)
    previous = None
    for q in quotes:
        if q["att"] is None and q.get("prev"):
            q["att"] = q["prev"]["att"]
        if q["att"] is None and previous and previous["paragraph"] == q["paragraph"]:
            q["att"] = previous["att"]
        here = by_par.get(q["paragraph"], [])
        if q["att"] is None and here:
            before = [t for t in here if t["end"] <= q["open"]]
            later = [t for t in here if t["start"] >= q["close"]
                     and not _SENTENCE_BREAK.search(text, max(q["open"], q["close"] - 2), t["start"] + 1)]
            q["att"] = before[-1] if before else later[0] if later else None  # never a later sentence's
        p = q["paragraph"] - 1
        opens = q["open"] == paragraphs[q["paragraph"]][0]  # news style: an untagged paragraph
        if q["att"] is None and opens and p >= 0:            # of quotation continues the last speaker
            prior = [t for t in by_par.get(p, [])] + \
                    [pq["att"] for pq in quotes_by_par.get(p, []) if pq["att"]]
            if prior:
                q["att"] = max(prior, key=lambda t: t["start"])
        if q["att"] is None:
            q["att"] = _speaker_of_sentence_before(text, q["open"], here)
        previous = q


def _echo_in(text: str, paragraphs, p: int, s: int, e: int) -> bool:
    """Are the words of the short quotation at s..e said again in a long quotation near it
    (`_said_again`, reading only the paragraphs within ECHO_REACH)?"""
    lo, hi = max(0, p - ECHO_REACH), min(len(paragraphs), p + ECHO_REACH + 1)
    window = [(paragraphs[lo][0], paragraphs[hi - 1][1])]
    marked, _ = _marks(text, window)
    k = next((k for k, m in enumerate(marked) if m[0] == s), None)
    if k is None:
        return False
    shifted = [(ms, me, mc, mp + lo) for ms, me, mc, mp in marked]
    return _said_again(text, s, e, shifted, k) is not None


def _continues(text: str, q: dict, marked, near) -> bool:
    """Does `_link` give the short sentence-like quotation `q` a speaker (an earlier tag in its
    paragraph, or a paragraph-opening quotation after an open one)?"""
    return any(t["end"] <= q["open"] for t in near) or any(
        t["start"] >= q["close"] and not _SENTENCE_BREAK.search(text, max(q["open"], q["close"] - 2), t["start"] + 1)
        for t in near)
