"""Every figure of a news article in a table: what it says, what it counts, how exact it claims to be.

>>> df = numbers("About 13,000 civilians and 3,500 servicemen were killed between February 27 and September 1, 2016.")
>>> df[["raw", "value", "kind", "approximate", "what"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['13,000', 13000, 'count', True, 'civilians'], ['3,500', 3500, 'count', True, 'servicemen'],
 ['February 27', '2016-02-27', 'date', False, None], ['September 1, 2016', '2016-09-01', 'date', False, None]]

Columns of `numbers(text)`:

raw          the figure as written (the hedge, such as "about", is not part of it)
value        the parsed value: an int or float for quantities; for a date an ISO string,
             "2016-02-27", or "--02-27" / "--02" when the text gives no year (a year written
             elsewhere in the same phrase, as in "February 27 to September 1, 2016", is carried
             over); "HH:MM" for a time of day; NaN for a vague quantity ("dozens", "thousands of")
kind         one of KINDS below
approximate  True when the wording makes the figure approximate or a bound: "about", "some",
             "nearly", "almost", "around", "roughly", "approximately", "as many as", "more than",
             "over", "at least", "up to", "fewer than", "less than", "an estimated", "or so",
             "or more"...; "early/mid/late" before a month; "dozens", "hundreds of"... A hedge
             before the first figure of a list ("about 13,000 civilians and 3,500 servicemen")
             covers the list. A round number without a hedge is NOT flagged: roundness is a
             question for the reader.
what         the thing counted, as written ("civilians", "ceasefire violations", "armed groups"),
             looking past "of the", scare-quoted or evaluative adjectives ("‘moderate’",
             "so-called"); None when the text names nothing (dates, years, "twice")
start, end   character offsets into `text`: text[start:end] == raw
sentence     the number of the sentence holding the figure, as in `Article(text).sentences().n`
             (for an article, `art.sentences()`); <NA> for a figure outside every sentence,
             such as the date in the dateline "MOSCOW, October 7. /TASS/."

Rows are in text order. Nothing here is specific to one article.
"""
from __future__ import annotations

import bisect
import math
import re

import pandas as pd

from .article import SentenceNumbers, as_article
from .number_dates import DATE_CONT, MONTH_ALONE, date_years, find_dates
from .number_scan import EndsWith, Scan, numberish
from .number_words import (_NUM, _SCALE, _WORDNUM, DENOMINATORS, FRACTIONS, MULTIPLIERS, ORDINALS, SCALES,  # noqa: F401
                           TENS, UNITS, _as_number, _digits, _scale, words_to_number)

KINDS = {
    "count": "how many of something: people, events, places (3,532 servicemen; three armed groups)",
    "percent": "a percentage (37%, 37 %, 37 per cent, 37 percent)",
    "money": "an amount of money ($5 million, 3 billion roubles)",
    "duration": "a length of time (188 days, five years, a 3-day truce)",
    "age": "an age (a 12-year-old boy)",
    "times": "how many times something happened (twice, three times)",
    "multiplier": "a comparison by a factor (twice as many, three times the)",
    "fraction": "a share written as a fraction (half of, two-thirds of)",
    "ordinal": "a rank (first, second, 21st)",
    "date": "a calendar date or month (February 27; 27 February 2016; late February)",
    "year": "a year on its own (2016, the 1990s)",
    "time": "a time of day (10:30, 3 p.m.)",
    "label": "a number that names rather than counts (Resolution 2268, Article 5)",
    "measure": "a quantity with a unit of measurement (11 miles, 38C, 70 mph, 5 kg)",
    "number": "a number with nothing counted after it",
}
COLUMNS = ["raw", "value", "kind", "approximate", "what", "start", "end", "sentence"]

# --- vocabulary (number words are in number_words.py, dates in number_dates.py) -----------
UNIT_WORDS = {"mile", "miles", "km", "kilometre", "kilometres", "kilometer", "kilometers", "metre",
              "metres", "meter", "meters", "feet", "foot", "inch", "inches", "mph", "kph", "km/h",
              "kg", "kilogram", "kilograms", "kilo", "kilos", "tonne", "tonnes", "ton", "tons",
              "litre", "litres", "liter", "liters", "acre", "acres", "hectare", "hectares",
              "degree", "degrees", "cm", "mm", "lb", "lbs", "pounds-weight", "gallons", "gallon"}
# Words after which "about" means "concerning", not "roughly": 'worried about a two-hour wait'
# (any form: worry, worries, worried, worrying; see _about_head)
ABOUT_HEADS = {"worry", "concern", "talk", "care", "complain", "complaint", "hear", "heard", "learn",
               "learnt", "news", "question", "information", "detail", "nothing", "something",
               "anything", "everything", "angry", "upset", "unhappy", "happy", "sure", "clear",
               "serious", "warn", "fear", "story", "debate", "row", "argument", "book", "film",
               "doubt", "joke", "anxious", "nervous", "excite", "confuse", "frustrate", "furious",
               "protest", "campaign", "inquire", "enquire", "wonder", "dream", "forget", "forgot",
               "remind", "laugh", "fuss", "feel", "felt", "mind", "annoy", "uneasy", "optimistic",
               "pessimistic"}  # not 'asked/said/reported/thought/wrote about 300': those hedge
TIME_UNITS = {"second", "minute", "hour", "day", "night", "weekend", "week", "fortnight", "month",
              "year", "decade", "century", "seconds", "minutes", "hours", "days", "nights", "weekends",
              "weeks", "fortnights", "months", "years", "decades", "centuries", "hrs", "mins", "secs",
              "yrs", "semesters", "terms"}
CURRENCY_SYMBOLS = {"$": "dollars", "US$": "US dollars", "£": "pounds", "€": "euros", "¥": "yen",
                    "₽": "roubles"}
CURRENCY_WORDS = {"dollar", "dollars", "euro", "euros", "pound", "pounds", "rouble", "roubles",
                  "ruble", "rubles", "yen", "yuan", "pounds sterling"}
