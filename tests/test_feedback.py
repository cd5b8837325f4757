"""Feedback pages (one per student and lesson) and the written-answers page."""
import re
import shutil

import pytest

from medialit.answers import Verdict
from medialit.course import marks, outputs
from medialit.course.grade import Row
from medialit.course.sandbox import plain
from test_charts import png

KEY = {"03.1": {"lesson": "03", "type": "integer", "hash": "x", "points": 1,
                "hint": "count both ends: `end - start` plus one."},
       "03.2": {"lesson": "03", "type": "number", "hash": "y", "points": 1},
       "03.6": {"lesson": "03", "type": "figure", "spec": {}, "points": 1},
       "03.7": {"lesson": "03", "type": "written", "prompt": "**Exercise 03.7.** What would you check?"}}
PLAIN = {"03.7": {"answer": "*Model answer.* Who counted: SECRET-MODEL-TEXT.", "points": 2,
                  "rubric": [{"criterion": "names who counted", "points": 1},
                             {"criterion": "names the period", "points": 1}]},
         "03.6": {"rubric": [{"criterion": "title names the source", "points": 1}]},
         "03.1": {"answer": 188}}
MISTAKE = "You used the rounded figures; which figures does the question ask for?"


def rows():
    ana = Row("Ana", "03", "Ana/03_casualty_numbers.ipynb", "graded", score=1, possible=3,
              verdicts={"03.1": Verdict("incorrect"), "03.2": Verdict("incorrect", MISTAKE),
                        "03.6": Verdict("correct")},
              written={"03.7": "ANA-TEXT: the Defence Ministry <script>alert(1)</script>"},
              answers={"03.1": plain(187), "03.2": plain(68.1)}, charts={"03.6": [png()]})
    bo = Row("Bo", "03", "Bo/03_casualty_numbers.ipynb", "graded", score=3, possible=3,
             verdicts={"03.1": Verdict("correct"), "03.2": Verdict("correct"), "03.6": Verdict("correct")},
             written={"03.7": "BO-TEXT"}, answers={"03.1": plain(188), "03.2": plain(68.09)},
             charts={"03.6": [png()]})
    cy = Row("Cy", "03", "cy.ipynb", "unreadable", "not valid JSON", possible=3)
    return [ana, bo, cy]


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The outputs written once to make the template, then a teacher's mark typed into it."""
    folder = tmp_path_factory.mktemp("marked")
    outputs.write(rows(), KEY, folder, PLAIN)
    table = marks.read(folder / marks.FILE)
    for m in table:
        if (m["student"], m["question"]) == ("Ana", "03.7"):
            m.update(points="1", comment="Say which period the figures cover.")
    marks.write(folder / marks.FILE, table)
    return folder


@pytest.fixture
def graded(marked, tmp_path):
    """A copy of the marked folder for one test, and the batch (drawn once per module: charts
    cost a second a write)."""
    folder = tmp_path / "out"
    shutil.copytree(marked, folder)
    return folder, rows()


def page(folder, name):
    return (folder / "feedback" / name).read_text(encoding="utf-8")


def test_one_page_per_student_and_lesson_with_only_that_students_work(graded):
    folder, _ = graded
    outputs.write(rows(), KEY, folder, PLAIN)
    assert sorted(p.name for p in (folder / "feedback").iterdir()) == ["Ana__03.html", "Bo__03.html",
                                                                        "Cy__03.html"]
    ana = page(folder, "Ana__03.html")
    assert "ANA-TEXT" in ana and "BO-TEXT" not in ana and "Bo" not in ana
    assert "<script>" not in ana and "&lt;script&gt;" in ana
    assert "187" in ana and "68.1" in ana            # her own answers
    assert MISTAKE in ana                             # the common mistake's message, as check() shows it
    assert "Hint: count both ends: <code>end - start</code> plus one." in ana
    assert "Teacher's mark:</strong> 1 of 2 — Say which period the figures cover." in ana
    assert "Total</th><td><strong>2 of 6</strong>" in ana    # 1 checked + 1 marked; 3 + 2 + 1 possible
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', ana)) == 1
    assert "http" not in ana and "<script" not in ana and "<link" not in ana


