"""Cohen's kappa and the span-annotation files of lesson 06."""
import io
import random

import pytest

import medialit as ml
from medialit.agreement import LABELS, TECHNIQUES, AnnotationError, normalise_label


def test_kappa_hand_computed():
    """Eight items, three labels.

    a: doubt doubt none none none fear  fear  none
    b: doubt none  none none fear fear  doubt none
    same label at items 1, 3, 4, 6, 8: p_o = 5/8 = 0.625
    a uses doubt 2, none 4, fear 2 times; so does b.
    p_e = (2*2 + 4*4 + 2*2) / 8**2 = 24/64 = 0.375
    kappa = (0.625 - 0.375) / (1 - 0.375) = 0.25 / 0.625 = 0.4
    """
    a = ["doubt", "doubt", "none", "none", "none", "fear", "fear", "none"]
    b = ["doubt", "none", "none", "none", "fear", "fear", "doubt", "none"]
    assert ml.cohen_kappa(a, b) == pytest.approx(0.4)
    assert ml.cohen_kappa(b, a) == pytest.approx(0.4)  # symmetric


def test_kappa_hand_computed_unequal_margins():
    """Five items: a = x x x y y, b = x x y y y.
    p_o = 4/5 = 0.8; p_e = (3*2 + 2*3) / 25 = 12/25 = 0.48; kappa = 0.32 / 0.52 = 8/13 ≈ 0.6154
    """
    assert ml.cohen_kappa("xxxyy", "xxyyy") == pytest.approx(8 / 13)


def test_perfect_agreement_is_one():
    labels = ["doubt", "none", "name calling", "none"]
    assert ml.cohen_kappa(labels, list(labels)) == 1.0


def test_chance_level_is_about_zero():
    # half x then half y, against x and y in turn: p_o = 0.5 = p_e exactly
    a = ["x"] * 50 + ["y"] * 50
    b = ["x", "y"] * 50
    assert ml.cohen_kappa(a, b) == pytest.approx(0.0)
    rng = random.Random(6)
    a = [rng.choice("abc") for _ in range(4000)]
    b = [rng.choice("abc") for _ in range(4000)]
    assert abs(ml.cohen_kappa(a, b)) < 0.05


def test_worse_than_chance_is_negative():
    assert ml.cohen_kappa(["x", "y"] * 5, ["y", "x"] * 5) == pytest.approx(-1.0)


def test_chance_agreement_of_one_is_defined():
    # p_e = 1 (one label everywhere for both): kappa would be 0/0; the kit returns 1.0
    assert ml.cohen_kappa(["none"] * 4, ["none"] * 4) == 1.0


@pytest.mark.parametrize("a, b, message", [
    (["x", "y"], ["x"], "same length"),
    ([], [], "empty"),
    (["x", None], ["x", "y"], "position 1"),
    (["x", float("nan")], ["x", "y"], "position 1"),
])
def test_kappa_errors(a, b, message):
    with pytest.raises(ValueError, match=message):
        ml.cohen_kappa(a, b)


def test_labels_are_the_semeval_techniques_plus_none():
    assert len(TECHNIQUES) == 14 and LABELS[-1] == "none"
    assert normalise_label("Name_Calling,Labeling") == "name calling"
    assert normalise_label("  LOADED language ") == "loaded language"
    assert normalise_label("thought terminating cliche") == "thought-terminating cliché"
    assert normalise_label("propaganda") is None


@pytest.fixture(scope="module")
def tass():
    return ml.load_article()


def test_example_files_load_and_agree_moderately(tass):
    """The shipped example over ten sentences: main labels agree on 6 of 10 (p_o = 0.6);
    A's labels: name calling 3, loaded language 2, causal oversimplification 2, none 2, exaggeration 1;
    B's: loaded language 2, name calling 2, none 2, causal oversimplification 1, exaggeration 1,
    black-and-white fallacy 1, doubt 1;
    p_e = (3*2 + 2*2 + 2*1 + 2*2 + 1*1) / 100 = 17/100; kappa = 0.43 / 0.83 ≈ 0.518."""
    files = ml.example_annotations()
    a, b = (ml.load_annotations(files[k], tass) for k in "AB")
    assert list(a.columns) == ["sentence", "span", "label", "row"]
    both = ml.compare_annotations(a, b)
    assert len(both) == 10 and both.agree.sum() == 6
    assert ml.cohen_kappa(both.label_a, both.label_b) == pytest.approx(0.43 / 0.83)
    diff = ml.disagreements(files["A"], files["B"], tass)
    assert diff.sentence.tolist() == [4, 7, 9, 21]
    assert set(both.label_a) | set(both.label_b) <= set(LABELS)


def load(text, article=None):
    return ml.load_annotations(io.StringIO(text), article)


@pytest.mark.parametrize("text, message", [
    ("sentence,label\n4,none\n", "lacks the column span"),
    ("sentence,span,label\n4,the militants,propoganda\n", r"row 2: label 'propoganda' is not a technique label"),
    ("sentence,span,label\n6,the militants,name caling\n", "Did you mean 'name calling'"),
    ("sentence,span,label\nfour,the militants,name calling\n", "row 2: sentence 'four' is not a sentence number"),
    ("sentence,span,label\n0,,none\n", "row 2: sentence '0'"),
    ("sentence,span,label\n6,the militants,name calling\n99,,none\n", "row 3: sentence 99 is not in the article"),
    ("sentence,span,label\n6,,name calling\n", "row 2: the label 'name calling' needs a span"),
    ("sentence,span,label\n6,the rebels,name calling\n", "row 2: the span 'the rebels' is not in sentence 6"),
    ("sentence,span,label\n6,the militants,name calling,extra\n", "row 2: expected 3 values"),
    ("sentence,span,label\n", "no rows"),
    ("", "empty"),
])
def test_malformed_files_name_the_row(tass, text, message):
    with pytest.raises(AnnotationError, match=message):
        load(text, tass)


def test_tolerant_of_case_quotes_spacing_and_blank_lines(tass):
    df = load("Sentence, Span ,LABEL\n\n9,  'MODERATE'  ,Doubt\n10,,none\n", tass)
    assert df[["sentence", "label", "row"]].values.tolist() == [[9, "doubt", 3], [10, "none", 4]]


def test_file_errors(tmp_path):
    with pytest.raises(AnnotationError, match="No annotation file"):
        ml.load_annotations(tmp_path / "missing.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("sentence,span,label\n1,clich\xe9,none\n".encode("latin-1"))
    with pytest.raises(AnnotationError, match="not UTF-8"):
        ml.load_annotations(bad)


def test_files_must_label_the_same_sentences():
    a = load("sentence,span,label\n1,,none\n2,,none\n")
    b = load("sentence,span,label\n1,,none\n3,,none\n")
    with pytest.raises(AnnotationError, match="sentence 2 only in A's file; sentence 3 only in B's file"):
        ml.compare_annotations(a, b)