# ...written in lower case, these label too ('a category 2 call', 'under section 12'), except:
CAPITAL_LABELS = {"no", "number", "point", "figure", "line", "floor", "block", "unit", "table", "item",
                  "building", "model", "type", "class"}
_NOT_A_LABEL = re.compile(r"\b(?:this|that|which|every|each|any|one|some)[\s\u00a0]+\w+[\s\u00a0]*$", re.I)
LABEL_WORDS = {"resolution", "article", "no", "no.", "number", "section", "chapter", "page",
               "room", "flight", "route", "paragraph", "clause", "item", "protocol", "annex",
               "amendment", "highway", "platform", "gate", "channel", "version", "level",
               "phase", "stage", "grade", "class", "category", "division", "brigade", "regiment",
               "battalion", "unit", "district", "zone", "sector", "point", "building", "block",
               "junction", "exit", "terminal", "ward", "pier", "court", "bay", "plot", "bed",
               "floor", "line", "table", "figure", "appendix", "model", "type"}

HEDGES_BEFORE = ["about", "some", "within", "nearly", "almost", "below", "above", "several", "a few", "around", "roughly", "approximately",
                 "approx.", "as many as", "as much as", "as few as", "as little as", "more than",
                 "over", "at least", "up to", "close to", "upwards of", "in excess of",
                 "fewer than", "less than", "under", "an estimated", "estimated", "at most",
                 "no more than", "no fewer than", "not more than", "not less than", "just over",
                 "just under", "well over", "nearly a", "approximately a", "about a", "around a",
                 "some a", "~", "c.", "circa", "perhaps", "maybe", "possibly", "reportedly", "in the region of",
                 "of the order of", "on the order of", "the best part of", "getting on for",
                 "the better part of", "shy of", "short of"]
# (not "the end of 2027": a deadline names its year exactly)
HEDGES_BEFORE_DATE = ["early", "mid", "mid-", "late", "around", "about", "circa", "c."]
_HEDGE, _HEDGE_DATE = EndsWith(HEDGES_BEFORE), EndsWith(HEDGES_BEFORE_DATE)  # the hedge ending a text
# What follows a figure is read from a window this long, not from the rest of the text: the
# patterns that read it are short, and a slice to the end would make long texts cost n².
WINDOW = 200


def _within(spans: list[tuple[int, int]]):
    """A test `pos -> bool`: does `pos` fall in [start, end) of one of the sorted, disjoint `spans`?"""
    starts = [s for s, _ in spans]

    def test(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]
    return test


_HEDGE_AFTER = re.compile(r"^(?:[\s\u00a0]+[a-z’']+)?(?:\s+or\s+so\b|\s+or\s+thereabouts\b|\s+and\s+more\b"
                          r"|\s+(?:or|and)\s+(?:more|longer|older|over|above|younger|under|below|fewer|less|"
                          r"higher|lower|upwards|beyond)\b|-odd\b|\+|-plus\b|\s+plus\b(?!\s+\d))", re.I)

# Words that end the noun phrase after a figure (function words and frequent verbs).
STOP = set("""
a an the of by in on at to from with without and or but nor so yet as than then that this these those
which who whom whose what where when while whereas because since until till during before after
across into onto over under between among against through throughout about around per via upon
within toward towards beyond near for if though although unless whether
is are was were be been being am has have had having do does did done will would shall should can
could may might must ought
it its he she they them their his her we us our you your i me my
said says say told tell added noted stated reported claimed according reminded stressed
died die dies fled flee left came come went go goes took take made make got get saw see remain remains
remained stand stood fell fall rose rise live lived lost lose
not no never also still now already only just even again each every all both either neither
more most less least other another such same own very too here there
some any many few several much
last next ago yesterday today tonight tomorrow earlier later overnight apiece instead alone
altogether combined together respectively abroad online nationwide worldwide
monday tuesday wednesday thursday friday saturday sunday
""".split())
# Evaluative or hedging adjectives to look past when naming what is counted.
LOOK_PAST = {"so-called", "moderate", "alleged", "suspected", "reported", "estimated", "more",
             "additional", "further", "extra", "other", "own", "purported", "self-styled",
             "supposed", "apparent", "possible", "probable", "presumed"}
NOMINAL = {"dead", "killed", "wounded", "injured", "missing", "displaced", "detained", "arrested",
           "hurt", "homeless", "deaths", "injuries", "casualties"}
LY_NOUNS = {"family", "supply", "ally", "assembly", "rally", "anomaly", "monopoly", "belly",
            "bully", "lily", "fly", "butterfly", "reply", "italy", "july"}
PLURALS = {"people", "police", "children", "men", "women", "personnel", "staff", "military",
           "militia", "youth", "infantry", "cattle", "clergy", "crew", "media"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that",
               "these", "those", "whose"}
PRONOUNS = {"them", "us", "you", "whom", "which", "these", "those", "it", "those", "ours", "theirs"}

# --- patterns ----------------------------------------------------------------------------

TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?[\s\u00a0]*(?P<ap>a\.m\.|p\.m\.|am|pm)(?!\w)"
                  r"|\b(?P<h2>\d{1,2}):(?P<m2>\d{2})\b", re.I)
# a 24-hour clock without a colon: '0915 GMT', '1400 hours', 'at 0640'
TIME_24 = re.compile(r"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\b(?=[\s\u00a0]*(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PT|"
                     r"PST|PDT|AEST|IST|local[\s\u00a0]+time|hours|hrs|h)\b)"
                     r"|(?:(?<=\bat )|(?<=\bby )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|"
                     r"(?<=\bsince ))(?P<h0>0\d)(?P<m0>[0-5]\d)\b")
DECADE = re.compile(r"\b(?P<y>1\d{3}|20\d{2})s\b")
MONEY = re.compile(r"(?P<sym>US\$|[$£€¥₽])[\s\u00a0]?(?P<num>" + _NUM + r")" + _SCALE + r"?")
PERCENT = re.compile(r"(?P<num>" + _NUM + r"|" + _WORDNUM + r")(?:[\s\u00a0]*%|[\s\u00a0]+per[\s\u00a0]?cent\b"
                     r"|[\s\u00a0]+percent\b)", re.I)
