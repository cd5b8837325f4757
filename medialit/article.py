"""Load a news article and split it into its parts.

>>> art = load_article()
>>> art.headline
'Defense ministry says Russia fulfills all commitments on Syria to US'
>>> art.dateline.place, art.dateline.outlet
('MOSCOW', 'TASS')
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache, cached_property
from pathlib import Path

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEFAULT_SEED = "tass-2016-10-07-syria-commitments"

ROLES = ("nav", "headline", "standfirst", "subheading", "body")
# Lines of web-page furniture that a capture keeps before the headline.
CHROME = {"all news", "news", "menu", "share", "advertisement", "home", "skip to content",
          "latest", "top stories", "world", "politics", "related", "most read"}
# Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt",
                 "gov", "sen", "rep", "st", "jr", "sr", "u.s", "u.n", "u.k", "e.u", "no",
                 "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                 "nov", "dec", "inc", "corp", "ltd", "co", "vs", "approx", "a.m", "p.m"}

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]+[A-Z.])"                     # MOSCOW / NEW YORK
    r"(?:,\s*(?P<region>[A-Z][a-z]{1,4}\.(?:\s?[A-Z]\.)?|[A-Z]{2}\b)(?=\s*[,(/]))?"  # , Ark. / , N.Y.
    r"(?:,\s*(?P<date>" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?))?"  # , October 7
    r"\s*\.?\s*"
    r"(?:[/(]\s*(?P<outlet>[A-Za-z][\w .&-]*?)\s*[/)]\s*\.?)?"   # /TASS/.  (Reuters)
    r"\s*(?:[-–—:]\s*)?"
)


class ArticleError(ValueError):
    """An article file that cannot be read, with a message that says what to do."""


class ArticleNotFoundError(ArticleError, FileNotFoundError):
    """No article at the path or seed name given; the message lists the seeds.

    >>> issubclass(ArticleNotFoundError, FileNotFoundError)
    True
    """


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens the first body paragraph: place, date as written, outlet."""

    text: str
    place: str
    date: str | None
    outlet: str | None
    length: int = field(default=0, repr=False, compare=False)  # characters it takes, spaces included

    def __str__(self) -> str:
        return self.text


@dataclass
class Article:
    """A news article: its raw text, metadata and parts. Build one with `load_article`."""

    text: str
    source: str = "<text>"
    meta: dict = field(default_factory=dict)

    # --- parts -------------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: n, role, text, start, end (offsets into `text`)."""
        return _paragraphs(self.text)

    def _first(self, role: str) -> str | None:
        rows = self.paragraphs[self.paragraphs.role == role]
        return None if rows.empty else rows.text.iloc[0]

    @property
    def headline(self) -> str | None:
        return self._first("headline")

    @property
    def standfirst(self) -> str | None:
        return self._first("standfirst")

    @cached_property
    def dateline(self) -> Dateline | None:
        first = self._first("body")
        return _dateline(first) if first else None

    @property
    def body(self) -> str:
        """The body paragraphs (dateline removed), separated by blank lines."""
        rows = self.paragraphs[self.paragraphs.role == "body"]
        texts = list(rows.text)
        if texts and self.dateline:
            texts[0] = texts[0][self.dateline.length:]
        return "\n\n".join(texts)

    # --- metadata ------------------------------------------------------------------------
    @property
    def outlet(self) -> str | None:
        return self.meta.get("outlet") or (self.dateline.outlet if self.dateline else None)

    @property
    def date(self) -> dt.date | None:
        value = self.meta.get("date")
        return dt.date.fromisoformat(value) if value else None

    # --- sentences -------------------------------------------------------------------------
    def sentences(self) -> pd.DataFrame:
        """One row per sentence of every non-nav paragraph: paragraph, role, n, text, start, end.

        The dateline is not part of the first sentence. Offsets index `self.text`.
        """
        rows = [(n, role, self.text[start:end], start, end) for n, role, start, end in self._sentence_spans]
        df = pd.DataFrame(rows, columns=["paragraph", "role", "text", "start", "end"])
        df.insert(2, "n", range(1, len(df) + 1))
        return df

    @cached_property
    def _sentence_spans(self) -> list[tuple]:
        """(paragraph n, role, start, end) of each sentence, in order: what `sentences()` and
        `SentenceNumbers` are made of (the numbers need no table)."""
        spans = []
        pars = self.paragraphs
        dateline_at = self._body_start if self.dateline else None
        for n, role, text, par_start in zip(pars.n, pars.role, pars.text, pars.start):
            if role == "nav":
                continue
            skip = self.dateline.length if par_start == dateline_at else 0
            for s, e in split_sentences(text[skip:]):
                spans.append((n, role, par_start + skip + s, par_start + skip + e))
        return spans

    @property
    def _body_start(self) -> int | None:
        rows = self.paragraphs[self.paragraphs.role == "body"]
        return None if rows.empty else int(rows.start.iloc[0])

    def __repr__(self) -> str:
        words = len(self.text.split())
        return f"<Article {self.source!r}: {self.headline!r}, {len(self.paragraphs)} paragraphs, {words} words>"


