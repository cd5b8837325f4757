"""Who a speaker is: the people a text names, their gender, and what 'he', 'she', 'the minister' or
a surname stand for (see `_resolve`).

>>> atts = [{"speaker": "Ann Lee", "start": 0, "paragraph": 0}, {"speaker": "she", "start": 20, "paragraph": 0}]
>>> _resolve(atts); [a["resolved"] for a in atts]
['Ann Lee', 'Ann Lee']
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .article import ABBREVIATIONS
from .lexicons import FEMALE, FIRST_NAMES, MALE
from .speakers import (CONNECTORS, DETERMINERS, MOUTHPIECES, ORG_NOUNS, PRONOUNS, ROLE_NOUNS, TITLE_WORDS,
                       TOKEN, _BARE, _SENTENCE_BREAK, _has_role, _is_capital, _is_plural, _is_title,
                       _head, _last_tokens, _lower, _singular, _strip_det)


_PLACE_CONNECTORS = CONNECTORS | {"on", "near", "across"}  # 'Residents of/on/near ...'


@lru_cache(maxsize=4096)
def _classify(speaker: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(kind, name, title words) of a speaker as written (`_read_speaker`), kept for the next
    time the same words speak ('he', 'the minister', 'Antonov')."""
    kind, name, title = _read_speaker(speaker)
    return kind, name, tuple(title)


def _read_speaker(speaker: str) -> tuple[str, str | None, list[str]]:
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
    if name and det and title and all(t.isalpha() and t.islower() for t in body[:len(body) - len(name)]) \
            and not has_role and title[-1] not in _PLACE_CONNECTORS:
        return "name", " ".join(name), title  # 'the charity Shelter', 'the union Unison': the name
    if name and title and title[-1] in _PLACE_CONNECTORS and _is_plural(body[0]):
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


# two or more capitalised words: a name needs two (one word alone is skipped in the pattern)
# (a capital first, the look-behind after it: the engine then skips to capitals, which are rare)
_CAPS_RUN = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[\w’'\-]*\.?(?:[^\S\n]+(?:of[^\S\n]+)?[A-Z][\w’'\-]*\.?)+")


# 'the minister, ' before a name: up to five words and a comma at the end (tried at word starts
# only, possessive: the same match as without, without backtracking through every letter)
_PRIOR = re.compile(r"(?<![\w’'\-])((?:[\w’'\-]++\s++){0,4}[\w’'\-]++),\s*$")


_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the|his|her|its)\s+)?((?:[\w’'\-]+\s+){0,4}[\w’'\-]+)")  # ', a spokesman'


_AGE_AFTER = re.compile(r",\s*\d{1,3},")  # 'Linda Farrow, 74,': news introduces a person with an age


def _mentions(text: str, skip) -> list[dict]:
    """People named in the outlet's words: a name with a title before it ('Minister Anatoly Antonov'),
    an appositive role after it ('John Smith, a spokesman') or before it ('the minister, Sergei Lavrov'),
    or an age after it ('Alan Birch, 71,')."""
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
            if _is_capital(word) and not _is_title(word.rstrip(".")) and word.upper() != word:  # a lower-case letter
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
        after = _APPOSITIVE.match(text, name[-1].end(), name[-1].end() + 200)
        appos_after = bool(after) and _has_role(TOKEN.findall(after.group(1)))
        prior = _PRIOR.search(text, max(line_start, m.start() - 160), m.start()) \
            if text[max(line_start, m.start() - 8):m.start()].rstrip().endswith(",") else None  # five words back
        appos_before = bool(prior) and _has_role(TOKEN.findall(prior.group(1)))
        extra = TOKEN.findall(after.group(1)) if appos_after else TOKEN.findall(prior.group(1)) if appos_before else []
        found.append({"start": name[0].start(), "name": " ".join(t.group() for t in name),
                      "title": [_lower(w) for w in title + extra],
                      "named": _has_role(title) or appos_after or appos_before
                      or bool(_AGE_AFTER.match(text, name[-1].end())),
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


_POSSESSIVES = {"his", "her", "hers", "he", "she", "him"}


def _gender(title: list[str]) -> str | None:
    """'female' or 'male' when a title word says so ('spokeswoman', 'Mr'), else None; a
    possessive in the title says nothing of the person ('Her manager, Tom Reid').

    >>> _gender(["her", "manager"]), _gender(["spokeswoman"])
    (None, 'female')
    """
    parts = {part.rstrip(".") for t in title for part in t.split("-")} - _POSSESSIVES
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
    last_org = last_single = last_group = None  # last_group: the last plural speaker, for 'they'

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
        title = list(title)
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
            elif word == "they":
                resolved = last_group  # 'Residents said ... They said'
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
        if kind in ("org", "other", "role") and resolved and _is_plural(_head(TOKEN.findall(said_by))):
            last_group = resolved
        att["resolved"] = resolved
