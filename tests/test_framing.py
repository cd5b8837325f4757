"""medialit.framing (scare quotes, loaded terms, passives) and display.highlight: lesson 02."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import medialit as ml
from medialit import framing

ART = ml.load_article()


def spans_ok(text: str, df: pd.DataFrame, column: str) -> bool:
    return all(text[s:e] == v for s, e, v in zip(df.start, df.end, df[column]))


# --- scare quotes ------------------------------------------------------------------------
def test_scare_quotes_article_three_and_nothing_else():
    sq = ml.scare_quotes(ART)
    assert list(sq.columns) == ["phrase", "start", "end", "sentence"]
    assert sq.phrase.tolist() == ["moderate", "moderate", "moderate opposition"]
    assert spans_ok(ART.text, sq, "phrase")
    # each sits inside curly single quotes, inside a longer quotation of Antonov
    assert all(ART.text[s - 1] == "‘" and ART.text[e] == "’" for s, e in zip(sq.start, sq.end))
    sents = ART.sentences().set_index("n").text
    assert all(p in sents[n] for p, n in zip(sq.phrase, sq.sentence))


def test_article_quotations_are_speech_and_apostrophes_ignored():
    q = framing.quoted(ART)
    speech = q[~q.scare]
    assert len(speech) == 11 and (speech.words > 4).all() and (speech.depth == 0).all()
    assert (q[q.scare].depth == 1).all()
    # no quotation starts or ends at an apostrophe: Syria’s, Russia’s, military’s, States’
    marks = {s - 1 for s in q.start} | set(q.end)
    apostrophes = [m.start() for m in re.finditer(r"(?<=\w)’(?=s\b)|(?<=s)’(?= )", ART.text)]
    assert len(apostrophes) >= 8
    assert not marks & set(apostrophes)


def test_str_and_article_give_the_same_rows():
    for finder in (ml.scare_quotes, ml.passives, ml.loaded_terms):
        pd.testing.assert_frame_equal(finder(ART), finder(ART.text))
        pd.testing.assert_frame_equal(finder(ART), finder(ART))  # pure: same input, same rows


@pytest.mark.parametrize("text, phrase", [
    ('The "peace talks" collapsed on Monday.', "peace talks"),        # straight double
    ("The 'rebels' held the town.", "rebels"),                         # straight single
    ("The ‘moderate’ rebels held the north.", "moderate"),             # curly single
    ("The “peace process” stalled again.", "peace process"),           # curly double
    ('The so-called "ceasefire" did not last.', "ceasefire"),          # so-called is not "called"
    ('The "moderates," however, left.', "moderates"),                  # comma inside the marks
])
def test_scare_quote_kinds_of_marks(text, phrase):
    assert ml.scare_quotes(text).phrase.tolist() == [phrase]


@pytest.mark.parametrize("text", [
    "Syria’s army met the States’ allies in the ’90s. They don’t agree.",
    "Syria's army met the States' allies in the '90s. They don't agree.",
    "The boys’ school and the girls' school reopened in Aleppo’s old city.",
    "Rock ’n’ roll and fish 'n' chips.",
])
def test_apostrophes_are_not_quotation_marks(text):
    assert framing.quoted(text).empty
    assert ml.scare_quotes(text).empty


def test_apostrophes_next_to_a_real_scare_quote():
    text = "Syria’s ‘moderate’ groups and the States’ allies don’t agree."
    sq = ml.scare_quotes(text)
    assert sq.phrase.tolist() == ["moderate"]
    assert (sq.start.tolist(), sq.end.tolist()) == ([text.index("moderate")], [text.index("moderate") + 8])


def test_long_speech_is_not_a_scare_quote():
    text = '"We will defend every village and every family until the last day," the commander said.'
    q = framing.quoted(text)
    assert len(q) == 1 and not q.scare.iloc[0]
    assert ml.scare_quotes(text).empty


@pytest.mark.parametrize("text", [
    '"No," he said.',
    '"Yes," said Varga.',
    'He called the plan "a farce".',
    "The minister described the offer as “unacceptable”.",
    "“Never again!” was the slogan.",
    "He spoke for an hour, adding that the trucks had been “clearly marked”.",
    'The army said the rebels had broken the truce "more than 300 times".',   # partial quotation
])
def test_short_reported_words_are_not_scare_quotes(text):
    assert ml.scare_quotes(text).empty


def test_short_phrase_inside_a_long_quotation_is_found():
    text = ('"The so-called ‘ceasefire’ is a joke played on all of us by the enemy," he said. '
            "“They trained the ‘opposition’ and then they armed it again,” she added.")
    sq = ml.scare_quotes(text)
    assert sq.phrase.tolist() == ["ceasefire", "opposition"]
    assert sq.sentence.tolist() == [1, 2]
    assert spans_ok(text, sq, "phrase")


def test_british_style_single_speech_with_double_inside():
    text = "‘The “humanitarian pause” was never respected by the other side,’ the envoy said."
    assert ml.scare_quotes(text).phrase.tolist() == ["humanitarian pause"]


def test_max_words_is_a_parameter():
    text = 'It was "a truly historic peace agreement for all" they signed.'
    assert ml.scare_quotes(text).empty
    assert ml.scare_quotes(text, max_words=8).phrase.tolist() == ["a truly historic peace agreement for all"]


# --- passives -------------------------------------------------------------------------------
ARTICLE_PASSIVES = ["controlled by", "controlled by", "were killed", "were reported", "were killed",
                    "were wounded", "were frustrated", "was not eventually provided", "was frustrated",
                    "was established", "was stopped", "was subsequently dissolved", "has been launched"]


def test_passives_article_every_one():
    ps = ml.passives(ART)
    assert list(ps.columns) == ["phrase", "agent", "start", "end", "sentence"]
    assert ps.phrase.tolist() == ARTICLE_PASSIVES
    assert spans_ok(ART.text, ps, "phrase")
    assert ps.start.is_monotonic_increasing


def test_passives_article_agents():
    ps = ml.passives(ART)
    agents = dict(zip(ps.phrase, ps.agent))
    assert agents["was stopped"] == "the United States’ unilateral decision"
    assert agents["controlled by"] == "the United States"
    assert agents["were frustrated"] == "US military’s failure"  # a 'due to' cause is an agent
    agentless = ps[ps.agent.isna()]
    assert len(agentless) == 9
    assert all(a is None for a in agentless.agent)  # None, not NaN or ""
    assert "were killed" in agentless.phrase.tolist()


@pytest.mark.parametrize("text, phrase, agent", [
    ("The convoy was hit.", "was hit", None),
    ("Aid was frustrated due to the army's failure to act.", "was frustrated", "the army's failure"),
    # a cause is the agent when it names someone responsible (a possessive, an act of someone);
    # a circumstance is not (bench/corpus keys: 'were postponed because of staff absence')
    ("The match was cancelled because of heavy rain.", "was cancelled", None),
    ("Flights were delayed owing to a strike.", "were delayed", None),
    ("Flights were delayed owing to a strike by rail workers.", "were delayed", "rail workers"),
    ("Roads were closed as a result of the council's decision.", "were closed", "the council's decision"),
    ("Roads were closed as a result of flooding.", "were closed", None),
    ("The security was not eventually provided.", "was not eventually provided", None),
    ("The group was subsequently dissolved.", "was subsequently dissolved", None),
    ("The village was destroyed by government forces.", "was destroyed", "government forces"),
    ("She got killed by a sniper.", "got killed", "a sniper"),
    ("They will be punished by the courts.", "will be punished", "the courts"),
    ("The dam was being repaired.", "was being repaired", None),
    ("He wasn't told.", "wasn't told", None),
    ("The towns were all retaken by the army.", "were all retaken", "the army"),
    ("Ten were killed in Aleppo by air strikes.", "were killed", "air strikes"),
    ("Aid was delivered by Friday.", "was delivered", None),            # time, not an agent
    ("The deal, brokered by Russia and the US, collapsed.", "brokered by", "Russia and the US"),
])
def test_passives_short_texts(text, phrase, agent):
    ps = ml.passives(text)
    assert ps.phrase.tolist() == [phrase]
    assert ps.agent.iloc[0] == agent if agent else ps.agent.iloc[0] is None


def test_passive_agent_stops_at_a_new_clause():
    ps = ml.passives("The channel was stopped by the US and the group was dissolved.")
    assert ps.phrase.tolist() == ["was stopped", "was dissolved"]
    assert ps.agent.tolist() == ["the US", None]


def test_active_sentences_have_no_passive():
    for text in ("Prices increased by 5%.", "The army shelled the town.", "Hundreds died.",
                 "The convoy came under fire.", "It is impossible and senseless."):
        assert ml.passives(text).empty, text


# --- loaded terms -------------------------------------------------------------------------
def test_loaded_terms_article_labels_of_the_opposition():
    lt = ml.loaded_terms(ART)
    assert list(lt.columns) == ["term", "category", "start", "end", "sentence"]
    assert spans_ok(ART.text, lt, "term")
    terms = lt.term.str.lower().tolist()
    for label in ("us-controlled opposition", "opposition controlled by", "militants",
                  "ceasefire violators", "‘moderate’ opposition", "‘moderate opposition’"):
        assert label in terms, label
    cats = dict(zip(lt.term.str.lower(), lt.category))
    assert cats["militants"] == "delegitimising label"
    assert cats["senseless"] == "evaluative"
    assert cats["obviously"] == "certainty/intensifier"
    # the calque "ceasefire regime" is found too: a false alarm the lesson shows
    assert terms.count("regime") == 5


def test_loaded_terms_longest_match_and_no_overlap():
    lt = ml.loaded_terms("The US-controlled opposition and the opposition controlled by Iran.",
                         lexicon={"opposition": "label", "US-controlled opposition": "proxy",
                                  "opposition controlled by": "proxy"})
    assert lt.term.tolist() == ["US-controlled opposition", "opposition controlled by"]
    assert lt.category.tolist() == ["proxy", "proxy"]
    ends = list(zip(lt.start, lt.end))
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:]))


def test_loaded_terms_wildcards_case_and_hyphens():
    text = "Terrorists, a TERRORIST cell, Iran-backed and US backed militias; the terrorism law."
    lt = ml.loaded_terms(text, lexicon={"terrorist*": "label", "*-backed": "proxy"})
    assert lt.term.tolist() == ["Terrorists", "TERRORIST", "Iran-backed"]  # not "terrorism"
    assert ml.loaded_terms("forces backed by Russia", lexicon={"*-backed": "proxy"}).empty
    lt = ml.loaded_terms(text, lexicon={"US-backed": "proxy"})
    assert lt.term.tolist() == ["US backed"]


def test_loaded_terms_custom_csv(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("term,category,note\nwarring parties,neutral,both sides\n", encoding="utf-8")
    lt = ml.loaded_terms(ART, lexicon=path)
    assert lt.term.tolist() == ["warring parties"] and lt.category.tolist() == ["neutral"]


def test_lexicon_file_is_balanced_and_documented():
    lex = framing.lexicon()
    assert list(lex.columns) == ["term", "category", "note"]
    assert not lex.term.str.lower().duplicated().any()
    assert (lex.note.str.len() > 10).all()
    assert {"evaluative", "delegitimising label", "legitimising label", "certainty/intensifier",
            "blame"} <= set(lex.category)
    for term in ("regime", "terrorist*", "rebel*", "militant*", "freedom fighters", "liberation",
                 "aggression", "occupation"):
        assert term in set(lex.term), term
    for term in lex.term:  # every entry can be found as written (wildcards as their stem)
        sample = term.replace("*", "s") if not term.startswith("*") else "US" + term[1:]
        assert not ml.loaded_terms(f"Here: {sample}.").empty, term


def test_no_article_specific_rules():
    """An invented text, nothing to do with the TASS article: the finders still work."""
    text = ("Rebels say the “humanitarian corridor” is a trap. The ‘truce’ failed. The hospital was bombed overnight "
            "by regime aircraft, activists said. “We were abandoned,” one doctor told reporters.")
    assert ml.scare_quotes(text).phrase.tolist() == ["truce"]  # "corridor": reported (say)
    ps = ml.passives(text)
    assert ps.phrase.tolist() == ["was bombed", "were abandoned"]
    assert ps.agent.tolist() == ["regime aircraft", None]
    assert {"Rebels", "regime"} <= set(ml.loaded_terms(text).term)


# --- highlight ---------------------------------------------------------------------------
def test_highlight_marks_every_span_with_label_code_and_text_version():
    text = "The ‘moderate’ rebels were killed."
    h = ml.highlight(text, {"scare quote": ml.scare_quotes(text), "passive": ml.passives(text)})
    html = h._repr_html_()
    assert "[SQ]" in html and "[PA]" in html
    assert "solid" in html and "double" in html                 # two underline styles, not only colour
    assert "scare quote" in html and "Text version" in html      # legend and text alternative
    assert str(h).endswith("The ‘[moderate]{SQ}’ rebels [were killed]{PA}.")
    assert "SQ = scare quote (1)" in h.plain


def test_highlight_label_column_overlaps_and_tuples():
    text = "The opposition controlled by the US."
    lt = ml.loaded_terms(text)
    h = ml.highlight(text, pd.concat([lt, ml.passives(text).assign(category="passive")]), label="category")
    assert "[opposition [controlled by]{PA}]{DL}" in str(h)
    h = ml.highlight(text, [(4, 14), (33, 35, "actor")], label="word")
    assert "The [opposition]{WO} controlled by the [US]{AC}." in str(h)
    assert ml.highlight("a < b", [(0, 1)]).plain.endswith("[a]{HI} < b")  # plain text unescaped
    assert "&lt;" in ml.highlight("a < b", [(0, 1)])._repr_html_()


def test_fast_and_plain_lexicon_matching_agree():
    """Text whose lower-case form changes length ('İ') takes the plain path; the rest the fast one.
    Both must find the same terms at the same places."""
    text = ml.load_article().text
    fast = ml.loaded_terms(text)
    plain = ml.loaded_terms("İ " + text)  # 'İ'.lower() is two characters long
    assert len(fast) > 20
    assert fast.term.tolist() == plain.term.tolist()
    assert (fast.start + 2).tolist() == plain.start.tolist()
    assert fast.category.tolist() == plain.category.tolist()


def _term_soup(seed: int, n: int = 3000) -> str:
    import random
    rng = random.Random(seed)
    pieces = ["US-controlled", "‘US-controlled’", "Iran-backed", "xUS-controlled", "pro-US-controlled",
              "“moderate” opposition", "‘moderate’", "Moderate Opposition", "REGIME", "regime’s", "opposition",
              "militants", "militant", "Terrorist", "so-called", "so called", "-controlled", "--controlled",
              "controlled", "rebels", "‘", "’", '"', "-", "the", "of", "\n\n", ",", "Damascus-sponsored",
              "istist", "socialist", "ISIS-held"]
    return " ".join(rng.choice(pieces) for _ in range(n))


@pytest.mark.parametrize("seed", range(4))
def test_fast_and_plain_lexicon_matching_agree_on_every_shape(seed):
    """Terms that start with a letter, with a quote mark, with `*`: the fast paths find what the
    plain pattern finds (the plain one runs when the text holds 'İ')."""
    extra = {"*-controlled opposition": "x", "*-controlled": "y", "*-backed": "z", "*ist": "w",
             "*-held": "v", "so-called": "u"}
    for lexicon in (None, extra):
        text = _term_soup(seed)
        fast = ml.loaded_terms(text, lexicon)
        plain = ml.loaded_terms("İ " + text, lexicon)
        assert len(fast) > 300
        assert fast.term.tolist() == plain.term.tolist()
        assert (fast.start + 2).tolist() == plain.start.tolist()
        assert (fast.end + 2).tolist() == plain.end.tolist()
