"""The teacher's desk, end to end: a class of mixed submissions (lessons 00 and 01) graded, rubric marks typed in
written_marks.csv, graded again with gradebook exports, then one submission edited and graded
a third time: every typed mark is kept and only the changed answer is flagged.

The expected totals are computed here from what the test builds (which answers are right) and
what it types (the marks), not copied from an earlier run.
"""
import csv
import io
import json

import pytest

import catalogue
from grading import grade_here
from medialit.course import marks

LESSON_01 = "01_anatomy_of_an_article.ipynb"
LESSON_00 = "00_start_here.ipynb"
RUBRIC = [{"criterion": "names who makes the claim", "points": 1},
          {"criterion": "compares headline and body", "points": 1}]
_KEY = json.loads((catalogue.ROOT / "solutions" / "answer_key.json").read_text(encoding="utf-8"))
_OURS = {q: e for q, e in _KEY.items() if e["lesson"] in ("00", "01")}
# points of the checked questions: every computed, non-stretch question is worth 1
POSSIBLE = {lesson: sum(1 for e in _OURS.values() if e["lesson"] == lesson and not e.get("stretch")
                        and e["type"] not in ("written", "figure")) for lesson in ("00", "01")}
# the teacher's marks: each written answer's rubric points (01.8 gets the test's own RUBRIC)
MARK_POINTS = {q: (2 if q == "01.8" else int(e.get("points") or 1)) for q, e in _OURS.items()
               if e["type"] == "written" or (e["type"] == "figure" and e.get("rubric"))}
OPTIONS = ["--jobs", "2", "--timeout", "60", "--memory", "400"]


# A small class: every kind of file and mark the desk handles, not a class's size (the
# grader's speed on a full class is bench/grade.py's business).
CLASS_01, CLASS_00 = 12, 4


def kind_of(i: int) -> str:
    """The lesson-01 files: mostly right, some wrong, some blank, one damaged."""
    if i == CLASS_01 - 1:
        return "unreadable"
    if i % 11 == 4:
        return "blank"
    return "wrong" if i % 6 == 1 else "right"


def expected_score(lesson: str, kind: str) -> int:
    return {"right": POSSIBLE[lesson], "wrong": POSSIBLE[lesson] - 2}.get(kind, 0)


def typed_points(student: str, question: str) -> int:
    return int(student[1:]) % (MARK_POINTS[question] + 1)


def grade(base, *extra) -> str:
    """`python -m medialit grade subs --out out ...` run in `base` (in this process: the real
    process is tested in test_grade.py); returns what it printed."""
    done = grade_here("subs", "--out", "out", "--instructor-key", "ikey.json", *OPTIONS, *extra, cwd=base)
    assert done.returncode == 0, done.stderr
    return done.stdout


