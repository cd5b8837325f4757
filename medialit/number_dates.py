"""Dates in a news text: 'February 27', '27 February 2016', 'Sept. 3', 'October 2016', '2016-02-27',
a month on its own after 'in', 'since', 'late'... (numbers.py calls these; a date's kind is "date").

>>> _iso(None, 2, 27), _iso("2016", 9, 1), _iso(None, 10)
('--02-27', '2016-09-01', '--10')
"""
from __future__ import annotations

import re

from .lexicons import MONTHS

MONTH_ABBR = {name: n for name, n in MONTHS.items() if len(name) <= 4 and name != "june" and name != "july"}
_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
DATE_MDY = re.compile(_MONTH + r"[\s\u00a0]+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,\d|\.\d|:)"
                      r"(?:,?[\s\u00a0]+(?P<year>\d{4})\b)?")
DATE_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s\u00a0]+(?:of[\s\u00a0]+)?"
                      + _MONTH + r"(?:,?[\s\u00a0]+(?P<year>\d{4})\b)?")
DATE_MY = re.compile(_MONTH + r"(?:,?[\s\u00a0]+(?P<year>\d{4})\b)")
DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")
# month names that are not also a verb, a modal or a first name ('May', 'March', 'April', 'June',
# 'August'): a date even with no 'in'/'since' before them ('January rainfall was 180%')
PLAIN_MONTHS = {"January", "February", "July", "September", "October", "November", "December"}
MONTH_ALONE = re.compile(r"(?=[ADFJMNOS])" + _MONTH)  # the lookahead: a quick first test
_MONTH_CUE = re.compile(r"(?:\b(?:early|late|mid|the end of|the beginning of|the start of|the middle of|"
                        r"in|since|until|till|from|by|during|before|after|through|between|and|or|to)"
                        r"[\s\u00a0]+|\bmid-)$", re.I)
DATE_CONT = re.compile(r"^(?P<gap>[\s\u00a0]*(?:,|and|or|to|through|until|till|-|–|—)[\s\u00a0]*)"
                       r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![,.]\d)(?:,?[\s\u00a0]+(?P<year>\d{4})\b)?")


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBR[key[:4] if key.startswith("sept") else key[:3]]


def _iso(year, month, day=None) -> str:
    y = f"{int(year):04d}" if year else "-"
    if day is None:
        return f"{y}-{month:02d}" if year else f"--{month:02d}"
    return f"{y}-{month:02d}-{int(day):02d}"


def find_dates(f) -> None:
    """Add every date of `f.text` to `f`, numbers' finder (`f.scan` finds, `f.add` keeps)."""
    t, scan = f.text, f.scan
    for rx, starts in ((DATE_MDY, "months"), (DATE_DMY, scan.runs_before(" snrt", 2))):
        for m in scan.finditer(rx, starts):
            day = int(m.group("day"))
            if 1 <= day <= 31:
                f.add(m.start(), m.end(), None, "date", 0, month=_month(m.group("month")), day=day,
                      year=m.group("year"))
    for m in scan.finditer(DATE_MY, "months"):
        f.add(m.start(), m.end(), None, "date", 1, month=_month(m.group("month")), day=None,
              year=m.group("year"))
    for m in scan.finditer(DATE_ISO, scan.runs_before("-", 4)):
        f.add(m.start(), m.end(), None, "date", 0, month=int(m.group("mon")), day=int(m.group("day")),
              year=m.group("year"))
    for m in scan.finditer(MONTH_ALONE, "months"):
        name = m.group("month")
        named = re.match(r"[\s\u00a0]+[A-Z]", t[m.end():m.end() + 2])  # 'April Jones', 'October Revolution'
        if not named and (name in PLAIN_MONTHS or _MONTH_CUE.search(t[max(0, m.start() - 20):m.start()])):
            f.add(m.start(), m.end(), None, "date", 2, month=_month(name), day=None, year=None)


def date_years(f, rows: list[dict]) -> None:
    """'February 27 to September 1, 2016': a yearless date joined to a dated one takes its year."""
    t = f.text
    for a, b in zip(rows, rows[1:]):
        if a["kind"] == b["kind"] == "date" and not a.get("year") and b.get("year"):
            gap = t[a["end"]:b["start"]]
            if re.fullmatch(r"[\s\u00a0]*(?:,|and|or|to|through|until|till|-|–|—)[\s\u00a0]*", gap) \
                    and (a.get("day") or not b.get("day")):
                a["year"] = b["year"]
    for a, b in zip(rows, rows[1:]):  # the day after 'September 15 and 16, 2016' gets back too
        if a["kind"] == b["kind"] == "date" and a.get("year") is None and b.get("year") \
                and a.get("month") == b.get("month"):
            a["year"] = b["year"]
    for c in rows:
        if c["kind"] == "date":
            c["value"] = _iso(c.get("year"), c["month"], c.get("day"))
