"""Who speaks in an article: direct quotations, attributions and the share of each voice.

Three finders, each taking a str or an Article (then its `.text`); `start`/`end` index that text,
rows come in text order, and nothing about any one article is written in here.

>>> text = 'Talks failed, the minister said. "We tried," Ann Lee said. "They did not," she added.'
>>> quotations(text)[["quote", "speaker", "resolved", "verb"]].values.tolist()
[['We tried', 'Ann Lee', 'Ann Lee', 'said'], ['They did not', 'she', 'Ann Lee', 'added']]
>>> attributions(text)[["speaker", "resolved", "verb", "sentence"]].values.tolist()[0]
['the minister', nan, 'said', 1]

- `quotations(text)`: one row per quoted stretch of speech: quote (the words inside the marks),
  start, end, speaker (as written in its attribution), resolved (see below), verb. A quotation
  broken by its attribution ("...," Antonov said. "...") gives two rows with the same speaker.
  A quotation that goes on over paragraphs (no closing mark at the end of the first, an opening
  mark at each) is one row whose quote runs across the paragraph break.
  A quotation with no attribution beside it takes, in this order, the one of the quotation it
  continues (across a paragraph break too: a paragraph left open by its quotation mark), of the
  quotation before it in its paragraph, of the nearest tag in its paragraph, or, when it opens its
  paragraph, the last one of the paragraph before ("Antonov added:" then a paragraph of quotation);
  else speaker, resolved and verb are missing. Short quoted phrases (fewer than MIN_QUOTE_WORDS
  words) with no tag beside them, unless they are a whole sentence (a capital first, a full stop,
  ? or ! last, inside the marks), are scare quotes, not speech, and are left out; apostrophes
  (Syria’s, States’) are never quotation marks; single quotes (‘ ’ or ' ') count as speech only
  outside double quotes and on the same terms.
- `attributions(text)`: one row per attribution tag ("Antonov said", "said the minister",
  "he has stated", "told reporters", "according to the ministry"): speaker as written, resolved,
  verb as written, first letter in lower case (auxiliaries kept: "has stated"; "told" keeps its
  object: "told reporters"; "According to" becomes "according to"),
  start/end of the whole tag, and `sentence`: the number `n` of the sentence holding the tag in
  `Article.sentences()` (sentences of the headline, standfirst, subheadings and body, counted
  from 1), or None outside them. Tags inside a quotation are the speaker's words, not the outlet's
  attribution, and are left out.
- `resolved`: a named person becomes their fullest name seen so far ("Antonov" -> "Anatoly
  Antonov"); "he"/"she" and a definite role ("the minister", "the deputy defense minister") become
  the last named person before (preferring one whose title holds the role's noun); "it" the last
  organisation; an organisation or an unnamed speaker ("a spokesman") stays as written without
  "the"; missing (NaN) when nothing can be resolved, as for "the minister" before any name.
- Rules a reader can check, each with a case in tests/test_any_article.py: a speaker may stand
  behind asides ('Gill Warren, 72, who ..., said'); a name may be a list ('the Department for
  Environment, Food and Rural Affairs'); 'a spokesperson for X' and 'an X spokesperson' speak for
  X; a document speaks for whoever published it ('figures published by the ONS', 'a statement
  from the ministry'); 'To hear X (tell it), ...' and a sentence-opening 'According to X, ...'
  give X the short quotations of their sentence; findings ('figures show', 'a report found') and
  'a court heard' are tags, acts ('declared a state of emergency', 'reported her employer to
  inspectors') are not; 'he'/'she' go to the last speaker of that gender (Mr/Ms before a surname,
  his/her after a name); a quote headline takes the speaker its body gives ('Name: "..."', or a
  tagged body sentence holding most of its words); Q:/A: answers and 'NAME: ...' transcript turns
  are speech. The quotation marks themselves are read by `text.quotation_marks`, the scanner
  framing reads too, so a stretch is speech or a scare quote, never both.
- `voice_share(article)`: one row per paragraph (body paragraphs by default) with its words split
  into three voices that add up: `quoted` (inside a direct quotation), `paraphrase` (the rest of
  a sentence that carries an attribution and no quotation: the reported claim) and `outlet` (every
  other word: the outlet's own voice, including the attribution tags themselves; `tags` says how
  many of the outlet's words are tags), plus the three shares. `voice_totals(article)` adds the
  rows up into one Series for the whole text; `voice_words(article)` gives the word-by-word table
  they are counted from (with the speaker of each quoted or paraphrased word). The dateline is
  not counted. `roles=("headline", "standfirst", "subheading", "body")` counts those parts too.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import pandas as pd

from .article import ABBREVIATIONS, Article, SentenceNumbers, _is_chrome, as_article, paragraph_spans
from .lexicons import (ACTS, BASE_TAGS, FEMALE, FIRST_NAMES, MALE, MONTHS, NOUNLIKE, REPORTING, SPEAKER_DETERMINERS,
                       SUBJECT_PRONOUNS, VERB_KIND, WEEKDAYS)
from .lexicons import forms as lexicon_forms
from .text import any_of, count_words, quotation_marks, word_spans, words

MIN_QUOTE_WORDS = 5

QUOTATION_COLUMNS = ["quote", "start", "end", "speaker", "resolved", "verb"]
ATTRIBUTION_COLUMNS = ["speaker", "resolved", "verb", "start", "end", "sentence"]
VOICE_COLUMNS = ["paragraph", "role", "words", "quoted", "paraphrase", "outlet", "tags",
                 "quoted_share", "paraphrase_share", "outlet_share"]

# --- reporting verbs (one lexicon, shared with framing: medialit/data/reporting_verbs.csv) -----
ADVERB_WORDS = ("also later earlier then further again previously repeatedly separately recently once "
                "already reportedly additionally however").split()
ADVERBS = "(?:" + any_of(ADVERB_WORDS) + ")"  # a tree of letters: one branch tried, not fifteen words
# Tags: past, participle and third-person forms; the bare form ("Critics say", "say midwives")
# only for the verbs the lexicon marks, and only after a plural speaker or before an inverted one.
_FORMS = sorted(set(lexicon_forms("past", "third", "participle")) | BASE_TAGS, key=len, reverse=True)
_FORM = any_of(_FORMS).replace(r"\ ", r"\s+")  # 'pointed out': any white space between
_TOLD_OBJECT = (r"(?:\s+(?:reporters|journalists|lawmakers|parliament|the\s+(?:press|media|[A-Z][\w’'.\-]*)"
                r"|a\s+(?:news|press)\s+(?:conference|briefing)|[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,2}))?")
_FIRST_LETTERS = "".join(sorted({w[0] for w in _FORMS + ADVERB_WORDS} | set("hiwaA")))
VERB = re.compile(  # (a look-ahead at the possible first letters first: the engine skips to them)
    rf"(?=[{_FIRST_LETTERS}])(?<![\w’'\-])(?:(?P<adv>{ADVERBS})\s+)?"
    rf"(?P<verb>(?:(?:has|have|had)\s+(?:{ADVERBS}\s+)?)?(?P<form>{_FORM})"
    rf"|(?:is|was)\s+quoted\s+as\s+saying|[Aa]ccording\s+to)(?![\w’'\-])")
_TOLD = re.compile(_TOLD_OBJECT)
WHEN = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b")

# --- speakers ------------------------------------------------------------------------------
PRONOUNS = SUBJECT_PRONOUNS  # medialit/lexicons.py: one list for the kit
ROLE_NOUNS = {"minister", "spokesman", "spokeswoman", "spokesperson", "official", "officer", "president",
              "secretary", "ambassador", "envoy", "general", "commander", "chief", "head",
              "representative", "diplomat", "chancellor", "premier", "senator", "governor", "mayor",
              "director", "chairman", "chairwoman", "chair", "analyst", "expert", "leader", "deputy",
              "prosecutor", "judge", "lawyer", "colonel", "captain", "lieutenant", "major", "sergeant",
              "admiral", "king", "queen", "prince", "emir", "sheikh", "pope", "professor", "doctor",
              "researcher", "correspondent", "reporter", "editor", "adviser", "advisor", "aide",
              "negotiator", "mediator", "coordinator", "commissioner", "vice", "prime",
              # roles of local, business, health and school news, so any article works
              "councillor", "councilor", "councilman", "councilwoman", "alderman", "mp", "lawmaker",
              "legislator", "congressman", "congresswoman", "candidate", "campaigner", "shopkeeper",
              "owner", "manager", "founder", "executive", "ceo", "economist", "scientist", "engineer",
              "teacher", "headteacher", "principal", "lecturer", "nurse", "surgeon", "physician",
              "farmer", "driver", "resident", "neighbour", "neighbor", "witness", "survivor",
              "inspector", "sheriff", "constable", "superintendent", "planner", "historian",
              "author", "journalist", "priest", "imam", "rabbi", "bishop", "pastor", "coach",
              "critic", "supporter", "opponent", "parent", "passenger", "protester", "protestor",
              "patient", "doctor", "midwife", "worker", "campaigner", "developer", "builder",
              "voter", "customer", "student", "pupil", "firefighter", "paramedic", "volunteer",
              "organiser", "organizer", "activist", "member", "trustee", "landlord", "tenant",
              "villager", "commuter", "pharmacist", "inspector", "investigator", "consultant",
              "helm", "coxswain", "skipper", "lifeguard", "ranger", "pilot", "crew",
              "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "prof", "prof.",
              "sen", "sen.", "rep", "rep.", "gov", "gov.", "cllr", "cllr.", "supt", "insp", "det", "sgt"}
ORG_NOUNS = {"ministry", "department", "office", "agency", "government", "army", "military", "forces",
             "coalition", "opposition", "rebels", "militants", "authorities", "officials", "sources",
             "residents", "witnesses", "activists", "observers", "group", "groups", "council",
             "committee", "center", "centre", "commission", "service", "services", "embassy",
             "administration", "report", "statement", "study", "survey", "website", "newspaper",
             "police", "troops", "federation", "states", "nations", "union", "republic", "kingdom",
             "organization", "organisation", "observatory", "network", "court", "parliament",
             "cabinet", "headquarters", "command", "staff", "team", "mission", "company", "firm",
             "spokespeople", "representatives", "diplomats", "experts", "analysts", "people", "media",
             "watchdog", "trust", "charity", "regulator", "authority", "board", "union", "party",
             "campaign", "operator", "airline", "hospital", "university", "poll", "leaflet",
             "inquiry", "review", "data", "figures", "statistics"}
MODIFIERS = {"deputy", "defense", "defence", "foreign", "interior", "finance", "health", "justice",
             "senior", "top", "former", "acting", "press", "state", "local", "western", "regional",
             "military", "government", "security", "russian", "chief", "general", "first", "new",
             "high-ranking", "unnamed", "anonymous", "other", "two", "three", "several", "some", "many"}
TITLE_WORDS = ROLE_NOUNS | ORG_NOUNS | MODIFIERS
DETERMINERS = SPEAKER_DETERMINERS
CONNECTORS = {"of", "for", "at", "in", "from", "and"}
# roles that speak for an organisation: 'a spokesman for the Home Office' is the Home Office's voice
MOUTHPIECES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "official"}
NOT_NAMES = {"however", "meanwhile", "yesterday", "today", "earlier", "later", "also", "but", "and",
             "then", "now", "still", "moreover", "furthermore", "instead", "finally", "separately",
             "previously", "last", "this", "that", "these", "those", "on", "in", "at", "after",
             "before", "when", "while", "as", "since", "if", "so", "there", "here", "thus", "yet",
             *WEEKDAYS, *(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")), "obviously", "indeed", "what", "who",
             "neither", "none", "nobody", "everyone", "everybody", "both", "each", "all", "few",
             "many", "most", "several", "yet", "asked", "q", "a"}
TOKEN = re.compile(r"[\w’'.\-]+")
_BARE = re.compile(r"[\w’'\-]+")
_ABBREVIATION_STOP = re.compile(r"([\w.]+)\.\s$")
_CLAUSE_END = re.compile(r"[;:()\"“”—–]|,(?!\d{3}\b)|\s-\s|(?<=[.!?])\s")  # not the comma of '2,100'


@lru_cache(maxsize=8192)
def _lower(token: str) -> str:
    return token.lower().replace("’", "'")


@lru_cache(maxsize=8192)
def _singular(word: str) -> str:
    """'nurses' -> 'nurse', 'midwives' -> 'midwife', 'authorities' -> 'authority'."""
    if word.endswith("ives"):
        return word[:-3] + "fe"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def _is_title(token: str) -> bool:
    low = _lower(token)
    return any(part in TITLE_WORDS or _singular(part) in TITLE_WORDS for part in [low, *low.split("-")])


_PLURAL_WORDS = {"people", "police", "staff", "media", "children", "men", "women", "they", "we", "i",
                 "you", "both", "critics", "officials"}


@lru_cache(maxsize=8192)
def _is_plural(token: str) -> bool:
    if re.fullmatch(r"[A-Z]{2,}s", token):
        return True  # 'MPs', 'GPs'
    low = _lower(token)
    return low in _PLURAL_WORDS or (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us")))


@lru_cache(maxsize=8192)
def _is_capital(token: str) -> bool:
    return token[:1].isupper() and _lower(token).rstrip(".") not in NOT_NAMES


@lru_cache(maxsize=8192)
def _np_token(token: str) -> bool:
    low = _lower(token)
    low = low[:-2] if low.endswith("'s") else low  # 'the council's'
    return _is_capital(token) or low in TITLE_WORDS or _singular(low) in ROLE_NOUNS


# Words that show a stretch of text is a clause, not a noun phrase naming a speaker.
_CLAUSE_WORDS = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
                 "could", "should", "may", "might", "must", "do", "does", "did", "not", "that", "which",
                 "who", "it", "this", "there", "if", "when", "than", "to", "by", "with", "as"}
_LEAD_WORDS = {"yet", "but", "and", "so", "however", "meanwhile", "now", "still", "also", "then"}


def _plain_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A short noun phrase that is the whole clause before a verb ('One leaflet', '12 drivers',
    'Their leaflets', 'nurses'): up to five words, none a verb or clause word, led by a
    determiner, a number or a capital, or ending in a plural."""
    tokens = list(TOKEN.finditer(text, start, end))
    while tokens and _lower(tokens[0].group()) in _LEAD_WORDS:
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 5 or text[tokens[-1].end():end].strip():
        return None
    low = [_lower(t.group()).rstrip(".") for t in tokens]
    if len(low) == 1 and _COUNT_WORD.fullmatch(low[0]):
        return tokens[0].start(), tokens[0].end()  # '12 drivers said ..., and four said': four of them
    if any(w in _CLAUSE_WORDS or (w in NOT_NAMES - {"and"} and (k or w not in DETERMINERS))
           for k, w in enumerate(low)) or low[-1] in DETERMINERS:
        return None
    if any(w.endswith("ed") and w not in TITLE_WORDS for w in low[1:]) or \
            (low[-1].endswith("ing") and len(low) > 1):
        return None  # 'The firm apologised', 'The firm, refusing': a clause ('cycling group' is not)
    first = tokens[0].group()
    if not (low[0] in DETERMINERS or first[0].isdigit() or first[0].isupper() or _is_plural(low[-1])):
        return None
    return tokens[0].start(), tokens[-1].end()


