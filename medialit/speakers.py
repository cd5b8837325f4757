"""The speaker of an attribution tag: the noun phrase before its verb or after it.

Rules a reader can check: a speaker stands behind asides ('Gill Warren, 72, who ..., said'), may be
a list of capitalised words ('the Department for Environment, Food and Rural Affairs'), a short
plain phrase ('12 drivers', 'Their leaflets', 'four'), a phrase with words after its noun ('A letter
signed by 31 households' -> 'A letter'; 'Two people familiar with the matter' whole), or a
document that speaks for whoever published it ('figures published by the ONS').

>>> t = 'Jo Baines, who chairs the committee, said'
>>> t[slice(*_speaker_before(t, t.index("said"), 0))]
'Jo Baines'
"""
from __future__ import annotations

import re
from functools import lru_cache

from .article import ABBREVIATIONS
from .lexicons import MONTHS, SPEAKER_DETERMINERS, SUBJECT_PRONOUNS, WEEKDAYS
from .text import words

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
              "source",  # an unnamed source ("according to a source close to the talks")
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
# the same sets joined once, not at every word ('x in A | B' builds A | B each time it runs)
_NOT_MODIFIERS = DETERMINERS | CONNECTORS | PRONOUNS | NOT_NAMES
_JOINERS = CONNECTORS | {"the"}
_NOT_NAMES_BUT_AND = NOT_NAMES - {"and"}
_NOT_IN_PHRASE = _CLAUSE_WORDS | _NOT_NAMES_BUT_AND
_CONNECTORS_OR_NOT_NAMES = CONNECTORS | NOT_NAMES
_CONNECTORS_OR_DETERMINERS = CONNECTORS | DETERMINERS
_CLAUSE_OR_CONNECTOR = _CLAUSE_WORDS | CONNECTORS
_CLAUSE_CONNECTOR_OR_NOT_NAME = _CLAUSE_OR_CONNECTOR | NOT_NAMES
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
    if any(w in _CLAUSE_WORDS or (w in _NOT_NAMES_BUT_AND and (k or w not in DETERMINERS))
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
            "by", "in", "on", "at", "from", "for", "last", "this", "since")  # not "to": "declined to say"
        source = _POSTMODIFIER.match(text, tokens[k].start())
        if not (participle or source):
            continue
        if word in _PUBLISHED and following == "by":
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


_SHORT_NAME_BEFORE = re.compile(r"\s+\((?:[A-Z][A-Za-z&.]{1,9}|\d[\d.,]*%)\)\s*$")  # "(NSEB)", "(31%)"


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
    short = _SHORT_NAME_BEFORE.search(text, max(floor, end - 16), end)
    if short:  # 'the Kell Water Company (KWC) said': the name before its bracketed short form
        end = short.start()
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


_AND_NAME = re.compile(r"\band\s+[A-Z]")
_LIST_ITEM = re.compile(r"(?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*,\s*$")


def _whole_list(text: str, span: tuple[int, int], floor: int) -> tuple[int, int]:
    """A name ending 'X and Y' after a comma is the end of a list of capitalised words: read the
    whole name ('Department for Environment, Food and Rural Affairs')."""
    s, e = span
    if not text[s:s + 1].isupper() or not _AND_NAME.search(text, s, e):
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
              and tokens[i].group() in TITLE_WORDS
              and tok not in _NOT_MODIFIERS):
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
    while i < len(tokens) and _lower(tokens[i].group()) in _JOINERS:
        i += 1
    if i >= len(tokens) or text[tokens[-1].end():end].strip():
        return None if long_clause else _plain_phrase(text, clause_start, end) or \
            _postmodified(text, clause_start, end)
    if i > 1 and not long_clause and (head := _postmodified(text, clause_start, end)):
        return head  # 'A petition signed by 2,100 people': the petition, not the people
    if i > 0 and (_lower(tokens[i - 1].group()) in DETERMINERS or _NUMBER_WORD.fullmatch(tokens[i - 1].group())):
        i -= 1  # 'the minister', '12 drivers', 'two nurses'
    elif 1 < i <= 5 and _lower(tokens[0].group()) in DETERMINERS and all(
            t.group().islower() and _lower(t.group()) not in _NOT_IN_PHRASE
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
        modifier = tok.group().isalpha() and tok.group().islower() and word not in _CONNECTORS_OR_NOT_NAMES \
            and peek is not None and _np_token(peek.group().rstrip(".")) and len(tokens) < 3
        if _np_token(tok.group().rstrip(".")) or modifier or (tokens and word in _JOINERS):
            tokens.append(tok)
            if tok.group().endswith(".") and not _is_abbreviation(tok.group()):
                break  # a full stop that ends the sentence
            continue
        break
    while tokens and _lower(tokens[-1].group()) in _CONNECTORS_OR_DETERMINERS:
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
    if m and not any(w in _CLAUSE_CONNECTOR_OR_NOT_NAME for w in m.group(1).split()):
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
    if plain and not any(_lower(w) in _CLAUSE_OR_CONNECTOR for w in TOKEN.findall(plain.group(1))):
        return plain.start(1), plain.end(1)
    return _speaker_after(text, by.end(), ceiling)


_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’']?\s+(?=[A-Z\"“‘'])")


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?…:][\"”’']?\s+|\n)(?:(?:But|And|Yet|So)\s+)?$")


def _head(tokens: list[str]) -> str:
    """The head word of a noun phrase: the last word before 'of', 'in', 'at'... ('Residents in
    Bramford' -> 'Residents'), else the last word."""
    k = next((k for k, t in enumerate(tokens) if k and _lower(t) in CONNECTORS - {"and"}), len(tokens))
    return tokens[k - 1]


def _strip_det(speaker: str) -> str:
    return re.sub(r"^(?:the|The|a|A|an|An)\s+", "", speaker)


def _has_role(words) -> bool:
    return any(part in ROLE_NOUNS for w in words for part in _lower(w).rstrip(".").split("-"))


def _last_tokens(text: str, start: int, end: int, n: int) -> list[str]:
    """`TOKEN.findall(text[start:end])[-n:]`, reading only the end of a long stretch."""
    window = max(start, end - 40 * n)
    tokens = TOKEN.findall(text[window:end])
    if window > start:
        tokens = tokens[1:]  # the first may be cut
        if len(tokens) < n:
            tokens = TOKEN.findall(text[start:end])
    return tokens[-n:]