# --- the finders' one way in: a str or an Article, and sentence numbers --------------------
def as_article(source) -> Article:
    """The Article a finder reads: `source` itself, or an Article of a str.

    >>> as_article("Talks failed.").text
    'Talks failed.'
    """
    if isinstance(source, Article):
        return source
    if isinstance(source, str):
        return Article(text=source)
    raise TypeError(f"Give an article's text (a str) or an Article, not {type(source).__name__}.")


class SentenceNumbers:
    """The number `n` (as in `art.sentences()`) of the sentence a character offset falls in.

    >>> where = SentenceNumbers(as_article("One. Two."))
    >>> where.holding(5), where.nearest(4)
    (2, 1)
    """

    def __init__(self, art: Article):
        spans = art._sentence_spans if art.text.strip() else []
        self.starts = [s for _, _, s, _ in spans]
        self.ends = [e for _, _, _, e in spans]
        self.numbers = list(range(1, len(spans) + 1))

    def holding(self, start: int, end: int | None = None) -> int | None:
        """The sentence holding start (and end, if given), or None outside every sentence."""
        k = bisect.bisect_right(self.starts, start) - 1
        last = start + 1 if end is None else end
        return int(self.numbers[k]) if k >= 0 and last <= self.ends[k] else None

    def nearest(self, offset: int) -> int:
        """The sentence holding `offset`, else the last one starting before it, else the first;
        0 for a text with no sentence."""
        if not self.starts:
            return 0
        k = bisect.bisect_right(self.starts, offset) - 1
        return int(self.numbers[max(k, 0)])


# --- sentence splitting ------------------------------------------------------------------
# "word. Next", "word." + a closing mark, "word? Next": the context of most candidate breaks,
# which Punkt (with the kit's parameters: abbreviations only, nothing learned) always splits
# unless "word" is an abbreviation. Deciding it here skips Punkt's per-candidate tokens; the
# rest go to Punkt. The marks are Punkt's "non-word" characters.
_AFTER = r"(?:\s+\S+|[)\";}\]*:@'({\[\u2018\u2019\u201c\u201d\xab\xbb!?])"
_PLAIN_BREAK = re.compile(rf"([^\W\d_]{{2,}})\.{_AFTER}|[^\W\d_]+[?!]{_AFTER}")