_COUNT_WORD = re.compile(r"\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds")
_IRREGULAR_PARTICIPLES = {"seen", "written", "run", "led", "made", "given", "taken", "known", "held", "sent",
                          "built", "paid", "drawn", "brought", "shown", "done", "kept", "won", "set", "put"}
_PUBLISHED = {"published", "released", "compiled", "issued", "produced", "collected", "commissioned", "conducted",
              "gathered"}
_POSTMODIFIER = re.compile(r"(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|briefed\s+on|involved\s+in|"
                           r"who|that)\b")


def _postmodified(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A speaker with words after its noun and no comma: 'A letter signed by 31 households in 2023'
    and 'Residents who live nearby' give their head ('A letter', 'Residents'); the sources of wire
    style keep theirs ('Two people familiar with the matter', 'a source close to the minister').

    >>> t = 'A petition signed by 2,100 people claims'
    >>> t[slice(*_postmodified(t, 0, t.index(" claims")))]
    'A petition'
    """
    tokens = list(TOKEN.finditer(text, start, end))
    if len(tokens) > 16:
        return None
    for k in range(1, min(5, len(tokens) - 1)):
        word, following = _lower(tokens[k].group()), _lower(tokens[k + 1].group())
        participle = (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) and following in (
            "by", "in", "on", "at", "from", "to", "for", "last", "this", "since")
        source = _POSTMODIFIER.match(text, tokens[k].start())
        if not (participle or source):
            continue
        if word in _PUBLISHED:
            return None  # 'Figures released by NHS England show': the publisher speaks (_document_source)
        head = _plain_phrase(text, tokens[0].start(), tokens[k - 1].end())
        if head is None:
            return None
        if source and source.group().split()[0] not in ("who", "that"):
            return head[0], tokens[-1].end()  # the source's whole description
        return head
    return None


_NUMBER_WORD = re.compile(r"\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|several|many",
                          re.I)
CLAUSE_REACH = 300  # characters before a verb in which its speaker is looked for
_COMMA_BEFORE = re.compile(r"(?<![\"”’'])\s*,\s*$")
_PARENTHETICAL = re.compile(r"\s*(?:who|which|whose|a|an|the|his|her|its|their|aged|\d+|in|at|on|for|from|"
                            r"speaking|writing|[a-z]+ing|one\s+of|some\s+of|among|both|part\s+of|formerly|now|then|also|"
                            r"herself|himself|[a-z]+ed\s+(?:by|in|on|at|from|for|to)|(?:seen|written|run|led|made|given|taken|known|held|sent|"
                            r"published|based|quoted|interviewed|elected)\b)\b")


def _is_parenthesis(segment: str) -> bool:
    """Is a comma-separated segment an aside about the name before it ('who chairs the group',
    '72', 'a spokesman', 'one of the two votes against', 'chief executive of Care England')?"""
    if _PARENTHETICAL.match(segment):
        return True
    first = TOKEN.match(segment.strip())
    return bool(first) and first.group().islower() and (
        first.group() in ROLE_NOUNS or first.group() in MODIFIERS or _singular(first.group()) in ROLE_NOUNS)


def _speaker_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """Span of the speaker noun phrase ending just before `end` (within the clause).

    Commas: 'Dr Helen Marsh, said' gives 'Dr Helen Marsh'; with parentheses between the name
    and the verb ('Jo Baines, who chairs the group, said'; 'Tom Reid, a spokesman, told';
    'Gill Warren, 72, who has used the library for years, said') the name before them; a name
    that is a list ('the Department for Environment, Food and Rural Affairs') is read whole.

    >>> t = 'Gill Warren, 72, who has used it for years, said'
    >>> t[slice(*_speaker_before(t, t.index("said"), 0))]
    'Gill Warren'
    """
    span = _speaker_in_clause(text, end, floor)
    comma = _COMMA_BEFORE.search(text, max(floor, end - 3), end)
    if span is not None or not comma:
        return _whole_list(text, span, floor) if span else None
    sentence = max([m.end() for m in _SENTENCE_BREAK.finditer(text, max(floor, end - CLAUSE_REACH), end)],
                   default=floor)
    floor = max(floor, sentence)  # the name is in the verb's sentence
    return _named_segment(text, comma.start(), floor, 0)


def _named_segment(text: str, seg_end: int, floor: int, depth: int) -> tuple[int, int] | None:
    """The speaker of the comma-separated segment ending at `seg_end`, or, when the segment is a
    parenthesis ('who chairs the group', '72', 'a spokesman', 'speaking in Leeds'), the name of
    the segment before it (at most three parentheses back)."""
    prev = text.rfind(",", floor, seg_end)
    mark = max(text.rfind(c, floor, seg_end) for c in '"”’')  # '"It is unfair," Dana Morrow, 41, told'
    if mark > prev:
        prev, floor = -1, mark + 1  # the quotation ends the segment: no aside before it
    seg_start = prev + 1 if prev >= 0 else floor
    segment = text[seg_start:seg_end]
    if re.search(r"[.!?]\s|[\"“”]", segment):
        return None
    if prev >= 0 and depth < 3 and _is_parenthesis(segment):
        earlier = _named_segment(text, prev, floor, depth + 1)
        if earlier:
            return earlier
    name = _speaker_in_clause(text, seg_end, seg_start)
    if name and any(c.isupper() for c in text[name[0]:name[1]]) and \
            (depth or not text[seg_start:name[0]].strip()):
        return _whole_list(text, name, floor)  # '..., Dr Helen Marsh, said'
    return None


_LIST_ITEM = re.compile(r"(?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*,\s*$")


def _whole_list(text: str, span: tuple[int, int], floor: int) -> tuple[int, int]:
    """A name ending 'X and Y' after a comma is the end of a list of capitalised words: read the
    whole name ('Department for Environment, Food and Rural Affairs')."""
    s, e = span
    if not re.search(r"\band\s+[A-Z]", text[s:e]) or not text[s:s + 1].isupper():
        return span
    head = _LIST_ITEM.search(text, max(floor, s - 60), s)
    if not head:
        return span
    before = _speaker_in_clause(text, head.end() - len(head.group()) + len(head.group().rstrip(", \t")), floor)
    return (before[0], e) if before else span


def _speaker_in_clause(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """Span of the speaker noun phrase ending just before `end`, within its clause."""
    window = max(floor, end - CLAUSE_REACH)  # a speaker is near its verb: read no further back
    clause_start, long_clause = window, window > floor
    near = max(window, end - 80)  # most clauses are short: read their last 80 characters first
    for lo in dict.fromkeys((near, window)):
        found = False
        for m in reversed(list(_CLAUSE_END.finditer(text, lo, end))):  # the last one that ends a clause
            before = _ABBREVIATION_STOP.search(text[max(floor, m.start() - 12):m.end()])
            if before and (before.group(1).lower() in ABBREVIATIONS or len(before.group(1)) == 1):
                continue  # 'Mr. Ivanov', 'John F. Kennedy': not the end of a sentence
            clause_start, long_clause, found = m.end(), False, True
            break
        if found:
            break
    tokens = list(TOKEN.finditer(text, clause_start, end))
    if not tokens:
        return None
    last = tokens[-1]
    if _lower(last.group()) in PRONOUNS and text[last.end():end].strip() == "":
        return last.start(), last.end()
    i, modifiers = len(tokens), 0
    while i > 0:
        tok = tokens[i - 1].group()
        if _np_token(tok):
            i -= 1
        elif (modifiers < 2 and tok.isalpha() and tok.islower() and i < len(tokens)
              and tokens[i].group() in ROLE_NOUNS | ORG_NOUNS | MODIFIERS
              and tok not in DETERMINERS | CONNECTORS | PRONOUNS | NOT_NAMES):
            i, modifiers = i - 1, modifiers + 1   # 'humanitarian chief', 'rebel commander'
        elif _lower(tok) in CONNECTORS and i - 1 > 0 and i < len(tokens) and _np_token(tokens[i - 2].group()):
            i -= 1
        elif _lower(tok) in ("on", "near") and i - 1 > 0 and i < len(tokens) and _is_plural(tokens[i - 2].group()) \
                and _np_token(tokens[i - 2].group()):
            i -= 1  # 'Shopkeepers on Mill Lane', 'Residents near the site'
        elif _lower(tok) == "the" and i - 1 > 0 and i < len(tokens) and _lower(tokens[i - 2].group()) in CONNECTORS:
            i -= 1
        else:
            break
    while i < len(tokens) and _lower(tokens[i].group()) in CONNECTORS | {"the"}:
        i += 1
    if i >= len(tokens) or text[tokens[-1].end():end].strip():
        return None if long_clause else _plain_phrase(text, clause_start, end) or \
            _postmodified(text, clause_start, end)
    if i > 1 and not long_clause and (head := _postmodified(text, clause_start, end)):
        return head  # 'A petition signed by 2,100 people': the petition, not the people
    if i > 0 and (_lower(tokens[i - 1].group()) in DETERMINERS or _NUMBER_WORD.fullmatch(tokens[i - 1].group())):
        i -= 1  # 'the minister', '12 drivers', 'two nurses'
    elif 1 < i <= 5 and _lower(tokens[0].group()) in DETERMINERS and all(
            t.group().islower() and _lower(t.group()) not in _CLAUSE_WORDS | NOT_NAMES - {"and"}
            and not t.group().endswith(("ed", "ly")) for t in tokens[1:i]):
        i = 0  # 'the health and social care committee': the determiner's whole phrase
    return tokens[i].start(), tokens[-1].end()


def _is_abbreviation(token: str) -> bool:
    """'U.S.', 'Gen.', 'Mr.': a full stop that does not end the sentence ('Lee.' does)."""
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+", token)) or token[:-1].lower() in ABBREVIATIONS


def _speaker_after(text: str, start: int, ceiling: int) -> tuple[int, int] | None:
    """Span of the speaker noun phrase starting just after `start` (inverted order, 'according to')."""
    m = re.compile(r"\s+").match(text, start)
    pos = m.end() if m else start
    tokens = []
    for tok in TOKEN.finditer(text, pos, ceiling):
        gap = text[(tokens[-1].end() if tokens else pos):tok.start()]
        if gap.strip():
            break
        word = _lower(tok.group().rstrip("."))
        if not tokens and word in PRONOUNS:
            return tok.start(), tok.end()
        if not tokens and word in DETERMINERS:
            tokens.append(tok)
            continue
        peek = TOKEN.match(text, tok.end() + 1) if text[tok.end():tok.end() + 1] == " " else None
        modifier = tok.group().isalpha() and tok.group().islower() and word not in CONNECTORS | NOT_NAMES \
            and peek is not None and _np_token(peek.group().rstrip(".")) and len(tokens) < 3
        if _np_token(tok.group().rstrip(".")) or modifier or (tokens and word in CONNECTORS | {"the"}):
            tokens.append(tok)
            if tok.group().endswith(".") and not _is_abbreviation(tok.group()):
                break  # a full stop that ends the sentence
            continue
        break
    while tokens and _lower(tokens[-1].group()) in CONNECTORS | DETERMINERS:
        tokens.pop()
    if not tokens:
        return None
    end = tokens[-1].end()
    if text[end - 1] == "." and not _is_abbreviation(tokens[-1].group()):
        end -= 1  # a sentence's full stop, not an abbreviation's
    return tokens[0].start(), end


_TAIL = re.compile(r"((?:\s+[a-z][\w’'\-]*){1,3})(?=\s*(?:[,.;:)]|$))")
DOCUMENTS = {"figure", "data", "report", "study", "survey", "poll", "statistic", "analysis", "research",
             "review", "audit", "estimate", "record", "monitoring", "statement", "letter", "filing",
             "document", "announcement", "memo", "email", "release", "post", "tweet"}
_DOCUMENT_FROM = re.compile(r"\b([A-Za-z]+)\s+(?:by|from)\s+(?:the\s+)?(?=\S)")
_PLAIN_AFTER = re.compile(r"\s+((?:the|a|an|its|their)\s+(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+)(?=\s*(?:[,.;:)]|$))")
_DOCUMENT_BY = re.compile(r"\s+(?:(?:published|released|compiled|issued|produced|collected|commissioned|"
                          r"conducted|gathered)\s+)?(?:(?:on|last|this)\s+\w+\s+)?(?:by|from)(?=\s)")


def _whole_noun_phrase(text: str, span: tuple[int, int], ceiling: int) -> tuple[int, int]:
    """Run a speaker on to its clause's end over up to three lower-case words ('according to the
    council's own monitoring.')."""
    m = _TAIL.match(text, span[1], ceiling)
    if m and not any(w in _CLAUSE_WORDS | CONNECTORS | NOT_NAMES for w in m.group(1).split()):
        return span[0], m.end()
    return span


def _document_source(text: str, span: tuple[int, int], ceiling: int) -> tuple[int, int] | None:
    """Who a document speaks for: 'figures published on Wednesday by the Office for National
    Statistics' -> the span of 'the Office for National Statistics' (None when no one is named)."""
    inner = _DOCUMENT_FROM.search(text, span[0], span[1])  # 'a statement from the ministry' read whole
    if inner and _singular(inner.group(1).lower()) in DOCUMENTS:
        return inner.end(), span[1]
    last = _singular(_lower(TOKEN.findall(text[span[0]:span[1]])[-1]))
    by = _DOCUMENT_BY.match(text, span[1], ceiling) if last in DOCUMENTS else None
    if not by:
        return None
    plain = _PLAIN_AFTER.match(text, by.end(), ceiling)  # 'by the city's transit office,'
    if plain and not any(_lower(w) in _CLAUSE_WORDS | CONNECTORS for w in TOKEN.findall(plain.group(1))):
        return plain.start(1), plain.end(1)
    return _speaker_after(text, by.end(), ceiling)


