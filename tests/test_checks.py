"""The self-check: verdicts, hints, tolerance, and no answer given away."""
import json

import pytest

from medialit import check
from medialit.answers import AnswerTypeError, canonical, digest, key_entry, normalise_text, verdict
from medialit.checks import _check


def entry_for(qid, value, kind, decimals=None, hint=None):
    e = key_entry(qid, canonical(value, kind, decimals), kind, decimals)
    if hint:
        e["hint"] = hint
    return e


def test_text_normalisation():
    assert normalise_text(" ‘Moderate’   OPPOSITION. ") == "moderate opposition"
    assert normalise_text("“impossible and senseless”") == "impossible and senseless"


@pytest.mark.parametrize("kind, right, also_right, wrong", [
    ("integer", 13, 13.0, 12),
    ("text", "MOSCOW", "  moscow ", "Moscow, Russia"),
    ("set", {"opposition", "antonov"}, ["Antonov", "opposition", "antonov"], {"opposition"}),
    ("list", ["a", "b"], ("A", "b"), ["b", "a"]),
    ("dict", {"US": 2, "UN": 1}, {"us": 2.0, "un": 1}, {"US": 2, "UN": 2}),
])
def test_verdicts(kind, right, also_right, wrong):
    e = entry_for("9.1", right, kind)
    assert verdict("9.1", right, e).correct
    assert verdict("9.1", also_right, e).correct
    assert verdict("9.1", wrong, e).status == "incorrect"
    assert verdict("9.1", ..., e).status == "unanswered"


def test_number_tolerance_is_stated_decimals():
    e = entry_for("9.2", 69.0421, "number", decimals=2)
    assert verdict("9.2", 69.04, e).correct and verdict("9.2", 69.05, e).correct
    wrong = verdict("9.2", 69.2, e)
    assert wrong.status == "incorrect" and "±0.01" in wrong.feedback


def test_collection_feedback_counts_without_naming():
    e = entry_for("9.3", {"militants", "ceasefire violators", "us-controlled opposition"}, "set")
    v = verdict("9.3", ["militants", "rebels"], e)
    assert v.feedback == "1 of your 2 items match; the answer has 3."
    v = verdict("9.4", ["b", "a"], entry_for("9.4", ["a", "b"], "list"))
    assert "wrong order" in v.feedback


@pytest.mark.parametrize("value, message", [
    ("13", "wants a whole number"),
    (True, "wants a whole number"),
    (12.5, "wants a whole number, but the answer is 12.5"),
    (float("nan"), "finite"),
])
def test_wrong_kinds_are_explained(value, message):
    v = verdict("9.5", value, entry_for("9.5", 13, "integer"))
    assert v.status == "invalid" and message in v.feedback


def test_dataframe_answer_is_explained():
    pd = pytest.importorskip("pandas")
    v = verdict("9.6", pd.DataFrame({"a": [1]}), entry_for("9.6", 1, "integer"))
    assert "pandas DataFrame" in v.feedback


def test_object_that_equals_everything_is_not_correct():
    class Liar:
        def __eq__(self, other):
            return True
        __hash__ = object.__hash__
    e = entry_for("9.7", "moderate", "text")
    assert verdict("9.7", Liar(), e).status == "invalid"
    assert verdict("9.7", [Liar()], entry_for("9.7", ["moderate"], "list")).status == "invalid"


def test_key_holds_no_plain_answer():
    e = entry_for("9.8", {"ceasefire violators", "militants"}, "set")
    assert "militants" not in json.dumps(e) and "ceasefire" not in json.dumps(e)
    assert digest("9.8", "x") != digest("9.9", "x")  # salted per question


def test_check_prints_and_never_raises(capsys):
    check("00.2", ...)
    assert "not answered yet" in capsys.readouterr().out
    check("99.9", 3)
    assert "unknown question" in capsys.readouterr().out

    class Exploding:
        def __float__(self):
            raise RuntimeError("boom")
    check("01.1", Exploding())
    out = capsys.readouterr().out
    assert out.startswith("! 01.1") or out.startswith("? 01.1")


def test_wrong_answer_gets_the_hint_and_not_the_answer():
    from medialit.answers import answer_key
    key = answer_key()["questions"]
    assert "01.2" in key, "the answer key has lesson 01"
    message, record = _check("01.2", "Damascus", None)
    assert message.startswith("✗ 01.2") and "Hint:" in message
    assert "moscow" not in message.lower()
    assert record["status"] == "incorrect"


def test_canonical_rejects_unknown_type():
    with pytest.raises(ValueError):
        canonical(1, "colour")
    with pytest.raises(AnswerTypeError):
        canonical("a", "set")
