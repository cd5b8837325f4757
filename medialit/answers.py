"""Answers as plain data: normalise, hash, and compare them with the answer key.

Answers are numbers, strings, or lists/sets/dicts of them, or a chart (a matplotlib Figure,
compared on its structure only: see medialit.figures). The key that ships to students holds only
salted hashes, so no answer is readable in plain text; a key entry may also list common mistakes
(hashed the same way), each with the message a student gets for that wrong answer.

`as_plain(value)` is the one conversion of a student's value into plain data (pandas Series/Index,
tuple, numpy array -> list; any Mapping -> dict; Figure -> its description); `check()` and the
grader both call it, so they accept the same answers.

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
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

KEY_PATH = Path(__file__).resolve().parent / "data" / "answer_key.json"
SALT = "medialit:v1"
TYPES = ("integer", "number", "text", "set", "list", "dict", "figure", "written")
TYPE_WORDS = {
    "integer": "a whole number, such as 42",
    "number": "a number, such as 3.14",
    "text": "a piece of text in quotes, such as \"moderate\"",
    "set": "a list or set of items, such as [\"a\", \"b\"] (order does not matter)",
    "list": "a list of items in order, such as [\"a\", \"b\"]",
    "dict": "a dictionary, such as {\"label\": 3}",
    "figure": "a chart: the `fig` of `fig, ax = plt.subplots()` after you have drawn on it",
}


class AnswerTypeError(TypeError):
    """An answer of the wrong kind; the message says what kind was expected."""


def _describe(value) -> str:
    name = type(value).__name__
    if name == "DataFrame":
        return "a pandas DataFrame (a table)"
    if name == "Series":
        return "a pandas Series (a column)"
    if name in ("Figure", "Axes"):
        return "a chart (a matplotlib Figure)"
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _module_of(value) -> str:
    return type(value).__module__.split(".")[0]


def as_plain(value, kind: str | None = None):
    """`value` as plain data: the one conversion `check()` and the grader share.

    A pandas Series or Index, a tuple or a numpy array becomes a list where a list or set is
    expected (a Series becomes a dict where a dict is); any Mapping (defaultdict, Counter, FreqDist) a dict; numpy numbers
    Python numbers; a matplotlib Figure or Axes its description (medialit.figures.describe),
    unless `kind` says another type is expected. Anything else is returned as it is, and
    `canonical` explains what is wrong with it. Besides Mappings, only built-in and library
    types are converted: a subclass a student writes is left alone (and refused later).

    >>> import pandas as pd
    >>> as_plain(pd.Series(["a", "b"]))
    ['a', 'b']
    >>> as_plain(pd.Series({"US": 2}), "dict")
    {'US': 2}
    """
    module = _module_of(value)
    if module in ("pandas", "numpy"):
        name = type(value).__name__
        if name == "Series" and kind == "dict":
            return {_item(k): _item(v) for k, v in value.items()}
        if name in ("Series", "ndarray") or name.endswith("Index"):
            is_list = kind in (None, "list", "set") and getattr(value, "ndim", 1) == 1
            return [_item(v) for v in value.tolist()] if is_list else value  # else: explained as it is
        if hasattr(value, "item") and getattr(value, "ndim", 0) == 0 and name != "DataFrame":
            return value.item()  # a numpy scalar or 0-d array
        return value
    if module == "matplotlib" and kind in (None, "figure"):
        from .figures import describe, figure_of

        figure = figure_of(value)
        return describe(figure) if figure is not None else value
    if type(value) in (list, tuple):
        return [_item(v) for v in value]
    if type(value) in (set, frozenset):
        return {_item(v) for v in value}
    if isinstance(value, Mapping):
        return {_item(k): _item(v) for k, v in value.items()}
    return value


def _item(value):
    """A numpy scalar inside a collection as a Python number or string; anything else unchanged."""
    if _module_of(value) == "numpy" and getattr(value, "ndim", None) == 0:
        return value.item()
    return value


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
    """The hashed key entry for a canonical `value`; no plain answer inside.

    For a figure, `value` is the solution chart's spec (medialit.figures.spec): structure only.
    """
    if kind == "figure":
        return {"type": kind, "spec": value}
    entry = {"type": kind, "hash": digest(question, value)}
    if kind == "number":
        entry["decimals"] = decimals if decimals is not None else 2
    if kind in ("set", "list"):
        entry["items"] = sorted(digest(question, v) for v in value)
    if kind == "dict":
        entry["items"] = sorted(digest(question, [k, v]) for k, v in value.items())
    return entry


def mistake_entry(question: str, value, message: str) -> dict:
    """A common mistake for the student key: the salted hash of its canonical `value` and the
    message a student who gives it reads."""
    return {"hash": digest(question, value), "message": message}


def tolerance(entry: dict) -> str:
    """The tolerance of a number entry, in words: "±0.01"."""
    return f"±{10 ** -entry['decimals']:g}"


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
    """Compare `value` with the key `entry` of `question`. Never raises.

    A wrong answer that is one of the entry's common mistakes gets that mistake's message.
    """
    if entry is None:
        return Verdict("unknown", f"There is no question {question!r} in the answer key: check the number.")
    if value is Ellipsis:
        return Verdict("unanswered", "Replace the ... with your answer and run the cell again.")
    kind = entry["type"]
    try:
        value = as_plain(value, kind)
        if kind == "figure":
            return _figure_verdict(value, entry)
        got = canonical(value, kind, entry.get("decimals"))
    except AnswerTypeError as err:
        return Verdict("invalid", str(err))
    except Exception as err:  # an object whose conversion misbehaves
        return Verdict("invalid", f"That answer could not be read as plain data ({type(err).__name__}).")
    near = [got + d for d in (-1, 0, 1)] if kind == "number" else [got]
    hashes = {digest(question, g) for g in near}
    if entry["hash"] in hashes:
        return Verdict("correct")
    for mistake in entry.get("mistakes", []):
        if mistake.get("hash") in hashes:
            return Verdict("incorrect", str(mistake.get("message", "")))
    if kind == "number":
        return Verdict("incorrect", f"Not within the tolerance ({tolerance(entry)}).")
    return Verdict("incorrect", _collection_feedback(question, got, entry))


def _figure_verdict(value, entry: dict) -> Verdict:
    from .figures import compare, is_description

    if not is_description(value):
        raise AnswerTypeError(f"This question wants {TYPE_WORDS['figure']}, but the answer is "
                              f"{_describe(value)}.")
    spec = entry.get("spec", {})
    problems = compare(spec, value)
    if spec.get("title") and not any(value.get(part) for part in ("title", "xlabel", "ylabel")):
        return Verdict("unanswered", " ".join(problems))  # a bare chart: nothing added to it yet
    return Verdict("incorrect", " ".join(problems)) if problems else Verdict("correct")


def _collection_feedback(question: str, got, entry: dict) -> str:
    """How many items match, counting repeats (a multiset), without naming any item."""
    kind, items = entry["type"], entry.get("items")
    if not items:
        return ""
    mine = ([digest(question, [k, v]) for k, v in got.items()] if kind == "dict"
            else [digest(question, v) for v in got])
    if kind == "list" and sorted(mine) == items:
        return "You have the right items, in the wrong order."
    one, many = ("entry", "entries") if kind == "dict" else ("item", "items")
    matched = sum((Counter(mine) & Counter(items)).values())
    parts = [f"{matched} of your {len(mine)} {one if len(mine) == 1 else many} "
             f"{'matches' if matched == 1 else 'match'}; the answer has {len(items)}."]
    distinct = len(set(items))
    if distinct < len(items):
        parts.append(f"Some items occur more than once in the answer ({distinct} different "
                     f"{'item' if distinct == 1 else 'items'}, {len(items)} in all): keep each as often "
                     "as it occurs.")
    if any(n > Counter(items)[h] > 0 for h, n in Counter(mine).items()):
        parts.append("Some of your items appear more often than in the answer.")
    return " ".join(parts)


@lru_cache(maxsize=4)
def _load_key(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def answer_key(path: Path = KEY_PATH) -> dict:
    """The hashed answer key: {"questions": {id: entry}} (re-read when the file changes)."""
    try:
        return _load_key(str(path), path.stat().st_mtime)
    except FileNotFoundError:
        return {"questions": {}}