# --- quotation marks: medialit/text.py scans them (one scanner, shared with framing) ----------
def _inner(text: str, s: int, e: int, closed: bool) -> tuple[int, int]:
    a, b = s + 1, e - 1 if closed else e
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _n_words(text: str) -> int:
    return count_words(text)


# --- the finders ---------------------------------------------------------------------------
_as_article = as_article


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
    after = next((t for t in near if t["start"] >= e and _BETWEEN.fullmatch(text[e:t["start"]])
                  and not (text[b - 1:b] == "." and text[t["start"]].isupper())), None)  # '"…." The union said'
    before = next((t for t in reversed(near) if t["end"] <= s and _BETWEEN.fullmatch(text[t["end"]:s])), None)
    sentence_like = text[a].isupper() and text[b - 1] in ".?!…"   # '"There are no craters."'
    short = _n_words(text[a:b]) < MIN_QUOTE_WORDS
    partial = None if before else _partial_tag(text, s, near)  # 'she said the trust had been "warned"'
    if partial and (not after or (short and _clause_tag(text, s, partial))):
        before, after = partial, None  # 'residents reported hearing "a bang", the council said'
    if not (after or before or sentence_like or headline) and short:
        before = _speaker_of_sentence_before(text, s, [])  # 'Cllr Ann Lee spoke first. Critics were "zealots".'
    if not (after or before or sentence_like or headline) and short:
        return None
    return {"quote": text[a:b], "start": a, "end": b, "open": s, "close": e, "closed": closed,
            "paragraph": p, "att": after or before,
            "tentative": headline and short and not (after or before or sentence_like)}