HYPHEN_UNIT = re.compile(r"(?P<num>\d+(?:\.\d+)?|" + _WORDNUM + r")-(?P<unit>second|minute|hour|day|"
                         r"week|month|year|decade)s?(?P<old>-olds?)?\b", re.I)
DIGITS = re.compile(r"(?P<num>" + _NUM + r")(?P<ord>st|nd|rd|th)?" + _SCALE + r"?")
WORDS = re.compile(r"(?:\ba[\s\u00a0]+)?" + _WORDNUM, re.I)
VAGUE = re.compile(r"\b(?:(?:tens|hundreds|thousands|millions)[\s\u00a0]+of[\s\u00a0]+(?:thousands|millions)"
                   r"|dozens|scores|hundreds|thousands|millions|billions)(?=[\s\u00a0]+of\b)"
                   r"|\ba[\s\u00a0]+dozen\b|\bdozen\b", re.I)
ORDINAL_WORD = re.compile(r"\b(?:" + "|".join(ORDINALS) + r")\b", re.I)
_FRACTION_WORDS = "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True))
FRACTION = re.compile(r"\b(?:" + _FRACTION_WORDS + r")\b(?=[\s\u00a0]+(?:of|the|its|their|his|her|our|these|"
                      r"those|all|more|less|fewer|as|a|an)\b|[\s\u00a0]*(?:[,;:!?)]|\.(?!\d)|$))"
                      r"|(?<=\bby\s)(?:" + _FRACTION_WORDS + r")\b", re.I)  # 'half a mile', 'up by a quarter in 2023'
_SHARE_BEFORE = re.compile(r"\b(?:the|a|its|their)[\s\u00a0]+(?:(?:poorest|richest|bottom|top|lowest|highest|"
                           r"last|first|best|worst|[a-z]+est)[\s\u00a0]+)?$", re.I)
PENCE = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>p)\b")  # '7.5p a litre' (UK pence)
_AGE_BEFORE = re.compile(r"\b(?:as[\s\u00a0]+(?:young|old)[\s\u00a0]+as|aged(?:[\s\u00a0]+(?:over|under|between|from|"
                         r"at[\s\u00a0]+least|up[\s\u00a0]+to|below|above))?|ages?(?:[\s\u00a0]+of)?|"
                         r"(?:children|kids|babies|infants|toddlers|pupils|girls|boys|people|adults|anyone|those|"
                         r"men|women|patients|residents|workers|drivers|voters)[\s\u00a0]+(?:under|over|below|"
                         r"above))[\s\u00a0]*$", re.I)
# an age written after the figure: '75 or older', '18 and over', '65-plus'
_AGE_AFTER = re.compile(r"[\s\u00a0]+(?:or|and)[\s\u00a0]+(?:older|over|younger|under|above)\b(?![\s\u00a0]+\w+s\b)",
                        re.I)
# age groups as nouns: 'over-65s', 'under-18s'
AGE_GROUP = re.compile(r"\b(?:over|under)-(?P<num>\d{1,3})s\b", re.I)
# 'the 38 and the 41 run every 12 minutes', 'the 38 bus': numbers that name a route or a service
_LABEL_PAIR = re.compile(r"[\s\u00a0]+(?:and|or)[\s\u00a0]+the[\s\u00a0]+\d+\b")
_LABEL_PAIR_BEFORE = re.compile(r"\bthe[\s\u00a0]+\d+[\s\u00a0]+(?:and|or)[\s\u00a0]+the[\s\u00a0]*$")
LABELLED = {"bus", "buses", "tram", "route", "service", "line", "train", "flight"}
_NUMBER_OR_WORD = r"(?:\d+|" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
RATIO = re.compile(rf"\b(?P<a>{_NUMBER_OR_WORD})[\s\u00a0]+in[\s\u00a0]+(?P<b>{_NUMBER_OR_WORD}|\d[\d,]*)\b", re.I)
MULTIPLIER = re.compile(r"\b(?:double|triple|treble|quadruple)\b(?=[\s\u00a0]+(?:the|that|what|its|their|his|her|our)\b)",
                        re.I)
GLUED_UNIT = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>km/h|km|kg|mm|cm|mph|kph|ft|mi|lb|ml|kW|MW|GW)(?![\w/])")  # '5km'
TEMPERATURE = re.compile(r"(?P<num>\d+(?:\.\d+)?)[\s\u00a0]?°?[\s\u00a0]?(?P<unit>[CF])\b")
# 'half a million', 'a quarter of a million': one count
HALF_SCALE = re.compile(r"\b(?P<part>half|a[\s\u00a0]+quarter[\s\u00a0]+of|three[\s\u00a0-]quarters[\s\u00a0]+of)"
                        r"[\s\u00a0]+an?[\s\u00a0]+(?P<scale>hundred|thousand|million|billion)\b", re.I)
VAGUE_SCALE = re.compile(r"\b(?:several|a[\s\u00a0]+few|many)[\s\u00a0]+(?:hundred|thousand|million|billion)"
                         r"(?:[\s\u00a0]+(?:thousand|million|billion))?\b", re.I)
TIMES = re.compile(r"\b(?:twice|thrice)\b|(?P<num>\d+(?:\.\d+)?|" + _WORDNUM + r")[\s\u00a0]+times\b", re.I)
_RANKED = re.compile(r"-(?:\w+est|most|least|quarter|half|round|placed?|largest|biggest)\b", re.I)
_NUMBER_WORD = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
TOKEN = re.compile(r"[‘'\"“]?[\w’'\-\.]*\w[’'\"”]?")


# --- scanning: where a figure can begin (the speed code is in number_scan.py) ---------------
_NUMBERISH = numberish([*UNITS, *TENS, *SCALES, *ORDINALS, "twice", "thrice", "half", "dozen", "dozens",
                        "scores", "tens", "hundreds", "thousands", "millions", "billions", *MULTIPLIERS,
                        "several", "many", "over", "under"])


def _Scan(text: str, fast: bool = True) -> Scan:
    return Scan(text, _NUMBERISH, MONTH_ALONE, fast=fast)


