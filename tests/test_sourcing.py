"""medialit.sourcing: quotations, attributions and voice shares, on the article and on short texts."""
import pandas as pd
import pytest

import medialit as ml
from medialit.sourcing import ATTRIBUTION_COLUMNS, QUOTATION_COLUMNS, VOICE_COLUMNS
from medialit.text import words

ANTONOV = "Anatoly Antonov"


@pytest.fixture(scope="module")
def art():
    return ml.load_article()


# --- the article -----------------------------------------------------------------------
# (first words of the quotation, speaker as written, verb) for every direct quotation, in order
ARTICLE_QUOTES = [
    ("I want to note that", "Antonov", "said"),
    ("At the same time, the opposition", "he", "said"),
    ("Restoring the combat efficiency", "Antonov", "said"),           # attribution in the middle
    ("In such conditions", "Antonov", "said"),                        # ... and its second half
    ("In a period from February 27", "Antonov", "added"),             # speaker in the paragraph before
    ("Syrian troops withdrew", "the deputy defense minister", "said"),
    ("However, the United States failed", "the deputy defense minister", "said"),
    ("The security for UN humanitarian convoys", "he", "added"),
    ("However, from July 28, 2016", "He", "reminded"),                # across three sentences
    ("US\xa0representatives have failed", "Antonov", "said"),
    ("As many as 69 armed groups", "he", "said"),
]

# (tag as written, speaker as written, verb, sentence number) for every attribution
ARTICLE_ATTRIBUTIONS = [
    ("Defense ministry says", "Defense ministry", "says", 1),
    ("according to the Russian Defense Ministry", "the Russian Defense Ministry", "according to", 2),
    ("Russian Deputy Defense Minister Anatoly Antonov said Friday",
     "Russian Deputy Defense Minister Anatoly Antonov", "said", 3),
    ("Antonov said", "Antonov", "said", 4),
    ("he said", "he", "said", 5),
    ("Antonov said", "Antonov", "said", 6),
    ("Antonov added", "Antonov", "added", 8),
    ("Anatoly Antonov noted", "Anatoly Antonov", "noted", 13),
    ("the deputy defense minister said", "the deputy defense minister", "said", 14),
    ("he added", "he", "added", 16),
    ("Anatoly Antonov has stated", "Anatoly Antonov", "has stated", 18),
    ("He reminded", "He", "reminded", 19),
    ("Antonov said", "Antonov", "said", 22),
    ("he stressed", "he", "stressed", 23),
    ("he said", "he", "said", 25),
]


def test_columns_are_the_contract(art):
    assert list(ml.quotations(art).columns) == QUOTATION_COLUMNS
    assert list(ml.attributions(art).columns) == ATTRIBUTION_COLUMNS
    assert list(ml.voice_share(art).columns) == VOICE_COLUMNS


def test_every_direct_quotation_of_the_article_with_its_speaker(art):
    q = ml.quotations(art)
    got = [(row.quote, row.speaker, row.verb) for row in q.itertuples()]
    assert len(got) == len(ARTICLE_QUOTES)
    for (quote, speaker, verb), (start, want_speaker, want_verb) in zip(got, ARTICLE_QUOTES):
        assert quote.startswith(start)
        assert (speaker, verb) == (want_speaker, want_verb)
    assert set(q.resolved) == {ANTONOV}


def test_quotation_offsets_index_the_text_and_leave_out_the_marks(art):
    q = ml.quotations(art)
    assert all(art.text[r.start:r.end] == r.quote for r in q.itertuples())
    assert list(q.start) == sorted(q.start)
    assert not any(r.quote[0] in '"“' or r.quote[-1] in '"”,' for r in q.itertuples())
    assert q.quote.iloc[8].endswith("had no levers of influence on the opposition.")


def test_scare_quotes_and_apostrophes_are_not_quotations(art):
    q = ml.quotations(art)
    assert not any(r.quote.startswith("moderate") for r in q.itertuples())
    # the ‘moderate’ phrases stay inside the quotations that contain them
    assert sum(r.quote.count("‘moderate") for r in q.itertuples()) == 3
    assert not any("Syria’s army" in r.quote for r in q.itertuples())   # paragraph 8 is paraphrase