class _Punkt(PunktSentenceTokenizer):
    """Punkt with two shortcuts that give the same spans (tests/test_article.py compares them)."""

    def text_contains_sentbreak(self, text: str) -> bool:
        m = _PLAIN_BREAK.fullmatch(text)
        if m and (m.group(1) is None or m.group(1).lower() not in self._params.abbrev_types):
            return True
        return super().text_contains_sentbreak(text)

    def _get_last_whitespace_index(self, text: str) -> int:
        return max(0, *(text.rfind(c) for c in string.whitespace))  # NLTK's loops over characters

    def span_tokenize(self, text: str, realign_boundaries: bool = True):
        """Punkt's `span_tokenize` (candidate breaks, their verdicts, then the realignment of a
        closing mark after a full stop), written as two loops over lists instead of three nested
        generators: the same spans, in less time."""
        if not realign_boundaries:
            return super().span_tokenize(text, realign_boundaries)
        slices, last_break = [], 0
        period_re, realign_re = _plain_regexes(self._lang_vars)
        for match, p0, p1 in self._candidates(text, period_re):
            if self.text_contains_sentbreak(text[p0:p1] + match.group() + match.group("after_tok")):
                slices.append((last_break, match.end()))
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        slices.append((last_break, len(text.rstrip())))
        spans, realign = [], 0
        for k, (s1, e1) in enumerate(slices):
            s1 += realign
            if k + 1 < len(slices):
                s2, e2 = slices[k + 1]
                m = realign_re.match(text[s2:e2])
                if m:
                    spans.append((s1, s2 + len(m.group(0).rstrip())))
                    realign = m.end()
                    continue
                realign = 0
            if e1 > s1:
                spans.append((s1, e1))
        return spans

    def _candidates(self, text: str, period_re) -> list:
        """(match, start, end of the word before it) of each potential break, as Punkt's
        `_match_potential_end_contexts` gives them (a word's later marks replace its earlier)."""
        out, prev, p0, p1 = [], None, 0, 0
        for match in period_re.finditer(text):
            at = self._get_last_whitespace_index(text[p1:match.start()])
            at = at + p1 + 1 if at else p0
            if prev is not None and p1 <= at:
                out.append((prev, p0, p1))
            prev, p0, p1 = match, at, match.start()
        if prev is not None:
            out.append((prev, p0, p1))
        return out


@lru_cache(maxsize=4)
def _plain_regexes(lang_vars) -> tuple[re.Pattern, re.Pattern]:
    """Punkt's two patterns compiled by Python's own `re`: NLTK wraps them in a time-out guard
    that costs more than the matching on short paragraphs (the patterns are simple)."""
    def plain(rx) -> re.Pattern:
        inner = getattr(rx, "_rx", rx)
        flags = sum(f for bit, f in ((64, re.VERBOSE), (8, re.MULTILINE), (2, re.IGNORECASE))
                    if inner.flags & bit)
        return re.compile(inner.pattern, flags)
    return plain(lang_vars.period_context_re()), plain(lang_vars.re_boundary_realignment)


def _sentence_tokenizer(fast: bool = True) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return (_Punkt if fast else PunktSentenceTokenizer)(params)


