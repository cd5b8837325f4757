"""Speech that no tag introduces: Q:/A: interviews, transcripts with speaker labels
('DR KHAN: ...') and quote headlines, whose speaker the body gives.

>>> t = "Minister on trains\\n\\nAnn Lee, the minister, spoke to us.\\n\\nQ: Why?\\n\\nA: The track is old."
>>> [(q["quote"], q["att"]["speaker"]) for q in _answers(t, paragraph_spans(t), [])]
[('The track is old.', 'Ann Lee')]
"""
from __future__ import annotations

import re

from .article import _is_chrome, paragraph_spans
from .text import words
from .speakers import _SENTENCE_BREAK


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
    answers = _interviewee_label(text, paragraphs, turns)
    if answers:  # the piece interviews one person: whoever else asks a question is the interviewer
        for p, m in turns:
            if m.group("label") != answers and "?" in text[paragraphs[p][0]:paragraphs[p][1]]:
                asks[m.group("label")] = True
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


def _interviewee_label(text: str, paragraphs, turns) -> str | None:
    """The label of the person the piece interviews: the first person named (two capitalised
    words) before the first turn, when a label is that name or its surname ('Ann Lee, 47, ...
    LEE: It is.' -> 'LEE'). None when no label matches."""
    first = turns[0][0]
    labels = {m.group("label") for _, m in turns}
    for p0, p1 in paragraphs[1:first]:
        run = _NAME_RUN.search(text, p0, p1)
        if run:
            name = run.group().upper()
            for label in labels:
                if label == name or label == name.split()[-1]:
                    return label
            return None
    return None


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