def test_every_attribution_of_the_article_with_its_verb(art):
    a = ml.attributions(art)
    got = [(art.text[r.start:r.end], r.speaker, r.verb, r.sentence) for r in a.itertuples()]
    assert got == ARTICLE_ATTRIBUTIONS


def test_article_attributions_resolve_to_antonov_or_the_ministry(art):
    a = ml.attributions(art)
    assert list(a.resolved[:2]) == ["Defense ministry", "Russian Defense Ministry"]
    assert set(a.resolved[2:]) == {ANTONOV}


def test_no_attribution_is_taken_from_inside_a_quotation(art):
    a, q = ml.attributions(art), ml.quotations(art)
    for r in a.itertuples():
        assert not any(s <= r.start < e for s, e in zip(q.start, q.end))


def test_voice_shares_add_up(art):
    v = ml.voice_share(art)
    assert list(v.paragraph) == list(art.paragraphs[art.paragraphs.role == "body"].n)
    assert (v.quoted + v.paraphrase + v.outlet == v.words).all()
    assert ((v.quoted_share + v.paraphrase_share + v.outlet_share) - 1).abs().max() < 1e-9
    assert (v.tags <= v.outlet).all()
    total = ml.voice_totals(art)
    assert total["words"] == len(words(art.body))          # the dateline is not counted
    assert total["quoted"] + total["paraphrase"] + total["outlet"] == total["words"]


def test_voice_share_of_the_article_by_paragraph(art):
    v = ml.voice_share(art).set_index("paragraph")
    assert v.loc[9, "quoted_share"] == 1.0                  # all quotation
    assert v.loc[8, "quoted"] == 0 and v.loc[8, "paraphrase"] == 30   # paraphrase + "Antonov added"
    assert v.loc[5].tolist()[1:6] == [22, 20, 0, 2, 2]      # a quotation and "Antonov said"
    assert (v.outlet == v.tags).all()                       # the outlet's own words are only tags


def test_subheadings_are_the_outlets_voice(art):
    v = ml.voice_share(art, roles=("subheading",))
    assert list(v.outlet_share) == [1.0, 1.0]
    head = ml.voice_share(art, roles=("headline",)).iloc[0]
    assert (head.tags, head.paraphrase) == (3, 8)           # "Defense ministry says" + the claim


# --- short texts for each case ---------------------------------------------------------
def rows(df, cols):
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def test_attribution_in_the_middle_with_curly_quotes_and_inversion():
    text = "“We tried everything,” said Maria Lopez, the mayor. “Nobody listened to us at all.”"
    q = ml.quotations(text)
    assert rows(q, ["quote", "speaker", "verb"]) == [
        ("We tried everything", "Maria Lopez", "said"),
        ("Nobody listened to us at all.", "Maria Lopez", "said")]
    assert rows(ml.attributions(text), ["speaker", "verb", "sentence"]) == [("Maria Lopez", "said", 1)]


def test_quotation_continued_into_the_next_paragraph():
    text = ('Aid stalled, the agency said.\n\nJohn Smith, a spokesman, described the scene. '
            '"We waited for three days at the border.\n\n'
            '"Then the trucks turned back and nobody explained why," he told reporters.')
    q = ml.quotations(text)  # one quotation over two paragraphs: one row, its span across the break
    assert rows(q, ["speaker", "resolved", "verb"]) == [("he", "John Smith", "told reporters")]
    assert q.quote.iloc[0].startswith("We waited for three days at the border.\n\n\"Then the trucks")
    assert q.quote.iloc[0].endswith("nobody explained why")
    assert text[q.start.iloc[0]:q.end.iloc[0]] == q.quote.iloc[0]


def test_speaker_named_in_the_paragraph_before():
    text = ('The foreign minister, Tomas Varga, spoke on Friday. He said:\n\n'
            '"The ceasefire cannot hold if nobody respects it."\n\n'
            '"We will keep talking to everyone."')
    q = ml.quotations(text)
    assert rows(q, ["speaker", "resolved", "verb"]) == [("He", "Tomas Varga", "said")] * 2


