"""Words and quotation marks as the kit reads them, with NLTK and no downloaded data.

>>> words("Syria’s army didn't stop: 2,031 violations.")
['Syria’s', 'army', "didn't", 'stop', '2,031', 'violations']
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
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
    return len(_WORD_RE.findall(text))


def fewer_words(text: str, n: int, start: int = 0, end: int | None = None) -> bool:
    """`count_words(text[start:end]) < n`, read only as far as the n-th word (a long quotation
    is not counted to its end, nor copied out of its text).

    >>> fewer_words("We tried, we failed.", 5), fewer_words("We tried, we failed.", 4)
    (True, False)
    """
    for k, _ in enumerate(_WORD_RE.finditer(text, start, len(text) if end is None else end), 1):
        if k >= n:
            return False
    return True


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


# --- quotation marks ---------------------------------------------------------------------
DOUBLE, SINGLE = "double", "single"
FAMILY = {'"': DOUBLE, "“": DOUBLE, "”": DOUBLE, "„": DOUBLE,
          "'": SINGLE, "‘": SINGLE, "’": SINGLE, "‚": SINGLE}
_OPEN_BEFORE = set("([{—–-/\u00a0") | {'"', "“", "'", "‘", "„", "‚"}
_ELISION = re.compile(r"\d0s\b|\d\ds\b|(?:em|til|cause|n|tis|twas)\b", re.I)  # ’90s, 'em, 'til


@dataclass
class Quote:
    open: int           # offset of the opening mark
    close: int          # offset of the closing mark (or the end of the paragraph)
    family: str
    closed: bool = True
    depth: int = 0      # 0 = not inside another quotation
    parent: "Quote | None" = None

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'apostrophe' for the quotation-mark character at `i`."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    space_before = before.isspace() or before in _OPEN_BEFORE
    space_after = after.isspace() or not (after.isalnum() or after in "‘“\"'")
    if c in "“„":
        return "open"
    if c == "”":
        return "close"
    if c in "’'" and before.isalnum() and after.isalnum():
        return "apostrophe"                       # Syria’s, don't
    if c in "‘’'‚" and space_before and _ELISION.match(text, i + 1):
        return "apostrophe"                       # ’90s, 'em, ‘til
    if c == "’" and space_before:
        return "apostrophe"                       # a right mark after a space opens nothing
    if c in "‘‚":
        return "open"
    if c == "’":
        return "close"                            # or the apostrophe of States’: decided later
    # straight marks: " and '
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


_MARK = re.compile("[" + "".join(FAMILY) + "]")


def _opens_with_mark(text: str, at: int) -> str | None:
    """The family of the quotation mark that opens the paragraph starting at `at`, if any."""
    if at < len(text) and text[at] in FAMILY and _role(text, at) == "open":
        return FAMILY[text[at]]
    return None


def quotation_marks(text: str) -> list[Quote]:
    """Every quotation in `text`, matched mark to mark, paragraph by paragraph: the one scanner
    that framing (scare quotes) and sourcing (speech) both read, so they see the same spans.

    A closing single mark with no single quotation open is an apostrophe (States’); an opening
    single mark never closed is dropped (an elision); an opening double mark never closed runs
    to the end of its paragraph (the convention for a quotation that goes on in the next one), and
    so does an outermost single mark never closed when the next paragraph opens with a single mark
    (the same convention in British style: 'I want to apologise... / 'But apologies...').
    Quotations nest: `depth` 1 is a quotation inside another, `parent` the one around it.

    >>> [(q.open, q.close, q.depth) for q in quotation_marks('He said "it was ‘fine’" and left.')]
    [(8, 22, 0), (16, 21, 1)]
    """
    found: list[Quote] = []
    bounds = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    marks = [m.start() for m in _MARK.finditer(text)]  # only the marks are read, not every letter
    k = 0
    for p_start, p_end in zip(bounds, bounds[1:]):
        stack: list[Quote] = []
        while k < len(marks) and marks[k] < p_end:
            i = marks[k]
            k += 1
            role, family = _role(text, i), FAMILY[text[i]]
            if role == "apostrophe":
                continue
            open_same = [q for q in stack if q.family == family]
            if role == "either":
                role = "close" if open_same else "open"
            if role == "open":
                stack.append(Quote(open=i, close=-1, family=family))
            elif open_same:
                q = open_same[-1]
                q.close = i
                while stack[-1] is not q:  # marks opened inside and never closed: elisions
                    stack.pop()
                stack.pop()
                found.append(q)
        end = text[p_start:p_end].rstrip()
        goes_on = _opens_with_mark(text, p_end)
        for q in stack:
            if q.family == DOUBLE or (q.family == goes_on and q is stack[0]):
                q.close, q.closed = p_start + len(end), False
                found.append(q)
    found.sort(key=lambda q: (q.open, -q.close))
    enclosing: list[Quote] = []  # quotations nest or stand apart: a stack finds each one's parent
    for q in found:
        while enclosing and not (enclosing[-1].open < q.open and q.close <= enclosing[-1].close):
            enclosing.pop()
        if enclosing:
            q.parent = enclosing[-1]
            q.depth = q.parent.depth + 1
        enclosing.append(q)
    return found
