"""Framing at the level of words: scare quotes, loaded terms, passives.

Each finder takes a `str` or an `Article` (then it reads `art.text`) and returns a DataFrame,
one row per finding, in text order; `start`/`end` are character offsets into that text, so
`text[start:end]` is the span. `sentence` is the number `n` of the sentence the span starts in,
as in `Article(text).sentences()` (1 = the first sentence after any page chrome).

They are rules, not understanding: each one misses things and raises false alarms, and the
lesson shows both.

>>> scare_quotes('The "truce" held. Officials said it was "holding".')[["phrase", "sentence"]].values.tolist()
[['truce', 1]]
>>> passives("The convoy was not eventually provided with guards.").phrase.tolist()
['was not eventually provided']
>>> loaded_terms("The regime blamed the terrorists.").term.tolist()
['regime', 'terrorists']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .article import Article, SentenceNumbers, as_article
from .lexicons import forms as lexicon_forms
from .lexicons import QUOTE_CHARS as _QUOTE_CHARS, term_pattern  # noqa: F401 (term_pattern: the rule)
from .speed import Spans, term_spans
from .sourcing import speech_marks
from .text import Quote, count_words, lower_same_offsets, quotation_marks, words

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "framing_lexicon.csv"

SCARE_COLUMNS = ["phrase", "start", "end", "sentence"]
QUOTE_COLUMNS = ["quote", "start", "end", "sentence", "depth", "words", "scare", "reason"]
TERM_COLUMNS = ["term", "category", "start", "end", "sentence"]
PASSIVE_COLUMNS = ["phrase", "agent", "start", "end", "sentence"]


# --- shared helpers ----------------------------------------------------------------------
def _text(text) -> str:
    return as_article(text).text


class _Sentences:
    """Maps a character offset to the number of the sentence it falls in (see SentenceNumbers)."""

    def __init__(self, text: str):
        self.nearest = SentenceNumbers(as_article(text)).nearest

    def __call__(self, offset: int) -> int:
        return self.nearest(offset)


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    for col in ("start", "end", "sentence", "depth", "words"):
        if col in df:
            df[col] = df[col].astype(int)
    if "scare" in df:
        df["scare"] = df["scare"].astype(bool)
    return df.sort_values(["start", "end"], kind="stable").reset_index(drop=True)


# --- quotation marks: one scanner for framing and sourcing (medialit/text.py) -----------
_Quote = Quote
_quotes = quotation_marks


# Verbs and phrases that report what someone said, wrote or called something: every form of
# every verb of the kit's one reporting-verb lexicon (medialit/lexicons.py), and a few phrases.
_SAYING_VERBS = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(
    lexicon_forms("base", "past", "third", "participle", "ing"), key=len, reverse=True)) \
    + "|according to|put it|in the words of"
SAYING = re.compile(r"(?<![\w-])(?:" + _SAYING_VERBS + r")\b", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s")


def _attribution(text: str, q: _Quote, window: int = 12) -> str | None:
    """The reporting verb before or after quotation `q`, if it has one close by."""
    reach = 60 * window  # characters: far more than `window` words, so the cost stays local
    lo = max(q.parent.inner[0] if q.parent else 0, q.open - reach)
    hi = min(q.parent.inner[1] if q.parent else len(text), q.close + 1 + reach)
    before = text[lo:q.open]
    before = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0):]
    before = " ".join(before.split()[-window:])
    said = list(SAYING.finditer(before))
    if said and "," not in before[said[-1].end():].replace(',"', "").replace(",”", "") \
            and len(before[said[-1].end():].split()) <= 8:
        return said[-1].group(0)  # in the same clause: 'called the delay "a scandal"'
    inside = text[q.inner[0]:q.inner[1]].rstrip()
    after = text[q.close + 1:hi]
    if inside.endswith((",", "!", "?", ".")) or after.startswith(","):
        m = re.match(r"\W*(?:[\w’'.-]+\s+){0,3}?(" + SAYING.pattern + ")", after, re.I)
        if m:
            return m.group(1)
    return None


def _judge(text: str, q: _Quote, max_words: int) -> tuple[int, bool, str]:
    inside = text[q.inner[0]:q.inner[1]].strip()
    n = count_words(inside)
    if n == 0:
        return n, False, "empty"
    if n > max_words:
        return n, False, f"long quotation ({n} words): reported speech"
    if not q.closed:
        return n, False, "runs to the end of the paragraph: reported speech"
    verb = _attribution(text, q)
    if verb:
        return n, False, f"attributed ({verb!r}): someone is reported as saying it"
    if inside[:1].isupper() and inside.endswith((".", "!", "?")) and n > 1:
        return n, False, "a whole sentence: an utterance, not a phrase"
    if inside[:1].isupper() and n >= 3:
        return n, False, "a capitalised phrase of three words or more: a slogan, title or sign quoted"
    return n, True, "scare quote: a short phrase no one is reported as saying"


def quoted(text, max_words: int = 4) -> pd.DataFrame:
    """Every quotation in `text`, with the finder's verdict: the working behind `scare_quotes`.

    Columns: quote (the words inside the marks), start, end (offsets of those words), sentence,
    depth (0, or 1 for a quotation inside another), words, scare (bool), reason.
    """
    text = _text(text)
    sentence = _Sentences(text)
    found = _quotes(text)
    verdicts = [_judge(text, q, max_words) for q in found]
    # one verdict with sourcing: a quotation it gives a speaker is speech, never a scare quote
    speech = speech_marks(text, [q.open for q, (_, scare, _) in zip(found, verdicts) if scare])
    rows = []
    for q, (n, scare, reason) in zip(found, verdicts):
        s, e = q.inner
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if q.open in speech:
            scare, reason = False, "speech: ml.quotations gives it a speaker"
        rows.append((text[s:e], s, e, sentence(s), q.depth, n, scare, reason))
    return _frame(rows, QUOTE_COLUMNS)


def scare_quotes(text, max_words: int = 4) -> pd.DataFrame:
    """Short quoted phrases that no one is reported as saying: the writer's (or speaker's) distance.

    A quotation is *not* a scare quote when it is longer than `max_words` words, has a reporting
    verb close by (said, told, called, described...), is a whole sentence, or is a capitalised phrase
    of three words or more (a slogan, title or sign: "Safe staffing, every shift"). One inside a longer
    quotation counts (the speaker's scare quote). Apostrophes (Syria’s, States’, don't, the ’90s)
    are not quotation marks. `phrase` is the words inside the marks; `text[start:end] == phrase`.
    Columns: phrase, start, end, sentence. `quoted(text)` shows every quotation and the verdict.
    """
    text = _text(text)
    df = quoted(text, max_words)
    df = df.loc[df.scare.astype(bool)].rename(columns={"quote": "phrase"})[SCARE_COLUMNS].reset_index(drop=True)
    # American style puts a comma or full stop inside the marks: 'the "moderates," however'
    ends = [s + len(text[s:e].rstrip(",.;:")) for s, e in zip(df.start, df.end)]
    df["phrase"] = [text[s:e] for s, e in zip(df.start, ends)]
    df["end"] = pd.Series(ends, dtype=int)
    return df


# --- loaded terms ------------------------------------------------------------------------
def lexicon(path: str | Path = LEXICON_PATH) -> pd.DataFrame:
    """The framing lexicon: term, category, note (medialit/data/framing_lexicon.csv by default)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"term", "category"} - set(df.columns)
    if missing:
        raise ValueError(f"A lexicon needs the columns term and category; {path} lacks {sorted(missing)}.")
    if "note" not in df:
        df["note"] = ""
    df = df[df.term.str.strip() != ""].copy()
    df["term"], df["category"] = df.term.str.strip(), df.category.str.strip()
    return df[["term", "category", "note"]].reset_index(drop=True)


