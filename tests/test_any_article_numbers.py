"""Numbers, passives and page layout on news the finders were not tuned on: one case for each
class of text a style guide or a statistics release prints (bench/corpus/README.md has the rules
the keys follow). Sourcing cases live in test_any_article.py."""
from __future__ import annotations

import math

import pytest

import medialit as ml


def figure(text: str, raw: str):
    """The one row of ml.numbers(text) whose raw is `raw`."""
    rows = ml.numbers(text)
    hit = rows[rows.raw == raw]
    assert len(hit) == 1, f"{raw!r} not found once in {rows.raw.tolist()}"
    return hit.iloc[0]


@pytest.mark.parametrize("text, raw, kind, approximate", [
    # ranks: with or without a determiner, before a superlative or a period
    ("Strikes entered a third week on Monday.", "third", "ordinal", False),
    ("Rail strike enters fifth day", "fifth", "ordinal", False),
    ("It posted the third-largest loss in its history.", "third", "ordinal", False),
    ("Unemployment hit its second-lowest level since 1974.", "second", "ordinal", False),
    ("Sales slowed in the fourth-quarter period.", "fourth", "ordinal", False),
    ("It was the 21st death this year.", "21st", "ordinal", False),
    # a count of a noun named before it
    ("Of the 30 teachers asked, nine said they would leave.", "nine", "count", False),
    ("Police questioned five men. Three were later released.", "Three", "count", False),
    ("Only six nurses turned up, not the ten the ward needed.", "ten", "count", False),
    ("Volunteers handed out blankets, three per family.", "three", "count", False),
    # numbers that name, in either case
    ("The storm was upgraded to category 4 overnight.", "4", "label", False),
    ("Police closed Junction 9 of the motorway.", "9", "label", False),
    ("Under section 21 of the act, landlords can evict.", "21", "label", False),
    ("At this stage 40 people had left.", "40", "count", False),
    # times on a 24-hour clock, with or without a colon
    ("The market opened lower at 0800 GMT.", "0800", "time", False),
    ("The polls closed at 22:00 BST.", "22:00", "time", False),
    # ages written after the figure or after a group
    ("Residents aged 80 or over will be offered a jab.", "80", "age", True),
    ("Patients 65 and older waited longest.", "65", "age", True),
    ("Free meals for pupils under seven.", "seven", "age", True),
    ("Cases among under-25s rose.", "under-25s", "age", True),
    # units and scales
    ("A wall about 12m high fell into the street.", "12m", "measure", True),
    ("The river rose by 3m overnight.", "3m", "measure", False),
    ("The app has 3m users.", "3m", "count", False),
    ("Nearly half a million homes lost power.", "half a million", "count", True),
    ("It was -8C in the glen.", "-8C", "measure", False),
    ("Temperatures stayed high for four nights.", "four", "duration", False),
    # months on their own, and dates that are deadlines
    ("October sales were the worst on record.", "October", "date", False),
    ("The mine will close by the end of 2029.", "2029", "year", False),
    ("The mine will close in late 2029.", "2029", "year", True),
    # hedges, and 'about' that means 'concerning'
    ("Repairs will cost in the region of 400 pounds.", "400", "money", True),
    ("Parents worry about a three-week wait for a place.", "three-week", "duration", False),
    ("Officials reported about 300 cases.", "300", "count", True),
    # a bare figure compared with a count, or as the ends of a change
    ("The bank gave out 5,200 loans in the year to June, up from 1,900 three years ago.", "1,900", "count", False),
    ("Arrests for shoplifting rose by 40%, from 120 to 168.", "120", "count", False),
    # ranges: the first end takes the unit of the second; a hedge covers a dash range
    ("Some 40-50 people waited outside.", "50", "count", True),
    ("Fares will rise 4-6 per cent.", "4", "percent", False),
    ("The repairs took two to three weeks.", "two", "duration", False),
    ("Lows of 3-5C are expected.", "3", "measure", False),
])
def test_number_classes_newsrooms_print(text, raw, kind, approximate):
    row = figure(text, raw)
    assert (row.kind, bool(row.approximate)) == (kind, approximate)


def test_values_of_the_new_classes():
    assert figure("The market opened lower at 0800 GMT.", "0800").value == "08:00"
    assert figure("A wall about 12m high fell.", "12m").value == 12
    assert figure("Nearly half a million homes lost power.", "half a million").value == 500_000
    assert figure("It was -8C in the glen.", "-8C").value == -8
    assert figure("October sales were poor.", "October").value == "--10"
    assert math.isclose(figure("One in three adults smoke.", "One in three").value, 1 / 3)


@pytest.mark.parametrize("text", [
    "She said she first heard it from a neighbour.",  # 'first' as an adverb
    "Wait a second, she said.",                     # 'second' as a unit of time
    "May is a good month, and April Jones agreed.",  # months that are words or names
    "Nobody was hurt, and no one was charged.",
])
def test_no_false_figures(text):
    assert ml.numbers(text).empty, ml.numbers(text).raw.tolist()