def test_nothing_of_the_key_is_released_without_with_model_answers(graded):
    folder, _ = graded
    outputs.write(rows(), KEY, folder, PLAIN)
    ana = page(folder, "Ana__03.html")
    assert "SECRET-MODEL-TEXT" not in ana and "names who counted" not in ana and "188" not in ana
    outputs.write(rows(), KEY, folder, PLAIN, with_model_answers=True)
    ana = page(folder, "Ana__03.html")
    assert "SECRET-MODEL-TEXT" in ana and "names who counted (1)" in ana and "title names the source" in ana
    assert "188" not in ana  # computed answers are never released


def test_a_submission_that_could_not_run_gets_a_page_that_says_why(graded):
    folder, _ = graded
    cy = page(folder, "Cy__03.html")
    assert "Not graded" in cy and "not valid JSON" in cy and "Exercise 03.1" not in cy and "Total" not in cy


def test_a_changed_answer_is_flagged_on_the_students_page_and_the_teachers(graded):
    folder, batch = graded
    batch[0].written["03.7"] = "ANA-TEXT, rewritten after the mark."
    outputs.write(batch, KEY, folder, PLAIN)
    assert "earlier version of your answer" in page(folder, "Ana__03.html")
    assert "write ok in the flag column" in (folder / "written_answers.html").read_text(encoding="utf-8")
    grades = (folder / "grades.csv").read_text(encoding="utf-8").splitlines()
    header = grades[0].split(",")
    ana = dict(zip(header, grades[[line.split(",")[0] for line in grades].index("Ana")].split(",")))
    assert (ana["marks"], ana["flagged"], ana["total"]) == ("1", "1", "2")


def test_the_written_answers_page_shows_model_answer_rubric_and_marks(graded):
    folder, _ = graded
    outputs.write(rows(), KEY, folder, PLAIN)
    text = (folder / "written_answers.html").read_text(encoding="utf-8")
    assert "SECRET-MODEL-TEXT" in text and "names the period (1)" in text
    assert "Ana" in text and "BO-TEXT" in text and "Say which period" in text
    assert text.count("data:image/png;base64,") == 2  # the two charts, under their rubric


def test_anonymous_hides_names_files_and_marks(graded):
    folder, _ = graded
    outputs.write(rows(), KEY, folder, PLAIN, anonymous=True)
    text = (folder / "written_answers.html").read_text(encoding="utf-8")
    for secret in ("Ana", "Bo/", "Say which period", "Teacher's mark", "Cy"):
        assert secret not in text
    assert "Answer 1" in text and "Answer 2" in text and "ANA-TEXT" in text and "BO-TEXT" in text


def test_a_rerun_writes_the_same_bytes(graded):
    folder, _ = graded
    outputs.write(rows(), KEY, folder, PLAIN, exports=("canvas", "moodle", "csv"))
    first = {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    outputs.write(rows(), KEY, folder, PLAIN, exports=("canvas", "moodle", "csv"))
    assert {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} == first


def test_file_names_are_safe_and_distinct():
    from medialit.course.feedback import page_names

    names = page_names([("Zoë Ångström", "02"), ("../../etc", "02"), ("a/b", "02"), ("A/B", "02"), ("", "02")])
    assert names[("Zoë Ångström", "02")] == "Zoë_Ångström__02.html"
    assert all("/" not in n and not n.startswith(".") for n in names.values())
    assert len({n.casefold() for n in names.values()}) == 5


def test_answers_long_carries_the_typed_mark_and_a_blocked_folder_is_a_message(graded):
    import csv
    import io

    folder, _ = graded
    (folder / "feedback").rename(folder / "old-pages")
    (folder / "feedback").write_text("in the way", encoding="utf-8")
    result = outputs.write(rows(), KEY, folder, PLAIN)
    assert any("cannot write the feedback pages" in p for p in result["problems"])
    long = list(csv.DictReader(io.StringIO((folder / "answers_long.csv").read_text(encoding="utf-8"))))
    marked = {(r["student"], r["question"]): r["mark"] for r in long}
    assert marked[("Ana", "03.7")] == "1" and marked[("Bo", "03.7")] == "" and marked[("Ana", "03.1")] == ""


def test_a_detail_that_names_another_student_stays_off_the_page(tmp_path):
    batch = rows()
    batch[0].status, batch[0].detail = "crashed", "the process died in cell 4; the same file as Bo/03_casualty_numbers.ipynb"
    outputs.write(batch, KEY, tmp_path, PLAIN)
    ana = page(tmp_path, "Ana__03.html")
    assert "the process died in cell 4" in ana and "Bo" not in ana