def _as_lexicon(lex) -> pd.DataFrame:
    if lex is None:
        return _default_lexicon()
    if isinstance(lex, (str, Path)):
        return lexicon(lex)
    if isinstance(lex, dict):
        return pd.DataFrame({"term": list(lex), "category": list(lex.values()), "note": ""})
    if isinstance(lex, pd.DataFrame):
        if not {"term", "category"} <= set(lex.columns):
            raise ValueError("A lexicon table needs the columns term and category.")
        return lex
    raise TypeError("lexicon: give None (the kit's), a CSV path, a DataFrame or a dict {term: category}.")


@lru_cache(maxsize=1)
def _default_lexicon() -> pd.DataFrame:
    return lexicon(LEXICON_PATH)


def loaded_terms(text, lexicon=None) -> pd.DataFrame:
    """Terms of a framing lexicon found in `text`: term (as written), category, start, end, sentence.

    `lexicon`: None for the kit's (medialit/data/framing_lexicon.csv), a CSV path, a DataFrame
    with columns term and category, or a dict {term: category}. Matching ignores case; where
    terms overlap the longest wins (‘moderate opposition’ before ‘opposition’). A term is found
    whatever its use: "regime" in "ceasefire regime" is found too — read before you count.
    """
    text = _text(text)
    lex = _as_lexicon(lexicon)
    entries = sorted(zip(lex.term, lex.category), key=lambda tc: (-len(tc[0]), tc[0]))
    lower = lower_same_offsets(text)
    taken = Spans(len(text))
    rows = []
    for term, category in entries:
        for s, e in term_spans(term, text, lower):
            s, e = _trim_quotes(text, s, e)
            if s >= e or taken.overlaps(s, e):
                continue
            taken.add(s, e)
            rows.append((text[s:e], category, s, e))
    sentence = _Sentences(text)
    return _frame([(*r, sentence(r[2])) for r in rows], TERM_COLUMNS)