# --- the extractor -----------------------------------------------------------------------
class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.scan = _Scan(text)
        self.cands: list[dict] = []

    def add(self, start, end, value, kind, priority, **extra):
        self.cands.append(dict(start=start, end=end, raw=self.text[start:end], value=value,
                               kind=kind, priority=priority, **extra))

    # glued to a word: F-16, COVID-19, G20, Su-24, MH17
    def glued(self, start: int, end: int) -> bool:
        t = self.text
        before = t[start - 1] if start else " "
        if before.isalpha() or before == "_":
            return True
        if before in "-/" and start >= 2 and t[start - 2].isalnum() and not t[start - 2].isdigit():
            return True
        after = t[end] if end < len(t) else " "
        if (before == "/" and t[start - 2:start - 1].isdigit()) or (after == "/" and t[end + 1:end + 2].isdigit()):
            return True  # 9/11, 27/02/2016, 3/4: not read here
        return after.isalpha() and after not in "sm" or after == "_"


def _find_other(f: _Finder) -> None:
    t, scan = f.text, f.scan
    for m in scan.finditer(TIME, scan.runs_before(":. aApP", 2)):
        h, mi = (m.group("h"), m.group("m")) if m.group("h") else (m.group("h2"), m.group("m2"))
        h, mi = int(h), int(mi or 0)
        if m.group("ap") and m.group("ap").lower().startswith("p") and h < 12:
            h += 12
        if h < 24 and mi < 60:
            f.add(m.start(), m.end(), f"{h:02d}:{mi:02d}", "time", 0)
    for m in scan.finditer(TIME_24, scan.runs_before(None, 4)):
        h, mi = (m.group("h"), m.group("m")) if m.group("h") else (m.group("h0"), m.group("m0"))
        f.add(m.start(), m.end(), f"{h}:{mi}", "time", 0)
    for m in scan.finditer(AGE_GROUP, "words"):
        f.add(m.start(), m.end(), int(m.group("num")), "age", 0, bound=True)
    for m in scan.finditer(DECADE, scan.runs_before("s", 4)):
        f.add(m.start(), m.end(), int(m.group("y")), "year", 0, decade=True)
    for m in scan.finditer(PENCE, scan.runs_before("p.")):
        f.add(m.start(), m.end(), _as_number(float(m.group("num"))), "money", 0, what="pence")
    for m in scan.finditer(MONEY, "symbols"):
        value = _digits(m.group("num")) * _scale(m)
        f.add(m.start(), m.end(), _as_number(value), "money", 0, what=CURRENCY_SYMBOLS[m.group("sym")])
    for m in scan.finditer(PERCENT, "figures"):
        num = m.group("num")
        value = _digits(num) if num[0].isdigit() else words_to_number(num)
        if value is not None and not f.glued(m.start(), m.start() + 1):
            f.add(m.start(), m.end(), _as_number(value), "percent", 0)
    for m in scan.finditer(HYPHEN_UNIT, scan.figures_before("-.")):
        num = m.group("num")
        value = _digits(num) if num[0].isdigit() else words_to_number(num)
        if value is not None:
            kind = "age" if m.group("old") else "duration"
            f.add(m.start(), m.end(), _as_number(value), kind, 0,
                  unit=m.group("unit").lower() + "s")
    for m in scan.finditer(TIMES, scan.figures_before(" .")):
        word = m.group(0).lower()
        if word in ("twice", "thrice"):
            value = 2 if word == "twice" else 3
        else:
            num = m.group("num")
            value = _digits(num) if num[0].isdigit() else words_to_number(num)
        if value is None:
            continue
        after = t[m.end():m.end() + 20].lower()
        kind = "multiplier" if re.match(r"[\s\u00a0]+(?:as|the|more|less|higher|lower|greater|larger|"
                                        r"bigger|smaller|over)\b", after) else "times"
        f.add(m.start(), m.end(), _as_number(value), kind, 1)
    for m in scan.finditer(RATIO, scan.figures_before(" ")):  # 'one in five': a share, not a count of five
        a, b = (_digits(g) if g[0].isdigit() else UNITS.get(g.lower()) for g in m.group("a", "b"))
        year = re.fullmatch(r"(?:1[89]|20)\d\d", m.group("b"))  # 'up from 131 in 2021': a year, no share
        if a and b and a < b and not year:
            f.add(m.start(), m.end(), a / b, "fraction", 0)
    for m in scan.finditer(MULTIPLIER, "words"):
        f.add(m.start(), m.end(), MULTIPLIERS[m.group(0).lower()], "multiplier", 1)
    for m in scan.finditer(HALF_SCALE, "words"):
        part = {"h": 0.5, "a": 0.25, "t": 0.75}[m.group("part")[0].lower()]
        f.add(m.start(), m.end(), _as_number(part * SCALES[m.group("scale").lower()]), None, 0, spelled=True)
    for m in scan.finditer(VAGUE_SCALE, "words"):
        f.add(m.start(), m.end(), math.nan, "count", 0, vague=True)
    for m in scan.finditer(GLUED_UNIT, scan.runs_before(".kmcflMG")):
        if not (m.start() and t[m.start() - 1].isalnum()):
            f.add(m.start(), m.end(), _as_number(float(m.group("num"))), "measure", 0, what=m.group("unit"))
    for m in scan.finditer(TEMPERATURE, scan.runs_before(" .°CF")):
        if not (m.start() and t[m.start() - 1].isalnum()):
            minus = t[m.start() - 1:m.start()] in ("-", "−") and not t[m.start() - 2:m.start() - 1].strip(" \u00a0(")
            start = m.start() - minus  # '-5C'
            f.add(start, m.end(), _as_number(float(m.group("num")) * (-1 if minus else 1)), "measure", 0,
                  what="degrees " + m.group("unit"))
    for m in scan.finditer(FRACTION, "words"):
        f.add(m.start(), m.end(), FRACTIONS[re.sub(r"[\s\u00a0]+", " ", m.group(0).lower())],
              "fraction", 1)
    for m in scan.finditer(VAGUE, "words"):
        raw = m.group(0).lower()
        value = 12 if raw.endswith("dozen") else math.nan
        f.add(m.start(), m.end(), value, "count", 2, vague=not raw.endswith("dozen"))
    for m in scan.finditer(DIGITS, "runs"):
        if f.glued(m.start(), m.end()):
            continue
        num = m.group("num")
        if m.group("ord"):
            f.add(m.start(), m.end(), int(_digits(num)), "ordinal", 3)
            continue
        value = _digits(num) * _scale(m)
        f.add(m.start(), m.end(), _as_number(value), None, 4, plain=len(m.group(0)) == 4 and m.group(0).isdigit(),
              abbr=m.group("abbr"))
    for m in scan.finditer(WORDS, "words"):
        raw = m.group(0)
        value = words_to_number(raw)
        if value is None:
            continue
        if "-" in t[m.end():m.end() + 1]:
            continue  # one-sided, two-state
        f.add(m.start(), m.end(), _as_number(value), None, 5, spelled=True)
    for m in scan.finditer(ORDINAL_WORD, "words"):
        before = t[max(0, m.start() - 12):m.start()].lower()
        after = t[m.end():m.end() + 4].lower()
        word, follows = m.group(0).lower(), t[m.end():m.end() + 14]
        ranked = _RANKED.match(follows)  # 'second-highest', 'fourth-quarter'
        determined = re.search(r"(?:\b(?:the|a|an|its|their|his|her|our|your|my|this|that)|’s|'s)"
                               r"(?:[\s\u00a0]+[a-z]+)?[\s\u00a0]+$", before)  # 'a weak fourth quarter'
        # 'third' and after, before a noun, are ranks even with no determiner ('enters fourth day');
        # 'first' and 'second' are also adverbs and a unit of time ('first said', 'a second')
        bare_rank = word not in ("first", "second") and re.match(r"[\s\u00a0]+[a-z]", follows) \
            and not re.search(r"\b(?:a|one|" + _NUMBER_WORD + r")[\s\u00a0]+$", before)
        a_unit = word == "second" and not re.match(r"[\s\u00a0]+[a-z]", follows)  # 'wait a second,'
        if (ranked or ((determined or bare_rank) and follows[:1] != "-" and not a_unit)) \
                and not after.startswith(" of"):
            f.add(m.start(), m.end(), ORDINALS[word], "ordinal", 3)
        elif after.startswith(" of") and m.group(0).lower() in DENOMINATORS and _SHARE_BEFORE.search(before):
            f.add(m.start(), m.end(), 1 / DENOMINATORS[m.group(0).lower()], "fraction", 3)


