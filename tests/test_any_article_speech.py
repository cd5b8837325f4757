"""Who speaks, on classes of text the finders were not tuned on (issue 14, third round): one small
invented case for each class a style guide or a newsroom prints, none copied from bench/corpus."""
import pytest

import medialit as ml
from medialit.framing import quoted


def tags(text):
    return ml.attributions(text)[["speaker", "resolved", "verb"]].values.tolist()


def speakers(text):
    return ml.quotations(text)[["quote", "resolved"]].values.tolist()


@pytest.mark.parametrize("text, verbs", [
    # a participle after a comma takes the speaker of its sentence's tag
    ("The union said pay had fallen, adding that a strike was likely.", ["said", "adding"]),
    ("Brokers at Tallis wrote in a note, saying the outlook had dimmed.", ["wrote", "saying"]),
    # a verb joined by 'and' to a tag shares its subject
    ("The mayor described the vote as \"a disgrace\" and urged councillors to think again.",
     ["described", "urged"]),
])
def test_participle_and_coordinated_tags_share_the_speaker(text, verbs):
    got = tags(text)
    assert [row[2] for row in got] == verbs
    assert len({row[1] for row in got}) == 1


@pytest.mark.parametrize("text, resolved", [
    # a relative pronoun speaks for the noun phrase before its comma
    ("Two pupils were hurt, according to the Fenwick Education Trust, which said the gate was shut.",
     "Fenwick Education Trust"),
    ("He was released on bail, said Cara Moss, who represents him.", "Cara Moss"),
    # a subject with words after its noun and no comma
    ("A leaflet posted to 900 homes last year warned that the bridge would close.", "leaflet"),
    ("A report written by two inspectors claims the ward was unsafe.", "report"),
    ("Three people familiar with the talks told the Post that a deal was near.",
     "Three people familiar with the talks"),
    ("Parents who attended the meeting said the plan was rushed.", "Parents"),
    # a parenthesis that opens with a participle is an aside
    ("The audit, ordered by the board in May, also found that records were missing.", "audit"),
    # a count standing for the people of an earlier clause
    ("Nine tenants said rents had risen, and three said they would move.", "three"),
    # an inverted tag at the end of a standfirst (no full stop before the paragraph break)
    ("The town's bypass has been a costly mistake, writes Owen Pryce\n\nThe road opened in 2019.",
     "Owen Pryce"),
    # a group named after a place is the group, not a person
    ("Shopkeepers on Mill Lane told the council the works had cut trade.", "Shopkeepers on Mill Lane"),
])
def test_speakers_with_long_subjects_relatives_and_groups(text, resolved):
    assert tags(text)[-1][1] == resolved


@pytest.mark.parametrize("text", [
    "Most of the pupils tested were under 12.",
    "The families interviewed had waited a year.",   # a participle before 'had': no tag
    "The claims the company made were false.",        # 'claims' as a noun
    "Her claims against the council failed.",
    "Harris declined to say how much the clinic would cost.",  # a refusal, not a report
])
def test_participles_and_nouns_are_not_tags(text):
    assert tags(text) == []


def test_he_and_she_go_to_the_last_speaker_who_may_be_that_gender():
    text = ("Alan Price, who runs the depot, said the lorries were late. Cllr Joan Webb said the "
            "council would act. \"We have heard enough,\" she said. Labour councillor Omar Hale "
            "disagreed with the plan. He said it was rushed.")
    assert [row[1] for row in tags(text)] == ["Alan Price", "Joan Webb", "Joan Webb", "Omar Hale"]


def test_a_first_name_on_the_short_list_tells_the_gender():
    # no Mr/Ms, no his/her: the first names say who 'she' is
    text = ("Peter Lowe said the shop would close. Ruth Adair said it would stay open. "
            "Gary Bell said nothing had been decided. \"It is not over,\" she said.")
    assert speakers(text) == [["It is not over", "Ruth Adair"]]


def test_a_british_quotation_over_paragraphs_is_one_row():
    # single marks: no closing mark at the end of the first paragraph, an opening one at the next
    text = ("Ruth Adair said: 'We have lost two winters to this. The pumps never worked.\n\n"
            "'Somebody has to answer for it.'\n\nThe council said it would reply.")
    q = ml.quotations(text)
    assert q.resolved.tolist() == ["Ruth Adair"]
    assert q.quote.iloc[0].endswith("Somebody has to answer for it.")
    assert text[q.start.iloc[0]:q.end.iloc[0]] == q.quote.iloc[0]


def test_an_unclosed_single_mark_is_still_an_elision_when_no_paragraph_goes_on():
    text = "Rock 'n' roll is back, he said.\n\nThe 'til-dawn shows start in June."
    assert ml.quotations(text).empty