def _trim_quotes(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading or trailing quote mark that is not matched inside the span."""
    span = text[s:e]
    if span[:1] in _QUOTE_CHARS and not any(c in _QUOTE_CHARS for c in span[1:]):
        s += 1
    span = text[s:e]
    if span[-1:] in _QUOTE_CHARS and not any(c in _QUOTE_CHARS for c in span[:-1]):
        e -= 1
    return s, e


# --- passives -----------------------------------------------------------------------------
BE_WORDS = {"am", "is", "are", "was", "were", "be", "been", "being"}
BE = r"(?:am|is|are|was|were|be|been|being|isn’t|isn't|aren’t|aren't|wasn’t|wasn't|weren’t|weren't)"
BE_CONTRACTED = r"(?:we|you|they|i)[’'](?:re|m)"  # "We're only allowed" (not ’s: also has, and possessive)
GET = r"(?:get|gets|got|gotten|getting)"
AUX = r"(?:has|have|had|will|would|shall|should|can|could|may|might|must|hasn’t|hasn't|haven’t|haven't|won’t|won't)"
ADVERB_WORDS = {"not", "never", "also", "still", "already", "later", "soon", "then", "now", "just",
                "even", "all", "both", "each", "once", "often", "thus", "again", "first", "since",
                "reportedly", "allegedly", "being", "yet", "ever", "long", "however", "apparently",
                "only", "rarely", "seldom", "sometimes", "usually", "mostly", "partly", "fully", "duly"}
IRREGULAR = set("""arisen awoken beaten become begun bent bet bid bitten bled blown borne born bought
brought broken built burnt burst caught chosen clung come cost crept cut dealt done drawn dreamt driven
drunk eaten fallen fed felt fought found fled flung flown forbidden forecast forgotten forgiven frozen
given gone ground grown hung heard hidden hit held hurt kept knelt known laid led leant leapt learnt
left lent let lain lit lost made meant met mistaken overcome overrun overseen overtaken overthrown paid
proven put quit read rebuilt rid ridden rung risen run said seen sought sold sent set sewn shaken shed
shone shot shown shrunk shut sung sunk sat slain slept slid slung spoken sped spent spilt spun spat
split spoilt spread sprung stood stolen stuck stung stricken struck strung sworn swept swollen swum
swung taken taught torn told thought thrown thrust trodden understood undertaken undone upheld upset
woken worn woven wed wept won wound withdrawn withheld written""".split())
NOT_PARTICIPLES = {"need", "feed", "seed", "deed", "heed", "breed", "speed", "greed", "indeed", "creed",
                   "steed", "bleed", "weed", "proceed", "exceed", "succeed", "embed", "shred", "sacred",
                   "naked", "wicked", "hundred", "kindred", "rugged", "ragged", "wretched", "beloved",
                   "red", "bed", "wed", "led", "fed", "shed", "sled", "bred", "fled", "sped"} - IRREGULAR
PREFIXES = ("re", "un", "over", "under", "mis", "out", "with", "fore", "up")
_WORD = r"[A-Za-z][\w’'-]*"


@lru_cache(maxsize=8192)
def _is_participle(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR or any(w.startswith(p) and w[len(p):] in IRREGULAR for p in PREFIXES):
        return True
    return len(w) >= 4 and w.endswith("ed") and w not in NOT_PARTICIPLES and "-" not in w


def _is_adverb(word: str) -> bool:
    w = word.lower()
    return w in ADVERB_WORDS or (w.endswith("ly") and len(w) > 4)


# (each pattern opens with a look-ahead at its possible first letters: the engine then skips to
# them instead of trying the look-behind at every character; the matches are the same)
_BE = re.compile(rf"(?=[abcghimswyt])(?<![\w’'-])(?:(?P<aux>{AUX})(?:\s+(?:not|never))?\s+)?(?P<be>{BE}|{GET}|{BE_CONTRACTED})(?![\w’'-])",
                 re.I)
_SHARE_BETWEEN = re.compile(r"\s+\d[\d.]*(?:\s?%|\s+per\s?cent)(?=\s)")  # a share between be and participle
# a quotation opened before the participle and closed a few words on: 'were "damaged beyond use" by'
_QUOTE_RUNS_ON = re.compile(r"[^\"”’\n.]{0,40}[\"”’]")
_NEXT = re.compile(r"\s*,?\s+[\"“‘']?(?P<word>[A-Za-z][\w’'-]*)")
# a participle followed by "by": "the opposition controlled by the United States"
_REDUCED = re.compile(rf"(?<![\w’'-])(?P<verb>{_WORD})\s+(?P<by>by)\s+(?=\S)", re.I)
_BY = re.compile(r"(?=b)(?<![\w’'-])by\s+(?=\S)")
_WORDS_BEFORE = re.compile(r"(?:([A-Za-z][\w’'-]*)\s+){1,4}$")


def _reduced(text: str):
    """(start, end of "by", agent start) of participles with a "by" agent and no *be*, with up to
    three words between ("the opposition controlled by", "figures published on Wednesday by")."""
    for by in _BY.finditer(text):
        words = list(re.finditer(r"([A-Za-z][\w’'-]*)\s+", text[max(0, by.start() - 80):by.start()]))
        base = max(0, by.start() - 80)
        tail = [w for w in words if not text[base + w.end():by.start()].strip(" \t")
                or re.fullmatch(r"(?:[A-Za-z][\w’'-]*\s+)*", text[base + w.start():by.start()])][-4:]
        for k in range(len(tail) - 1, -1, -1):
            word = tail[k].group(1)
            if _is_participle(word):
                yield base + tail[k].start(), by.end(), by.end()
                break
            if word.lower() in _BETWEEN_STOP or word.lower() in _CLAUSE_VERBS or word.lower() in BE_WORDS:
                break
# a quantity after 'by' is a measure ('rose by 5%', 'risen by about four minutes', 'cut by a third'),
# unless people follow it ('signed by 640 people')
_QUANTITY = (r"(?:(?:about|around|some|nearly|almost|more\s+than|less\s+than|up\s+to|over|just|roughly|"
             r"at\s+least|as\s+much\s+as|as\s+many\s+as)\s+)?"
             r"(?:\d[\d,.]*+(?:%|p\b|m\b|bn\b|k\b|[a-z]+\b)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+few|several|half|a\s+third|a\s+quarter|"
             r"a\s+fifth|a\s+tenth)\b)"
             # ...followed by nothing, a unit or a time: 'rose by 5%', 'cut by a third', 'by four minutes';
             # a noun after it makes it an agent: 'signed by 640 people', 'grazed by about 600 sheep'
             r"(?=[\s,]*(?:$|[^\w\s]|(?:per\s?cent|percent|points?|percentage|pence|pounds|dollars|euros|"
             r"degrees|times|votes|seats|goals|runs|places|notches|"
             r"(?:second|minute|hour|day|night|week|month|year|decade)s?|metres?|meters?|miles?|km|feet|"
             r"inches|tonnes|kg|a|an|the|to|from|in|on|at|and|or|than|compared|between|of\s+(?:the|its|their))\b))")
_NOT_AGENT = re.compile(
    _QUANTITY + r"|(?:the\s+end\b|the\s+time\b|the\s+way\b|far\b|now\b|then\b|hand\b|mistake\b|accident\b|"
    r"chance\b|(?:air|land|sea|road)\b(?![\s-]*(?:strike|raid|attack|force|power|defen|mine|convoy))|car\b|train\b|phone\b|e-?mail\b|mail\b|telephone\b|default\b|"
    r"(?:mid-?)?(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)\b|"
    r"\w+\s+(?:per\s?cent|%))", re.I)
# an agent phrase ends at punctuation or at a word that starts a new clause or phrase
_AGENT_STOP = {"and", "but", "or", "which", "who", "whom", "whose", "that", "while", "whereas",
               "because", "after", "before", "when", "where", "since", "as", "if", "although",
               "though", "in", "on", "at", "to", "for", "from", "with", "without", "during",
               "into", "over", "under", "against", "near", "across", "through", "until", "despite",
               "amid", "following", "last", "yesterday", "today", "this", "is", "are", "was",
               "were", "has", "have", "had", "will", "would", "said", "says", "used", "use"}
# verbs that open the rest of a sentence, in lower case ('a petition signed by 2,100 people claims
# ...'; but 'the United States')
_VERB_STOP = {"claims", "argues", "warns", "shows", "finds", "suggests", "states", "calls", "urges",
               "asks", "demands", "adds", "tells", "notes", "insists", "describes", "wants", "needs",
               "means", "says", "believes", "accepts", "admits", "denies", "expects", "hopes"}


_TOKEN = re.compile(r"[£$€¥]?\d(?:[\d,.]*\d)?[\w%’'-]*|[\w’'‘-]+|\S")  # '2,100', '£450,000', words
# after "and", these show that a new clause has begun: "... by the US and the group was dissolved"
_CLAUSE_VERBS = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
                 "did", "does", "do", "said", "says", "may", "might", "must", "should"}
_BETWEEN_STOP = {"and", "but", "or", "which", "who", "that", "while", "whereas", "because", "when",
                 "where", "if", "although", "though", "than", "not", "as"}


_WHEN_NAME = re.compile(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                        r"March|April|May|June|July|August|September|October|November|December)\b")


def _agent_tokens(text: str, pos: int):
    """Tokens of a noun phrase from `pos`, up to a stop: punctuation, a new clause, a line break."""
    taken = []
    for m in _TOKEN.finditer(text, pos):
        tok = m.group(0)
        gap = text[(taken[-1].end() if taken else pos):m.start()]
        ampersand = tok == "&" and taken and taken[-1].group(0)[:1].isupper() \
            and re.match(r"\s*[A-Z]", text[m.end():m.end() + 3])  # 'Larder & Co': one name
        if not (tok[0].isalnum() or tok[0] in "‘'£$€¥" or ampersand) or "\n" in gap or len(taken) >= 10:
            break
        capital_next = re.match(r"\s+[A-Z]", text[m.end():m.end() + 3]) and not _WHEN_NAME.match(text, m.end())
        inside_name = tok.lower() in ("for", "of", "on") and taken and taken[-1].group(0)[:1].isupper() \
            and capital_next  # 'the Office for National Statistics', not 'on Friday'
        inside_name = inside_name or (tok.lower() in ("in", "from") and taken and capital_next
                                      and taken[-1].group(0).islower())  # 'a teacher in Brantwick'
        inside_name = inside_name or (tok.lower() == "to" and taken and taken[-1].group(0).lower() == "up"
                                      and re.match(r"\s+[£$€]?\d", text[m.end():m.end() + 3]))  # 'gusts of up to 60mph'
        if taken and not inside_name and (tok.lower() in _AGENT_STOP or tok.lower() in _CLAUSE_VERBS
                                          or tok in _VERB_STOP
                      or (_is_participle(tok) and tok.lower() not in {"armed", "united", "based"})):
            yield m, True
            return
        taken.append(m)
        yield m, False
    yield None, True


def _agent(text: str, pos: int) -> str | None:
    """The agent of a "by ..." phrase starting at `pos` (just after "by ")."""
    if _NOT_AGENT.match(text, pos):
        return None
    end, at = pos, pos
    while True:
        last = None
        for m, stop in _agent_tokens(text, at):
            if stop:
                last = m
                break
            end = m.end()
        if last is None or last.group(0).lower() != "and":
            break
        # "and" joins two agents unless what follows it turns out to be a new clause
        at = last.end()
        follow = [m.group(0) for m, _ in _agent_tokens(text, at) if m is not None]
        if not follow or any(t.lower() in _CLAUSE_VERBS or _is_participle(t) for t in follow):
            break
    agent = text[pos:end].rstrip("’'")
    return agent or None


def _by_after(text: str, end: int) -> str | None:
    """A "by ..." agent after a verb, with at most four words (no punctuation) in between."""
    pos = end
    for _ in range(5):
        m = re.compile(r"\s+by\s+(?=\S)").match(text, pos)
        if m:
            return _agent(text, m.end())
        w = re.compile(r"\s+([A-Za-z][\w’'-]*|\d[\d,]*)").match(text, pos)
        if not w or w.group(1).lower() in _BETWEEN_STOP or w.group(1).lower() in _CLAUSE_VERBS \
                or _is_participle(w.group(1)):
            return None
        pos = w.end()
    return None


_CAUSE = re.compile(r"\s+(?:[A-Za-z][\w’'-]*\s+){0,3}?(?:due\s+to|because\s+of|owing\s+to"
                    r"|as\s+a\s+result\s+of|thanks\s+to)\s+(?=\S)", re.I)


# a cause names someone responsible when it holds a possessive or an act 'of'/'by' someone
_ACTOR_CAUSE = re.compile(r"\w[’']s\b|\ws[’'](?!\w)|\b(?:failure|decision|refusal|actions?|negligence|inaction|"
                          r"polic(?:y|ies)|orders?|intervention|attacks?|strikes?|mistakes?|errors?)\s+(?:of|by)\s",
                          re.I)


def _cause_after(text: str, end: int) -> str | None:
    """A cause after a verb that names who is responsible ("was frustrated due to the army's
    failure"): it counts as the agent. A circumstance ("postponed because of staff absence") does not."""
    m = _CAUSE.match(text, end)
    if not m or any(w.lower() in _BETWEEN_STOP | _CLAUSE_VERBS for w in text[end:m.start()].split()):
        return None
    cause = _agent(text, m.end())
    return cause if cause and _ACTOR_CAUSE.search(cause) else None


def passives(text) -> pd.DataFrame:
    """Passive verb phrases: phrase, agent (the "by ..." phrase, or None), start, end, sentence.

    A cause given by "due to", "because of", "owing to", "as a result of" or "thanks to" counts
    as the agent when it names someone responsible, by a possessive or an act of someone ("aid
    was frustrated due to the army's failure": agent "the army's failure"): such a passive is not
    agentless. A circumstance is no agent ("were postponed because of staff absence": None), as
    bench/corpus keys it.

    Finds *be*/*get* + participle, with adverbs or "not" between ("was not eventually provided",
    "has been launched", "got killed"), and a participle with a "by" agent and no *be*
    ("the opposition controlled by the United States"). `phrase` is the verb phrase only;
    with no part-of-speech tagger, it guesses participles from -ed and a list of irregular verbs,
    so adjectives (was tired, is located) are found too, and some passives are missed.
    """
    text = _text(text)
    rows, covered = [], Spans(len(text))
    for m in _BE.finditer(text):
        if covered.contains(m.start()):
            continue  # "being" in "was being held"
        pos, adverbs = m.end(), 0
        share = _SHARE_BETWEEN.match(text, pos)
        if share:
            pos = share.end()  # 'was 10% contained', 'is 80 per cent funded'
        while (w := _NEXT.match(text, pos)) and _is_adverb(w.group("word")) and adverbs < 3 \
                and not _is_participle(w.group("word")):
            pos, adverbs = w.end(), adverbs + 1
        if not (w and _is_participle(w.group("word"))) or w.group("word").lower() == "being":
            continue
        start, end = m.start(), w.end()
        closing = _QUOTE_RUNS_ON.match(text, end) if w.group(0).lstrip(" ,")[:1] in "\"“‘'" else None
        agent = _by_after(text, closing.end() if closing else end) or _cause_after(text, end)
        rows.append((text[start:end], agent, start, end))
        covered.add(start, end)
    for start, by_end, at in _reduced(text):
        if covered.contains(start):
            continue
        agent = _agent(text, at)
        if agent:
            end = by_end
            while end > start and text[end - 1].isspace():
                end -= 1  # "controlled by", without the space after it
            rows.append((text[start:end], agent, start, end))
    sentence = _Sentences(text)
    df = _frame([(*r, sentence(r[2])) for r in rows], PASSIVE_COLUMNS)
    df["agent"] = pd.Series([a if isinstance(a, str) else None for a in df.agent], dtype=object)
    return df
