"""medialit.article: parts of an article, sentences, and clear errors for bad files."""
import pytest

import medialit as ml
from medialit.article import Article, ArticleError, load_article


@pytest.fixture(scope="module")
def art():
    return load_article()


def test_roles_of_the_tass_article(art):
    roles = art.paragraphs.role.tolist()
    assert roles[:4] == ["nav", "headline", "standfirst", "body"]
    subheads = art.paragraphs.loc[art.paragraphs.role == "subheading", "text"].tolist()
    assert subheads == ["Aleppo crisis", "US and its inability to influence opposition"]
    assert roles.count("body") == 13


def test_parts_and_metadata(art):
    assert art.headline == "Defense ministry says Russia fulfills all commitments on Syria to US"
    assert art.standfirst.startswith("The opposition controlled by the United States")
    assert (art.dateline.place, art.dateline.date, art.dateline.outlet) == ("MOSCOW", "October 7", "TASS")
    assert str(art.dateline) == "MOSCOW, October 7. /TASS/."
    assert art.outlet == "TASS" and art.date.isoformat() == "2016-10-07"
    assert art.body.startswith("The Russian Federation has fulfilled")
    assert "Aleppo crisis" not in art.body and "All news" not in art.body


def test_paragraph_offsets_index_the_text(art):
    for row in art.paragraphs.itertuples():
        assert art.text[row.start:row.end] == row.text


def test_sentences_have_offsets_and_skip_dateline(art):
    sents = art.sentences()
    assert list(sents.columns) == ["paragraph", "role", "n", "text", "start", "end"]
    for row in sents.itertuples():
        assert art.text[row.start:row.end] == row.text
    lede = sents[sents.role == "body"].iloc[0]
    assert lede.text.startswith("The Russian Federation") and lede.text.endswith("said Friday.")
    assert "nav" not in set(sents.role)
    # the quotation split by "Antonov said." gives two sentences in one paragraph
    assert (sents.paragraph == 7).sum() == 2


def test_punkt_keeps_abbreviations_offline():
    text = "Mr. Smith met Gen. Jones in the U.S. on Friday. They spoke."
    spans = ml.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Mr. Smith met Gen. Jones in the U.S. on Friday.", "They spoke."]


def _tricky_text(seed: int, n_words: int = 4000) -> str:
    """Words, abbreviations, initials, numbers, ellipses, quotes and brackets, shuffled."""
    import random
    rng = random.Random(seed)
    pieces = ["the", "Army", "said.", "said?", "said!", "Syria.", "Mr.", "Gen.", "U.S.", "ex-Gen.",
              "J.", "A.", "No.", "3.", "2016.", "1,200.", "10.5", "...", "etc.", "Dr.", "…",
              '"Yes."', "“No.”", "(Aleppo.)", "‘moderate.’", "it’s.", "Oct.", "a.m.", "U.N.",
              "why?", "now!", "—", "-", "--", ",", ";", ":", "e.g.", "Inc.,", "and", "The",
              "they", "Opposition", "ceasefire.", "x.", "Ä.", "Éric.", "naïve.", "o’clock.", "\n",
              "\n\n", "  ", "\t", "Ok.)", "Yes.]", "St.-Petersburg", "done.'", "2.5.", "v.",
              "Gen.”", "co.)", "said.”", "Mr.?", "away!”", "why?)", "x.”", "3.)", "wow.«", "hm.@"]
    return " ".join(rng.choice(pieces) for _ in range(n_words))


@pytest.mark.parametrize("seed", range(6))
def test_fast_punkt_gives_punkts_spans(seed):
    from medialit.article import _sentence_tokenizer
    fast, plain = _sentence_tokenizer(), _sentence_tokenizer(fast=False)
    texts = [_tricky_text(seed)] + [load_article(s).text for s in ml.available_seeds()]
    for text in texts:
        assert list(fast.span_tokenize(text)) == list(plain.span_tokenize(text))