@pytest.mark.parametrize("text, quote, resolved", [
    # a tag that opens its sentence reports all of it, a short quotation at its end too
    ("Parents say at least nine children fell ill after complaints about the kitchen were "
     "'brushed aside'.", "brushed aside", "Parents"),
    # a partial quotation takes the tag of its own clause, not the sentence's last tag
    ('Walkers reported seeing "a wall of smoke" on the ridge, the fire service said.',
     "a wall of smoke", "Walkers"),
    # a person who opens the sentence before: the words are theirs
    ('Cllr Rhys Bowen, who chairs the board, spoke against the plan. Its backers were "dreamers".',
     "dreamers", "Cllr Rhys Bowen"),
    # a second description in the same sentence as a first, both the tag's
    ('The flyers call the mast "an eyesore" and the firm "cowboys from the city".',
     "cowboys from the city", "flyers"),
    # a noun-or-verb form used as a verb by a document
    ('A letter signed by 40 parents claims the new route will "put lives at risk".',
     "put lives at risk", "letter"),
])
def test_short_quotations_that_are_speech(text, quote, resolved):
    got = dict(speakers(text))
    assert got.get(quote) == resolved
    assert quote not in ml.scare_quotes(text).phrase.tolist()


@pytest.mark.parametrize("text, phrase", [
    # the writer's own distance, after a tagged sentence: the tag reports other words
    ('Officials said the road would reopen. The "temporary" fence is still there.', "temporary"),
    # a place, not a person, opens the sentence before
    ('Harbour Street flooded again. The "defences" held for an hour.', "defences"),
    # a tag in a later sentence is no tag for the quotation
    ('The "reforms" stalled. Ministers said on Friday they would try again.', "reforms"),
    # a person whose own sentence has a tag: the quotation after it is not theirs
    ('Ann Lee said the plan was late. The "reforms" stalled.', "reforms"),
])
def test_scare_quotes_that_stay_scare_quotes(text, phrase):
    assert ml.scare_quotes(text).phrase.tolist() == [phrase]


def test_a_quote_headline_repeated_in_the_body_takes_its_speaker_wherever_the_headline_is():
    # page furniture first, so the quote headline is not the first paragraph
    text = ("Menu | Home | News\n\nRegion › Coast\n\n'Every wave takes more': homes at risk\n\n"
            "Four homes were evacuated.\n\n'Every wave takes more of the garden, and nobody "
            "comes,' said Paul Noakes, 70.")
    assert dict(speakers(text))["Every wave takes more"] == "Paul Noakes"
    assert ml.scare_quotes(text).empty


def test_a_short_phrase_said_nowhere_else_is_still_a_scare_quote():
    text = ('Bypass delayed\n\nThe "plan" was late.\n\n"We never saw a plan worth the name," said Jo Hill.')
    assert ml.scare_quotes(text).phrase.tolist() == ["plan"]  # one word: no echo is looked for


def test_a_quoted_slogan_is_no_scare_quote():
    text = 'The union\'s banner read "Fair Pay Now" as members marched.'
    assert ml.scare_quotes(text).empty
    assert "slogan" in quoted(text).reason.iloc[0]


def test_an_interviewer_s_questions_are_not_the_interviewee_s_speech():
    text = ("Council leader on the budget\n\nJane Fox, leader of Hatton council, spoke to the Echo.\n\n"
            "ECHO: Why close the libraries?\n\nJANE FOX: We had no choice. The grant fell by a third.\n\n"
            "ECHO: Will jobs go?\n\nJANE FOX: Some will, yes.")
    assert speakers(text) == [["We had no choice. The grant fell by a third.", "Jane Fox"],
                              ["Some will, yes.", "Jane Fox"]]


@pytest.mark.parametrize("text, resolved, verb", [
    ('"It is unfair," Dana Frost, 41, a nurse at the clinic, told the Gazette.', "Dana Frost", "told the Gazette"),
    ('"We need help," pleaded Ann Cole.', "Ann Cole", "pleaded"),
    ('"We will win," Tom Hardy vowed.', "Tom Hardy", "vowed"),
    ("Tom Hardy said on X that the deal was off.", "Tom Hardy", "said"),
    ("An official, speaking on condition of anonymity, said the talks had stalled.", "official", "said"),
    ("Asked whether the plan would work, Tom Hardy said it was too early to say.", "Tom Hardy", "said"),
])
def test_newsroom_tag_forms(text, resolved, verb):
    assert tags(text)[0][1:] == [resolved, verb]


@pytest.mark.parametrize("text", ["The mayor vowed revenge.", "The mayor declared a state of emergency."])
def test_act_verbs_with_an_object_are_not_tags(text):
    assert tags(text) == []


def test_a_possessive_before_a_role_says_nothing_of_the_person_s_gender():
    text = ('Ann Cole, a nurse, said the ward was full. Her manager, Tom Reid, disagreed. '
            '"We coped," he said.')
    assert speakers(text) == [["We coped", "Tom Reid"]]


def test_they_goes_to_the_last_plural_speaker():
    text = "Residents said they were angry. They said the council had ignored them."
    assert [row[1] for row in tags(text)] == ["Residents", "Residents"]


def test_a_role_before_the_name_after_a_quotation():
    text = '"We had no warning," a teacher, Maria Gonzalez, said.'
    assert speakers(text) == [["We had no warning", "Maria Gonzalez"]]