_PUNKT = _sentence_tokenizer()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, with NLTK's Punkt and no downloaded data.

    >>> text = "Mr. Smith went to Washington. He left."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Mr. Smith went to Washington.', 'He left.']
    """
    return list(_PUNKT.span_tokenize(text))


# --- paragraphs and roles ------------------------------------------------------------------
_END_PUNCT = tuple('.!?:;"”’\'…)')


def _words(text: str, most: int = 10**9) -> int:
    """The number of words in `text`, counted up to `most` + 1 (a long text is not split whole)."""
    return len(text.split(None, most))


# Lines of page furniture anywhere in a capture: bylines, time stamps, links to other pages.
CHROME_LINE = re.compile(
    r"(?:By|Written by|Reporting by|Words by)\s+[A-Z][\w’'.\-]*(?:\s+(?:and\s+)?[A-Z][\w’'.\-]*){1,4}"
    r"(?:[,;]\s*[^.!?]*)?"
    r"|(?:Published|Updated|Last updated|Last modified|Modified|Posted|First published)\b.*"
    r"|\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago"
    r"|(?:[A-Z][a-z]{2}(?:[a-z]*day)?,?\s+)?(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2}),?\s+\d{4}\b.*"  # a time stamp
    r"|(?:Read more|Related|See also|Watch|Listen|More on this story|Sign up|Follow us)\s*:.*"
    r"|(?:Related Topics|More on this story|Image source|Image caption|Media caption|Copyright)\b.*"
    r"|Share(?:\s+this(?:\s+(?:article|story|page))?)?(?:\s+on\s+\w+)?|Advertisement|ADVERTISEMENT|Skip to (?:content|main content)"
    r"|Menu|Subscribe|Sign up(?: for| to)?\b.*|Sign in|Log in|Accept(?: all)?(?: cookies)?|Cookie settings"
    r"|\((?:Reporting|Writing|Editing|Additional reporting|Compiled)\s+by\b[^)]*\)"   # (Reporting by ...; Editing by ...)
    r"|\((?:Photo|Picture|Image|Video)(?: credit)?\s*:[^)]*\)|(?:Photo|Picture|Image|Video)(?: credit)?\s*:.*"
    r"|Listen to this article\b.*|\d+\s+min(?:ute)?s?\s+read|Comments?(?:\s+\(\d+\))?|Print|Email|Copy link")


LIST_OPENERS = {"related topics", "related", "more on this story", "see also", "tags", "topics",
                "more from", "read more", "related stories", "related articles", "most read",
                "most popular", "recommended", "you may also like", "more stories", "top stories",
                "latest", "trending", "editor's picks", "more from this section"}  # a list of links follows


# a cookie banner or a copyright line, full stops and all
NOTICE = re.compile(r"\b(?:we|this site|this website|our site)\s+uses?\s+cookies\b|\bcookie\s+(?:policy|settings|"
                    r"preferences)\b|\baccept\s+(?:all\s+)?cookies\b|^(?:Copyright\s+(?:©\s*)?\d{4}|©|\(c\)\s*\d{4})"
                    r"|\bAll rights reserved\b", re.I)


def _is_notice(line: str) -> bool:
    low = line.lower()
    return ("cookie" in low or "rights reserved" in low or low.startswith(("copyright", "©", "(c)"))) \
        and bool(NOTICE.search(line))


def _is_chrome_line(line: str) -> bool:
    line = line.strip()
    words = _words(line, 60)
    if words > 60:
        return False
    if _is_notice(line) or line.lower() in CHROME:
        return True
    if words <= 12 and not line.endswith(".") and CHROME_LINE.fullmatch(line):
        return True
    return any(c in line for c in "|›»•·") and _is_menu(line)


_SEPARATORS = re.compile(r"\s*[|›»•·]\s*")


def _is_menu(line: str) -> bool:
    """A menu, a breadcrumb or a banner: a short line with a separator ('Local › Northshire',
    'INVENTED FOR TEACHING | Not a real article'), or short items between separators
    ('Home | News | Sport | Weather | Local').

    >>> _is_menu("Home | News | Sport | Weather | Local"), _is_menu("Tickets | from £5 for all the family, on sale now.")
    (True, False)
    """
    items = [item for item in _SEPARATORS.split(line) if item]
    return len(items) >= 2 and not line.endswith(".") and (
        _words(line, 8) <= 8 or len(items) >= 3 and all(_words(item, 3) <= 3 for item in items))


def _is_chrome(text: str) -> bool:
    """Page furniture: menu words, breadcrumbs ('World › Middle East'), bylines, 'Published ...',
    'Read more: ...', 'Advertisement'; a short line after such a line ('Health correspondent')."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if not lines or not _is_chrome_line(lines[0]):
        return False
    return all(_is_chrome_line(line) or _words(line) <= 4 for line in lines[1:]) and len(lines) <= 6


def _ends_a_sentence(text: str) -> bool:
    """Does `text` end with a sentence's punctuation, inside or before closing quote marks?

    >>> _ends_a_sentence("It was 'ignored for years'"), _ends_a_sentence("'It was ignored.'")
    (False, True)
    """
    return text.rstrip().rstrip("\"”’')]").endswith(tuple(".!?…:;"))


def _is_subheading(text: str) -> bool:
    stripped = text.strip()
    return (_words(stripped, 8) <= 8 and "\n" not in stripped
            and not stripped.endswith(_END_PUNCT) and not stripped.startswith(('"', "“", "'", "‘")))