def test_unattributed_quotation_has_no_speaker():
    q = ml.quotations('Markets fell.\n\n"Nothing like this has happened in ten years of trading."')
    assert len(q) == 1 and q.speaker.isna().all() and q.verb.isna().all()


def test_short_quoted_phrases_and_apostrophes_are_not_speech():
    text = ('The so-called "moderate" rebels and the ‘moderate opposition’ attacked, the army claimed. '
            'Syria’s army and the United States’ envoy did not respond.')
    assert ml.quotations(text).empty
    assert rows(ml.attributions(text), ["speaker", "resolved", "verb"]) == [("the army", "army", "claimed")]


def test_a_short_quotation_with_its_attribution_is_speech():
    assert rows(ml.quotations('"No," she said.'), ["quote", "speaker"]) == [("No", "she")]


def test_straight_single_quotes_for_speech():
    text = "'We will not withdraw from the city under any circumstances,' the commander said."
    q = ml.quotations(text)
    assert rows(q, ["quote", "speaker", "verb"]) == [
        ("We will not withdraw from the city under any circumstances", "the commander", "said")]


def test_verbs_in_any_tense():
    text = ('The deal is dead, Keller has stated. Varga insisted that talks continue. '
            'According to the UN, 18 people died. Jane Doe told reporters the convoy burned. '
            'The minister stressed that aid would flow. She reminded that the road was closed. '
            'Mr. Ivanov had claimed the opposite, the agency noted.')
    a = ml.attributions(text)
    assert rows(a, ["speaker", "verb", "sentence"]) == [
        ("Keller", "has stated", 1), ("Varga", "insisted", 2), ("the UN", "according to", 3),
        ("Jane Doe", "told reporters", 4), ("The minister", "stressed", 5), ("She", "reminded", 6),
        ("Mr. Ivanov", "had claimed", 7), ("the agency", "noted", 7)]
    assert all(text[r.start:r.end].startswith(r.speaker) or r.verb == "according to" for r in a.itertuples())


def test_pronouns_and_roles_resolve_to_the_right_named_person():
    text = ('Deputy Defense Minister Petr Horak spoke first. '
            'Secretary of State Jon Keller replied later.\n\n'
            'The plan failed, Keller said. The deputy defense minister insisted it had worked. '
            '"We kept our word in full," the minister said. "It is not true," he added.')
    a = ml.attributions(text)
    assert list(a.resolved) == ["Jon Keller", "Jon Keller", "Petr Horak", "Petr Horak",
                                "Petr Horak"]


def test_he_with_nobody_named_is_not_resolved():
    a = ml.attributions("Prices rose, he said.")
    assert a.speaker.tolist() == ["he"] and a.resolved.isna().all()


def test_nouns_that_look_like_verbs_are_not_attributions():
    text = ('His claims were denied. The United States said nothing. '
            'Violations were reported in Syria. Russia’s notes are long.')
    assert rows(ml.attributions(text), ["speaker", "verb"]) == [("The United States", "said")]


def test_voice_share_of_a_short_text():
    text = ('Talks resume\n\nMOSCOW, May 2. /TASS/. Talks resumed on Monday.\n\n'
            'Both sides want peace, the envoy said.\n\n'
            '"We are ready to sign today," Ann Lee said.')
    v = ml.voice_share(text)
    assert rows(v, ["words", "quoted", "paraphrase", "outlet", "tags"]) == [
        (4, 0, 0, 4, 0), (7, 0, 4, 3, 3), (9, 6, 0, 3, 3)]
    total = ml.voice_totals(text)
    assert total["quoted_share"] == pytest.approx(6 / 20)


def test_finders_are_pure_and_accept_str_or_article(art):
    pd.testing.assert_frame_equal(ml.quotations(art), ml.quotations(art.text))
    pd.testing.assert_frame_equal(ml.attributions(art.text), ml.attributions(art.text))
    with pytest.raises(TypeError):
        ml.quotations(42)