@pytest.mark.parametrize("text, quote, resolved", [
    ('As one resident put it, the town has been "left to rot".', "left to rot", "one resident"),
    ('The bill was branded "a disgrace" by Labour.', "a disgrace", "Labour"),
    ('The plan was described by the union as "reckless".', "reckless", "union"),
])
def test_put_it_and_passive_tags(text, quote, resolved):
    assert dict(speakers(text)).get(quote) == resolved


@pytest.mark.parametrize("text, resolved", [
    ("The charity Shelter said rents had risen by 9%.", "Shelter"),
    ("A study published in the Lancet found that cases had doubled.", "study"),
])
def test_a_described_organisation_is_its_name_and_a_journal_is_no_author(text, resolved):
    assert tags(text)[0][1] == resolved


def test_accused_of_is_the_accused_not_the_accuser():
    text = ("Ferry firm accused of 'putting profit first'\n\nIslanders have accused the operator of "
            "\"putting profit first\" after a second breakdown.")
    assert [row[1:] for row in tags(text)] == [["Islanders", "have accused"]]
    assert [row[1] for row in speakers(text)] == ["Islanders", "Islanders"]


def test_a_tag_after_a_fronted_phrase_reports_its_whole_sentence():
    text = ('In a statement, the operator said the boat had been "fully inspected" in March and that '
            'engineers were working "around the clock".')
    assert speakers(text) == [["fully inspected", "operator"], ["around the clock", "operator"]]
    assert ml.scare_quotes(text).empty


def test_a_labelled_transcript_speaks_for_the_person_it_interviews():
    # the host's turns mix a statement, an order and a question: still the host's, not speech
    text = ("Ferry captain on the storm\n\nMarta Quayle, 52, has skippered the island ferry since 2010. "
            "She spoke to Ivo Penn on Harbour FM.\n\n"
            "PENN: Forty crossings cancelled. Was that your call?\n\n"
            "QUAYLE: It was, every one of them.\n\n"
            "PENN: Describe the worst night.\n\n"
            "QUAYLE: The swell was over the bow rail.\n")
    got = speakers(text)
    assert [q for q, _ in got] == ["It was, every one of them.", "The swell was over the bow rail."]
    assert {who for _, who in got} == {"Quayle"}


@pytest.mark.parametrize("text, speaker, verb", [
    # an unnamed source is a speaker, as 'officials' is
    ("Rents will rise again, according to a source close to the landlord.", "a source", "according to"),
    # a name with its short form in brackets: the name speaks
    ("The Dene Valley Water Trust (DVWT) said on Friday that the reservoir was full.",
     "The Dene Valley Water Trust", "said"),
    # 'dismiss X as Y' names something, as 'describe X as Y' does
    ("The minister has dismissed the protest as a publicity stunt.", "The minister", "has dismissed"),
])
def test_sources_short_forms_and_dismissed_as(text, speaker, verb):
    assert [row[0::2] for row in tags(text)] == [[speaker, verb]]


def test_dismissed_from_a_job_is_no_tag():
    assert tags("She was dismissed in 2019 after the audit.") == []


@pytest.mark.parametrize("text, speaker, verb", [
    # a noun-like form that closes its sentence after a comma and a subject is a tag
    ("Some 40 wells ran dry last summer, the county survey reports.", "the county survey", "reports"),
    # a document that is 'a survey of X' speaks as the survey, even past a relative clause
    ("The union's survey of drivers, which nobody has disputed, found pay had fallen.",
     "The union's survey", "found"),
    ("An audit of the accounts found gaps.", "An audit", "found"),
])
def test_documents_speak_at_a_sentence_end_and_past_a_clause(text, speaker, verb):
    assert [row[0::2] for row in tags(text)] == [[speaker, verb]]


def test_a_noun_like_form_after_a_determiner_is_still_a_noun():
    assert tags("Nobody had checked the estimates.") == []


def test_he_goes_to_a_person_introduced_with_an_age_not_the_last_speaker():
    text = ('"The plan is bold," said council leader Ruth Vane.\n\n'
            'Trevor Nolan, 66, has mended shoes in the arcade since 1985. "I need a roof," he said.')
    assert [who for _, who in speakers(text)] == ["Ruth Vane", "Trevor Nolan"]


def test_a_participle_tag_with_no_tag_before_takes_the_sentence_subject():
    text = "Tenants in Kelby have objected to the rent rise, warning that families will move out."
    assert [row[0::2] for row in tags(text)] == [["Tenants in Kelby", "warning"]]
    # no subject that acts: no speaker is made up
    assert tags("The plan was dropped last year, warning that it failed.") == []


def test_answering_calls_is_an_act_not_a_tag():
    assert tags("The lifeboat crew answered 90 calls last year.") == []
    assert [row[0::2] for row in tags('"Not yet," she answered.')] == [["she", "answered"]]


def test_a_bracketed_share_between_speaker_and_verb():
    # 'Most drivers (64%) said': the bracket is an aside, the group before it speaks
    assert [row[2] for row in tags("Most drivers (64%) said fares were too high.")] == ["said"]
