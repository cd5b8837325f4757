"""Speed code for numbers.py, kept apart from its rules: where in a text a figure can begin.

A pattern that opens with twenty number words under IGNORECASE is tried by the regular
expression engine at every character of the text: that was most of `numbers()`'s time. Here
the places where a figure can begin (digits, number words, month names, currency signs) are
found once, with quick patterns, and each of numbers.py's patterns is matched there only. The
matches are the same as `rx.finditer(text)` gives (`fast=False` runs that instead, and
tests/test_numbers.py compares the two on random soups of figures).

>>> scan = Scan("Two of 3 died; three times.", numberish(["two", "three"]), re.compile("May"))
>>> scan.words, scan.runs, [m.group() for m in scan.finditer(re.compile(r"three times"), "words")]
([0, 15], [7], ['three times'])
"""
from __future__ import annotations

import re
from functools import cached_property

from .text import any_of, lower_same_offsets

_RUN = re.compile(r"\d+")
_SYMBOL = re.compile(r"[$£€¥₽]")


def numberish(words) -> tuple[re.Pattern, re.Pattern]:
    """Patterns (for lower-case text, and for any case) of the starts of `words` and of 'a' before
    a space ('a dozen', 'a third')."""
    rx = r"\b(?:" + any_of(words) + r"|a(?=[\s\u00a0]))"
    return re.compile(rx), re.compile(rx, re.I)


class Scan:
    """`rx.finditer(text)` for numbers.py's patterns, each tried only where a figure can begin.

    The places, by name (`starts` in `finditer`):
    - "digits": where a number can begin, even inside a run of digits ('234,567' in '1234,567');
      "runs": the first digit of each run of digits (and the end of a
      match inside one), enough for a pattern that opens with `\\b` or `\\d+` (a match that
      begins inside a run is then part of a match at its start; not for `\\d{1,3}(?:,\\d{3})+`,
      which can begin inside '1234,567');
    - "words": number words (`numberish`), in any case; "months": month names (`months`);
    - "symbols": currency signs, or the 'US' of 'US$';
    - "figures": digits and words; `figures_before(chars)`: runs followed by one of `chars`, and words.
    """

    def __init__(self, text: str, words: tuple[re.Pattern, re.Pattern], months: re.Pattern,
                 fast: bool = True):
        self.text, self.fast = text, fast
        self._words, self._months = words, months

    @cached_property
    def _runs(self) -> list[tuple[int, int]]:
        return [m.span() for m in _RUN.finditer(self.text)]

    @cached_property
    def digits(self) -> list[int]:
        """The runs' starts and, in a run longer than three digits before a comma, the last three
        digits' places: where `\\d{1,3},` can begin ('234,567' in '1234,567')."""
        t = self.text
        inside = [p for s, e in self._runs if e - s > 3 and t[e:e + 1] == "," for p in range(e - 3, e)]
        return sorted(self.runs + inside) if inside else self.runs

    @cached_property
    def runs(self) -> list[int]:
        return [s for s, _ in self._runs]

    def runs_before(self, chars: str | None, longest: int = 99) -> list[int]:
        """The starts of the runs of at most `longest` digits followed by one of `chars` (" " stands
        for any white space; None for any character): where a pattern that needs one of them
        right after its first run of digits can begin.

        >>> Scan("At 9:30 on 12 May, 2016-05-12", numberish([]), re.compile("May")).runs_before(":")
        [3]
        """
        space = chars is not None and " " in chars
        return [s for s, n, c in self._run_ends if n <= longest and (
            chars is None or c and (c in chars or space and c.isspace()))]

    def figures_before(self, chars: str) -> list[int]:
        """`runs_before(chars)` and the number words: where a pattern that opens with a number
        in digits or words, and needs one of `chars` after digits, can begin."""
        return sorted(self.runs_before(chars) + self.words)

    @cached_property
    def _run_ends(self) -> list[tuple[int, int, str]]:
        """(start, length, the character after it) of each run of digits."""
        t = self.text
        return [(s, e - s, t[e:e + 1]) for s, e in self._runs]

    @cached_property
    def words(self) -> list[int]:
        lower_rx, any_case_rx = self._words
        low = lower_same_offsets(self.text)
        if low is not None:
            return [m.start() for m in lower_rx.finditer(low)]
        return [m.start() for m in any_case_rx.finditer(self.text)]

    @cached_property
    def figures(self) -> list[int]:
        return sorted(self.digits + self.words)

    @cached_property
    def months(self) -> list[int]:
        return [m.start() for m in self._months.finditer(self.text)]

    @cached_property
    def symbols(self) -> list[int]:
        t = self.text
        return [m.start() - 2 if t[max(0, m.start() - 2):m.start()] == "US" and m.group() == "$" else m.start()
                for m in _SYMBOL.finditer(t)]

    def finditer(self, rx: re.Pattern, starts: str):
        """The matches of `rx` that begin at one of the places named by `starts` (or listed in it),
        left to right and not overlapping, as `rx.finditer` gives them."""
        if not self.fast:
            yield from rx.finditer(self.text)
            return
        end, match, text = 0, rx.match, self.text
        for pos in (getattr(self, starts) if isinstance(starts, str) else starts):
            if pos >= end and (m := match(text, pos)):
                end = m.end()
                yield m
                # a match that ends inside a run of digits ('1,234' of '1,2345'): the next may
                # begin where it ended, a place that is not a run's start
                while end < len(text) and text[end].isdigit() and end > m.start() and (m := match(text, end)):
                    end = m.end()
                    yield m


class EndsWith:
    """Which of `phrases` ends a text, before white space and after a non-word character or the
    text's start: `re.search(r"(?<=\\W|^)(?:phrases)\\s*$", text, re.I)`, as one match on the text
    reversed instead of a search that tries every place.

    >>> ends = EndsWith(["about", "more than"])
    >>> ends("worth (More than  "), ends("roundabout "), ends("about it")
    ('More than', None, None)
    """

    def __init__(self, phrases):
        alternatives = "|".join(re.escape(p[::-1]) for p in sorted(phrases, key=len, reverse=True))
        self._rx = re.compile(r"[\s\u00a0]*(" + alternatives + r")(?=\W|$)", re.I)

    def __call__(self, text: str) -> str | None:
        m = self._rx.match(text[::-1])
        return m.group(1)[::-1] if m else None
