"""The lesson figures of medialit.diagrams: who speaks about whom (04) and the timeline (05)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import medialit as ml  # noqa: E402

ACTORS = {"Russia": r"\bAntonov\b|\bHorak\b|\bRussia\b|Russian Federation|[Dd]efense [Mm]inistry",
          "United States": r"\bUnited States\b|\bUS\b|\bAmericans\b"}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_mention_links_puts_each_mention_in_its_speakers_voice():
    text = 'The US was silent. "Russia kept its word, the US did not," Horak said.'
    links = ml.mention_links(text, ACTORS, outlet="outlet")
    got = {(v, a): n for v, a, n in links.itertuples(index=False)}
    assert got == {("outlet", "United States"): 1, ("Russia", "United States"): 1,
                   ("outlet", "Russia"): 1}  # the tag "Horak said" is the outlet's


def test_mention_links_on_the_article_hears_only_russia_and_the_outlet():
    links = ml.mention_links(ml.load_article(), ACTORS)
    assert set(links.voice) == {"Russia", "TASS (outlet)"}
    assert "Russia" not in set(links.actor[links.voice == "Russia"])  # no self-links
    assert links.n.min() >= 1


def test_speaks_about_writes_no_number_on_the_arrows():
    links = pd.DataFrame({"voice": ["A", "A", "B", "B"], "actor": ["C", "D", "C", "D"],
                          "n": [5, 2, 1, 3]})
    fig = ml.speaks_about(links, takeaway="C and D never speak.")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert not any(t.strip().isdigit() for t in texts)        # no loose count labels
    assert any("C" in t and "A 5 · B 1" in t for t in texts)  # counts in the box
    boxes = [t for t in ax.texts if t.get_bbox_patch() is not None]
    assert len(boxes) == 4 and len(ax.texts) - len(boxes) == 4  # 4 boxes, 4 arrows
    frames = {t.get_text().split("\n")[0]: t.get_bbox_patch().get_linestyle() for t in boxes}
    assert frames["A"] != frames["C"]                          # silent actors look different


def test_timeline_draws_no_joining_line_and_lists_only_drawn_statuses():
    events = pd.DataFrame({"date": pd.to_datetime(["2016-02-27", "2016-07-28", "2016-10-07"]),
                           "status": ["verified", "claim", "verified"],
                           "label": ["truce", "hotline (claim)", "article"]})
    fig = ml.timeline(events, title="2016", takeaway="One claim.")
    ax = fig.axes[0]
    assert ax.get_lines() == []
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["verified (2)", "claim (1)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["truce", "hotline (claim)", "article"]
    only_verified = ml.timeline(events[events.status == "verified"], title="t", takeaway="t")
    assert [t.get_text() for t in only_verified.axes[0].get_legend().get_texts()] == ["verified (2)"]


def test_speaks_about_draws_a_voice_that_is_also_spoken_about_once():
    links = pd.DataFrame({"voice": ["outlet", "Russia"], "actor": ["Russia", "US"], "n": [4, 9]})
    ax = ml.speaks_about(links, takeaway="t").axes[0]
    boxes = [t.get_text() for t in ax.texts if t.get_bbox_patch() is not None]
    assert sorted(b.split("\n")[0] for b in boxes) == ["Russia", "US", "outlet"]
