"""Lesson 05's invented mirror article: marked as invented everywhere, and built from the
same techniques as the TASS article, as the kit's finders see them."""
import json
from pathlib import Path

import pytest

import medialit as ml

SEED = "invented-mirror-2016-10-07"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def mirror():
    return ml.load_article(SEED)


def test_metadata_says_invented_and_names_no_real_outlet():
    meta = json.loads((SEEDS / f"{SEED}.json").read_text(encoding="utf-8"))
    assert meta["invented"] is True
    assert meta["outlet"] == "Invented for teaching (media-literacy course kit)"
    notes = " ".join(meta["notes"])
    assert "NOT a real article" in notes and "fictional" in notes and "invented" in notes


def test_the_text_says_invented_in_its_first_line_and_dateline(mirror):
    first = mirror.paragraphs.iloc[0]
    assert first.role == "nav" and "INVENTED FOR TEACHING" in first.text and "Not a real article" in first.text
    assert mirror.dateline.outlet == "INVENTED"
    assert mirror.outlet.startswith("Invented for teaching")


def test_it_has_the_shape_of_the_tass_article(mirror):
    tass = ml.load_article()
    assert list(mirror.paragraphs.role) == list(tass.paragraphs.role)
    assert 400 <= len(mirror.text.split()) <= 600
    assert mirror.date == tass.date


def test_the_finders_find_the_same_techniques(mirror):
    assert set(ml.scare_quotes(mirror).phrase) == {"legitimate", "legitimate government"}
    terms = ml.loaded_terms(mirror)
    labels = set(terms.term[terms.category == "delegitimising label"].str.lower())
    assert {"regime", "moscow-sponsored"} <= labels
    assert {"ceasefire violators", "failed to", "inability"} <= set(terms.term.str.lower())
    agentless = ml.passives(mirror).phrase[ml.passives(mirror).agent.isna()]
    assert {"were killed", "were wounded", "was frustrated"} <= set(agentless)
    verbs = set(ml.attributions(mirror).verb)
    assert {"stressed", "reminded", "noted"} <= verbs
    counts = ml.numbers(mirror).query("kind == 'count' and not approximate")
    assert (counts.value.astype(float) >= 1000).sum() >= 3  # exact-looking figures from a party


def test_one_unnamed_voice_speaks_throughout(mirror):
    quotes = ml.quotations(mirror)
    assert len(quotes) >= 8
    assert set(quotes.speaker.str.lower()) == {"the spokesperson"}
    assert not quotes.resolved.str.contains("Antonov", na=False).any()  # nobody real
    total = ml.voice_totals(mirror)
    assert total.quoted_share + total.paraphrase_share > 0.8


def test_no_real_person_is_named_as_speaking(mirror):
    speakers = set(ml.attributions(mirror).speaker.str.lower())
    assert speakers <= {"opposition coalition", "the free councils coalition",
                        "a spokesperson for the free councils coalition", "the spokesperson"}