@pytest.mark.parametrize("seed", range(6))
def test_paragraphs_are_what_lies_between_empty_lines(seed):
    import re
    from medialit.article import paragraph_spans
    texts = [_tricky_text(seed), "", "  \n\n ", "one", "\n\n a \n \n\tb\n\n", "a\n\u00a0\nb\n\u2028\n\nc"]
    for text in texts + [load_article(s).text for s in ml.available_seeds()]:
        expected = [p.strip() for p in re.split(r"\n[^\S\n]*\n", text) if p.strip()]
        spans = paragraph_spans(text)
        assert [text[s:e] for s, e in spans] == expected
        assert all(re.search(r"\n[^\S\n]*\n", text[e:s]) for (_, e), (s, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("opening, place, outlet", [
    ("WASHINGTON (Reuters) - The Pentagon said on Monday it could not confirm it.", "WASHINGTON", "Reuters"),
    ("LONDON, Oct. 3 (AP) — Ministers met today.", "LONDON", "AP"),
    ("NEW YORK, March 4, 2016 /PRNewswire/ -- A company said things.", "NEW YORK", "PRNewswire"),
])
def test_other_datelines(opening, place, outlet):
    art = Article(f"A headline about something\n\n{opening}\n\nMore text follows here.")
    assert art.dateline.place == place and art.dateline.outlet == outlet
    assert art.paragraphs.role.tolist() == ["headline", "body", "body"]


def test_article_without_dateline_or_chrome():
    art = Article("Council approves new bus lanes\n\nThe council voted on Tuesday.\n\nCyclists\n\nThey welcomed it.")
    assert art.dateline is None and art.standfirst is None
    assert art.paragraphs.role.tolist() == ["headline", "body", "subheading", "body"]
    assert art.body.startswith("The council voted")


def test_breadcrumb_is_chrome():
    art = Article("World › Middle East\n\nTalks stall in Geneva\n\nGENEVA, May 2 (AP) — Talks stalled.")
    assert art.paragraphs.role.tolist() == ["nav", "headline", "body"]


# --- bad input -------------------------------------------------------------------------
def test_missing_file_lists_the_seeds(tmp_path):
    with pytest.raises(ArticleError, match="No article found.*tass-2016-10-07-syria-commitments"):
        load_article(tmp_path / "nope.txt")


def test_missing_article_is_a_file_not_found_error_that_lists_the_seeds():
    with pytest.raises(FileNotFoundError, match="seeds available: .*tass-2016-10-07"):
        load_article("no-such-seed")


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"  \n\n \t\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"Caf\xe9 society\n\nA story in Latin-1.", r"not UTF-8 text: byte 0xe9 at position 3"),
])
def test_bad_files_get_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        load_article(path)


def test_bom_and_crlf_load_like_the_plain_file(tmp_path):
    plain = load_article()
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + plain.text.replace("\n", "\r\n").encode("utf-8"))
    other = load_article(path)
    assert other.text == plain.text
    assert other.paragraphs.drop(columns="role").equals(plain.paragraphs.drop(columns="role"))
    assert other.sentences().equals(plain.sentences())


def test_broken_metadata_is_named(tmp_path):
    (tmp_path / "x.txt").write_text("Headline here\n\nBody text.", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ArticleError, match="x.json is not valid JSON"):
        load_article(tmp_path / "x.txt")


def test_a_wire_capture_with_a_short_standfirst_a_time_stamp_and_a_list_of_topics():
    text = ("Skip to main content\n\nFloods force thousands from homes in northern Italy\n\n"
            "Rescuers used boats to reach stranded families\n\nBy Marco Rossi and Anna Weiss\nReuters\n\n"
            "March 3, 2025 5:12 PM GMT Updated 2 hours ago\n\n"
            "MILAN, March 3 (Reuters) - Floods forced 5,000 people from their homes, officials said.\n\n"
            "Related Topics\n\nItaly\nFloods\n\nReporting by Marco Rossi; Editing by Jane Smith\n")
    art = Article(text=text)
    assert art.paragraphs.role.tolist() == ["nav", "headline", "standfirst", "nav", "nav", "body",
                                            "nav", "nav", "nav"]
    assert art.dateline is not None and art.standfirst.startswith("Rescuers")
