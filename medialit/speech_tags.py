"""Attribution tags: a reporting verb (one lexicon by lemma: medialit/data/reporting_verbs.csv)
with its speaker, as 'Smith said', 'said the minister', 'according to the ministry', 'a court heard',
'..., adding that', 'the trust, which said'. Acts ('declared a state of emergency') and nouns ('his
claims') are not tags.

>>> t = '"We tried," said Ann Lee. The union said it would strike, adding that talks had failed.'
>>> [(a["speaker"], a["verb"]) for a in _find_tags(t, [(0, len(t))], lambda pos: False)]
[('Ann Lee', 'said'), ('The union', 'said'), ('The union', 'adding')]
"""
from __future__ import annotations

import re

from .article import ABBREVIATIONS
from .lexicons import ACTS, BASE_TAGS, NOUNLIKE, REPORTING, VERB_KIND
from .lexicons import forms as lexicon_forms
from .speed import around_literal, in_paragraphs
from .text import any_of
from .speakers import (DETERMINERS, TOKEN, _SENTENCE_BREAK, _document_source, _has_role, _head, _is_plural,
                       _last_tokens, _lower, _singular, _speaker_after, _speaker_before, _whole_noun_phrase)

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
# (\b and a look-ahead at the possible first letters first: cheap tests that fail fast inside words
# and before other letters; the look-behind after them is the rule, and implies the \b)
VERB = re.compile(
    rf"\b(?=[{_FIRST_LETTERS}])(?<![\w’'\-])(?:(?P<adv>{ADVERBS})\s+)?"
    rf"(?P<verb>(?:(?:has|have|had)\s+(?:{ADVERBS}\s+)?)?(?P<form>{_FORM})"
    rf"|(?:is|was)\s+quoted\s+as\s+saying|[Aa]ccording\s+to)(?![\w’'\-])")
_TOLD = re.compile(_TOLD_OBJECT)
WHEN = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)\b")


_HEAR = re.compile(r"[Tt](?<![\w’'][Tt])o\s+hear\s+(?P<who>[^,.;:!?\"“”]{2,80}?)"
                   r"(?:\s+(?P<verb>tell|say|describe|explain)\s+it)?(?=\s*,)")


_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<who>(?:[\w’'\-]+\s+){0,6}?[\w’'\-]+)\s+(?P<verb>put\s+it|puts\s+it)\b")


def _hear_tags(text: str, paragraphs, inside_marks) -> list[dict]:
    """'To hear the motoring lobby tell it, ...' and 'As one resident put it, ...': the words
    that follow are the lobby's, the resident's."""
    found = []
    hits = list(around_literal(_HEAR, "hear", 8, text, paragraphs)) + \
        list(around_literal(_PUT_IT, "put ", 140, text, paragraphs))
    for p, m in sorted(hits, key=lambda hit: hit[1].start()):
        if inside_marks(m.start()) or len(m.group("who").split()) > 8:
            continue
        verb = m.group("verb") or "hear"
        found.append({"speaker": m.group("who"), "verb": verb, "start": m.start(), "end": m.end(),
                      "paragraph": p})
    return found


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
                               r"[Pp]olls?|[Rr]ecords|[Ee]stimates|[Aa]nalysis|[Rr]esearch|[Rr]eviews?|[Aa]udits?)\b")
_REPORTED_TO = re.compile(r"(?:\s+[\w’'\-]+){1,4}\s+to\s+(?!be\b|have\b)")


_CLAUSE_OPENER = re.compile(r"\s+(?:the|a|an|it|he|she|they|we|its|their|this|these|there|[A-Z0-9])\b")
_BEFORE_FINITE = re.compile(r"\s+(?:was|were|is|are|had|has|have|will|would)\b")


_NOUN_BEFORE = DETERMINERS | {"these", "those", "this", "that", "our", "your", "my", "new", "fresh"}


def _verb_not_noun(text: str, v0: int, v1: int, p0: int) -> bool:
    """Is a form that is also a noun ('claims', 'states') a verb here? Yes when a clause follows it
    and no determiner or possessive is before it: 'A petition claims the scheme will...', not
    'his claims', 'the claims the company made'."""
    before = _last_tokens(text, p0, v0, 1)
    word = _lower(before[0]) if before else ""
    return text[v0].islower() and bool(_CLAUSE_OPENER.match(text, v1)) and \
        word not in _NOUN_BEFORE \
        and not word.endswith("'s")


_COMMA_SUBJECT = re.compile(r",\s+(?:the|a|an|its|their|this)\s+(?:[\w’'\-]+\s+){0,3}$", re.I)
_CLAUSE_CLOSES = re.compile(r"\s*(?:[.;!?]|$)")


def _closing_tag(text: str, v0: int, v1: int, p0: int, p1: int) -> bool:
    """A form that is also a noun closes its sentence after a comma and its subject: a tag
    ('..., the review estimates.', '..., the survey reports.'), not a noun."""
    return bool(_COMMA_SUBJECT.search(text, max(p0, v0 - 50), v0)) and bool(_CLAUSE_CLOSES.match(text, v1, p1))


HEARING_BODIES = {"court", "inquest", "tribunal", "jury", "hearing", "inquiry", "trial", "committee"}


