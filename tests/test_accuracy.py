"""The finders' measured accuracy on bench/corpus cannot silently fall (bench/accuracy.py prints it)."""
import pytest

from medialit import evaluation as accuracy

# The floors reached (bench/corpus/README.md has the tables): (precision, recall) per finder,
# then the extra measures. A change that lowers one fails here; raise a floor when you do better.
FLOORS = {
    "tuning": {"quotations": (1.0, 1.0), "attributions": (0.97, 0.97), "scare_quotes": (1.0, 1.0),
               "passives": (1.0, 1.0), "numbers": (1.0, 0.98),
               "speaker right": 0.93, "approximate right": 1.0, "role right": 1.0},
    "heldout": {"quotations": (1.0, 0.85), "attributions": (1.0, 0.77), "scare_quotes": (0.5, 1.0),
                "passives": (0.93, 1.0), "numbers": (1.0, 0.96),
                "speaker right": 0.80, "approximate right": 0.98, "role right": 1.0},
}


@pytest.fixture(scope="module", params=list(FLOORS))
def scored(request):
    return request.param, accuracy.scored(request.param)


def test_each_half_has_six_styles_or_more(scored):
    half, _ = scored
    articles = accuracy.load(half)
    assert len(articles) >= 6 and len({a["style"] for a in articles}) >= 6


def test_precision_and_recall_hold_their_floor(scored):
    half, tallies = scored
    for finder, (precision, recall) in ((k, v) for k, v in FLOORS[half].items() if isinstance(v, tuple)):
        t = tallies[finder]
        assert t.precision >= precision - 1e-9, (half, finder, "precision", t.precision)
        assert t.recall >= recall - 1e-9, (half, finder, "recall", t.recall)


def test_speakers_flags_and_roles_hold_their_floor(scored):
    half, tallies = scored
    measures = {label: right / n for t in tallies.values() for label, (right, n) in t.extra.items()}
    right, n = tallies["quotations"].extra["speaker right"]  # of the quotations, not the tags
    measures["speaker right"] = right / n
    for label in ("speaker right", "approximate right", "role right"):
        assert measures[label] >= FLOORS[half][label] - 1e-9, (half, label, measures[label])


def test_the_key_finds_every_item_in_its_text():
    for half in FLOORS:
        for a in accuracy.load(half):
            for field, key in (("quotations", "quote"), ("attributions", "verb"), ("scare_quotes", "phrase"),
                               ("passives", "phrase"), ("numbers", "raw")):
                assert len(accuracy.locate(a["text"], a.get(field, []), key, a["name"])) == len(a.get(field, []))