# --- passives and their agents ----------------------------------------------------------
@pytest.mark.parametrize("text, phrase, agent", [
    ("A letter signed by 412 residents was handed in.", "signed by", "412 residents"),
    ("The land is farmed by about 300 tenants.", "is farmed", "about 300 tenants"),
    ("The survey was paid for by a £20,000 grant.", "was paid", "a £20,000 grant"),
    ("The bridge has been maintained since 2011 by a private firm.", "has been maintained", "a private firm"),
    ("A report backed by 90 charities calls for change.", "backed by", "90 charities"),
    ("We're never told anything.", "We're never told", None),
    ("They’re only paid monthly.", "They’re only paid", None),
    ("Prices were cut by 10%.", "were cut", None),                                  # a measure
    ("The game was called off because of snow.", "was called", None),               # a circumstance
    ("The plan was dropped because of the mayor's objection.", "was dropped", "the mayor's objection"),
    ("The wards were closed due to a decision by the board.", "were closed", "the board"),
])
def test_passives_and_agents(text, phrase, agent):
    ps = ml.passives(text)
    row = ps[ps.phrase.str.startswith(phrase)]
    assert len(row) == 1, ps.phrase.tolist()
    assert row.agent.iloc[0] == agent if agent else row.agent.iloc[0] is None


def test_the_united_states_is_one_agent():
    ps = ml.passives("The group was funded by the United States and others.")
    assert ps.agent.tolist() == ["the United States and others"]


# --- page layout ----------------------------------------------------------------------------
PAGE = """Skip to content
Home | News | Sport | Business | Culture | Travel | Local

Council votes to close two libraries

Residents say the move will hit older people 'hardest of all'

By Jane Smith, Local Democracy Reporter

Last modified on Fri 14 Mar 2025 09.12 GMT

Share this article

The council voted on Thursday to close two libraries.

(Photo: Jane Smith/Weston Post)

Sign up for our newsletter

We use cookies to improve your experience. Accept all cookies

Library users said they were angry.

Most read

"We were never asked": readers respond

(Additional reporting by Tom Hale; Editing by Ann Lee)

Copyright 2025 Weston Post. All rights reserved."""


def test_page_furniture_anywhere_is_nav():
    roles = ml.Article(PAGE).paragraphs.role.tolist()
    assert roles == ["nav", "headline", "standfirst", "nav", "nav", "nav", "body", "nav", "nav", "nav",
                     "body", "nav", "nav", "nav", "nav"]


@pytest.mark.parametrize("text", [
    "Copyright lawyers said the ruling was wrong.",
    "2025 was a record year for the News group.",
    "Tickets | from £5 for the whole family, on sale now at the box office.",
])
def test_body_lines_that_look_like_furniture_stay_body(text):
    art = ml.Article("Headline here\n\n" + text + "\n\nMore text follows here.")
    assert art.paragraphs.role.tolist()[1] == "body"


@pytest.mark.parametrize("text, raw, kind, approximate", [
    # a number word that counts a noun left out: after 'of', 'all', 'get', or before a rate
    ("Aisha Bell, a father of two from Kell Road, spoke first.", "two", "count", False),
    ("The jury acquitted him on all five.", "five", "count", False),
    ("On a busy shift we see six in a night.", "six", "count", False),
    # 'maybe' hedges like 'perhaps'
    ("We sold maybe 40 a week.", "40", "count", True),
    # an area is a measure
    ("The flood covered 7 square kilometres.", "7", "measure", False),
    # 'minus' before a number: below zero
    ("Overnight it fell to minus six.", "minus six", "measure", False),
])
def test_elided_counts_hedges_areas_and_minus(text, raw, kind, approximate):
    row = figure(text, raw)
    assert (row.kind, bool(row.approximate)) == (kind, approximate)


def test_a_ratio_stops_before_a_year():
    # 'N in YEAR' is a count and its year, not a share of one in two thousand
    rows = ml.numbers("Arrests rose to 88, up from 54 in 2020.")
    assert rows[["raw", "kind"]].values.tolist() == [["88", "count"], ["54", "count"], ["2020", "year"]]
    assert figure("Overnight it fell to minus six.", "minus six").value == -6


@pytest.mark.parametrize("text, phrase, agent", [
    # an agent runs on over a place ('in', 'from' before a capital) and an ampersand in a name
    ("The leak was reported by a nurse in Holbury before dawn.", "was reported", "a nurse in Holbury"),
    ("The kiosk is run by Pell & Sons on weekdays.", "is run", "Pell & Sons"),
    ("The bill was passed by MPs in March.", "was passed", "MPs"),
    # a share between be and the participle
    ("By noon the fire was 35% contained.", "was 35% contained", None),
])
def test_passive_agents_with_places_ampersands_and_shares(text, phrase, agent):
    rows = ml.passives(text)
    assert rows[["phrase", "agent"]].values.tolist() == [[phrase, agent]]


def test_a_share_after_be_without_a_participle_is_no_passive():
    assert ml.passives("Turnout was 40% in the north.").empty


@pytest.mark.parametrize("text, raw, kind", [
    # a figure that is the subject of a verb counts people or things named before it
    ("Most tenants paid on time, but about 30 refused.", "30", "count"),
    ("Of the 80 pitches, 12 remain free.", "12", "count"),
    # a capitalised number after a full stop opens a sentence: no label of the word before
    ("The trains left from the far platform. Three carriages were empty.", "Three", "count"),
])
def test_counts_as_subjects_and_at_a_sentence_start(text, raw, kind):
    assert figure(text, raw).kind == kind


@pytest.mark.parametrize("text, phrase, agent", [
    # a quotation that opens before the participle and closes before 'by': the agent after it
    ('Two barns were "wrecked beyond repair" by the storm.', 'were "wrecked', "the storm"),
    # 'up to' before a figure stays inside the agent
    ("The pier was battered by waves of up to 6m, the coastguard said.", "was battered", "waves of up to 6m"),
])
def test_agents_after_a_quoted_participle_and_over_up_to(text, phrase, agent):
    assert ml.passives(text)[["phrase", "agent"]].values.tolist() == [[phrase, agent]]