def test_voice_words_carry_the_speaker(art):
    w = ml.voice_words(art)
    assert list(w.columns) == ["paragraph", "role", "word", "start", "end", "voice", "tag", "speaker"]
    assert all(art.text[r.start:r.end] == r.word for r in w.itertuples())
    assert set(w[w.voice != "outlet"].speaker) == {ANTONOV}
    assert w[w.voice == "outlet"].speaker.isna().all() and w[w.voice == "outlet"].tag.all()
    counts = w.groupby("voice").size()
    v = ml.voice_share(art)
    assert (counts["quoted"], counts["paraphrase"], counts["outlet"]) == (v.quoted.sum(), v.paraphrase.sum(), v.outlet.sum())


def test_a_name_does_not_run_into_the_next_sentence():
    text = ("Secretary of State Jon Keller met Foreign Minister Tomas Varga. "
            "He said the truce would hold. Varga accused the neighbours of arming the rebels.")
    a = ml.attributions(text)
    assert rows(a, ["speaker", "resolved", "verb"]) == [("He", "Tomas Varga", "said"),
                                                        ("Varga", "Tomas Varga", "accused")]


def test_a_partial_quotation_mid_paragraph_does_not_take_the_last_speaker():
    text = 'Talks failed, the agency said.\n\nSmith called the move "a gross violation of international law and order".'
    q = ml.quotations(text)
    assert q.quote.tolist() == ["a gross violation of international law and order"]
    assert q.speaker.tolist() == ["Smith"]  # 'called' is its tag, not the agency of the paragraph before


def test_titles_before_names_and_a_colon_before_the_quotation():
    text = ('Russia\'s foreign ministry said the strikes were illegal. Foreign ministry spokeswoman Maria '
            'Zakharova told reporters: "This is unacceptable and will not stand."\n\n'
            '"We will respond," she said.')
    assert rows(ml.attributions(text), ["speaker", "resolved"]) == [
        ("Russia's foreign ministry", "Russia's foreign ministry"),
        ("Foreign ministry spokeswoman Maria Zakharova", "Maria Zakharova"), ("she", "Maria Zakharova")]
    assert rows(ml.quotations(text), ["resolved", "verb"]) == [("Maria Zakharova", "told reporters"),
                                                               ("Maria Zakharova", "said")]


def test_according_to_a_surname_then_he():
    text = ('According to Smith, "the convoy never arrived at its destination in time." '
            'Asked about the report, he replied: "No comment at this stage, sorry."')
    assert rows(ml.quotations(text), ["speaker", "resolved", "verb"]) == [
        ("Smith", "Smith", "according to"), ("he", "Smith", "replied")]


def test_a_wire_story_with_titles_and_a_short_whole_sentence_quotation():
    text = ('Aid convoy hit near Aleppo, U.N. says\n\n'
            'GENEVA (Reuters) - An aid convoy was struck on Monday, the United Nations said.\n\n'
            '"This is a sickening and apparently deliberate attack," U.N. humanitarian chief '
            'Stephen O\'Brien said in a statement.\n\n'
            '"We have carefully studied the video," ministry spokesman Major-General Igor Konashenkov '
            'told reporters. "There are no craters."')
    a = ml.attributions(text)
    assert rows(a, ["speaker", "resolved", "verb"]) == [
        ("U.N.", "U.N.", "says"), ("the United Nations", "United Nations", "said"),
        ("U.N. humanitarian chief Stephen O'Brien", "Stephen O'Brien", "said"),
        ("ministry spokesman Major-General Igor Konashenkov", "Igor Konashenkov", "told reporters")]
    q = ml.quotations(text)
    assert q.quote.tolist()[-1] == "There are no craters."
    assert q.resolved.tolist() == ["Stephen O'Brien", "Igor Konashenkov", "Igor Konashenkov"]


@pytest.mark.parametrize("text, expected", [
    ("The councillor said the plan was fair.", [["The councillor", "said"]]),
    ('Councillor Maria Lopez was angry. "Nobody asked us," she said.', [["she", "said"]]),
])
def test_local_news_roles_are_speakers(text, expected):
    atts = ml.attributions(text)
    assert atts[["speaker", "verb"]].values.tolist() == expected


def test_a_pronoun_resolves_to_a_person_named_with_a_local_role():
    text = 'Maria Lopez, a shopkeeper on High Street, was angry. "Nobody asked us," she said.'
    assert ml.attributions(text).resolved.tolist() == ["Maria Lopez"]
