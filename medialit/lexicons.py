"""Word lists the finders share: reporting verbs by lemma, months, weekdays, pronouns, determiners.

One place, so framing and sourcing agree on what counts as "said" or "she".

>>> REPORTING["said"], REPORTING["describes"], REPORTING["urging"]
('say', 'describe', 'urge')
>>> PRONOUN_GENDER["she"], MONTHS["sept"], "she" in SUBJECT_PRONOUNS
('female', 9, True)
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

VERBS_PATH = Path(__file__).resolve().parent / "data" / "reporting_verbs.csv"


def _regular(lemma: str) -> tuple[str, str, str]:
    """(past, third person, -ing) of a regular verb: 'note' -> ('noted', 'notes', 'noting')."""
    if lemma.endswith("e"):
        return lemma + "d", lemma + "s", lemma[:-1] + "ing"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        return lemma + "ed", lemma + "es", lemma + "ing"
    if lemma in ("dub", "admit", "label"):
        double = lemma + lemma[-1]
        return double + "ed", lemma + "s", double + "ing"
    return lemma + "ed", lemma + "s", lemma + "ing"


def _inflect(phrase: str, past: str, participle: str) -> dict[str, str]:
    """Every form of a (phrasal) verb -> the name of its tense: 'point out' -> 'pointed out'..."""
    verb, _, particle = phrase.partition(" ")
    reg_past, third, ing = _regular(verb)
    forms = {"base": verb, "past": past or reg_past, "participle": participle or past or reg_past,
             "third": third, "ing": ing}
    return {form: (f"{word} {particle}" if particle else word) for form, word in forms.items()}


def _load(path: Path = VERBS_PATH) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines):
        row["forms"] = _inflect(row["lemma"], row["past"], row["participle"])
        rows.append(row)
    return rows


VERB_ROWS = _load()
REPORTING: dict[str, str] = {}  # every form -> its lemma
for _row in VERB_ROWS:
    for _word in _row["forms"].values():
        REPORTING.setdefault(_word, _row["lemma"])
VERB_KIND = {row["lemma"]: row["kind"] for row in VERB_ROWS}
BASE_TAGS = {row["forms"]["base"] for row in VERB_ROWS if row["base"]}
NOUNLIKE = {row["forms"][f] for row in VERB_ROWS if row["noun"] for f in ("base", "third")}
ACTS = {row["lemma"] for row in VERB_ROWS if row.get("act")}  # 'declared a state of emergency'


def forms(*tenses: str, kinds=("say", "call", "urge", "find")) -> list[str]:
    """The forms of the given tenses ('past', 'third', 'participle', 'ing', 'base') of every verb."""
    return sorted({row["forms"][t] for row in VERB_ROWS if row["kind"] in kinds for t in tenses})


MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male",
                  "she": "female", "her": "female", "hers": "female",
                  "it": "thing", "its": "thing", "they": "plural", "we": "plural", "i": "self"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
               "our", "your", "my", "whose", "one", "another"}
# pronouns that can be a speaker ('she said'), and the determiners that may open a speaker's noun
# phrase ('the minister', 'his spokesman', 'one resident'): sourcing reads these
SUBJECT_PRONOUNS = {"he", "she", "it", "they", "we", "i"}
SPEAKER_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "one", "another"}
# Words that say whether a person is a man or a woman, for resolving 'he' and 'she'.
FEMALE = {"she", "her", "mrs", "ms", "miss", "spokeswoman", "chairwoman", "councilwoman",
          "congresswoman", "businesswoman", "queen", "princess", "mother", "wife", "daughter",
          "woman", "grandmother", "sister", "actress", "dame", "lady"}
MALE = {"he", "him", "his", "mr", "spokesman", "chairman", "councilman", "congressman",
        "businessman", "king", "prince", "father", "husband", "son", "man", "grandfather",
        "brother", "sir", "lord"}


QUOTE_CHARS = "‘’'\"“”"  # quote marks a lexicon term may sit inside


def term_pattern(term: str) -> str:
    """The regular expression a lexicon term becomes.

    Case does not matter; words may be separated by any white space; each word may sit inside
    quotation marks (‘moderate’ opposition); a hyphen may also be a space (not next to a `*`);
    `*` stands for any letters (militant* → militant, militants; *-backed → Iran-backed, US-backed).
    """
    parts = []
    for word in term.split():
        pieces = []
        for chunk in re.split(r"(\*)", word):
            if chunk == "*":
                pieces.append(r"\w*")
            elif chunk and "*" in word:  # next to a wildcard a hyphen stays a hyphen (*-backed)
                pieces.append(re.escape(chunk))
            elif chunk:
                pieces.append(r"[-\s]".join(re.escape(p) for p in chunk.split("-")))
        parts.append(f"[{QUOTE_CHARS}]?" + "".join(pieces) + f"[{QUOTE_CHARS}]?")
    # quote marks are optional at the edges: keep a leading one only when it opens the span
    body = r"\s+".join(parts)
    return r"(?<![\w-])" + body + r"(?![\w-])"


def _first_names(path: Path = Path(__file__).resolve().parent / "data" / "first_names.csv") -> dict[str, str]:
    """first name -> 'female' or 'male', from medialit/data/first_names.csv (a short, open list)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {name: row["gender"] for row in csv.DictReader(lines) for name in row["names"].split()}


FIRST_NAMES = _first_names()  # FIRST_NAMES["Grace"] == "female"; a name not listed says nothing
