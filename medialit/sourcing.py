"""Who speaks in an article: direct quotations, attributions and the share of each voice.

Three finders, each taking a str or an Article (then its `.text`); `start`/`end` index that text,
rows come in text order, and nothing about any one article is written in here.

>>> text = 'Talks failed, the minister said. "We tried," Ann Lee said. "They did not," she added.'
>>> quotations(text)[["quote", "speaker", "resolved", "verb"]].values.tolist()
[['We tried', 'Ann Lee', 'Ann Lee', 'said'], ['They did not', 'she', 'Ann Lee', 'added']]
>>> attributions(text)[["speaker", "resolved", "verb", "sentence"]].values.tolist()[0]
['the minister', nan, 'said', 1]

- `quotations(text)`: one row per quoted stretch of speech: quote (the words inside the marks),
  start, end, speaker (as written in its attribution), resolved (see below), verb. A quotation
  broken by its attribution ("...," Antonov said. "...") gives two rows with the same speaker.
  A quotation that goes on over paragraphs (no closing mark at the end of the first, an opening
  mark at each) is one row whose quote runs across the paragraph break.
  A quotation with no attribution beside it takes, in this order, the one of the quotation it
  continues (across a paragraph break too: a paragraph left open by its quotation mark), of the
  quotation before it in its paragraph, of the nearest tag in its paragraph, or, when it opens its
  paragraph, the last one of the paragraph before ("Antonov added:" then a paragraph of quotation);
  else speaker, resolved and verb are missing. Short quoted phrases (fewer than MIN_QUOTE_WORDS
  words) with no tag beside them, unless they are a whole sentence (a capital first, a full stop,
  ? or ! last, inside the marks), are scare quotes, not speech, and are left out; apostrophes
  (Syria’s, States’) are never quotation marks; single quotes (‘ ’ or ' ') count as speech only
  outside double quotes and on the same terms.
- `attributions(text)`: one row per attribution tag ("Antonov said", "said the minister",
  "he has stated", "told reporters", "according to the ministry"): speaker as written, resolved,
  verb as written, first letter in lower case (auxiliaries kept: "has stated"; "told" keeps its
  object: "told reporters"; "According to" becomes "according to"),
  start/end of the whole tag, and `sentence`: the number `n` of the sentence holding the tag in
  `Article.sentences()` (sentences of the headline, standfirst, subheadings and body, counted
  from 1), or None outside them. Tags inside a quotation are the speaker's words, not the outlet's
  attribution, and are left out.
- `resolved`: a named person becomes their fullest name seen so far ("Antonov" -> "Anatoly
  Antonov"); "he"/"she" and a definite role ("the minister", "the deputy defense minister") become
  the last named person before (preferring one whose title holds the role's noun); "it" the last
  organisation; an organisation or an unnamed speaker ("a spokesman") stays as written without
  "the"; missing (NaN) when nothing can be resolved, as for "the minister" before any name.
- Rules a reader can check, each with a case in tests/test_any_article.py: a speaker may stand
  behind asides ('Gill Warren, 72, who ..., said'); a name may be a list ('the Department for
  Environment, Food and Rural Affairs'); 'a spokesperson for X' and 'an X spokesperson' speak for
  X; a document speaks for whoever published it ('figures published by the ONS', 'a statement
  from the ministry'); 'To hear X (tell it), ...' and a sentence-opening 'According to X, ...'
  give X the short quotations of their sentence; findings ('figures show', 'a report found') and
  'a court heard' are tags, acts ('declared a state of emergency', 'reported her employer to
  inspectors') are not; 'he'/'she' go to the last speaker of that gender (Mr/Ms before a surname,
  his/her after a name); a quote headline takes the speaker its body gives ('Name: "..."', or a
  tagged body sentence holding most of its words); Q:/A: answers and 'NAME: ...' transcript turns
  are speech. The quotation marks themselves are read by `text.quotation_marks`, the scanner
  framing reads too, so a stretch is speech or a scare quote, never both.
- Rules of the third round, each with a case in tests/test_any_article_speech.py: a participle
  or a verb joined by 'and' shares its sentence's speaker ('..., adding that', 'described ... and
  urged'); 'X, which said' is X's; a subject may carry words after its noun ('A letter signed by
  31 households warned', 'Two people familiar with the matter told'); 'As X put it' and passive
  tags ('was branded "a farce" by Labour') name X; a tag that opens its sentence reports the whole
  of it, and a partial quotation takes its own clause's tag first; a short untagged quotation is
  speech when a person opens the sentence before it with no tag of their own ('Cllr Ian Threlfall,
  who ..., led the opposition. Supporters were "zealots".') or when its words are said again in a
  long quotation near it (quote headlines, pull quotes); a quotation over paragraphs (an opening
  mark at each, a closing one at the end: British single marks too) is one row; 'he'/'she' go
  to the last speaker who may be that gender, or to a person named with a role earlier in the
  same paragraph (a first name on the kit's short list, medialit/data/first_names.csv, can say
  which), 'they' to the last plural speaker; an interviewer's question turns are not speech.
- Where the rules live (one job a module): `speech_tags` (reporting verbs and the tags they make),
  `speakers` (the noun phrase that names a speaker), `resolution` (people, gender, he/she and
  roles), `speech` (which quoted stretches are speech, and whose), `transcripts` (Q:/A:,
  labelled turns, quote headlines); this module puts them together and holds the public finders.
  New classes of the third round have their cases in tests/test_any_article_speech.py.
- `voice_share(article)`: one row per paragraph (body paragraphs by default) with its words split
  into three voices that add up: `quoted` (inside a direct quotation), `paraphrase` (the rest of
  a sentence that carries an attribution and no quotation: the reported claim) and `outlet` (every
  other word: the outlet's own voice, including the attribution tags themselves; `tags` says how
  many of the outlet's words are tags), plus the three shares. `voice_totals(article)` adds the
  rows up into one Series for the whole text; `voice_words(article)` gives the word-by-word table
  they are counted from (with the speaker of each quoted or paraphrased word). The dateline is
  not counted. `roles=("headline", "standfirst", "subheading", "body")` counts those parts too.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

import pandas as pd

from .article import Article, SentenceNumbers, as_article, paragraph_spans
from .speed import gc_paused
from .text import word_spans
from .speech_tags import _find_tags
from .resolution import _mentions, _resolve
from .transcripts import _answers, _headline_index, _headline_quotes, _labelled_turns
from .speech import _continues, _echo_in, _inner, _link, _marks, _said_again, _speech

QUOTATION_COLUMNS = ["quote", "start", "end", "speaker", "resolved", "verb"]
ATTRIBUTION_COLUMNS = ["speaker", "resolved", "verb", "start", "end", "sentence"]
VOICE_COLUMNS = ["paragraph", "role", "words", "quoted", "paraphrase", "outlet", "tags",
                 "quoted_share", "paraphrase_share", "outlet_share"]


# --- the finders ---------------------------------------------------------------------------
_as_article = as_article


@lru_cache(maxsize=32)
def _analyse(text: str) -> tuple[list[dict], list[dict]]:
    """(quotations, attributions) of `text` as lists of dicts, in text order."""
    with gc_paused():
        return _analysis(text)


def _analysis(text: str) -> tuple[list[dict], list[dict]]:
    paragraphs = paragraph_spans(text)
    marked, inside_marks = _marks(text, paragraphs)
    head = _headline_index(text, paragraphs)
    # 2. attribution tags
    atts = [a for a in _find_tags(text, paragraphs, inside_marks)]
    _resolve(atts, _mentions(text, inside_marks), [p0 for p0, _ in paragraphs])
    by_paragraph: dict[int, list[dict]] = {}
    for t in atts:
        by_paragraph.setdefault(t["paragraph"], []).append(t)
    # 3. speech: long quotations, or short ones with a tag beside them
    quotes, echoes = [], []
    for k, (s, e, closed, p) in enumerate(marked):
        q = _speech(text, s, e, closed, p, by_paragraph.get(p, []), headline=p == head and len(paragraphs) > 1)
        if q:
            quotes.append(q)
        elif (again := _said_again(text, s, e, marked, k)) is not None:
            echoes.append((s, e, closed, p, again))
    _link(text, quotes, atts, paragraphs)
    by_open = {q["open"]: q for q in quotes}
    for s, e, closed, p, again in echoes:  # a pull quote or quote headline: the speaker of its source
        a, b = _inner(text, s, e, closed)
        source = by_open.get(again[0])
        quotes.append({"quote": text[a:b], "start": a, "end": b, "open": s, "close": e, "closed": closed,
                       "paragraph": p, "att": source["att"] if source else None})
    quotes = sorted(quotes + _answers(text, paragraphs, quotes) + _labelled_turns(text, paragraphs, quotes),
                    key=lambda q: q["start"])
    _headline_quotes(text, paragraphs, quotes, atts, head)
    quotes = [q for q in quotes if not (q.get("tentative") and q["att"] is None)]  # a headline's scare quote
    return quotes, atts


def _sentence_numbers(art: Article, starts: list[int]) -> list:
    """The number `n` of the sentence holding each offset in `starts` (None outside every sentence)."""
    with gc_paused():
        where = SentenceNumbers(art)
        return [where.holding(pos) for pos in starts]


def quotations(text) -> pd.DataFrame:
    """Direct quotations: quote, start, end, speaker, resolved, verb (see the module's docstring)."""
    art = _as_article(text)
    quotes, _ = _analyse(art.text)
    rows = []
    for q in quotes:
        if q.get("prev"):
            continue  # a paragraph that goes on with the quotation before it is part of that row
        last = q
        while last.get("next"):
            last = last["next"]
        att = q["att"]
        rows.append((art.text[q["start"]:last["end"]], q["start"], last["end"],
                     att["speaker"] if att else None, att["resolved"] if att else None, att["verb"] if att else None))
    return pd.DataFrame(rows, columns=QUOTATION_COLUMNS).astype(
        {"quote": "str", "start": int, "end": int, "speaker": "str", "resolved": "str", "verb": "str"})


def speech_marks(text: str, opens) -> set[int]:
    """Which of the opening marks `opens` start a quotation that `quotations(text)` gives a speaker:
    speech, which `framing.scare_quotes` never counts as a scare quote.

    A short quotation gets its speaker from a tag in its own paragraph, so only the paragraphs
    that hold one of `opens` are read (the whole text for a quote headline, whose speaker is in
    the body): the same verdicts as `quotations`, at the cost of those paragraphs.
    """
    opens = set(opens)
    if not opens:
        return set()
    paragraphs = paragraph_spans(text)
    starts = [p0 for p0, _ in paragraphs]
    wanted = {bisect.bisect_right(starts, o) - 1 for o in opens}
    if _headline_index(text, paragraphs) in wanted and len(paragraphs) > 1:
        return {q["open"] for q in _analyse(text)[0] if q["att"]} & opens
    found = set()
    for p in sorted(wanted):
        here = [paragraphs[p]]  # tags and marks of the quotation's own paragraph only
        marked, inside_marks = _marks(text, here)
        near = _find_tags(text, here, inside_marks)
        for s, e, closed, k in marked:
            if s in opens:
                q = _speech(text, s, e, closed, k, near, headline=False)
                if q and (q["att"] or _continues(text, q, marked, near)):
                    found.add(s)
                elif q is None and _echo_in(text, paragraphs, p, s, e):
                    found.add(s)
    return found


def attributions(text) -> pd.DataFrame:
    """Attribution tags: speaker, resolved, verb, start, end, sentence (see the module's docstring)."""
    art = _as_article(text)
    _, atts = _analyse(art.text)
    numbers = _sentence_numbers(art, [t["start"] for t in atts])
    rows = [(t["speaker"], t["resolved"], t["verb"], t["start"], t["end"], n) for t, n in zip(atts, numbers)]
    df = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype(
        {"speaker": "str", "resolved": "str", "verb": "str", "start": int, "end": int})
    df["sentence"] = df["sentence"].astype("Int64")
    return df


WORD_COLUMNS = ["paragraph", "role", "word", "start", "end", "voice", "tag", "speaker"]


def voice_words(article, roles=("body",)) -> pd.DataFrame:
    """Every word of the paragraphs whose role is in `roles`, with the voice it is in.

    Columns: paragraph (n in `article.paragraphs`), role, word, start, end, voice ("quoted",
    "paraphrase" or "outlet"), tag (True for the words of an attribution tag, which count as the
    outlet's) and speaker (the resolved speaker of a quoted or paraphrased word; missing for the
    outlet's words). A text with no paragraph of those roles (a short str) is read whole.
    The dateline is left out.
    """
    art = _as_article(article)
    text = art.text
    quotes, atts = _analyse(text)
    pars = art.paragraphs[art.paragraphs.role.isin(roles)]
    if pars.empty:
        pars = art.paragraphs[art.paragraphs.role != "nav"]
    voice_of = _voice_reader(quotes, atts, art.sentences())
    rows = []
    for par in pars.itertuples():
        start = par.start
        if art.dateline and par.role == "body" and par.start == art._body_start:
            start += art.dateline.length
        for s, e in word_spans(text[start:par.end]):
            voice, speaker = voice_of(start + s, par.n - 1)
            rows.append((par.n, str(par.role), text[start + s:start + e], start + s, start + e,
                         "outlet" if voice == "tag" else voice, voice == "tag", speaker))
    return pd.DataFrame(rows, columns=WORD_COLUMNS).astype(
        {"paragraph": int, "role": "str", "word": "str", "start": int, "end": int, "voice": "str",
         "tag": bool, "speaker": "str"})


def voice_share(article, roles=("body",)) -> pd.DataFrame:
    """Words of each paragraph whose role is in `roles`, by voice (see the module's docstring).

    Columns: paragraph (its n in `article.paragraphs`), role, words, quoted, paraphrase, outlet,
    tags, quoted_share, paraphrase_share, outlet_share (shares of the paragraph's words, 0 to 1).
    quoted + paraphrase + outlet == words; tags (the attribution tags' words) are part of outlet.
    A text with no paragraph of those roles (a short str) is read whole, every paragraph counted.
    """
    art = _as_article(article)
    w = voice_words(art, roles)
    pars = art.paragraphs[art.paragraphs.role.isin(roles)]
    if pars.empty:
        pars = art.paragraphs[art.paragraphs.role != "nav"]
    counts: dict[int, dict[str, int]] = {}  # paragraph -> words by voice, and tag words
    for n, voice, tag in zip(w.paragraph, w.voice, w.tag):
        c = counts.setdefault(n, {"quoted": 0, "paraphrase": 0, "outlet": 0, "tags": 0})
        c[voice] += 1
        c["tags"] += bool(tag)
    rows = []
    for par in pars.itertuples():
        c = counts.get(par.n, {"quoted": 0, "paraphrase": 0, "outlet": 0, "tags": 0})
        n = {k: c[k] for k in ("quoted", "paraphrase", "outlet")}
        total = sum(n.values())
        rows.append((par.n, str(par.role), total, n["quoted"], n["paraphrase"], n["outlet"],
                     c["tags"], *(n[k] / total if total else 0.0 for k in n)))
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def _voice_reader(quotes, atts, sents):
    """A function `(pos, p) -> (voice, resolved speaker)` for the word at `pos` in paragraph `p`
    (its index in `paragraph_spans`): "quoted" inside a quotation, "tag" inside an attribution
    tag, "paraphrase" in a sentence that carries a tag and no quotation, else "outlet".

    Quotations and tags never cross a paragraph, so each word is looked up among its own
    paragraph's: a long text costs no more per word than a short one.
    """
    quotes_in: dict[int, list[dict]] = {}
    tags_in: dict[int, list[dict]] = {}
    for q in quotes:
        quotes_in.setdefault(q["paragraph"], []).append(q)
    for t in atts:
        tags_in.setdefault(t["paragraph"], []).append(t)
    starts, ends = sents.start.tolist(), sents.end.tolist()
    paraphrased: dict[int, tuple[bool, str | None]] = {}  # sentence -> (a paraphrase?, its speaker)

    def voice_of(pos: int, p: int) -> tuple[str, str | None]:
        here_quotes, here_tags = quotes_in.get(p, []), tags_in.get(p, [])
        q = next((q for q in here_quotes if q["start"] <= pos < q["end"]), None)
        if q:
            return "quoted", q["att"]["resolved"] if q["att"] else None
        if any(t["start"] <= pos < t["end"] for t in here_tags):
            return "tag", None
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < ends[k]:
            if k not in paraphrased:
                s0, s1 = starts[k], ends[k]
                tags = [t for t in here_tags if s0 <= t["start"] < s1]
                quoted = any(s0 <= q["start"] < s1 or q["start"] <= s0 < q["end"] for q in here_quotes)
                paraphrased[k] = (bool(tags) and not quoted, tags[0]["resolved"] if tags else None)
            if paraphrased[k][0]:
                return "paraphrase", paraphrased[k][1]
        return "outlet", None
    return voice_of


def voice_totals(article, roles=("body",)) -> pd.Series:
    """`voice_share` added up over its paragraphs: words, quoted, paraphrase, outlet, tags and shares."""
    df = voice_share(article, roles)
    total = df[["words", "quoted", "paraphrase", "outlet", "tags"]].sum().astype(float)
    for k in ("quoted", "paraphrase", "outlet"):
        total[f"{k}_share"] = total[k] / total["words"] if total["words"] else 0.0
    return total
