"""The self-check: verdicts, hints, tolerance, and no answer given away."""
import json

import pytest

from medialit import check
from medialit.answers import (AnswerTypeError, Verdict, as_plain, canonical, digest, key_entry, mistake_entry,
                              normalise_text, verdict)
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
    assert v.feedback == "1 of your 2 items matches; the answer has 3."
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


# --- one conversion for check() and the grader: answers.as_plain -------------------------------

def test_pandas_numpy_and_tuples_count_as_lists():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    e = entry_for("9.10", ["Antonov", "Kirby", "Antonov"], "list")
    for value in (pd.Series(["Antonov", "Kirby", "Antonov"]), pd.Index(["Antonov", "Kirby", "Antonov"]),
                  ("Antonov", "Kirby", "Antonov"), np.array(["Antonov", "Kirby", "Antonov"])):
        assert verdict("9.10", value, e).correct, type(value).__name__
    assert verdict("9.11", pd.Series([3, 1]).unique(), entry_for("9.11", {1, 3}, "set")).correct


def test_any_mapping_counts_as_a_dict():
    from collections import Counter, defaultdict
    pd = pytest.importorskip("pandas")
    e = entry_for("9.12", {"US": 2, "UN": 1}, "dict")
    counts = defaultdict(int)
    counts["US"] += 2
    counts["UN"] += 1
    assert verdict("9.12", counts, e).correct
    assert verdict("9.12", Counter(["US", "US", "UN"]), e).correct
    assert verdict("9.12", pd.Series(["US", "US", "UN"]).value_counts(), e).correct
    assert verdict("9.12", {"US": 2}, e).status == "incorrect"


def test_as_plain_gives_builtin_types_only():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    assert as_plain(np.int64(7)) == 7 and type(as_plain(np.int64(7))) is int
    assert as_plain(pd.Series([1.5, 2])) == [1.5, 2.0]
    assert json.loads(json.dumps(as_plain(pd.Series({"a": np.int64(1)}), "dict"))) == {"a": 1}
    frame = pd.DataFrame({"a": [1]})
    assert as_plain(frame) is frame  # left alone: canonical() explains it is a table
    column = pd.Series([True, False])  # a column where a count is expected: said as it is
    assert "a pandas Series (a column)" in verdict("9.13", column, entry_for("9.13", 1, "integer")).feedback

    class MyList(list):
        pass
    mine = MyList([1])
    assert as_plain(mine) is mine  # a student's own class is not converted


# --- common mistakes and tolerance ------------------------------------------------------------

def with_mistake(qid, right, wrong, message, decimals=2):
    e = entry_for(qid, right, "number", decimals)
    e["mistakes"] = [mistake_entry(qid, canonical(wrong, "number", decimals), message)]
    return e


def test_a_common_mistake_gets_its_own_message():
    message = "You used the rounded figures; which figures does the question ask for?"
    e = with_mistake("9.20", 8.05, 8.12, message)
    assert verdict("9.20", 8.12, e) == Verdict("incorrect", message)
    assert verdict("9.20", 8.1249, e).feedback == message  # the mistake has the answer's tolerance
    assert verdict("9.20", 8.05, e).correct
    other = verdict("9.20", 9.0, e)
    assert other.status == "incorrect" and "±0.01" in other.feedback and message not in other.feedback


def test_a_text_mistake_and_its_message():
    e = entry_for("9.21", "Igor Konashenkov", "text")
    e["mistakes"] = [mistake_entry("9.21", canonical("spokesman", "text"), "That is a job, not a name.")]
    assert verdict("9.21", " Spokesman.", e).feedback == "That is a job, not a name."


def test_check_prints_the_mistake_message(monkeypatch, capsys):
    import medialit.checks as checks
    e = with_mistake("9.22", 8.05, 8.12, "Which figures does the question ask for?")
    e["hint"] = "Use the exact figures."
    monkeypatch.setattr(checks, "answer_key", lambda: {"questions": {"9.22": e}})
    check("9.22", 8.12)
    out = capsys.readouterr().out
    assert out.startswith("✗ 9.22") and "Which figures does the question ask for?" in out
    assert "8.05" not in out


# --- list answers with repeats are counted as multisets ---------------------------------------

def test_repeats_in_the_answer_are_counted():
    e = entry_for("9.30", ["militants", "militants", "militants"], "list")
    v = verdict("9.30", ["militants"], e)
    assert v.feedback.startswith("1 of your 1 item matches; the answer has 3.")
    assert "1 different item, 3 in all" in v.feedback
    v = verdict("9.30", ["militants", "militants"], e)
    assert v.feedback.startswith("2 of your 2 items match; the answer has 3.")


def test_extra_repeats_of_the_student_are_named_without_the_item():
    e = entry_for("9.31", ["militants", "rebels"], "list")
    v = verdict("9.31", ["militants", "militants", "rebels"], e)
    assert v.feedback == ("2 of your 3 items match; the answer has 2. "
                          "Some of your items appear more often than in the answer.")
    assert "militants" not in v.feedback and "rebels" not in v.feedback


# --- charts ----------------------------------------------------------------------------------

def test_check_of_a_chart(monkeypatch, capsys):
    plt = pytest.importorskip("matplotlib.pyplot")
    import medialit.checks as checks
    from medialit.figures import describe, spec
    fig, ax = plt.subplots()
    ax.bar(["Antonov", "others"], [9, 1])
    ax.set(title="Who speaks", xlabel="speaker", ylabel="quotations")
    e = key_entry("9.40", spec(describe(fig)), "figure")
    monkeypatch.setattr(checks, "answer_key", lambda: {"questions": {"9.40": e}})
    mine, axes = plt.subplots()
    axes.bar(["a", "b", "c"], [5, 6, 7])
    axes.set_ylim(4, 8)
    check("9.40", mine)  # a bare chart: nothing added yet, and what it lacks
    out = capsys.readouterr().out
    assert out.startswith("◻ 9.40")
    for said in ("no title", "x axis has no label", "2 bars; yours has 3", "does not start at zero"):
        assert said in out
    axes.set(title="Mine")
    check("9.40", mine)
    out = capsys.readouterr().out
    assert out.startswith("✗ 9.40") and "no title" not in out and "x axis has no label" in out
    assert "Who speaks" not in out and "speaker" not in out and "Antonov" not in out
    check("9.40", fig)
    assert capsys.readouterr().out.startswith("✓ 9.40")
    check("9.40", 3)
    assert "wants a chart" in capsys.readouterr().out
    plt.close("all")


def test_a_chart_description_is_what_the_grader_compares():
    plt = pytest.importorskip("matplotlib.pyplot")
    from medialit.figures import describe, spec
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [2, 4, 3])
    e = key_entry("9.41", spec(describe(fig)), "figure")
    sent = json.loads(json.dumps(as_plain(fig)))  # as the grader's child sends it
    assert verdict("9.41", sent, e).correct
    assert verdict("9.41", ax, e).correct  # an Axes stands for its figure
    plt.close("all")
