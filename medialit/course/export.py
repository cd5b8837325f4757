"""Gradebook exports (`grade --export canvas|moodle|csv`): each lesson's total and maximum.

A lesson's total is the points of the checked answers plus the teacher's rubric marks
(written_marks.csv); its maximum is the lesson's points of both. One column per lesson in the
batch; a student who handed in no notebook of a lesson, or one the grader could not run
(unreadable, not an exercise, wrong lesson: see summary.html), gets an empty cell (no grade);
a student with two files of one lesson gets the first file's total (see marks.py).

- canvas: the Canvas gradebook import CSV (Instructure Community, "How do I import grades in
  the Gradebook?"): `Student, ID, SIS User ID, SIS Login ID, Section`, then a column per
  assignment, and under the header a `Points Possible` row as Canvas's own export writes it.
- moodle: Moodle's CSV grade import (MoodleDocs "Grade import", 4.x): a header row, a column
  identifying the user (mapped in Moodle's "Map from"/"Map to"), a column per grade item; the
  maximum columns are for the reader (map them to "Ignore").
- csv: `student`, then `NN total` and `NN maximum` per lesson.

>>> assignment("02")
'Media literacy 02: Framing words'
"""
from __future__ import annotations

import csv
import io

from .lessons import LESSONS
from .marks import UNRUN, lookup, number, spreadsheet_safe, totals

FORMATS = {"canvas": "gradebook_canvas.csv", "moodle": "gradebook_moodle.csv", "csv": "gradebook.csv"}
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def assignment(lesson: str) -> str:
    """The gradebook name of a lesson (the same in every format)."""
    known = LESSONS.get(lesson)
    return f"Media literacy {lesson}" + (f": {known.title}" if known else "")


def lesson_totals(rows, key: dict, plain: dict, table: list[dict]):
    """({student: {lesson: total}}, {lesson: maximum}) of the batch, students in sorted order."""
    index, scores, maxima = lookup(table), {}, {}
    for row in rows:
        got = totals(row, key, plain, index)
        maxima.setdefault(row.lesson, row.possible + got["marks_possible"])
        mine = scores.setdefault(row.student, {})
        if row.lesson not in mine and row.status not in UNRUN:
            mine[row.lesson] = row.score + got["marks"]
    return scores, dict(sorted(maxima.items()))


def _csv(table: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[spreadsheet_safe(v) for v in r] for r in table])
    return buffer.getvalue()


def _cell(scores: dict, lesson: str) -> str:
    return number(scores[lesson]) if lesson in scores else ""


def canvas(scores: dict, maxima: dict) -> str:
    """The student is written in `Student` and `SIS Login ID` (name the submission folders by
    the students' login IDs and Canvas matches them); ID, SIS User ID and Section stay empty."""
    lessons = list(maxima)
    table = [CANVAS_COLUMNS + [assignment(le) for le in lessons],
             ["Points Possible", "", "", "", ""] + [number(maxima[le]) for le in lessons]]
    for student, mine in scores.items():
        table.append([student, "", "", student, ""] + [_cell(mine, le) for le in lessons])
    return _csv(table)


def _per_lesson(first: str, columns, scores: dict, maxima: dict) -> str:
    """A table with one row a student: `first`, then a total and a maximum column per lesson,
    named by `columns(lesson)`."""
    header = [first]
    for le in maxima:
        header += columns(le)
    table = [header]
    for student, mine in scores.items():
        table.append([student, *[c for le in maxima for c in (_cell(mine, le), number(maxima[le]))]])
    return _csv(table)


def moodle(scores: dict, maxima: dict) -> str:
    return _per_lesson("Username", lambda le: [assignment(le), f"{assignment(le)} (maximum)"], scores, maxima)


def plain_csv(scores: dict, maxima: dict) -> str:
    return _per_lesson("student", lambda le: [f"{le} total", f"{le} maximum"], scores, maxima)


WRITERS = {"canvas": canvas, "moodle": moodle, "csv": plain_csv}


def write(formats, rows, key: dict, plain: dict, table: list[dict], out) -> list:
    """Write each requested export into `out`; returns the paths."""
    scores, maxima = lesson_totals(rows, key, plain, table)
    paths = []
    for name in formats:
        path = out / FORMATS[name]
        path.write_bytes(WRITERS[name](scores, maxima).encode("utf-8"))
        paths.append(path)
    return paths