def _select(cands: list[dict]) -> list[dict]:
    """Keep non-overlapping candidates: earliest first, then longest, then by priority."""
    cands.sort(key=lambda c: (c["start"], -(c["end"] - c["start"]), c["priority"]))
    kept, last_end = [], -1
    for c in cands:
        if c["start"] >= last_end:
            kept.append(c)
            last_end = c["end"]
    return kept


def _tokens_after(text: str, pos: int, limit: int = 12):
    """(word, start, end, followed_by_punct) for the words after `pos` in the same clause."""
    out = []
    for m in TOKEN.finditer(text, pos):
        gap = text[pos:m.start()]
        if gap.strip(" \u00a0\t"):  # punctuation or a line break between: the clause ended
            break
        if "\n" in gap:
            break
        out.append((m.group(0), m.start(), m.end()))
        pos = m.end()
        if len(out) >= limit:
            break
    return out


def _bare(word: str) -> str:
    return word.strip("‘’'\"“”").lower()


def _noun_phrase(text: str, pos: int) -> str | None:
    """The thing counted: the words after `pos`, up to a function word, verb or punctuation."""
    skip = re.match(r"(?:[\s\u00a0]+or[\s\u00a0]+(?:so|more)|-odd|-plus|\+)(?=[\s\u00a0])", text[pos:pos + WINDOW])
    toks = _tokens_after(text, pos + (skip.end() if skip else 0))
    i = 0
    # of the ..., of those ...
    if toks and _bare(toks[0][0]) == "of":
        i = 1
        if i < len(toks) and _bare(toks[i][0]) in PRONOUNS:
            return None
        while i < len(toks) and (_bare(toks[i][0]) in DETERMINERS or _bare(toks[i][0]) in UNITS
                                 or _bare(toks[i][0]) in TENS or re.fullmatch(r"[\d,.]+", toks[i][0])):
            i += 1  # 'two of the three hospitals': the thing counted is 'hospitals'
    words = []
    for word, s, e in toks[i:]:
        if word[0] == "-" and word[1:2].isdigit():
            break  # '3-5C': the other end of a range
        bare = _bare(word)
        quoted = word[0] in "‘'\"“" and word[-1] in "’'\"”" and len(word) > 2
        if quoted or bare in LOOK_PAST:
            if words and not quoted:
                break
            continue
        if bare in STOP or len(bare) < 2 or not re.search(r"[a-z]", bare) or re.fullmatch(r"[\d,.]+", bare) \
                or bare in UNITS or bare in TENS:
            break  # ('3,100 five years ago': the next figure is not what 3,100 counts)
        if bare.endswith("ly") and len(bare) > 4 and bare not in LY_NOUNS:
            break
        if words and re.search(r"(?:ed|ing)$", bare) and (
                words[-1].lower().endswith("s") or words[-1].lower() in PLURALS):
            break  # 'voters stayed home', 'people injured': a verb after a plural noun
        words.append(word.strip("‘’\"“”"))
        if len(words) >= 4:
            break
        after = text[e:e + 1]
        if after and not after.isspace():
            break
    while len(words) > 1 and re.search(r"(?:ed|ing)$", words[-1].lower()) \
            and words[-1].lower() not in NOMINAL:
        words.pop()
    if len(words) == 1 and re.search(r"(?:ed|ing)$", words[0].lower()) \
            and words[0].lower() not in NOMINAL:
        return None
    return " ".join(words) or None