def table(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def set_written(path, question, text):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("medialit", {}).get("question") == question:
            cell["source"] = text
    path.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    base = tmp_path_factory.mktemp("desk")
    kinds = {}
    for i in range(CLASS_01):
        student, kind = f"s{i:02d}", kind_of(i)
        kinds[(student, "01")] = kind
        nb = {"right": lambda: catalogue.answered("01", written=f"{student}: only Antonov speaks."),
              "wrong": lambda: catalogue.wrong(catalogue.answered("01", written=f"{student} thinks so.")),
              "blank": lambda: catalogue.blank("01"),
              "unreadable": lambda: '{"cells": ['}[kind]()
        catalogue.write(base / "subs", f"{student}/{LESSON_01}", nb)
    for i in range(CLASS_00):
        student = f"s{i:02d}"
        kinds[(student, "00")] = "right"
        catalogue.write(base / "subs", f"{student}/{LESSON_00}",
                        catalogue.answered("00", written=f"{student} reads first."))
    assert len(list((base / "subs").rglob("*.ipynb"))) == CLASS_01 + CLASS_00
    key = json.loads((catalogue.ROOT / "solutions" / "answer_key.json").read_text(encoding="utf-8"))
    key["01.8"].update(rubric=RUBRIC, points=2)
    (base / "ikey.json").write_text(json.dumps(key), encoding="utf-8")

    first_run = grade(base)
    template = table(base / "out" / marks.FILE)
    for mark in template:  # the teacher marks every answer written, as a spreadsheet saves it
        if mark["answer_hash"]:
            mark["points"] = str(typed_points(mark["student"], mark["question"]))
            mark["comment"] = "=see me" if mark["student"] == "s02" else f"comment on {mark['question']}"
    with open(base / "out" / marks.FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template[0]))
        writer.writeheader()
        writer.writerows(template)

    grade(base, "--export", "canvas", "--export", "moodle", "--export", "csv", "--anonymous",
          "--with-model-answers")
    second = {name: table(base / "out" / name) for name in
              ("grades.csv", marks.FILE, "gradebook.csv", "gradebook_moodle.csv")}
    second["pages"] = {name: (base / "out" / name).read_text(encoding="utf-8")
                       for name in ("written_answers.html", "feedback/s07__01.html")}
    second["canvas"] = list(csv.reader(io.StringIO((base / "out" / "gradebook_canvas.csv").read_text("utf-8"))))

    set_written(base / "subs" / "s05" / LESSON_01, "01.8", "s05 changed this answer after marking.")
    third_run = grade(base)
    third = {name: table(base / "out" / name) for name in ("grades.csv", marks.FILE)}
    return {"base": base, "kinds": kinds, "template": template, "second": second, "third": third,
            "said": [first_run, third_run]}


def expected_total(desk, student, lesson):
    kind = desk["kinds"][(student, lesson)]
    typed = sum(typed_points(student, q) for (s, q) in
                [(m["student"], m["question"]) for m in desk["template"] if m["answer_hash"]]
                if s == student and q.startswith(lesson))
    return expected_score(lesson, kind) + typed


def test_the_template_lists_every_answer_to_mark(desk):
    runnable = [k for k, kind in desk["kinds"].items() if kind != "unreadable"]
    per_lesson = {"00": 3, "01": 2}
    assert len(desk["template"]) == sum(per_lesson[lesson] for _, lesson in runnable)
    eight = [m for m in desk["template"] if m["question"] == "01.8"]
    assert {m["max"] for m in eight} == {"2"}
    assert {m["rubric"] for m in eight} == {"names who makes the claim (1); compares headline and body (1)"}
    blank = [m for m in desk["template"] if desk["kinds"][(m["student"], m["lesson"])] == "blank"]
    assert blank and all(m["answer_hash"] == "" for m in blank)


def test_grades_csv_totals_are_the_checked_points_plus_the_typed_marks(desk):
    rows = desk["second"]["grades.csv"]
    assert len(rows) == CLASS_01 + CLASS_00
    for row in rows:
        kind = desk["kinds"][(row["student"], row["lesson"])]
        assert int(row["score"]) == expected_score(row["lesson"], kind), row
        if kind == "unreadable":
            assert row["status"] == "unreadable"
            continue
        assert float(row["total"]) == expected_total(desk, row["student"], row["lesson"]), row
        assert (row["to_mark"], row["flagged"]) == ("0", "0")
        marks_possible = sum(p for q, p in MARK_POINTS.items() if q.startswith(row["lesson"]))
        assert float(row["total_possible"]) == POSSIBLE[row["lesson"]] + marks_possible


