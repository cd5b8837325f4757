"""Answers as plain data: normalise, hash, and compare them with the answer key.

Answers are numbers, strings, or lists/sets/dicts of them. The key that ships to students
holds only salted hashes, so no answer is readable in plain text.

>>> canonical(12.8049, "number", decimals=2)
1280
>>> canonical(["Antonov ", "antonov", "the US"], "set")
['antonov', 'the us']
"""
from __future__ import annotations

import hashlib
import json
import math
import numbers as _numbers
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KEY_PATH = Path(__file__).resolve().parent / "data" / "answer_key.json"
SALT = "medialit:v1"
TYPES = ("integer", "number", "text", "set", "list", "dict", "written")
TYPE_WORDS = {
    "integer": "a whole number, such as 42",
    "number": "a number, such as 3.14",
    "text": "a piece of text in quotes, such as \"moderate\"",
    "set": "a list or set of items, such as [\"a\", \"b\"] (order does not matter)",
    "list": "a list of items in order, such as [\"a\", \"b\"]",
    "dict": "a dictionary, such as {\"label\": 3}",
}


class AnswerTypeError(TypeError):
    """An answer of the wrong kind; the message says what kind was expected."""


def _describe(value) -> str:
    name = type(value).__name__
    if name == "DataFrame":
        return "a pandas DataFrame (a table)"
    if name == "Series":
        return "a pandas Series (a column)"
    return f"a {name}"


def normalise_text(value: str) -> str:
    """Case, spacing, curly quotes and surrounding punctuation do not matter.

    >>> normalise_text("  ‘Moderate’  Opposition. ")
    'moderate opposition'
    """
    text = unicodedata.normalize("NFKC", value)
    text = text.translate(str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\""))
    text = re.sub(r"\"|'(?!\w)|(?<!\w)'", "", text)  # quote marks go; apostrophes (Syria's) stay
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return text.strip(" .,;:!?")


def _scalar(value, what: str):
    """A str, int or float item of a collection, normalised."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, bool) or not isinstance(value, _numbers.Real):
        raise AnswerTypeError(f"{what} should hold text or numbers, not {_describe(value)}.")
    value = float(value)
    return int(value) if value.is_integer() else round(value, 6)


def canonical(value, kind: str, decimals: int | None = None):
    """The comparable form of `value` as an answer of type `kind` (see TYPES).

    Raises AnswerTypeError, with a message for students, when `value` is of the wrong kind.
    """
    expected = f"This question wants {TYPE_WORDS.get(kind, kind)}, but the answer is {_describe(value)}."
    if kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, _numbers.Real):
            raise AnswerTypeError(expected)
        value = float(value)
        if not math.isfinite(value):
            raise AnswerTypeError(f"The answer is {value}: it should be a finite number.")
        if kind == "integer":
            if not value.is_integer():
                raise AnswerTypeError(f"This question wants a whole number, but the answer is {value}.")
            return int(value)
        return round(value * 10 ** (decimals if decimals is not None else 2))
    if kind == "text":
        if not isinstance(value, str):
            raise AnswerTypeError(expected)
        return normalise_text(value)
    if kind in ("set", "list"):
        if isinstance(value, (str, bytes, dict)) or not isinstance(value, (list, tuple, set, frozenset)):
            raise AnswerTypeError(expected)
        items = [_scalar(v, "The list") for v in value]
        return sorted(set(items), key=repr) if kind == "set" else items
    if kind == "dict":
        if not isinstance(value, dict):
            raise AnswerTypeError(expected)
        return {str(_scalar(k, "The keys")): _scalar(v, "The values")
                for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))}
    raise ValueError(f"unknown answer type {kind!r}")


def infer_type(value) -> str:
    """The answer type of a solution's value (used when the key is built)."""
    if isinstance(value, bool):
        raise AnswerTypeError("True/False answers are not supported: use a string such as 'yes'.")
    if isinstance(value, _numbers.Integral):
        return "integer"
    if isinstance(value, _numbers.Real):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (set, frozenset)):
        return "set"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "dict"
    raise AnswerTypeError(f"Answers must be plain data, not {_describe(value)}.")


def digest(question: str, item) -> str:
    """Salted SHA-256 of one canonical value (short hex)."""
    payload = json.dumps([SALT, question, item], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def key_entry(question: str, value, kind: str, decimals: int | None = None) -> dict:
    """The hashed key entry for a canonical `value`; no plain answer inside."""
    entry = {"type": kind, "hash": digest(question, value)}
    if kind == "number":
        entry["decimals"] = decimals if decimals is not None else 2
    if kind in ("set", "list"):
        entry["items"] = sorted(digest(question, v) for v in value)
    if kind == "dict":
        entry["items"] = sorted(digest(question, [k, v]) for k, v in value.items())
    return entry


@dataclass(frozen=True)
class Verdict:
    """The result of comparing one answer with the key: status is one of
    correct, incorrect, unanswered, unknown, invalid; `feedback` is for the student."""

    status: str
    feedback: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def verdict(question: str, value, entry: dict | None) -> Verdict:
    """Compare `value` with the key `entry` of `question`. Never raises."""
    if entry is None:
        return Verdict("unknown", f"There is no question {question!r} in the answer key: check the number.")
    if value is Ellipsis:
        return Verdict("unanswered", "Replace the ... with your answer and run the cell again.")
    kind = entry["type"]
    try:
        got = canonical(value, kind, entry.get("decimals"))
    except AnswerTypeError as err:
        return Verdict("invalid", str(err))
    except Exception as err:  # an object whose conversion misbehaves
        return Verdict("invalid", f"That answer could not be read as plain data ({type(err).__name__}).")
    if kind == "number":
        if any(digest(question, got + d) == entry["hash"] for d in (-1, 0, 1)):
            return Verdict("correct")
        return Verdict("incorrect", f"Not within the tolerance (±{10 ** -entry['decimals']:g}).")
    if digest(question, got) == entry["hash"]:
        return Verdict("correct")
    return Verdict("incorrect", _collection_feedback(question, got, entry))


def _collection_feedback(question: str, got, entry: dict) -> str:
    kind, items = entry["type"], entry.get("items")
    if not items:
        return ""
    mine = ([digest(question, [k, v]) for k, v in got.items()] if kind == "dict"
            else [digest(question, v) for v in got])
    if kind == "list" and sorted(mine) == items:
        return "You have the right items, in the wrong order."
    right = sum(1 for h in set(mine) if h in items)
    noun = "entries" if kind == "dict" else "items"
    return f"{right} of your {len(set(mine))} {noun} match; the answer has {len(items)}."


@lru_cache(maxsize=4)
def _load_key(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def answer_key(path: Path = KEY_PATH) -> dict:
    """The hashed answer key: {"questions": {id: entry}} (re-read when the file changes)."""
    try:
        return _load_key(str(path), path.stat().st_mtime)
    except FileNotFoundError:
        return {"questions": {}}