def _noun_before(text: str, start: int) -> str | None:
    """'a turnout of 37%' -> 'turnout'; 'the death toll of 45' -> 'death toll'."""
    m = re.search(r"(?:\b(?:a|an|the|its|their)[\s\u00a0]+)?((?:[A-Za-z][\w\-]*[\s\u00a0]+)?[A-Za-z][\w\-]*)"
                  r"[\s\u00a0]+(?:of|at|was|is|stood at|reached|rose to|fell to)[\s\u00a0]+$",
                  text[max(0, start - 60):start])
    if not m:
        return None
    words = [w for w in m.group(1).split() if w.lower() not in STOP]
    if not words or words[-1].lower() in ("total", "number", "figure", "sum", "period"):
        return None
    return " ".join(words)


# A figure that counts a noun named before it ('Of the 12 drivers, four said'; 'two per household';
# 'four midwives instead of the seven the rota required'): the subject of a verb after a clause
# break, a share 'per'/'each', or 'the N' closing a phrase
_SUBJECT_BEFORE = re.compile(r"(?:^|[.;:!?,(][\s\u00a0]*|\b(?:and|but|while|whereas|only|just|all|another|"
                             r"the other|the remaining|the last|the first)[\s\u00a0]+)$", re.I)
_VERB_AFTER = re.compile(r"[\s\u00a0]+(?:were|are|was|is|had|have|has|said|say|says|told|died|survived|"
                         r"remain|remained|remain|will|would|could|did|do|did|received|got|lost|left|"
                         r"agreed|disagreed|backed|opposed|voted|reported|admitted|were|went|came|"
                         r"of (?:them|us|whom|those|these))\b", re.I)
_SHARE_AFTER = re.compile(r"[\s\u00a0]+(?:per|each|apiece|a[\s\u00a0]+(?:head|piece|person|household|day|week|"
                          r"month|year))\b", re.I)
_RANGE_AFTER = re.compile(r"[\s\u00a0]*(?:to|or|-|–)[\s\u00a0]*(?:\d|(?:" + _NUMBER_WORD + r")\b)", re.I)
_THE_BEFORE = re.compile(r"\bthe[\s\u00a0]+$", re.I)
_CLOSE_AFTER = re.compile(r"[\s\u00a0]*(?:[.,;:!?)]|[\s\u00a0](?:the|a|an|they|we|he|she|it|who|that|which|"
                          r"had|have|were|are|on|in|at)\b)", re.I)


def _counts_a_noun_named_before(t: str, start: int, end: int) -> bool:
    before = t[max(0, start - 20):start]
    return bool(_SHARE_AFTER.match(t, end)
                or (_VERB_AFTER.match(t, end) and _SUBJECT_BEFORE.search(before))
                or (_THE_BEFORE.search(before) and _CLOSE_AFTER.match(t, end)))


# '40m' is 40 metres, not 40 million, before a dimension or after a physical change in its clause
_DIMENSION_AFTER = re.compile(r"(?:[\s\u00a0]+|-)(?:long|high|wide|deep|tall|thick|across|away|apart|inland|"
                              r"offshore|underground|below|above|downstream|upstream)\b|[\s\u00a0]*\(\d")
_PHYSICAL_BEFORE = re.compile(r"\b(?:retreat|erod|collaps|sank|sunk|sink|subsid|slid|slipp|swept|stretch|wave|"
                              r"swell|depth|height|length|distance|deep|tall|high|wide|long|metres|meters|cliff|"
                              r"wall|tower|bridge|flood|water|river|sea|tide|snow)\w*[^.;!?]*$", re.I)