@lru_cache(maxsize=32)
def _analyse(text: str) -> tuple[list[dict], list[dict]]:
    """(quotations, attributions) of `text` as lists of dicts, in text order."""
    paragraphs = paragraph_spans(text)
    marked, inside_marks = _marks(text, paragraphs)
    head = _headline_index(text, paragraphs)
    # 2. attribution tags
    atts = [a for a in _find_tags(text, paragraphs, inside_marks)]
    _resolve(atts, _mentions(text, inside_marks), [p0 for p0, _ in paragraphs])
    by_paragraph: dict[int, list[dict]] = {}
    for t in atts:
        by_paragraph.setdefault(t["paragraph"], []).append(t)
    # 3. speech: long quotations, or short ones with a tag beside them
    quotes, echoes = [], []
    for k, (s, e, closed, p) in enumerate(marked):
        q = _speech(text, s, e, closed, p, by_paragraph.get(p, []), headline=p == head and len(paragraphs) > 1)
        if q:
            quotes.append(q)
        elif (again := _said_again(text, s, e, marked, k)) is not None:
            echoes.append((s, e, closed, p, again))
    _link(text, quotes, atts, paragraphs)
    by_open = {q["open"]: q for q in quotes}
    for s, e, closed, p, again in echoes:  # a pull quote or quote headline: the speaker of its source
        a, b = _inner(text, s, e, closed)
        source = by_open.get(again[0])
        quotes.append({"quote": text[a:b], "start": a, "end": b, "open": s, "close": e, "closed": closed,
                       "paragraph": p, "att": source["att"] if source else None})
    quotes = sorted(quotes + _answers(text, paragraphs, quotes) + _labelled_turns(text, paragraphs, quotes),
                    key=lambda q: q["start"])
    _headline_quotes(text, paragraphs, quotes, atts, head)
    quotes = [q for q in quotes if not (q.get("tentative") and q["att"] is None)]  # a headline's scare quote
    return quotes, atts


_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’']?\s+(?=[A-Z\"“‘'])")
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
            if count_words(text[oa:ob]) >= MIN_QUOTE_WORDS and f" {phrase} " in f" {_plain_words(text[oa:ob])} ":
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
    """Does the tag's speaker open its sentence, its verb followed by the reported clause
    ('Campaigners say at least 11 babies...', not 'Smith said on Monday, ...')?"""
    return tag.get("verb") is not None and _SENTENCE_OPENING.search(text, max(0, tag["start"] - 8), tag["start"]) \
        is not None and not text.startswith(",", tag["end"]) and tag["speaker"][:1].isupper()


_PERSON_OPENS = re.compile(
    r"(?:(?P<title>Cllr|Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame|Lord|Lady|Rev|Gen|Col|Capt|Sen|Rep|Gov)\.?\s+)?"
    r"(?P<name>[A-Z][a-z][\w’'\-]*(?:[^\S\n]+[A-Z][a-z][\w’'\-]*)+)(?P<after>,\s+(?:who\b|\d|an?\s|the\s))?")


def _speaker_of_sentence_before(text: str, open_at: int, tags: list[dict]) -> dict | None:
    """The speaker the sentence before an untagged quotation gives it, in its paragraph: that
    sentence's tag (among `tags`), or the person who opens it ('Cllr Ian Threlfall, who ..., led
    the opposition. Supporters were "zealots".'): a title, a listed first name or an aside (', who',
    ', 41,', ', a nurse') shows it is a person. None when the quotation opens its paragraph. A short
    quotation is speech by this rule only through a person (a tag in the sentence before may
    report other words: 'Rebels say the corridor is a trap. The 'truce' failed.')

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
        return earlier[-1]
    m = _PERSON_OPENS.match(text, s0, s1)
    if not m or not (m.group("title") or m.group("after") or m.group("name").split()[0] in FIRST_NAMES):
        return None
    who = text[m.start():m.end("name")]
    return {"speaker": who, "resolved": who, "verb": None, "start": -1, "end": -1}


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?…:][\"”’']?\s+|\n)(?:(?:But|And|Yet|So)\s+)?$")


def _fronted(text: str, tag: dict) -> bool:
    """Does the tag open its sentence and end at a comma ('According to X, ...', 'To hear X, ...')?"""
    return text.startswith(",", tag["end"]) and bool(
        _SENTENCE_OPENING.search(text, max(0, tag["start"] - 8), tag["start"]))


_HEAR = re.compile(r"[Tt](?<![\w’'][Tt])o\s+hear\s+(?P<who>[^,.;:!?\"“”]{2,80}?)"
                   r"(?:\s+(?P<verb>tell|say|describe|explain)\s+it)?(?=\s*,)")


def _hear_tags(text: str, p0: int, p1: int, p: int, inside_marks) -> list[dict]:
    """'To hear the motoring lobby tell it, ...': the opinion that follows is the lobby's."""
    found = []
    for m in _HEAR.finditer(text, p0, p1):
        if inside_marks(m.start()) or len(m.group("who").split()) > 8:
            continue
        verb = m.group("verb") or "hear"
        found.append({"speaker": m.group("who"), "verb": verb, "start": m.start(), "end": m.end(),
                      "paragraph": p})
    return found


_ANSWER = re.compile(r"(?:A|Answer)\s*[:.]\s+")
_QUESTION = re.compile(r"(?:Q|Question)\s*[:.]\s+")