# an empty line and the white space after it (the white space before it is trimmed off the
# paragraph; a pattern opening with \n is searched for fast, one opening with \s* is tried at every space)
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of `text`: what lies between empty lines, white space trimmed.

    >>> paragraph_spans(" A b.\\n \\nC\\n")
    [(1, 5), (8, 9)]
    """
    spans, pos = [], 0
    for end, after in [(m.start(), m.end()) for m in _BLANK_LINES.finditer(text)] + [(len(text), len(text))]:
        piece = text[pos:end]
        start, stop = pos + len(piece) - len(piece.lstrip()), pos + len(piece.rstrip())
        if start < stop:
            spans.append((start, stop))
        pos = after
    return spans


def _paragraphs(text: str) -> pd.DataFrame:
    spans = paragraph_spans(text)
    texts = [text[s:e] for s, e in spans]
    roles: list[str] = []
    i = 0
    # nav: short furniture lines before the headline (never the last paragraph standing)
    while i < len(texts) - 1 and _is_chrome(texts[i]):
        roles.append("nav")
        i += 1
    if i < len(texts):
        roles.append("headline")
        i += 1
    while i < len(texts) - 1 and _is_chrome(texts[i]):  # a byline or a time stamp under the headline
        roles.append("nav")
        i += 1
    # standfirst: what stands between the headline and the dateline paragraph,
    # or, with no dateline, a next paragraph without final punctuation
    dateline_at = next((j for j in range(i, len(texts)) if _dateline(texts[j])), None)
    if dateline_at is not None and dateline_at - i <= 2:
        roles.extend(["standfirst"] * (dateline_at - i))
        i = dateline_at
    elif i < len(texts) - 1 and not _ends_a_sentence(texts[i]) and _words(texts[i]) >= 5 \
            and not _is_chrome(texts[i]):
        roles.append("standfirst")
        i += 1
    for t in texts[i:]:
        listed = bool(roles) and roles[-1] == "nav" \
            and texts[len(roles) - 1].strip().rstrip(":").lower() in LIST_OPENERS \
            and all(_words(line) <= 12 for line in t.splitlines()) and not t.rstrip().endswith(".")
        roles.append("nav" if _is_chrome(t) or listed else "subheading" if _is_subheading(t) else "body")
    return pd.DataFrame({
        "n": range(1, len(texts) + 1),
        "role": pd.Categorical(roles, categories=ROLES),
        "text": texts,
        "start": [s for s, _ in spans],
        "end": [e for _, e in spans],
    })


def _dateline(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph)
    if not m or not (m.group("date") or m.group("outlet")):
        return None
    return Dateline(m.group(0).rstrip(), m.group("place").strip(), m.group("date"),
                    m.group("outlet"), length=m.end())


# --- loading ---------------------------------------------------------------------------
def available_seeds(folder: Path = SEEDS) -> list[str]:
    """The ids of the articles in seeds/ (file names without `.txt`)."""
    return sorted(p.stem for p in Path(folder).glob("*.txt"))


def _resolve(source: str | Path) -> Path:
    path = Path(source)
    candidates = [path, SEEDS / path, SEEDS / f"{source}.txt"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    seeds = ", ".join(available_seeds()) or "(none)"
    raise ArticleNotFoundError(f"No article found at {str(source)!r}. Give a path to a .txt file or the "
                       f"name of a seed; seeds available: {seeds}.")


def decode_article(data: bytes, name: str = "<bytes>") -> str:
    """Bytes of a plain-text article as a str: BOM dropped, CRLF/CR turned into LF.

    Raises ArticleError with a readable message for empty, binary or non-UTF-8 input.
    """
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name} looks like a binary file (it contains NUL bytes), not a "
                           "plain-text article. Save the article as UTF-8 text (.txt).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1].hex()
        raise ArticleError(f"{name} is not UTF-8 text: byte 0x{bad} at position {err.start} "
                           "cannot be read. Re-save the file as UTF-8 (in most editors: "
                           "'Save as…' → encoding UTF-8).") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{name} is empty (or only white space): there is no article to read.")
    return text


def load_article(source: str | Path = DEFAULT_SEED) -> Article:
    """Load an article from seeds/ by name, or from a path; the TASS article by default.

    A JSON file beside the text with the same name supplies metadata (outlet, date, url...).

    >>> load_article().outlet
    'TASS'
    """
    path = _resolve(source)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"Cannot read {path}: {err.strerror}.") from None
    text = decode_article(data, name=path.name)
    meta = _metadata(path)
    return Article(text=text, source=path.stem, meta=meta)


def _metadata(path: Path) -> dict:
    meta_path = path.with_suffix(".json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ArticleError(f"The metadata file {meta_path.name} is not valid JSON ({err}). "
                           "Fix it or delete it: metadata is optional.") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"The metadata file {meta_path.name} must hold a JSON object {{...}}.")
    if meta.get("date"):
        try:
            dt.date.fromisoformat(meta["date"])
        except (TypeError, ValueError):
            raise ArticleError(f"In {meta_path.name}, date {meta['date']!r} is not YYYY-MM-DD.") from None
    return meta
