"""Rubric marks: the `written_marks.csv` a teacher fills in, merged again on every `grade` run.

One row a student, lesson and question that a teacher marks (written answers, and charts whose
key entry has a rubric). The grader writes the template and fills `rubric`, `max`, `answer` and
`answer_hash`; the teacher types `points` (and a `comment`). A re-run keeps every typed mark:

- `answer_hash` is a short hash of the answer the mark was given to ("h" and 16 hex digits: a
  letter first, so that no spreadsheet turns it into a number). When the student's answer
  changes after a mark was typed, the mark is kept and `flag` says so; writing `ok` in `flag`
  accepts the mark for the new answer (the next run clears the flag). An answer changed back
  clears the flag by itself.
- Rows of submissions not in this run are kept as they are; rows are never dropped.

Points of a question: the instructor key's "points", else the sum of its rubric's points, else 1
for a written answer (a chart without a rubric is not marked by hand: its check is automatic).

>>> rubric_of({"type": "written", "rubric": [{"criterion": "names who speaks", "points": 1},
...                                          {"criterion": "cites a sentence", "points": 1}]})
('names who speaks (1); cites a sentence (1)', 2.0)
>>> parse_points("1,5", 2.0)
(1.5, '')
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from pathlib import Path

from .grade import question_order

FILE = "written_marks.csv"
COLUMNS = ["student", "lesson", "question", "rubric", "max", "points", "comment", "flag",
           "answer_hash", "answer"]
REQUIRED = ["student", "lesson", "question", "points"]
CHANGED = "answer changed since marked: check the points, then write ok here"
UNKNOWN = "(column deleted)"  # answer_hash of a file saved without that column: marks are kept as they are
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCERPT = 160
UNRUN = ("unreadable", "not an exercise", "wrong lesson")


class MarksError(ValueError):
    """written_marks.csv cannot be read; the message says why and what to do."""


def spreadsheet_safe(value):
    """A text cell a spreadsheet must not run as a formula gets a leading apostrophe.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe(3)
    ("'=HYPERLINK(1)", 3)
    """
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


def unsafe(value: str) -> str:
    """The text of a cell written by spreadsheet_safe (the apostrophe it added removed)."""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_START else value


def instructor_key(path: Path) -> dict:
    """The plain key of solutions/answer_key.json ({question: entry}); {} when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    data = data.get("questions", data) if isinstance(data, dict) else {}
    return {str(q): e for q, e in data.items() if isinstance(e, dict)}


def points_value(value, default: float | None = 1.0) -> float | None:
    """A key's points as a number (`default` when missing or not a number >= 0)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number >= 0 and number == number and number != float("inf") else default


def criteria_of(entry: dict) -> list[dict]:
    """The rubric's criteria, each {"criterion": text, "points": number}; [] without a rubric."""
    rubric = entry.get("rubric") if isinstance(entry.get("rubric"), list) else []
    return [{"criterion": str(c.get("criterion", "")), "points": points_value(c.get("points", 1))}
            for c in rubric if isinstance(c, dict)]


def rubric_of(entry: dict) -> tuple[str, float]:
    """(the rubric in one line, the points a teacher can give) of a key entry."""
    criteria = criteria_of(entry)
    text = "; ".join(f"{c['criterion']} ({_number(c['points'])})" for c in criteria)
    total = points_value(entry.get("points"), None)
    if total is None:
        total = float(sum(c["points"] for c in criteria)) if criteria else 1.0
    return text or "the whole answer", total


def entry_of(key: dict, plain: dict, qid: str) -> dict:
    """A question's entry: the student key's, with the instructor key's fields over it (its
    "points" are the rubric's; the student key's are the automatic check's, left out here for
    written answers and charts)."""
    mine = key.get(qid, {})
    if mine.get("type") in ("written", "figure"):
        mine = {k: v for k, v in mine.items() if k != "points"}
    return {**mine, **plain.get(qid, {})}


def markable(key: dict, plain: dict, lesson: str) -> dict[str, dict]:
    """{question: entry} of a lesson's questions a teacher marks: written answers, and charts
    with a rubric or points in the instructor key. The entry merges both keys."""
    found = {}
    for qid in sorted(key, key=question_order):
        mine = plain.get(qid, {})
        entry = entry_of(key, plain, qid)
        if entry.get("lesson") != lesson:
            continue
        chart_marked = entry.get("type") == "figure" and (entry.get("rubric") or mine.get("points"))
        if entry.get("type") == "written" or chart_marked:
            found[qid] = entry
    return found


def _number(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def answer_of(row, qid: str) -> tuple[str, str]:
    """(hash, excerpt) of a row's answer to `qid`; ('', '') when blank."""
    if qid in row.charts:
        pictures = row.charts[qid]
        if not pictures:
            return "", ""
        digest = "h" + hashlib.sha256("\n".join(pictures).encode("ascii")).hexdigest()[:16]
        return digest, f"(chart: {len(pictures)} image{'s' if len(pictures) > 1 else ''})"
    text = row.written.get(qid, "")
    if not text.strip():
        return "", ""
    normal = re.sub(r"\s+", " ", text).strip()
    excerpt = normal if len(normal) <= EXCERPT else normal[:EXCERPT - 1] + "…"
    return "h" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16], excerpt


def parse_points(text: str, most: float) -> tuple[float | None, str]:
    """(points, '') for a typed mark, (None, '') when empty, (None, why) when it is not valid."""
    text = unsafe(str(text)).strip()
    if not text:
        return None, ""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None, f"{text!r} is not a number"
    if not 0 <= value <= most:
        return None, f"{text} is not between 0 and {_number(most)}"
    return value, ""


