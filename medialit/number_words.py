"""Numbers written in words and digits: the vocabulary, and their values.

>>> words_to_number("twenty-five"), words_to_number("three hundred and twelve"), FRACTIONS["two-thirds"]
(25, 312, 0.6666666666666666)
"""
from __future__ import annotations

import re

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
    start=1)}
ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
FRACTIONS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
             "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
             "three-quarters": 0.75, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
             "two-fifths": 0.4, "two fifths": 0.4, "three-fifths": 0.6, "three fifths": 0.6,
             "a tenth": 0.1, "one tenth": 0.1, "a sixth": 1 / 6, "an eighth": 0.125}
MULTIPLIERS = {"double": 2, "triple": 3, "treble": 3, "quadruple": 4}

# patterns: a number in digits ('1,234.5') and the scale after it ('1.2 million', '3bn'); a number in words
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:[\s\u00a0]+(?P<scale>hundred|thousand|million|billion|trillion)\b|(?P<abbr>bn|m|k)\b)"
_NUMWORD = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
_WORDNUM = (r"\b(?:(?:" + _NUMWORD + r")(?:(?:[\s\u00a0]+|-)(?:and[\s\u00a0]+)?(?:" + _NUMWORD
            + r"))*)\b")

# 'the poorest tenth of households': an ordinal word after 'the' + an adjective, before 'of', is a share
DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                "tenth": 10, "twentieth": 20, "hundredth": 100}


def _as_number(x: float):
    return int(x) if float(x).is_integer() else float(x)


def _digits(s: str) -> float:
    return float(s.replace(",", ""))


def words_to_number(phrase: str) -> float | None:
    """The value of a number written in words: 'twenty-five' -> 25, 'a dozen' -> 12.

    >>> words_to_number("three hundred and twelve"), words_to_number("a dozen")
    (312, 12)
    """
    tokens = [t for t in re.split(r"[\s\u00a0\-]+", phrase.lower()) if t and t != "and"]
    if tokens[:1] == ["a"]:
        tokens = ["one"] + tokens[1:]
    if tokens == ["one", "dozen"] or tokens == ["dozen"]:
        return 12
    total, current = 0, 0
    for t in tokens:
        if t in UNITS:
            current += UNITS[t]
        elif t in TENS:
            current += TENS[t]
        elif t == "hundred":
            current = max(current, 1) * 100
        elif t in SCALES:
            total += max(current, 1) * SCALES[t]
            current = 0
        else:
            return None
    return total + current


def _scale(m) -> float:
    if m.group("scale"):
        return SCALES[m.group("scale")]
    return {"bn": 1e9, "m": 1e6, "k": 1e3}.get(m.group("abbr") or "", 1)
