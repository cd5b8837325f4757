"""Speed code, kept apart from the rules so that framing.py and the sourcing modules read as rules.

Each function here gives the same answer as a plain rule in framing.py, found faster; the tests
compare the fast and the plain way.

>>> term_spans("regime", "The Regime fell.", "the regime fell.")
[(4, 10)]
"""
from __future__ import annotations

import bisect
import gc
import re
from contextlib import contextmanager
from functools import lru_cache

from . import lexicons as _rules  # term_pattern and the quote marks: the rules this code speeds up


def _term_pattern(term: str) -> str:
    return _rules.term_pattern(term)


def term_spans(term: str, text: str, lower: str | None) -> list[tuple[int, int]]:
    """The spans `re.finditer(_term_pattern(term), text, re.I)` gives, found faster when `lower`
    (`lower_same_offsets(text)`) is there: from the term's first letters, or, for a term that
    starts with `*`, from the letters after it. A test compares the fast and the plain way."""
    if lower is not None:
        if fast := _literal_first(term):
            return [(_with_opening_quote(text, m.start()), m.end()) for m in fast.finditer(lower)]
        if literal := _literal_after_wildcard(term):
            return _spans_around(term, text, lower, literal)
    return [(m.start(), m.end()) for m in _full_pattern(term).finditer(text)]


@lru_cache(maxsize=1024)
def _full_pattern(term: str) -> re.Pattern:
    return re.compile(_term_pattern(term), re.I)


def _literal_after_wildcard(term: str) -> str | None:
    """'-controlled' for '*-controlled opposition': the letters after a leading `*`, lower case."""
    m = re.match(r"\*([^*\s]+)", term.lower())
    return m.group(1) if m else None


_WORD_CHAR = re.compile(r"\w")


def _spans_around(term: str, text: str, lower: str, literal: str) -> list[tuple[int, int]]:
    """Matches of a term that starts with `*`, found from each place its `literal` occurs.

    The `\\w*` the `*` stands for is the run of letters just before the literal, so a match can
    only begin where that run begins, or one character earlier at an opening quote mark: the full
    pattern is tried there, left to right, as `finditer` would.
    """
    full, spans, end, at = _full_pattern(term), [], 0, lower.find(literal)
    while at >= 0:
        start = at
        while start > 0 and _WORD_CHAR.match(text, start - 1):
            start -= 1
        for candidate in (start - 1, start):
            if candidate >= max(end, 0) and (m := full.match(text, candidate)):
                spans.append((m.start(), m.end()))
                end = m.end()
                break
        at = lower.find(literal, at + 1)
    return spans


@lru_cache(maxsize=1024)
def _literal_first(term: str):
    """`_term_pattern(term)` rewritten to start with the term's first letters, for lower-cased text.

    The same matches, found much faster: a pattern that starts with a literal lets the regular
    expression engine skip ahead to where those letters occur (`term_pattern` starts with a
    look-behind and an optional quote mark, so it is tried at every character). The leading
    quote mark is added back by `_with_opening_quote`. None when the term starts with `*`.
    """
    pattern = _term_pattern(term.lower())
    head = r"(?<![\w-])" + f"[{_rules.QUOTE_CHARS}]?"
    literal = re.match(r"[^*\-\s]+", term.lower())
    if not literal or not pattern.startswith(head):
        return None
    lit = re.escape(literal.group())
    rest = pattern[len(head):]
    if not rest.startswith(lit):
        return None
    return re.compile(lit + r"(?<![\w-]" + lit + ")" + rest[len(lit):])


def _with_opening_quote(text: str, s: int) -> int:
    """Start a match one character earlier when a quote mark opens it, as `term_pattern` would."""
    if s > 0 and text[s - 1] in _rules.QUOTE_CHARS and (s == 1 or not re.match(r"[\w-]", text[s - 2])):
        return s - 1
    return s


class Spans:
    """Characters of a text already taken by a finding: marking and testing cost the span's length,
    whatever the number of findings and wherever they fall (a sorted list costs an insertion).

    >>> taken = Spans(10); taken.add(2, 5); taken.overlaps(4, 8), taken.overlaps(5, 8), taken.contains(2)
    (True, False, True)
    """

    def __init__(self, length: int):
        self.mask = bytearray(length)

    def overlaps(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) != -1

    def contains(self, pos: int) -> bool:
        return 0 <= pos < len(self.mask) and self.mask[pos] == 1

    def add(self, s: int, e: int) -> None:
        self.mask[s:e] = b"\x01" * (e - s)


def in_paragraphs(pattern: re.Pattern, text: str, paragraphs: list[tuple[int, int]]):
    """`(p, match)` for each match of `pattern` inside one of `paragraphs` (sorted spans), the same
    as `pattern.finditer(text, p0, p1)` paragraph by paragraph, found in one pass over their stretch
    of text (one call into the regular expression engine, not one a paragraph).

    >>> [(p, m.group()) for p, m in in_paragraphs(re.compile(r"said"), "A said.\\n\\nB said.", [(0, 7), (9, 16)])]
    [(0, 'said'), (1, 'said')]
    """
    if not paragraphs:
        return
    starts = [p0 for p0, _ in paragraphs]
    for m in pattern.finditer(text, paragraphs[0][0], paragraphs[-1][1]):
        p = bisect.bisect_right(starts, m.start()) - 1
        if p >= 0 and m.end() <= paragraphs[p][1]:
            yield p, m


def around_literal(pattern: re.Pattern, literal: str, back: int, text: str, paragraphs: list[tuple[int, int]]):
    """`in_paragraphs(pattern, text, paragraphs)` for a pattern whose every match holds `literal`
    and starts at most `back` characters before it ('To hear ...', 'As one resident put it'): the
    literal is found by `str.find` (fast), and the pattern is tried only around it, not at every
    letter of the text.

    >>> pat = re.compile(r"\\b[Aa]s\\s+(?P<who>\\w+(?:\\s+\\w+)?)\\s+put\\s+it")
    >>> [(p, m.group("who")) for p, m in around_literal(pat, "put", 40, "As one resident put it, no.", [(0, 27)])]
    [(0, 'one resident')]
    """
    done = -1  # matches do not overlap: the end of the last one
    for p, (p0, p1) in enumerate(paragraphs):
        at = text.find(literal, p0, p1)
        while at != -1:
            m = pattern.search(text, max(p0, at - back, done), min(p1, at + len(literal) + 200))
            if m and m.start() <= at and m.end() <= p1:
                yield p, m
                done = m.end()
            at = text.find(literal, max(at + 1, done), p1)


@contextmanager
def gc_paused():
    """Python's cycle collector held off while a finder builds its many small dicts and lists:
    each collection would walk every object alive, so on a long text they cost ~10% of the time
    and more the longer the text. Nothing it would free is lost: it runs again afterwards.

    >>> with gc_paused(): gc.isenabled()
    False
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