def read(path: Path) -> list[dict]:
    """The rows of a written_marks.csv ([] when absent). Raises MarksError when it cannot be read.
    Accepts what spreadsheets save: a byte-order mark, `;` separators, Windows-1252 text."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        return read_text(text)
    except MarksError as err:
        raise MarksError(f"{path} {err}") from None


def read_text(text: str) -> list[dict]:
    """The rows of the text of a written_marks.csv (see read)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise MarksError(f"has no column {', '.join(missing)}: it is not a written_marks.csv "
                         "(left unchanged; move it away to get a new template)")
    fill = {"answer_hash": UNKNOWN} if "answer_hash" not in reader.fieldnames else {}
    return [{c: unsafe(str(r.get(c) or "")) for c in COLUMNS} | fill for r in reader]


def restore_ids(mark: dict, key: dict) -> dict:
    """The lesson and question as the key spells them, when a spreadsheet has read them as numbers
    ("1" for "01", "1.8" for "01.8"); an id that matches no question, or two, is left as it is.

    >>> restore_ids({"lesson": "1", "question": "1.8"}, {"01.8": {"lesson": "01"}})
    {'lesson': '01', 'question': '01.8'}
    """
    if mark["question"] in key:
        return mark
    try:
        value = float(mark["question"])
    except ValueError:
        return mark
    same = [q for q in key if re.fullmatch(r"\d+\.\d+", q) and float(q) == value]
    if len(same) == 1:
        mark.update(question=same[0], lesson=str(key[same[0]].get("lesson", mark["lesson"])))
    return mark


def merge(rows, key: dict, plain: dict, old: list[dict]) -> list[dict]:
    """The marks table after this run: every old row kept, a row added for each new answer to mark,
    `flag` set where a marked answer changed (see the module's docstring)."""
    table = [restore_ids(dict(r), key) for r in old]
    index = {}
    for mark in table:
        index.setdefault((mark["student"], mark["lesson"], mark["question"]), mark)
    seen = set()
    for row in rows:
        if row.status in UNRUN or (row.student, row.lesson) in seen:
            continue  # nothing was read, or a second file of one student and lesson: the first counts
        seen.add((row.student, row.lesson))
        for qid, entry in markable(key, plain, row.lesson).items():
            rubric, most = rubric_of(entry)
            digest, excerpt = answer_of(row, qid)
            mark = index.get((row.student, row.lesson, qid))
            if mark is None:
                mark = {c: "" for c in COLUMNS} | {"student": row.student, "lesson": row.lesson,
                                                    "question": qid, "answer_hash": digest}
                table.append(mark)
                index[(row.student, row.lesson, qid)] = mark
            mark.update(rubric=rubric, max=_number(most), answer=excerpt)
            typed = bool(mark["points"].strip() or mark["comment"].strip())
            if mark["flag"].strip().casefold() == "ok" or not typed or mark["answer_hash"] == UNKNOWN:
                mark["answer_hash"], mark["flag"] = digest, ""
            elif mark["answer_hash"] == digest:
                mark["flag"] = "" if mark["flag"] == CHANGED else mark["flag"]
            else:
                mark["flag"] = CHANGED
    return sorted(table, key=lambda m: (m["student"].casefold(), m["student"], m["lesson"],
                                        question_order(m["question"])))


def to_csv(table: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([[spreadsheet_safe(m.get(c, "")) for c in COLUMNS] for m in table])
    return buffer.getvalue()


def write(path: Path, table: list[dict]) -> None:
    """Write the table with a byte-order mark (so spreadsheets read it as UTF-8), atomically."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(("\ufeff" + to_csv(table)).encode("utf-8"))
    os.replace(temporary, path)


def lookup(table: list[dict]) -> dict[tuple, dict]:
    """{(student, lesson, question): mark} (the first row of a key that appears twice)."""
    index = {}
    for mark in table:
        index.setdefault((mark["student"], mark["lesson"], mark["question"]), mark)
    return index


def problems(table: list[dict]) -> list[str]:
    """A line for each typed mark that is not counted (not a number, out of range)."""
    found = []
    for mark in table:
        try:
            most = float(mark["max"] or 0)
        except ValueError:
            continue
        _, why = parse_points(mark["points"], most)
        if why:
            found.append(f"{mark['student']} {mark['question']}: points {why}: not counted")
    return found


def totals(row, key: dict, plain: dict, index: dict) -> dict:
    """The marks of one row: points given, points possible, answers to mark, flagged marks.
    Stretch questions are listed but not counted."""
    result = {"marks": 0.0, "marks_possible": 0.0, "to_mark": 0, "flagged": 0}
    for qid, entry in markable(key, plain, row.lesson).items():
        if entry.get("stretch"):
            continue
        _, most = rubric_of(entry)
        result["marks_possible"] += most
        if row.status in UNRUN:
            continue
        mark = index.get((row.student, row.lesson, qid), {})
        points, _ = parse_points(mark.get("points", ""), most)
        if points is not None:
            result["marks"] += points
        elif answer_of(row, qid)[0]:
            result["to_mark"] += 1
        if mark.get("flag") == CHANGED:
            result["flagged"] += 1
    return result


def number(value: float) -> str:
    """A total as a spreadsheet reads it: 3 rather than 3.0, 2.5 as 2.5."""
    return _number(round(value, 4))
