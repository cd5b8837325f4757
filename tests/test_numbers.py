"""medialit.numbers: every figure of the TASS article, short texts of our own, and the lesson's
derived values checked against the text."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import medialit as ml
from medialit.numbers import COLUMNS, KINDS, numbers, words_to_number


@pytest.fixture(scope="module")
def art():
    return ml.load_article()


@pytest.fixture(scope="module")
def figs(art):
    return numbers(art)


def rows(text, cols=("raw", "value", "kind", "approximate", "what")):
    df = numbers(text)
    return [tuple(None if (isinstance(v, float) and math.isnan(v)) else v for v in r)
            for r in df[list(cols)].itertuples(index=False)]


def one(text, raw):
    """The row of `text` whose raw is `raw` (exactly one)."""
    df = numbers(text)
    hit = df[df.raw == raw]
    assert len(hit) == 1, f"{raw!r} not found once in {df.raw.tolist()}"
    return hit.iloc[0]


# --- the article ---------------------------------------------------------------------------
ARTICLE = [  # raw, value, kind, approximate, what, sentence
    ("October 7", "--10-07", "date", False, None, None),            # the dateline: no sentence
    ("13,000", 13000, "count", True, "civilians", 8),
    ("3,500", 3500, "count", True, "servicemen", 8),                # 'About' covers the list
    ("February", "--02", "date", True, None, 8),                    # 'late February'
    ("September 1", "--09-01", "date", False, None, 8),
    ("February 27", "2016-02-27", "date", False, None, 9),          # year carried from the range
    ("September 1, 2016", "2016-09-01", "date", False, None, 9),
    ("2,031", 2031, "count", False, "ceasefire violations", 9),
    ("3,532", 3532, "count", False, "servicement", 10),             # the original's typo, kept
    ("12,800", 12800, "count", False, "civilians", 10),
    ("8,949", 8949, "count", True, "servicemen", 11),               # 'As many as'
    ("25,642", 25642, "count", True, "civilians", 11),
    ("twice", 2, "times", False, None, 14),
    ("September 15", "--09-15", "date", False, None, 14),
    ("16", "--09-16", "date", False, None, 14),                     # 'September 15 and 16'
    ("first", 1, "ordinal", False, "ceasefire regime", 19),
    ("February 27, 2016", "2016-02-27", "date", False, None, 19),
    ("July 28, 2016", "2016-07-28", "date", False, None, 20),
    ("742", 742, "count", False, "populated localities", 23),
    ("69", 69, "count", True, "armed groups", 24),                  # past 'of the ‘moderate opposition’'
]


def test_every_figure_of_the_article(figs):
    got = [(r.raw, r.value, r.kind, bool(r.approximate), r.what,
            None if pd.isna(r.sentence) else int(r.sentence)) for r in figs.itertuples()]
    assert got == ARTICLE


def test_columns_and_types(figs):
    assert list(figs.columns) == COLUMNS
    assert set(figs.kind) <= set(KINDS)
    assert figs.approximate.dtype == bool
    assert str(figs.sentence.dtype) == "Int64"


def test_offsets_index_the_text(art, figs):
    assert all(art.text[s:e] == raw for raw, s, e in zip(figs.raw, figs.start, figs.end))
    assert list(figs.start) == sorted(figs.start)


def test_sentence_numbers_match_article_sentences(art, figs):
    sents = art.sentences().set_index("n")
    for r in figs.dropna(subset=["sentence"]).itertuples():
        s = sents.loc[int(r.sentence)]
        assert s.start <= r.start and r.end <= s.end, r.raw


def test_str_and_article_give_the_same_rows(art, figs):
    pd.testing.assert_frame_equal(numbers(art.text), figs)


def test_pure(art):
    pd.testing.assert_frame_equal(numbers(art), numbers(art))


def test_one_of_the_reasons_and_no_one_are_not_figures(figs):
    assert "one" not in set(figs.raw.str.lower())


# --- short texts of our own -------------------------------------------------------------------
@pytest.mark.parametrize("text, raw", [
    ("Turnout was 37 % on Sunday.", "37 %"),
    ("Turnout was 37% on Sunday.", "37%"),
    ("Turnout was 37 per cent on Sunday.", "37 per cent"),
    ("Turnout was 37 percent on Sunday.", "37 percent"),
    ("Turnout was 37\u00a0% on Sunday.", "37\u00a0%"),
])
def test_percentages(text, raw):
    r = one(text, raw)
    assert (r.value, r.kind) == (37, "percent")


def test_percent_of_what():
    r = one("Some 40 percent of voters stayed home.", "40 percent")
    assert (r.value, r.kind, r.approximate, r.what) == (40, "percent", True, "voters")
    assert one("A turnout of 12.5% was recorded.", "12.5%").what == "turnout"


def test_thousands_separators_decimals_and_scales():
    assert rows("Officials counted 1,234,567 ballots and 4.8 million refugees.") == [
        ("1,234,567", 1234567, "count", False, "ballots"),
        ("4.8 million", 4800000, "count", False, "refugees")]


@pytest.mark.parametrize("hedge", ["about", "some", "nearly", "almost", "around", "roughly",
                                   "as many as", "more than", "over", "at least", "up to",
                                   "approximately", "an estimated", "fewer than"])
def test_hedges_make_a_figure_approximate(hedge):
    text = f"Witnesses said {hedge} 300 people were evacuated."
    assert one(text, "300").approximate
    assert one(text, "300").what == "people"


def test_no_hedge_means_not_approximate():
    assert not one("Witnesses said 300 people were evacuated.", "300").approximate
    # 'over the period' is not a hedge of the figure that follows later
    assert not one("Over the period, 300 people were evacuated.", "300").approximate


def test_hedge_after_the_figure():
    r = one("It took 300 or so volunteers.", "300")
    assert r.approximate and r.what == "volunteers"


def test_hedge_covers_a_list_but_not_a_new_clause():
    text = "About 50 soldiers and 20 medics arrived. Later 30 trucks left."
    assert [r.approximate for r in numbers(text).itertuples()] == [True, True, False]
    text = "About 50 soldiers were killed and 20 medics were hurt."
    assert [r.approximate for r in numbers(text).itertuples()] == [True, False]


def test_spelled_out_numbers_that_count_something():
    assert rows("Three hundred and twelve families fled, and twenty-five teachers stayed.") == [
        ("Three hundred and twelve", 312, "count", False, "families"),
        ("twenty-five", 25, "count", False, "teachers")]
    assert rows("At least a dozen aid workers were hurt.") == [("a dozen", 12, "count", True, "aid workers")]


def test_number_words_that_count_nothing_are_left_out():
    assert rows("No one knows; one of the reasons is that one-sided reports spread.") == []
    assert rows("One soldier was killed.") == [("One", 1, "count", False, "soldier")]


def test_twice_and_times():
    assert rows("The convoy was stopped twice.") == [("twice", 2, "times", False, None)]
    assert rows("They fired three times.") == [("three times", 3, "times", False, None)]
    assert rows("They fired twice as many shells.") == [("twice", 2, "multiplier", False, "shells")]


def test_vague_quantities():
    r = one("Dozens of civilians were hurt.", "Dozens")
    assert (r.kind, r.approximate, r.what) == ("count", True, "civilians") and math.isnan(r.value)


@pytest.mark.parametrize("text, raw, value", [
    ("It began on February 27 in Geneva.", "February 27", "--02-27"),
    ("It began on September 1, 2016 in Geneva.", "September 1, 2016", "2016-09-01"),
    ("It began on 27 February in Geneva.", "27 February", "--02-27"),
    ("It began on 27 February 2016 in Geneva.", "27 February 2016", "2016-02-27"),
    ("It began on the 3rd of March, 2015.", "3rd of March, 2015", "2015-03-03"),
    ("It began in March 2016.", "March 2016", "2016-03"),
    ("It began on Sept. 9.", "Sept. 9", "--09-09"),
    ("It began on 2016-09-12.", "2016-09-12", "2016-09-12"),
])
def test_dates(text, raw, value):
    r = one(text, raw)
    assert (r.kind, r.value, r.what) == ("date", value, None)


def test_a_range_shares_its_year_and_month():
    assert rows("From May 3 to June 9, 2015, and on July 1 and 2, 2016.",
                ("raw", "value")) == [("May 3", "2015-05-03"), ("June 9, 2015", "2015-06-09"),
                                      ("July 1", "2016-07-01"), ("2, 2016", "2016-07-02")]


def test_early_late_mid_month_is_approximate():
    r = one("Fighting resumed in late February.", "February")
    assert (r.kind, r.value, r.approximate) == ("date", "--02", True)
    assert rows("Police may act.") == []  # 'may' the verb is no month


def test_years_are_kept_apart_from_counts():
    assert rows("In 2015, 2016 voters and the 2016 elections drew 1,999 candidates.",
                ("raw", "kind")) == [("2015", "year"), ("2016", "count"), ("2016", "year"),
                                     ("1,999", "count")]


def test_other_kinds():
    text = ("Resolution 2268 passed at 10:30 p.m. after a 3-day truce; a 12-year-old boy and "
            "the second convoy left; it cost $5 million; two-thirds of them fled within five days.")
    assert rows(text, ("raw", "value", "kind")) == [
        ("2268", 2268, "label"), ("10:30 p.m.", "22:30", "time"), ("3-day", 3, "duration"),
        ("12-year-old", 12, "age"), ("second", 2, "ordinal"), ("$5 million", 5000000, "money"),
        ("two-thirds", 2 / 3, "fraction"), ("five", 5, "duration")]


def test_what_looks_past_adjectives_and_of_the():
    assert one("A total of 2,031 ‘moderate’ opposition attacks were reported.", "2,031").what \
        == "opposition attacks"
    assert one("Three of the so-called rebels surrendered.", "Three").what == "rebels"
    assert one("The 300 people injured were taken away.", "300").what == "people"


def test_each_figure_of_a_list_gets_its_own_what():
    text = "Police said 3,532 soldiers of the army and 12,800 civilians, as well as 40 doctors, died."
    assert [r.what for r in numbers(text).itertuples()] == ["soldiers", "civilians", "doctors"]
    assert [r.what for r in numbers("Between 10 and 15 people were hurt.").itertuples()] == ["people", "people"]


def test_codes_glued_to_letters_are_not_figures():
    assert rows("An F-16 and a Su-24 flew over; COVID-19 and G20 talks; the 9/11 attacks.") == []


def test_empty_and_figureless_text():
    df = numbers("Nothing to count here.")
    assert df.empty and list(df.columns) == COLUMNS


def test_words_to_number():
    assert words_to_number("two hundred thousand") == 200_000
    assert words_to_number("ninety-nine") == 99
    assert words_to_number("banana") is None


def test_exported():
    assert ml.numbers is numbers and "numbers" in ml.__all__


# --- the lesson's derived values, checked against the text ------------------------------------
def figure_in(text, pattern):
    """An int read from `text` with a regex of our own (independent of medialit.numbers)."""
    m = re.search(pattern, text)
    assert m, pattern
    return int(m.group(1).replace(",", ""))


def test_derived_values_of_lesson_03(art, figs):
    text = art.text
    counts = figs[figs.kind == "count"].set_index("raw").value
    # the figures, read twice: by numbers() and by our own regexes
    killed_mil = figure_in(text, r"total of ([\d,]+) servicement")
    killed_civ = figure_in(text, r"and ([\d,]+) civilians were killed")
    wounded_mil = figure_in(text, r"As many as ([\d,]+) servicemen")
    wounded_civ = figure_in(text, r"and ([\d,]+) civilians were wounded")
    violations = figure_in(text, r"([\d,]+) ceasefire violations")
    about_civ = figure_in(text, r"About ([\d,]+) civilians")
    about_mil = figure_in(text, r"and ([\d,]+) servicemen of Syria")
    assert [counts["3,532"], counts["12,800"], counts["8,949"], counts["25,642"], counts["2,031"],
            counts["13,000"], counts["3,500"]] == [killed_mil, killed_civ, wounded_mil, wounded_civ,
                                                   violations, about_civ, about_mil]
    # the rounding: 12,800 -> 13,000 is to the thousand, 3,532 -> 3,500 to the hundred
    assert round(killed_civ, -3) == about_civ and round(killed_civ, -2) != about_civ
    assert round(killed_mil, -2) == about_mil and round(killed_mil, -3) == 4000 != about_mil
    # the period: February 27 to September 1, 2016 (a leap year)
    dates = figs[(figs.kind == "date") & (figs.sentence == 9)].value.tolist()
    assert dates == ["2016-02-27", "2016-09-01"]
    start, end = pd.Timestamp(dates[0]), pd.Timestamp(dates[1])
    assert (end - start).days == 187                     # from one date to the other
    days = (end - start).days + 1                        # both ends counted
    assert days == 188 == 3 + 31 + 30 + 31 + 30 + 31 + 31 + 1
    # rates, as the lesson states them (to one decimal)
    killed = killed_mil + killed_civ
    wounded = wounded_mil + wounded_civ
    assert (killed, wounded) == (16332, 34591)
    assert round(violations / days, 1) == 10.8
    assert round(killed / days, 1) == 86.9
    assert round(killed_civ / days, 1) == 68.1
    assert round(killed / violations, 1) == 8.0
    assert round(killed_civ / violations, 1) == 6.3
    assert round(wounded / violations, 1) == 17.0
    # wounded per killed: about 2.5 for soldiers (vs ~3 historically, Fazal 2014), 2.0 for civilians
    assert round(wounded_mil / killed_mil, 2) == 2.53
    assert round(wounded_civ / killed_civ, 2) == 2.0
    assert round(100 * killed_civ / killed, 1) == 78.4


def test_a_wire_story_of_our_own():
    text = ("BEIRUT (Reuters) - At least 23 people, including seven children, were killed on Tuesday, "
            "a monitoring group said. Nearly 400,000 people have been killed since March 2011. "
            "Two of the three hospitals were hit. Aid reached 1.2m people in 2016, up 15% from 2015; "
            "the fund lost $1.5bn. Over 5,000 homes were destroyed in 2 weeks.")
    assert rows(text) == [
        ("23", 23, "count", True, "people"), ("seven", 7, "count", False, "children"),
        ("400,000", 400000, "count", True, "people"), ("March 2011", "2011-03", "date", False, None),
        ("Two", 2, "count", False, "hospitals"), ("three", 3, "count", False, "hospitals"),
        ("1.2m", 1200000, "count", False, "people"), ("2016", 2016, "year", False, None),
        ("15%", 15, "percent", False, None), ("2015", 2015, "year", False, None),
        ("$1.5bn", 1500000000, "money", False, "dollars"),
        ("5,000", 5000, "count", True, "homes"), ("2", 2, "duration", False, "weeks")]


def test_the_lesson_states_the_derived_values(art):
    """The executed lesson prints the values derived above (so its prose never types them)."""
    import nbformat
    from medialit.course.lessons import LESSONS

    nb = nbformat.read(LESSONS["03"].path("lesson"), as_version=4)
    printed = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                        for o in c.get("outputs", []))
    for expected in ["12,800 → 13,000, rounded to the thousand", "3,532 → 3,500, rounded to the hundred",
                     "the servicemen would be 4,000", "187 days apart", "Counting both ends: 188 days",
                     "2,031 reported violations in 188 days: 10.8 a day", "killed 8.0 and wounded 17.0",
                     "Servicemen: 2.53 wounded per killed", "Civilians: 2.003 wounded per killed"]:
        assert expected in printed, expected


def _figure_soup(seed: int, n: int = 3000) -> str:
    """Figures in every form the finder reads, in random order and case, with odd letters."""
    import random
    rng = random.Random(seed)
    pieces = ["13,000", "3,500", "1,2345%", "1234,567%", "2.5", "37 %", "37 per cent", "twelve percent",
              "Twenty-Five", "THREE hundred and twelve", "a dozen", "dozens of", "Hundreds of", "tens of thousands of",
              "half of", "A third of", "two-thirds of", "three quarters of", "twice", "Thrice", "3 times",
              "four times as many", "first", "the Second", "21st", "February 27", "27 February 2016", "Sept. 3",
              "May", "in May", "late March", "2016-02-27", "10:30", "3 p.m.", "1990s", "$5 million", "£3bn",
              "Resolution 2268", "a 12-year-old", "188-day", "five-year", "F-16", "MH17", "9/11", "one", "no one", "one of", "about", "more than", "or so", "and", "civilians", "people",
              "were", "killed", ",", ".", "\n", "\n\n", "the", "a", "x", "Ten", "tenth", "oneself", "ninety-nine"]
    if seed % 2:  # letters that IGNORECASE reads as s, k, i: the scan must not lower-case then
        pieces += ["ſix", "\u212aing", "ı"] + (["İ"] if seed == 5 else [])
    return " ".join(rng.choice(pieces) for _ in range(n))


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_scan_finds_what_plain_finditer_finds(seed, monkeypatch):
    import sys
    module = sys.modules["medialit.numbers"]
    plain_scan = module._Scan
    text = _figure_soup(seed)
    fast = numbers(text)
    assert len(fast) > 500
    monkeypatch.setattr(module, "_Scan", lambda text, fast=True: plain_scan(text, fast=False))
    pd.testing.assert_frame_equal(numbers(text), fast)