def _answers(text: str, paragraphs, quotes: list[dict]) -> list[dict]:
    """An interview written as Q:/A: paragraphs: each answer is the interviewee's speech. The
    interviewee is the first person named (two capitalised words) before the first question."""
    first_q = next((p for p, (p0, _) in enumerate(paragraphs) if _QUESTION.match(text, p0)), None)
    if first_q is None:
        return []
    name = None
    for p0, p1 in paragraphs[1:first_q]:
        run = _NAME_RUN.search(text, p0, p1)
        if run:
            name = run.group()
            break
    att = {"speaker": name, "resolved": name, "verb": None, "start": -1, "end": -1} if name else None
    taken = {q["paragraph"] for q in quotes}
    out = []
    for p, (p0, p1) in enumerate(paragraphs):
        m = _ANSWER.match(text, p0)
        if m and p not in taken:
            out.append({"quote": text[m.end():p1], "start": m.end(), "end": p1, "open": m.end(),
                        "close": p1, "closed": True, "paragraph": p, "att": att})
    return out


_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.’'\-]*(?:[^\S\n][A-Z][A-Z.’'\-]*){0,3})\s*:\s+(?=\S)")


def _labelled_turns(text: str, paragraphs, quotes: list[dict]) -> list[dict]:
    """A transcript whose paragraphs open with a speaker's name in capitals ('PRESENTER: ...',
    'DR KHAN: ...'), two such paragraphs or more: each turn is that speaker's speech, except the
    turns of a label that only asks questions (the interviewer's: 'ECHO: Will jobs go?')."""
    turns = [(p, m) for p, (p0, p1) in enumerate(paragraphs) if (m := _LABEL.match(text, p0, p1))
             and m.group("label") not in ("Q", "A") and len(m.group("label")) > 1]
    if len(turns) < 2:
        return []
    taken = {q["paragraph"] for q in quotes}
    asks: dict[str, bool] = {}  # label -> are all its turns questions? (the interviewer's, not speech)
    for p, m in turns:
        asks[m.group("label")] = asks.get(m.group("label"), True) and \
            text[paragraphs[p][0]:paragraphs[p][1]].rstrip().endswith("?")
    out = []
    for p, m in turns:
        if p in taken or asks[m.group("label")]:
            continue
        name = " ".join(w.capitalize() for w in m.group("label").split())
        att = {"speaker": name, "resolved": name, "verb": None, "start": -1, "end": -1}
        p1 = paragraphs[p][1]
        out.append({"quote": text[m.end():p1], "start": m.end(), "end": p1, "open": m.end(),
                    "close": p1, "closed": True, "paragraph": p, "att": att})
    return out


_NAME_RUN = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[a-z][\w’'\-]*(?:[^\S\n]+[A-Z][a-z][\w’'\-]*)+")


_HEADLINE_SPEAKER = re.compile(r"(?P<who>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})\s*:\s*$")


def _headline_index(text: str, paragraphs) -> int:
    """The headline's paragraph: the first that is not page furniture (menus, 'Skip to content')."""
    return next((p for p, (p0, p1) in enumerate(paragraphs[:8]) if not _is_chrome(text[p0:p1])), 0)


def _headline_quotes(text: str, paragraphs, quotes: list[dict], atts: list[dict], head: int) -> None:
    """A quote headline's words are said again in the body: the quotation takes that speaker, from
    a body quotation holding its words, else from a tagged body sentence holding most of them
    ('Patients 'left on trolleys for 30 hours'' ... 'were left on trolleys for up to 30 hours
    last winter, a report by the health watchdog has found')."""
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()
    for q in quotes:
        if q["paragraph"] != head or q["att"] is not None:
            continue
        named = _HEADLINE_SPEAKER.search(text, paragraphs[head][0], q["open"])
        if named:  # 'Starmer: 'We will not back down'': the speaker before the colon
            who = named.group("who")
            q["att"] = next((t for t in atts if t["resolved"] and t["resolved"].split()[-1] == who.split()[-1]),
                            {"speaker": who, "resolved": who, "verb": None, "start": -1, "end": -1})
            continue
        words = key(q["quote"])
        later = next((b for b in quotes if b["paragraph"] > head and b["att"] and words in key(b["quote"])), None)
        if later:
            q["att"] = later["att"]
            continue
        wanted = set(words.split())
        for t in atts:
            if t["paragraph"] <= head or not wanted:
                continue
            p0, p1 = paragraphs[t["paragraph"]]
            s0 = max([m.end() for m in _SENTENCE_BREAK.finditer(text, p0, t["start"])], default=p0)
            brk = _SENTENCE_BREAK.search(text, t["end"], p1)
            sentence = set(key(text[s0:brk.start() if brk else p1]).split())
            if len(wanted & sentence) >= 0.8 * len(wanted):
                q["att"] = t
                break


_CLAUSE_ENDS_AFTER = re.compile(
    r"\s*(?:[,.;:!?…—–)\"”]|$|(?=\n))|\s+(?:on|in|at|during|after|before|yesterday|today|last|this|earlier|"
    r"later|who|when|while|as|and|but)\b")
_ROLE_THEN_NAME = re.compile(r"\s+(?P<role>(?:[\w’'\-]+\s+){0,6}?[\w’'\-]+),\s+"
                             r"(?:[A-Z][\w’'\-]+\s+)+[A-Z][\w’'\-]+(?=\s*(?:[.,;:!?]|$))")
_BEFORE_INVERSION = set(':"”’\',')  # '," said Antonov', ': said...': the last mark before an inverted tag
_THAT_OR_MARK = re.compile(r"\s*(?:that\b|[:,\"“‘'])")
_ACT_AS_TAG = re.compile(r"\s*(?:that\b|[:,\"“‘'.;!?]|$)")  # '"We will," she vowed.' but not 'vowed revenge'
_NOT_REPORTING = re.compile(r"\s+(?:to|off|down|up|dead|guilty)\b")
_WHEN_WORDS = r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)|last\s+(?:week|month|year|night)"
_FINDING_END = re.compile(rf"(?:\s+(?:{_WHEN_WORDS}))?\s*(?:that\b|[.,;:]|$)")
_WHEN_BEFORE = re.compile(rf"\s+(?:{_WHEN_WORDS})\s*$")
_DOCUMENT_SUBJECT = re.compile(r"\b(?:[Ff]igures|[Dd]ata|[Ss]tatistics|[Ss]tud(?:y|ies)|[Rr]eports?|[Ss]urveys?|"
                               r"[Pp]olls?|[Rr]ecords|[Ee]stimates|[Aa]nalysis|[Rr]esearch)\b")
_REPORTED_TO = re.compile(r"(?:\s+[\w’'\-]+){1,4}\s+to\s+(?!be\b|have\b)")


def _head(tokens: list[str]) -> str:
    """The head word of a noun phrase: the last word before 'of', 'in', 'at'... ('Residents in
    Bramford' -> 'Residents'), else the last word."""
    k = next((k for k, t in enumerate(tokens) if k and _lower(t) in CONNECTORS - {"and"}), len(tokens))
    return tokens[k - 1]


_CLAUSE_OPENER = re.compile(r"\s+(?:the|a|an|it|he|she|they|we|its|their|this|these|there|[A-Z0-9])\b")
_BEFORE_FINITE = re.compile(r"\s+(?:was|were|is|are|had|has|have|will|would)\b")


def _verb_not_noun(text: str, v0: int, v1: int, p0: int) -> bool:
    """Is a form that is also a noun ('claims', 'states') a verb here? Yes when a clause follows it
    and no determiner or possessive is before it: 'A petition claims the scheme will...', not
    'his claims', 'the claims the company made'."""
    before = _last_tokens(text, p0, v0, 1)
    word = _lower(before[0]) if before else ""
    return text[v0].islower() and bool(_CLAUSE_OPENER.match(text, v1)) and \
        word not in DETERMINERS | {"these", "those", "this", "that", "our", "your", "my", "new", "fresh"} \
        and not word.endswith("'s")


HEARING_BODIES = {"court", "inquest", "tribunal", "jury", "hearing", "inquiry", "trial", "committee"}