def _find_tags(text: str, paragraphs, inside_marks) -> list[dict]:
    found, shared = [], []  # shared: (start, end, paragraph) of verbs that take an earlier tag's speaker
    found += _hear_tags(text, paragraphs, inside_marks)
    for p, m in in_paragraphs(VERB, text, paragraphs):
        p0, p1 = paragraphs[p]
        v0, v1 = m.start("verb"), m.end("verb")
        if inside_marks(v0):
            continue
        form = m.group("form")
        low = " ".join(form.lower().split()) if form else ""
        lemma = REPORTING.get(low)
        nounlike = low in NOUNLIKE and not _THAT_OR_MARK.match(text, v1, p1)
        if nounlike and REPORTING.get(low) != low and not _verb_not_noun(text, v0, v1, p0) \
                and not _closing_tag(text, v0, v1, p0, p1):
            continue  # 'his claims', 'the United States'
        if _BEFORE_FINITE.match(text, v1, p1):
            continue  # 'the patients admitted were 75 or older': a participle, not a tag
        if lemma in ("write", "find", "show") and _NOT_REPORTING.match(text, v1, p1):
            continue  # 'had written to', 'was found dead': not reporting
        document = None  # 'Figures released ... show': a document as subject (read for findings and bare forms)
        if VERB_KIND.get(lemma) == "find" or low in BASE_TAGS:
            document = _DOCUMENT_SUBJECT.search(text, max(p0, v0 - 90), v0)
            if document and _SENTENCE_BREAK.search(text, document.end(), v0):
                document = None
        if VERB_KIND.get(lemma) == "find" and not (document or _FINDING_END.match(text, v1, p1)):
            continue  # a finding is reported with 'that' or ends its clause: 'a report found.'
        if lemma == "report" and _REPORTED_TO.match(text, v1, p1):
            continue  # 'reported her employer to inspectors': an act
        if lemma == "dismiss" and not _AS_AFTER.match(text, v1, p1):
            continue  # 'was dismissed in 2023': fired, not 'dismissed the plan as a stunt'
        if lemma == "accuse" and _OF_AFTER.match(text, v1, p1):
            continue  # 'Ferry firm accused of ...': the accused, not the accuser
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
            if span is None and _BE_BEFORE.search(text, max(p0, verb_start - 12), verb_start):
                by = _BY_AGENT.match(text, v1, p1)  # 'was described by Labour as', 'was branded "a farce" by Labour'
                span = _speaker_after(text, by.end(), p1) if by else None
                if span:
                    start, end = v0, v1  # the tag is the verb: a quotation may stand between it and 'by''
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
        what_of = _DOCUMENT_OF.search(text, span[0], span[1])
        if what_of and document:  # 'the council's survey of stallholders found': the survey speaks
            span = (span[0], what_of.end("doc"))
        when = WHEN.match(text, end, p1)
        if when and end == v1:
            end = when.end()
        verb = " ".join(text[v0:v1].split())
        found.append({"speaker": text[span[0]:span[1]], "verb": verb[:1].lower() + verb[1:],
                      "start": start, "end": end, "paragraph": p,
                      "source": text[source[0]:source[1]] if source else None})
    shared += [(m.start("verb"), m.end("verb"), p) for p, m in in_paragraphs(_PARTICIPLE_TAG, text, paragraphs)
               if not inside_marks(m.start())]
    found += _shared_tags(text, found, shared)
    found.sort(key=lambda t: t["start"])
    return [t for k, t in enumerate(found) if k == 0 or t["start"] >= found[k - 1]["end"]]


_OF_AFTER = re.compile(r"\s+of\b")
_DOCUMENT_OF = re.compile(r"\b(?P<doc>(?:survey|study|review|audit|poll|analysis)s?)\s+of\s+[a-z]", re.I)
_AS_AFTER = re.compile(r"(?:\s+[\w’'\-]+){1,5}\s+as\b")  # 'dismissed its opponents as'

_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+$")
_BY_AGENT = re.compile(r"(?:\s+[\"“‘'][^\"“”‘’'\n]{1,80}[\"”’'])?\s+by(?=\s)")
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
            out.append({**tag, "verb": " ".join(text[v0:v1].split()), "start": v0, "end": v1,
                        "shared": True})
        elif _THAT_AFTER.match(text, v1):  # no tag before: the sentence's subject warns, adds...
            subject = _sentence_subject(text, v0)
            if subject:
                out.append({"speaker": text[subject[0]:subject[1]], "verb": " ".join(text[v0:v1].split()),
                            "start": subject[0], "end": v1, "paragraph": p, "source": None, "shared": True})
    return out


_THAT_AFTER = re.compile(r"\s+that\b")
_FINITE_AFTER = re.compile(r"\s+(?:have|has|had|are|were|is|was|will|would|[a-z]+ed)\b")


def _sentence_subject(text: str, pos: int) -> tuple[int, int] | None:
    """The noun phrase opening the sentence that holds `pos`, when a verb follows it: 'Residents
    in Ashworth have hit out at the plan, warning that ...' -> the span of 'Residents in Ashworth'."""
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, pos - 400), pos)]
    start = max(starts, default=max(0, text.rfind("\n", 0, pos) + 1))
    start = max(start, text.rfind("\n", 0, pos) + 1)
    span = _speaker_after(text, start, pos)
    if span and span[0] == start and _FINITE_AFTER.match(text, span[1]):
        return span
    return None
