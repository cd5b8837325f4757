"""Words as the kit counts them, with NLTK and no downloaded data.

>>> words("Syria’s army didn't stop: 2,031 violations.")
['Syria’s', 'army', "didn't", 'stop', '2,031', 'violations']
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nltk.tokenize import RegexpTokenizer

# A word: letters or digits, with inner apostrophes, hyphens, or separators in numbers kept.
WORD = RegexpTokenizer(r"\w+(?:[’'\-.,]\w+)*")


def words(text: str) -> list[str]:
    """The words of `text`: punctuation dropped, 'Syria’s', 'US-controlled' and '2,031' kept whole."""
    return WORD.tokenize(text)


_WORD_RE = re.compile(WORD._pattern)


def count_words(text: str) -> int:
    """`len(words(text))`, counted without building the list (the finders count often).

    >>> count_words("Syria’s army didn't stop: 2,031 violations.")
    6
    """
    return sum(1 for _ in _WORD_RE.finditer(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `words(text)`."""
    return list(WORD.span_tokenize(text))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The kit's own English stopword list (medialit/data/stopwords.txt), lower case."""
    path = Path(__file__).resolve().parent / "data" / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Letters that re.IGNORECASE takes for ASCII ones (s, k, i) but that lower() does not turn into them.
_CASE_FOLDS = "\u017f\u212a\u0131\u0130"  # ſ (long s), K (Kelvin sign), ı (dotless i), İ


def lower_same_offsets(text: str) -> str | None:
    """`text.lower()` when matching it is the same as matching `text` with re.IGNORECASE, else None.

    Lower-case text lets fast literal searches stand in for case-insensitive patterns; that holds
    when every character lower-cases to one character and none of a few letters ('İ', 'ſ') is there.

    >>> lower_same_offsets("The Regime"), lower_same_offsets("İzmir")
    ('the regime', None)
    """
    lower = text.lower()
    if len(lower) != len(text) or any(c in text for c in _CASE_FOLDS):
        return None
    return lower


def any_of(words) -> str:
    """A regular expression for any of `words`, their shared beginnings factored out.

    Python's `re` tries an alternation of words one word at a time at every position of a text;
    a tree of letters tries one branch. The longest word wins where one is the start of another.

    >>> any_of(["ten", "tenth", "two"])
    't(?:en(?:th)?|wo)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return build(tree)