def _find_tags(text: str, paragraphs, inside_marks) -> list[dict]:
    found, shared = [], []  # shared: (start, end, paragraph) of verbs that take an earlier tag's speaker
    for p, (p0, p1) in enumerate(paragraphs):
        found += _hear_tags(text, p0, p1, p, inside_marks)
        for m in VERB.finditer(text, p0, p1):
            v0, v1 = m.start("verb"), m.end("verb")
            if inside_marks(v0):
                continue
            form = m.group("form")
            low = re.sub(r"\s+", " ", form.lower()) if form else ""
            lemma = REPORTING.get(low)
            nounlike = low in NOUNLIKE and not _THAT_OR_MARK.match(text, v1, p1)
            if nounlike and REPORTING.get(low) != low and not _verb_not_noun(text, v0, v1, p0):
                continue  # 'his claims', 'the United States'
            if _BEFORE_FINITE.match(text, v1, p1):
                continue  # 'the patients admitted were 75 or older': a participle, not a tag
            if lemma in ("write", "find", "show") and _NOT_REPORTING.match(text, v1, p1):
                continue  # 'had written to', 'was found dead': not reporting
            document = _DOCUMENT_SUBJECT.search(text, max(p0, v0 - 60), v0)  # 'Figures released ... show'
            if document and _SENTENCE_BREAK.search(text, document.end(), v0):
                document = None
            if VERB_KIND.get(lemma) == "find" and not (document or _FINDING_END.match(text, v1, p1)):
                continue  # a finding is reported with 'that' or ends its clause: 'a report found.'
            if lemma == "report" and _REPORTED_TO.match(text, v1, p1):
                continue  # 'reported her employer to inspectors': an act
            if lemma in ACTS and not _ACT_AS_TAG.match(text, v1, p1):
                continue  # 'declared a state of emergency': an act, not a report of words
            if form in ("told", "tells"):
                v1 = _TOLD.match(text, v1, p1).end()
                last = TOKEN.findall(text[v0:v1])[-1]
                if last.endswith(".") and _lower(last[:-1]) not in ABBREVIATIONS and not re.fullmatch(r"(?:[A-Z]\.)+", last):
                    v1 -= 1  # 'told the BBC.': the sentence's full stop
            verb_start = m.start("adv") if m.group("adv") else v0
            base = form is not None and (low in BASE_TAGS or nounlike) and REPORTING.get(low) == low \
                and not m.group("verb").lower().startswith(("has", "have", "had"))
            span = None
            source = None
            if m.group("verb").lower().startswith("according"):
                span = _speaker_after(text, v1, p1)
                if span:
                    span = _whole_noun_phrase(text, span, p1)
                    source = _document_source(text, span, p1)
                    span = (span[0], source[1]) if source else span
                start, end = v0, span[1] if span else None
            else:
                when_before = _WHEN_BEFORE.search(text, max(p0, verb_start - 30), verb_start)
                relative = _RELATIVE.search(text, max(p0, verb_start - 12), verb_start)
                if relative:  # 'the health department, which said': the noun phrase before the comma
                    span = _speaker_before(text, relative.start(), p0)
                else:
                    span = _speaker_before(text, when_before.start() if when_before else verb_start, p0)
                if span and lemma == "hear" and \
                        _singular(_lower(TOKEN.findall(text[span[0]:span[1]])[-1])) not in HEARING_BODIES:
                    span = None  # 'a court heard', not 'residents heard a bang'
                if span and base and not (_is_plural(_head(TOKEN.findall(text[span[0]:span[1]])))
                                          or (document and _is_plural(document.group()))):
                    span = None  # 'the say of', 'a claim': a bare form needs a plural speaker
                start, end = (span[0], v1) if span else (None, None)
                if span and relative:
                    start = relative.start("rel")
                if span is None and _AND_BEFORE.search(text, max(p0, verb_start - 8), verb_start):
                    shared.append((m.start("verb"), v1, p))  # 'described ... and urged': one speaker
                    continue
                if span is None and text[max(p0, verb_start - 40):verb_start].rstrip()[-1:] in _BEFORE_INVERSION:
                    span = _speaker_after(text, v1, p1)  # inverted: '," said Antonov'
                    named = _ROLE_THEN_NAME.match(text, v1, p1)  # '," said Unison's head of care, Gavin Edwards.'
                    role_words = TOKEN.findall(named.group("role")) if named else []
                    if named and (_has_role(role_words) or _lower(role_words[0]) in DETERMINERS):
                        span = named.start("role"), named.end()
                    elif span and not _CLAUSE_ENDS_AFTER.match(text, span[1]):
                        span = None  # '..., said the government had': the object, not a speaker
                    start, end = v0, span[1] if span else None
            if span is None:
                continue
            when = WHEN.match(text, end, p1)
            if when and end == v1:
                end = when.end()
            verb = re.sub(r"\s+", " ", text[v0:v1])
            found.append({"speaker": text[span[0]:span[1]], "verb": verb[:1].lower() + verb[1:],
                          "start": start, "end": end, "paragraph": p,
                          "source": text[source[0]:source[1]] if source else None})
        shared += [(m.start("verb"), m.end("verb"), p) for m in _PARTICIPLE_TAG.finditer(text, p0, p1)
                   if not inside_marks(m.start())]
    found += _shared_tags(text, found, shared)
    found.sort(key=lambda t: t["start"])
    return [t for k, t in enumerate(found) if k == 0 or t["start"] >= found[k - 1]["end"]]


_RELATIVE = re.compile(r",\s*(?P<rel>which|who)\s+$")
_AND_BEFORE = re.compile(r"\b(?:and|but|then)\s+$")
_ING = any_of(sorted(lexicon_forms("ing", kinds=("say",)), key=len, reverse=True))
_PARTICIPLE_TAG = re.compile(rf"[,;]\s+(?P<verb>{_ING})(?=\s+(?:that\b|it\b|the\b|they\b|he\b|she\b|[a-z]))")


def _shared_tags(text: str, found: list[dict], verbs: list[tuple[int, int, int]]) -> list[dict]:
    """Tags whose speaker is the subject of an earlier tag in their sentence: a verb joined by 'and'
    ('described the findings as "sobering" and urged councils to act') or a participle after a
    comma ('..., a spokesman said, adding that staff had not been consulted'; 'analysts wrote in a
    note, saying the range implied a weak quarter').

    >>> t = 'The union said it would strike, adding that talks had failed.'
    >>> [(a["speaker"], a["verb"]) for a in _find_tags(t, [(0, len(t))], lambda pos: False)]
    [('The union', 'said'), ('The union', 'adding')]
    """
    out = []
    for v0, v1, p in verbs:
        earlier = [t for t in found if t["paragraph"] == p and t["end"] <= v0
                   and not _SENTENCE_BREAK.search(text, t["end"], v0)]
        if earlier:
            tag = earlier[-1]
            out.append({**tag, "verb": re.sub(r"\s+", " ", text[v0:v1]), "start": v0, "end": v1,
                        "shared": True})
    return out


def _classify(speaker: str) -> tuple[str, str | None, list[str]]:
    """(kind, name, title words) of a speaker as written; kind in pronoun/person/role/org/other."""
    tokens = TOKEN.findall(speaker)
    low = [_lower(t).rstrip(".") for t in tokens]
    if len(tokens) == 1 and low[0] in PRONOUNS:
        return "pronoun", None, []
    det = low[0] if low[0] in DETERMINERS else None
    body = tokens[1:] if det else tokens
    name: list[str] = []
    for tok in reversed(body):
        if _is_capital(tok) and not _is_title(tok.rstrip(".")):
            name.insert(0, tok)
        else:
            break
    title = [_lower(t) for t in body[:len(body) - len(name)]]
    has_role = any(part in ROLE_NOUNS for t in title for part in t.split("-"))
    if not name and len(body) > 1 and _singular(_lower(body[-1])) in MOUTHPIECES and body[0][:1].isupper():
        return "voice of", " ".join(body[:-1]), title  # 'A Home Office spokesperson'
    mouth = next((k for k, t in enumerate(title) if _singular(t) in MOUTHPIECES), None)
    if mouth is not None and mouth + 2 < len(body) and title[mouth + 1:mouth + 2] and title[mouth + 1] in CONNECTORS \
            and any(t[:1].isupper() for t in body[mouth + 2:]):
        org = speaker[speaker.index(body[mouth + 2]):]
        return "voice of", _strip_det(org), title  # 'a spokesperson for the Home Office'
    if name and title and title[-1] in CONNECTORS | {"on", "near", "across"} and _is_plural(body[0]):
        return "org", None, title  # 'Residents of Orchard Way', 'analysts at Merrow Bank': a group
    if name and (has_role or (len(name) >= 2 and (not det or "," in speaker))):  # '..., Claire Dunn'
        return "person", " ".join(name), title
    if name and not det and not has_role and len(name) < len(body) and body[0][:1].isupper():
        return "org", speaker, title  # 'Police Scotland', 'Transport for London': the whole name
    if name:  # 'the Bank of England', 'Residents in Bramford': the whole phrase; 'Northline': a name
        return ("org" if det or (title and title[-1] in CONNECTORS) else "name"), " ".join(name), title
    if body and _lower(body[-1]) in ORG_NOUNS or (body and any(_lower(t) in ORG_NOUNS for t in body)
                                                  and not has_role):
        return "org", None, title
    if has_role and det in ("the", "his", "her", "its", "their", None):
        return "role", None, title
    return "other", None, title


def _strip_det(speaker: str) -> str:
    return re.sub(r"^(?:the|The|a|A|an|An)\s+", "", speaker)


# two or more capitalised words: a name needs two (one word alone is skipped in the pattern)
# (a capital first, the look-behind after it: the engine then skips to capitals, which are rare)
_CAPS_RUN = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[\w’'\-]*\.?(?:[^\S\n]+(?:of[^\S\n]+)?[A-Z][\w’'\-]*\.?)+")


def _has_role(words) -> bool:
    return any(part in ROLE_NOUNS for w in words for part in _lower(w).rstrip(".").split("-"))


# 'the minister, ' before a name: up to five words and a comma at the end (tried at word starts
# only, possessive: the same match as without, without backtracking through every letter)
_PRIOR = re.compile(r"(?<![\w’'\-])((?:[\w’'\-]++\s++){0,4}[\w’'\-]++),\s*$")


