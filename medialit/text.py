"""Words as the kit counts them, with NLTK and no downloaded data.

>>> words("Syria’s army didn't stop: 2,031 violations.")
['Syria’s', 'army', "didn't", 'stop', '2,031', 'violations']
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from nltk.tokenize import RegexpTokenizer

# A word: letters or digits, with inner apostrophes, hyphens, or separators in numbers kept.
WORD = RegexpTokenizer(r"\w+(?:[’'\-.,]\w+)*")


def words(text: str) -> list[str]:
    """The words of `text`: punctuation dropped, 'Syria’s', 'US-controlled' and '2,031' kept whole."""
    return WORD.tokenize(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `words(text)`."""
    return list(WORD.span_tokenize(text))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The kit's own English stopword list (medialit/data/stopwords.txt), lower case."""
    path = Path(__file__).resolve().parent / "data" / "stopwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