def test_the_exports_parse_back_with_each_lessons_total_and_maximum(desk):
    maximum = {lesson: POSSIBLE[lesson] + sum(p for q, p in MARK_POINTS.items() if q.startswith(lesson))
               for lesson in ("00", "01")}
    canvas = desk["second"]["canvas"]
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                         "Media literacy 00: Start here", "Media literacy 01: Anatomy of an article"]
    assert canvas[1] == ["Points Possible", "", "", "", "", str(maximum["00"]), str(maximum["01"])]
    assert len(canvas) == 2 + CLASS_01
    for line in canvas[2:]:
        student = line[0]
        assert line[3] == student
        for lesson, cell in zip(("00", "01"), line[5:]):
            kind = desk["kinds"].get((student, lesson))
            expected = "" if kind in (None, "unreadable") else expected_total(desk, student, lesson)
            assert cell == ("" if expected == "" else f"{expected:g}"), (student, lesson)
    moodle = desk["second"]["gradebook_moodle.csv"]
    assert list(moodle[0]) == ["Username", "Media literacy 00: Start here",
                               "Media literacy 00: Start here (maximum)",
                               "Media literacy 01: Anatomy of an article",
                               "Media literacy 01: Anatomy of an article (maximum)"]
    plain = {r["student"]: r for r in desk["second"]["gradebook.csv"]}
    assert all(moodle_row["Media literacy 01: Anatomy of an article"] == plain[moodle_row["Username"]]["01 total"]
               for moodle_row in moodle)


def test_a_rerun_keeps_every_typed_mark_and_flags_only_the_changed_answer(desk):
    def typed(table):  # as the grader reads the file back: a formula-looking cell is kept, defused
        return {(m["student"], m["lesson"], m["question"]): (m["points"], marks.unsafe(m["comment"]))
                for m in table}

    assert typed(desk["second"][marks.FILE]) == typed(desk["template"])
    assert typed(desk["third"][marks.FILE]) == typed(desk["template"])
    assert ("s02", "01", "01.8") in typed(desk["third"][marks.FILE])
    assert typed(desk["third"][marks.FILE])[("s02", "01", "01.8")][1] == "=see me"
    assert {m["comment"] for m in desk["third"][marks.FILE] if m["student"] == "s02"} == {"'=see me"}
    flagged = [(m["student"], m["question"]) for m in desk["third"][marks.FILE] if m["flag"]]
    assert flagged == [("s05", "01.8")]
    grades = {(r["student"], r["lesson"]): r for r in desk["third"]["grades.csv"]}
    assert grades[("s05", "01")]["flagged"] == "1"
    assert grades[("s05", "01")]["total"] == desk["second"]["grades.csv"][
        [(r["student"], r["lesson"]) for r in desk["second"]["grades.csv"]].index(("s05", "01"))]["total"]
    assert sum(int(r["flagged"]) for r in grades.values()) == 1
    page = (desk["base"] / "out" / "feedback" / "s05__01.html").read_text(encoding="utf-8")
    assert "s05 changed this answer after marking." in page and "earlier version of your answer" in page


def test_feedback_pages_one_per_student_and_lesson_nothing_of_others(desk):
    pages = sorted((desk["base"] / "out" / "feedback").glob("*.html"))
    assert len(pages) == CLASS_01 + CLASS_00
    text = (desk["base"] / "out" / "feedback" / "s07__01.html").read_text(encoding="utf-8")
    others = [f"s{i:02d}" for i in range(CLASS_01) if i != 7]
    assert not any(other in text for other in others)
    assert "Model answer" not in text  # not released without --with-model-answers


def test_the_options_anonymous_and_with_model_answers(desk):
    written, page = desk["second"]["pages"].values()
    assert "Answer 1" in written and "names who makes the claim (1)" in written
    # the answers themselves name their writers here; the page adds no name, file or mark
    assert 'class="who">Answer ' in written and 'class="who">s' not in written
    assert "_article.ipynb" not in written and "Teacher's mark" not in written
    assert "Model answer" in page and "names who makes the claim (1)" in page


def test_the_command_says_how_many_answers_are_left_to_mark(desk):
    answered = sum(1 for m in desk["template"] if m["answer_hash"])
    first, third = desk["said"]
    assert f"written_marks.csv: {answered} answers to mark, 0 marks to check" in first
    assert "written_marks.csv: 0 answers to mark, 1 marks to check" in third