def _last_tokens(text: str, start: int, end: int, n: int) -> list[str]:
    """`TOKEN.findall(text[start:end])[-n:]`, reading only the end of a long stretch."""
    window = max(start, end - 40 * n)
    tokens = TOKEN.findall(text[window:end])
    if window > start:
        tokens = tokens[1:]  # the first may be cut
        if len(tokens) < n:
            tokens = TOKEN.findall(text[start:end])
    return tokens[-n:]


def _mentions(text: str, skip) -> list[dict]:
    """People named in the outlet's words: a name with a title before it ('Minister Anatoly Antonov'),
    an appositive role after it ('John Smith, a spokesman') or before it ('the minister, Sergei Lavrov')."""
    found = []
    pos = 0
    while (m := _CAPS_RUN.search(text, pos)):
        pos = m.end()
        if skip(m.start()):
            continue
        tokens = list(TOKEN.finditer(text, m.start(), m.end()))
        for k, tok in enumerate(tokens):  # a full stop ends the run unless it ends an abbreviation
            word = tok.group()
            if word.endswith(".") and not (word[:-1].lower() in ABBREVIATIONS or len(word) == 2):
                if k + 2 < len(tokens):
                    pos = tokens[k + 1].start()  # 'on Monday. Health Minister Ana Brook': go on after it
                tokens = tokens[:k + 1]
                break
        if tokens and tokens[-1].group().endswith(".") and len(tokens[-1].group()) > 2 \
                and tokens[-1].group()[:-1].lower() not in ABBREVIATIONS:
            tokens[-1] = _BARE.match(text, tokens[-1].start())  # drop the full stop
        name: list = []
        for tok in reversed(tokens):
            word = tok.group()
            if _is_capital(word) and not _is_title(word.rstrip(".")) and any(c.islower() for c in word):
                name.insert(0, tok)
            else:
                break
        title = [t.group() for t in tokens[:len(tokens) - len(name)]]
        if len(name) < 2 and not (name and title and _lower(title[-1]).rstrip(".") in HONORIFICS):
            continue  # one word is a name only after Mr, Mrs, Ms...: 'Ms Fry' 
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(".", 0, m.start() - 1), 0)
        before = _last_tokens(text, line_start, m.start(), 4)
        lead = []
        for w in reversed(before):
            if _lower(w) in TITLE_WORDS or _lower(w) == "of":
                lead.insert(0, w)
            else:
                break
        title = lead + title
        after = re.match(r",\s+(?:(?:a|an|the|his|her|its)\s+)?((?:[\w’'\-]+\s+){0,4}[\w’'\-]+)", text[name[-1].end():name[-1].end() + 200])
        appos_after = bool(after) and _has_role(TOKEN.findall(after.group(1)))
        prior = _PRIOR.search(text, max(line_start, m.start() - 160), m.start()) \
            if text[max(line_start, m.start() - 8):m.start()].rstrip().endswith(",") else None  # five words back
        appos_before = bool(prior) and _has_role(TOKEN.findall(prior.group(1)))
        extra = TOKEN.findall(after.group(1)) if appos_after else TOKEN.findall(prior.group(1)) if appos_before else []
        found.append({"start": name[0].start(), "name": " ".join(t.group() for t in name),
                      "title": [_lower(w) for w in title + extra],
                      "named": _has_role(title) or appos_after or appos_before,
                      "gender": _gender_after(text, name[-1].end(), skip)})
    return found


_POSSESSIVE = re.compile(r"(?<![\w’'])(?:[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)(?![\w’'])")


def _gender_after(text: str, end: int, skip) -> str | None:
    """The gender the text gives a person just named: the first his/her/himself/herself after the
    name in its sentence, outside quotation marks, with no other name between ('Paul Dean said his
    members...'). A 'she said' in a later sentence may be someone else, so it is no evidence.

    >>> _gender_after("Paul Dean said his members were angry.", 9, lambda pos: False)
    'male'
    """
    brk = _SENTENCE_BREAK.search(text, end, min(len(text), end + 300))
    stop = brk.start() if brk else min(len(text), end + 300)
    para = text.find("\n\n", end, stop)
    stop = para if para >= 0 else stop
    other = _CAPS_RUN.search(text, end, stop)
    for m in _POSSESSIVE.finditer(text, end, other.start() if other else stop):
        if not skip(m.start()):
            return "male" if m.group().lower() in ("his", "himself") else "female"
    return None


_QUALIFIED = re.compile(r"[’']s\s|\s(?:of|for|at)\s")
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof"}
MEMORY = 40  # people remembered for resolving 'he', 'she', 'the minister' and surnames


def _gender(title: list[str]) -> str | None:
    """'female' or 'male' when a title word says so ('spokeswoman', 'Mr'), else None."""
    parts = {part.rstrip(".") for t in title for part in t.split("-")}
    return "female" if parts & FEMALE else "male" if parts & MALE else None


def _name_gender(name: str) -> str | None:
    """The gender a first name tells ('Grace Okafor' -> 'female'), from the kit's short list of
    first names (medialit/data/first_names.csv); None for a name not listed or used for both."""
    return next((FIRST_NAMES[w] for w in name.split()[:-1] if w in FIRST_NAMES), None)


def _resolve(atts: list[dict], mentions: list[dict] = (), starts: list[int] = ()) -> None:
    """Fill `resolved` of each attribution, in text order (see the module's docstring).

    'he' and 'she' go to the last person who spoke and may be that gender (a person of the other
    gender is skipped: a title such as 'spokeswoman' or 'Mr', a his/her after the name, an earlier
    'she' or a first name on the kit's short list says which), else to the last person named with
    a role, else to the last person named at all.
    """
    people: list[dict] = []   # {"name", "title", "gender", "named", "spoke"}, most recent last
    last_org = last_single = None

    def meet(name: str, title: list[str], named: bool = True, spoke: bool = False,
             gender: str | None = None, where: int = -1) -> dict:
        surname = name.split()[-1]
        known = next((pp for pp in reversed(people) if pp["surname"] == surname), None)
        if known:
            if len(name.split()) > len(known["name"].split()):
                known["name"] = name
            known["title"] = list(dict.fromkeys(known["title"] + title))  # each title word once
            people.remove(known)
        else:
            known = {"name": name, "surname": surname, "title": list(title), "gender": None, "named": False,
                     "spoke": False}
        known["gender"] = known["gender"] or _gender(known["title"]) or gender or _name_gender(known["name"])
        known["named"] |= named
        known["spoke"] |= spoke
        known["where"] = where  # the paragraph it was last named or heard in
        people.append(known)
        if len(people) > MEMORY:
            del people[0]  # a long text: only the last MEMORY people named are looked back to
        return known

    def pronoun(word: str, where: int) -> str | None:
        want = "male" if word == "he" else "female"
        fits = [pp for pp in reversed(people) if pp["gender"] in (None, want)]
        if fits and fits[0]["where"] == where and fits[0]["named"]:  # named with a role last in this paragraph
            fits[0]["gender"] = want
            return meet(fits[0]["name"], [], spoke=True, where=where)["name"]
        for test in (lambda pp: pp["spoke"], lambda pp: pp["named"], lambda pp: True):
            pick = next((pp for pp in fits if test(pp)), None)  # the last one who may be that gender
            if pick:
                pick["gender"] = want
                return meet(pick["name"], [], spoke=True, where=where)["name"]
        return last_single  # 'according to Smith ... he'

    events = sorted([(m["start"], 0, m) for m in mentions] + [(a["start"], 1, a) for a in atts],
                    key=lambda e: (e[0], e[1]))
    for _, is_att, item in events:
        if not is_att:
            meet(item["name"], item["title"], named=item.get("named", True), gender=item.get("gender"),
                 where=bisect.bisect_right(starts, item["start"]) - 1 if starts else -1)
            continue
        att = item
        said_by = att.get("source") or att["speaker"]  # 'figures published by the ONS': the ONS
        kind, name, title = _classify(said_by)
        resolved = None
        if kind == "voice of":  # a spokesperson speaks for the organisation
            kind, resolved = "org", name
        if kind == "name":  # one capitalised word: a known person's surname, else an actor
            if any(name.split()[-1] == pp["name"].split()[-1] for pp in people):
                kind, resolved = "person", meet(name, title, spoke=True, where=att["paragraph"])["name"]
            else:
                kind, resolved = "org", name
                last_single = name
        elif kind == "person":
            resolved = meet(name, title, spoke=True, where=att["paragraph"])["name"]
        elif kind == "pronoun":
            word = att["speaker"].lower()
            if word in ("he", "she"):
                resolved = pronoun(word, att["paragraph"])
            elif word == "it":
                resolved = last_org
        elif kind == "role" and any(pp["named"] for pp in people):
            named = [pp for pp in people if pp["named"]]
            wanted = {part for t in title for part in t.split("-")} - {"the", "his", "her"}
            scores = [len(wanted & {part for t in pp["title"] for part in t.split("-")}) for pp in named]
            best = max(scores)
            pick = next(pp for pp, sc in zip(reversed(named), reversed(scores)) if sc == best)
            resolved = meet(pick["name"], [], spoke=True, where=att["paragraph"])["name"]
        if kind == "role" and resolved is None and _QUALIFIED.search(said_by):
            resolved = _strip_det(said_by)  # "Labour's shadow health secretary", nobody named: as written
        if kind == "org":
            resolved = resolved or _strip_det(said_by)
            last_org = resolved
        elif kind == "other":
            resolved = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", said_by)
        att["resolved"] = resolved


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