def _classify(f: _Finder, c: dict) -> None:
    """Settle kind and what of one candidate."""
    t = f.text
    if c["kind"] in ("date", "time", "year", "ordinal"):
        if c["kind"] == "ordinal" and t[c["end"]:c["end"] + 1] != "-":
            c["what"] = _noun_phrase(t, c["end"])
        return
    if c["kind"] in ("duration", "age"):
        c["what"] = _noun_phrase(t, c["end"]) if c["kind"] == "age" else c.get("unit")
        return
    if c["kind"] in ("times", "multiplier"):
        if c["kind"] == "multiplier":
            m = re.match(r"[\s\u00a0]+(?:as[\s\u00a0]+(?:many|much)|the(?:[\s\u00a0]+number[\s\u00a0]+of)?)"
                         r"(?=[\s\u00a0])", t[c["end"]:c["end"] + WINDOW])
            c["what"] = _noun_phrase(t, c["end"] + m.end()) if m else None
        return
    if c["kind"] in ("money", "measure"):
        return
    if c["kind"] == "percent":
        c["what"] = _noun_phrase(t, c["end"]) or _noun_before(t, c["start"])
        return
    if c["kind"] == "fraction":  # 'half the families', 'half its places': past the determiner
        det = re.match(r"[\s\u00a0]+(?:the|its|their|his|her|our|these|those|all|a|an)(?=[\s\u00a0])",
                       t[c["end"]:c["end"] + 12], re.I)
        c["what"] = _noun_phrase(t, c["end"] + (det.end() if det else 0))
        head = c["what"].split()[0].lower() if c["what"] else ""
        if det and det.group().strip().lower() in ("a", "an") and (head in TIME_UNITS or head in UNIT_WORDS):
            c["kind"] = "duration" if head in TIME_UNITS else "measure"  # 'half an hour', 'half a mile'
        return
    what = _noun_phrase(t, c["end"])
    if c.get("abbr") == "m" and (_DIMENSION_AFTER.match(t, c["end"]) or not what and
                                 _PHYSICAL_BEFORE.search(t, max(0, c["start"] - 60), c["start"])):
        c["kind"], c["value"], c["what"] = "measure", _as_number(c["value"] / 1e6), "m"  # '40m long'
        return
    if not what and not c.get("spelled") and not c.get("plain") and not _RANGE_AFTER.match(t, c["end"]):
        what = _noun_before(t, c["start"])  # 'the death toll of 45' (a range takes its second end's)
    before = t[max(0, c["start"] - 25):c["start"]]
    prev_word = re.search(r"([\w.]+)[\s\u00a0]*$", before)
    prev_word = prev_word.group(1).lower() if prev_word else ""
    if (_AGE_BEFORE.search(before) or not what and _AGE_AFTER.match(t, c["end"])) \
            and isinstance(c["value"], int) and c["value"] <= 120 and not (
            what and (what.split()[-1].lower() in TIME_UNITS or what.split()[0].lower() in TIME_UNITS)):
        c["kind"], c["what"] = "age", None  # 'children as young as four', 'aged 72'
        return
    if prev_word == "minus" and isinstance(c["value"], (int, float)):  # 'minus four': below zero
        c["start"] -= len(before) - before.lower().rindex("minus")
        c["raw"], c["value"], c["kind"], c["what"] = t[c["start"]:c["end"]], -c["value"], "measure", what
        return
    if c.get("spelled"):
        word = c["raw"].lower()
        if word == "one" and (not what or prev_word in {"no", "any", "every", "each", "the", "this",
                                                        "that", "which", "at", "some", "someone"}
                              or re.match(r"[\s\u00a0]+(?:of|another|by)\b", t[c["end"]:c["end"] + WINDOW])):
            c["kind"] = None  # 'one of the reasons', 'no one': not a figure
            return
        if not what and (_ELIDED_BEFORE.search(before) or _RATE_AFTER.match(t, c["end"])):
            c["kind"] = "count"  # 'a mother of three', 'verdicts on all four', 'three in a day'
            return
        if not what and not _counts_a_noun_named_before(t, c["start"], c["end"]) \
                and not _RANGE_AFTER.match(t, c["end"]):  # 'two to three days': the range's noun
            c["kind"] = None  # a number word that counts nothing here
            return
    if what and what.split()[-1].lower() in CURRENCY_WORDS:
        c["kind"], c["what"] = "money", what
        return
    if c.get("plain") and 1000 <= c["value"] <= 2100:
        adjectival = re.search(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that|in|since|until|till|"
                               r"from|by|of|during|before|after|to|through|early|late|mid)|’s|'s)[\s\u00a0]*$",
                               before, re.I)
        if adjectival or not what or not re.search(r"s$", what.split()[0]):
            c["kind"] = "year"
            return
    if prev_word.endswith(".") and c["raw"][:1].isupper():
        prev_word = ""  # 'the District. Two firefighters': a new sentence, not 'District Two'
    if prev_word.rstrip(".") in LABEL_WORDS and (before.rstrip()[-len(prev_word):][:1].isupper()
                                                 or prev_word.rstrip(".") not in CAPITAL_LABELS
                                                 and not _NOT_A_LABEL.search(before)):
        c["kind"], c["what"] = "label", None
        return
    if prev_word == "the" and isinstance(c["value"], int) and (
            (what and what.split()[0].lower() in LABELLED) or _LABEL_PAIR.match(t, c["end"])
            or _LABEL_PAIR_BEFORE.search(t, max(0, c["start"] - 30), c["start"])):
        c["kind"], c["what"] = "label", None  # 'the 38 and the 41', 'the 38 bus'
        return
    first = what.split()[0].lower().strip("’'") if what else ""
    if what and (what.split()[-1].lower() in TIME_UNITS or first in TIME_UNITS):
        c["kind"], c["what"] = "duration", what if what.split()[-1].lower() in TIME_UNITS else first
        return
    if first in UNIT_WORDS:
        c["kind"], c["what"] = "measure", what.split()[0]
        return
    if first in ("square", "cubic") and len(what.split()) > 1 and what.split()[1].lower() in UNIT_WORDS:
        c["kind"], c["what"] = "measure", " ".join(what.split()[:2])  # '18 square miles': an area
        return
    if not what and isinstance(c["value"], int) and c["value"] <= 120 and not c.get("spelled") \
            and re.search(r"[A-Za-z],[\s\u00a0]*$", before) and (t[c["end"]:c["end"] + 1] == "," or (
                t[c["end"]:c["end"] + 1] == "." and re.search(r"[A-Z][\w’'\-]+,[\s\u00a0]*$", before))):
        c["kind"] = "age"  # 'Luis Ortega, 34, said'
        return
    c["kind"] = "count" if what or _counts_a_noun_named_before(t, c["start"], c["end"]) \
        or _SUBJECT_OF_VERB.match(t, c["end"]) else "number"  # 'but about 40 refused', '23 stand empty'
    c["what"] = what


# A figure that is the subject of a verb counts people or things ('about 40 refused', '23 stand empty').
_SUBJECT_OF_VERB = re.compile(r"[\s\u00a0]+(?:are|were|have|had|remain|remained|stand|stood|did|do|will|would|"
                              r"could|can|say|said|[a-z]+ed)\b(?![\s\u00a0]+(?:by|to)\b)")
# A number word that counts a noun left out: 'a mother of three', 'all four', 'three in a day'.
_ELIDED_BEFORE = re.compile(r"\b(?:of|all|both|get|got)[\s\u00a0]*$", re.I)
_RATE_AFTER = re.compile(r"[\s\u00a0]+(?:in[\s\u00a0]+)?(?:a|an|per|each|every)[\s\u00a0]+"
                         r"(?:day|night|week|month|year|hour|shift|weekend)\b", re.I)


def _about_head(word: str) -> bool:
    """Is `word`, in any form, one of ABOUT_HEADS? 'worries', 'worrying', 'cared' -> True."""
    forms = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e"}
    return bool(forms & ABOUT_HEADS)


def _approximate(f: _Finder, c: dict) -> bool:
    t = f.text
    before = t[max(0, c["start"] - 30):c["start"]]
    if c.get("vague") or c.get("bound") or _HEDGE_AFTER.match(t[c["end"]:c["end"] + WINDOW]):
        return True
    if c["kind"] in ("date", "year"):
        return bool(_HEDGE_DATE(before) or c.get("decade"))
    hedge = _HEDGE(before)
    if hedge and hedge.lower().startswith("about"):
        head = re.search(r"([a-z’']+)[\s\u00a0]+$", before.rstrip()[:-len(hedge)].lower())
        if head and _about_head(head.group(1)):
            return False  # 'worried about a two-hour wait': about = concerning
    return bool(hedge)


