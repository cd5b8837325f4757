"""The invented mirror (lesson 05) mirrors the TASS article and does not exceed it: the kit's
own finders count the same techniques in both, within one per category."""
import pandas as pd
import pytest

import medialit as ml

MIRROR = "invented-mirror-2016-10-07"


def finder_counts(art) -> pd.Series:
    """How many times each finder (and each category or verb of it) fires on `art`."""
    terms, passives = ml.loaded_terms(art), ml.passives(art)
    counts = {"scare quotes": len(ml.scare_quotes(art)),
              "quotations": len(ml.quotations(art)),
              "agentless passives": int(passives.agent.isna().sum())}
    counts |= {f"loaded: {c}": n for c, n in terms.category.value_counts().items()}
    counts |= {f"verb: {v}": n for v, n in ml.attributions(art).verb.value_counts().items()}
    counts |= {f"number: {k}": n for k, n in ml.numbers(art).kind.value_counts().items()}
    return pd.Series(counts)


@pytest.fixture(scope="module")
def both():
    tass, mirror = ml.load_article(), ml.load_article(MIRROR)
    table = pd.DataFrame({"tass": finder_counts(tass), "mirror": finder_counts(mirror)})
    return tass, mirror, table.fillna(0).astype(int)


def test_every_category_counts_the_same_within_one(both):
    _, _, table = both
    drift = table[(table.tass - table.mirror).abs() > 1]
    assert drift.empty, f"the mirror drifts from TASS:\n{drift}"


def test_the_categories_that_matter_are_all_present(both):
    _, _, table = both
    for row in ("scare quotes", "loaded: delegitimising label", "agentless passives",
                "verb: noted", "verb: reminded", "verb: stressed", "number: count"):
        assert table.loc[row, "tass"] > 0 and table.loc[row, "mirror"] > 0, row


def test_scare_quotes_sit_only_inside_the_speakers_quotations(both):
    for art in both[:2]:
        quotes = ml.quotations(art)
        for s in ml.scare_quotes(art).itertuples():
            inside = ((quotes.start <= s.start) & (s.end <= quotes.end)).any()
            assert inside, f"{art.outlet}: scare quote {s.phrase!r} outside any quotation"


def test_the_headline_names_its_source_first_and_accuses_no_one(both):
    tass, mirror, _ = both
    for art in (tass, mirror):
        assert ml.attributions(art.headline).start.min() == 0
        assert ml.loaded_terms(art.headline).empty, art.headline


def test_no_additions_without_a_tass_counterpart(both):
    _, mirror, _ = both
    text = mirror.text.lower()
    for addition in ("documented", "defenders", "know it", "mercenar", "rebels"):
        assert addition not in text, addition
    assert len(mirror.paragraphs) == len(both[0].paragraphs)