def _sentence_numbers(art: Article, starts: list[int]) -> list:
    """The number `n` of the sentence holding each offset in `starts` (None outside every sentence)."""
    where = SentenceNumbers(art)
    return [where.holding(pos) for pos in starts]


def quotations(text) -> pd.DataFrame:
    """Direct quotations: quote, start, end, speaker, resolved, verb (see the module's docstring)."""
    art = _as_article(text)
    quotes, _ = _analyse(art.text)
    rows = []
    for q in quotes:
        if q.get("prev"):
            continue  # a paragraph that goes on with the quotation before it is part of that row
        last = q
        while last.get("next"):
            last = last["next"]
        att = q["att"]
        rows.append((art.text[q["start"]:last["end"]], q["start"], last["end"],
                     att["speaker"] if att else None, att["resolved"] if att else None, att["verb"] if att else None))
    return pd.DataFrame(rows, columns=QUOTATION_COLUMNS).astype(
        {"quote": "str", "start": int, "end": int, "speaker": "str", "resolved": "str", "verb": "str"})


def speech_marks(text: str, opens) -> set[int]:
    """Which of the opening marks `opens` start a quotation that `quotations(text)` gives a speaker:
    speech, which `framing.scare_quotes` never counts as a scare quote.

    A short quotation gets its speaker from a tag in its own paragraph, so only the paragraphs
    that hold one of `opens` are read (the whole text for a quote headline, whose speaker is in
    the body): the same verdicts as `quotations`, at the cost of those paragraphs.
    """
    opens = set(opens)
    if not opens:
        return set()
    paragraphs = paragraph_spans(text)
    starts = [p0 for p0, _ in paragraphs]
    wanted = {bisect.bisect_right(starts, o) - 1 for o in opens}
    if _headline_index(text, paragraphs) in wanted and len(paragraphs) > 1:
        return {q["open"] for q in _analyse(text)[0] if q["att"]} & opens
    found = set()
    for p in sorted(wanted):
        here = [paragraphs[p]]  # tags and marks of the quotation's own paragraph only
        marked, inside_marks = _marks(text, here)
        near = _find_tags(text, here, inside_marks)
        for s, e, closed, k in marked:
            if s in opens:
                q = _speech(text, s, e, closed, k, near, headline=False)
                if q and (q["att"] or _continues(text, q, marked, near)):
                    found.add(s)
                elif q is None and _echo_in(text, paragraphs, p, s, e):
                    found.add(s)
    return found


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


def attributions(text) -> pd.DataFrame:
    """Attribution tags: speaker, resolved, verb, start, end, sentence (see the module's docstring)."""
    art = _as_article(text)
    _, atts = _analyse(art.text)
    numbers = _sentence_numbers(art, [t["start"] for t in atts])
    rows = [(t["speaker"], t["resolved"], t["verb"], t["start"], t["end"], n) for t, n in zip(atts, numbers)]
    df = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype(
        {"speaker": "str", "resolved": "str", "verb": "str", "start": int, "end": int})
    df["sentence"] = df["sentence"].astype("Int64")
    return df


WORD_COLUMNS = ["paragraph", "role", "word", "start", "end", "voice", "tag", "speaker"]


def voice_words(article, roles=("body",)) -> pd.DataFrame:
    """Every word of the paragraphs whose role is in `roles`, with the voice it is in.

    Columns: paragraph (n in `article.paragraphs`), role, word, start, end, voice ("quoted",
    "paraphrase" or "outlet"), tag (True for the words of an attribution tag, which count as the
    outlet's) and speaker (the resolved speaker of a quoted or paraphrased word; missing for the
    outlet's words). A text with no paragraph of those roles (a short str) is read whole.
    The dateline is left out.
    """
    art = _as_article(article)
    text = art.text
    quotes, atts = _analyse(text)
    pars = art.paragraphs[art.paragraphs.role.isin(roles)]
    if pars.empty:
        pars = art.paragraphs[art.paragraphs.role != "nav"]
    voice_of = _voice_reader(quotes, atts, art.sentences())
    rows = []
    for par in pars.itertuples():
        start = par.start
        if art.dateline and par.role == "body" and par.start == art._body_start:
            start += art.dateline.length
        for s, e in word_spans(text[start:par.end]):
            voice, speaker = voice_of(start + s, par.n - 1)
            rows.append((par.n, str(par.role), text[start + s:start + e], start + s, start + e,
                         "outlet" if voice == "tag" else voice, voice == "tag", speaker))
    return pd.DataFrame(rows, columns=WORD_COLUMNS).astype(
        {"paragraph": int, "role": "str", "word": "str", "start": int, "end": int, "voice": "str",
         "tag": bool, "speaker": "str"})


def voice_share(article, roles=("body",)) -> pd.DataFrame:
    """Words of each paragraph whose role is in `roles`, by voice (see the module's docstring).

    Columns: paragraph (its n in `article.paragraphs`), role, words, quoted, paraphrase, outlet,
    tags, quoted_share, paraphrase_share, outlet_share (shares of the paragraph's words, 0 to 1).
    quoted + paraphrase + outlet == words; tags (the attribution tags' words) are part of outlet.
    A text with no paragraph of those roles (a short str) is read whole, every paragraph counted.
    """
    art = _as_article(article)
    w = voice_words(art, roles)
    pars = art.paragraphs[art.paragraphs.role.isin(roles)]
    if pars.empty:
        pars = art.paragraphs[art.paragraphs.role != "nav"]
    counts: dict[int, dict[str, int]] = {}  # paragraph -> words by voice, and tag words
    for n, voice, tag in zip(w.paragraph, w.voice, w.tag):
        c = counts.setdefault(n, {"quoted": 0, "paraphrase": 0, "outlet": 0, "tags": 0})
        c[voice] += 1
        c["tags"] += bool(tag)
    rows = []
    for par in pars.itertuples():
        c = counts.get(par.n, {"quoted": 0, "paraphrase": 0, "outlet": 0, "tags": 0})
        n = {k: c[k] for k in ("quoted", "paraphrase", "outlet")}
        total = sum(n.values())
        rows.append((par.n, str(par.role), total, n["quoted"], n["paraphrase"], n["outlet"],
                     c["tags"], *(n[k] / total if total else 0.0 for k in n)))
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def _voice_reader(quotes, atts, sents):
    """A function `(pos, p) -> (voice, resolved speaker)` for the word at `pos` in paragraph `p`
    (its index in `paragraph_spans`): "quoted" inside a quotation, "tag" inside an attribution
    tag, "paraphrase" in a sentence that carries a tag and no quotation, else "outlet".

    Quotations and tags never cross a paragraph, so each word is looked up among its own
    paragraph's: a long text costs no more per word than a short one.
    """
    quotes_in: dict[int, list[dict]] = {}
    tags_in: dict[int, list[dict]] = {}
    for q in quotes:
        quotes_in.setdefault(q["paragraph"], []).append(q)
    for t in atts:
        tags_in.setdefault(t["paragraph"], []).append(t)
    starts, ends = sents.start.tolist(), sents.end.tolist()
    paraphrased: dict[int, tuple[bool, str | None]] = {}  # sentence -> (a paraphrase?, its speaker)

    def voice_of(pos: int, p: int) -> tuple[str, str | None]:
        here_quotes, here_tags = quotes_in.get(p, []), tags_in.get(p, [])
        q = next((q for q in here_quotes if q["start"] <= pos < q["end"]), None)
        if q:
            return "quoted", q["att"]["resolved"] if q["att"] else None
        if any(t["start"] <= pos < t["end"] for t in here_tags):
            return "tag", None
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < ends[k]:
            if k not in paraphrased:
                s0, s1 = starts[k], ends[k]
                tags = [t for t in here_tags if s0 <= t["start"] < s1]
                quoted = any(s0 <= q["start"] < s1 or q["start"] <= s0 < q["end"] for q in here_quotes)
                paraphrased[k] = (bool(tags) and not quoted, tags[0]["resolved"] if tags else None)
            if paraphrased[k][0]:
                return "paraphrase", paraphrased[k][1]
        return "outlet", None
    return voice_of


def voice_totals(article, roles=("body",)) -> pd.Series:
    """`voice_share` added up over its paragraphs: words, quoted, paraphrase, outlet, tags and shares."""
    df = voice_share(article, roles)
    total = df[["words", "quoted", "paraphrase", "outlet", "tags"]].sum().astype(float)
    for k in ("quoted", "paraphrase", "outlet"):
        total[f"{k}_share"] = total[k] / total["words"] if total["words"] else 0.0
    return total