def _continue_dates(f: _Finder, kept: list[dict]) -> list[dict]:
    """'September 15 and 16': the bare day after a date is a date too."""
    t, extra = f.text, []
    for c in kept:
        if c["kind"] == "date" and c.get("day") and not c.get("year"):
            m = DATE_CONT.match(t[c["end"]:c["end"] + WINDOW])
            if m and 1 <= int(m.group("day")) <= 31:
                after = _noun_phrase(t, c["end"] + m.end())
                if not after:
                    s = c["end"] + m.start("day")
                    extra.append(dict(start=s, end=c["end"] + m.end(), raw=t[s:c["end"] + m.end()],
                                      value=None, kind="date", priority=0, month=c["month"],
                                      day=int(m.group("day")), year=m.group("year")))
    if not extra:
        return kept
    inside_extra = _within(sorted((e["start"], e["end"]) for e in extra))
    rest = [c for c in kept if not inside_extra(c["start"])]
    return sorted(rest + extra, key=lambda c: c["start"])


_CHANGE_FROM = re.compile(r"\b(?:rose|risen|rise|rising|fell|fallen|fall|falling|increased|decreased|dropped|"
                          r"climbed|jumped|grew|grown|soared|slumped|doubled|halved|went|up|down|cut|reduced|"
                          r"raised|swelled|shrank)\b[^.;!?]*\bfrom[\s\u00a0]+$", re.I)
_COMPARED = re.compile(r"\b(?:compared[\s\u00a0]+(?:with|to)|up[\s\u00a0]+from|down[\s\u00a0]+from|from|"
                       r"against|versus|vs\.?|than)[\s\u00a0]*$")
_LIST_GAP = re.compile(r"[\s\u00a0]*(?:,[\s\u00a0]*)?(?:and|or|as[\s\u00a0]+well[\s\u00a0]+as)?[\s\u00a0]*$|[\s\u00a0]*,[\s\u00a0]*$")
_VERBS = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|said|says|killed|died|wounded|"
                    r"injured|reported|fled)\b", re.I)


def _lists(f: _Finder, rows: list[dict]) -> None:
    """Hedges cover a list ('about 13,000 civilians and 3,500 servicemen') and a range written
    with a dash ('some 40-50 people'); '10 or 15 people' borrow the noun of the next figure."""
    t = f.text
    for a, b in zip(rows, rows[1:]):
        gap = t[a["end"]:b["start"]]
        if a["kind"] in ("count", "number") and not a.get("what") \
                and b["kind"] in ("count", "age", "percent", "duration", "measure") \
                and re.fullmatch(r"[\s\u00a0]*-?[\s\u00a0]*(?:and|or|to|-|–|—)[\s\u00a0]*", gap):
            a["kind"], a["what"] = b["kind"], b["what"]  # '10 or 15 people', '16- to 24-year-olds'
    for a, b in zip(rows, rows[1:]):  # 'aged 16 to 19', '312 votes to 287': the range's end is the same kind
        if b["kind"] == "number" and not b.get("what") and a["kind"] in ("count", "age") \
                and re.fullmatch(r"[\s\u00a0]*(?:" + re.escape(a.get("what") or "") + r")?[\s\u00a0]*"
                                 r"(?:to|and|or|-|–|—)[\s\u00a0]*", t[a["end"]:b["start"]]):
            b["kind"], b["what"] = a["kind"], a["what"]
    for a, b in zip(rows, rows[1:]):  # 'Admissions rose by 62%, from 50 to 81': counts of the subject
        if a["kind"] == b["kind"] == "number" and not a.get("what") and not b.get("what") \
                and re.fullmatch(r"[\s\u00a0]*(?:to|-|–)[\s\u00a0]*", t[a["end"]:b["start"]]) \
                and _CHANGE_FROM.search(t, max(0, a["start"] - 100), a["start"]):
            a["kind"] = b["kind"] = "count"
    last_count = None  # '4,100 patients ..., compared with 2,050 a fortnight earlier' (dates between)
    for b in rows:
        if b["kind"] == "number" and last_count is not None:
            gap = t[last_count["end"]:b["start"]]
            if len(gap) < 150 and _COMPARED.search(gap) and not re.search(r"[.!?;][\s\u00a0]", gap):
                b["kind"], b["what"] = "count", last_count["what"]
        if b["kind"] == "count":
            last_count = b
    for a, b in zip(rows, rows[1:]):
        if not (a["approximate"] and not b["approximate"] and a["kind"] == b["kind"]
                and a["kind"] in ("count", "percent", "money")):
            continue
        gap = t[a["end"]:b["start"]]
        if (len(gap.split()) <= 8 and re.search(r"(?:\band|\bor|,)[\s\u00a0]*$", gap)
                or gap in ("-", "–")) \
                and not _VERBS.search(gap) and not re.search(r"[.;:!?\"“”()]", gap):
            b["approximate"] = True


def numbers(text) -> pd.DataFrame:
    """Every figure in `text` (a str or an Article): raw, value, kind, approximate, what,
    start, end, sentence. See the module docstring for the meaning of each column and KINDS
    for the kinds."""
    art = as_article(text)
    t = art.text
    f = _Finder(t)
    find_dates(f)
    _find_other(f)
    kept = _continue_dates(f, _select(f.cands))
    rows = []
    for c in kept:
        c.setdefault("what", None)
        _classify(f, c)
        if c["kind"] is None:
            continue
        c["approximate"] = _approximate(f, c)
        rows.append(c)
    date_years(f, rows)
    _lists(f, rows)
    where = SentenceNumbers(art)
    out = []
    for c in rows:
        sentence = where.holding(c["start"], c["end"])
        sentence = pd.NA if sentence is None else sentence
        value = c["value"]
        if isinstance(value, float) and not math.isnan(value):
            value = _as_number(value)
        out.append((c["raw"], value, c["kind"], bool(c["approximate"]), c.get("what"),
                    c["start"], c["end"], sentence))
    cols = list(zip(*out)) if out else [[] for _ in COLUMNS]
    dtypes = [object, object, object, bool, object, "int64", "int64", "Int64"]
    return pd.DataFrame({name: pd.Series(list(col), dtype=dt)
                         for name, col, dt in zip(COLUMNS, cols, dtypes)})
