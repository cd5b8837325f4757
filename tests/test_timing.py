"""Lesson timings: an estimate from prose, code cells and questions against the stated time."""

import nbformat
import pytest

from medialit.__main__ import main
from medialit.course.lessons import LESSONS
from medialit.course.timing import (READING_RATE, TOLERANCE, Estimate, count, estimate_all, minutes,
                                    stated_minutes, table, words_in)


def test_words_are_what_a_reader_reads():
    assert words_in("Read the [headline](https://tass.com/politics/x) **first**.") == 4
    assert words_in("Syria’s <b>ceasefire</b> held") == 3
    assert words_in("") == 0


@pytest.mark.parametrize("line", ["**Time:** 30 minutes teaching, 25 minutes exercises.",
                                  "**Time:** 30 minutes teaching + 25 minutes exercises",
                                  "Time: 30 min teaching, 25 min exercises"])
def test_the_stated_time_is_read_in_each_form(line):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_markdown_cell(line)]
    assert stated_minutes(nb) == (30, 25)


def test_counting_leaves_out_navigation_instructor_model_answers_and_stretch():
    nb = nbformat.v4.new_notebook()
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb.cells = [md("[Course map](../README.md)", metadata={"tags": ["nav"]}),
                md("one two three four"),
                code("art = ml.load_article()"),
                code(""),
                code("### BEGIN SOLUTION\nn = 3\n### END SOLUTION"),
                code('check("01.1", n)'),
                code('check("01.2", fig)'),
                md("A model answer of many words here", metadata={"tags": ["written-answer"]}),
                md("teacher only words", metadata={"tags": ["instructor"]}),
                md("stretch words", metadata={"tags": ["stretch"]}),
                code('check("01.3", names)', metadata={"tags": ["stretch"]}),
                md("written stretch", metadata={"tags": ["written-answer", "stretch"]})]
    got = count(nb, kinds={"01.2": "figure"})
    assert got == dict(words=4, code_cells=1, computed=1, charts=1, written=1)
    assert minutes(**got) == round(4 / READING_RATE + 1 + 3 + 5 + 5, 1)


def test_over_means_more_than_the_tolerance_above_the_stated_time():
    at_limit = Estimate("01", "teaching", 10, words=0, code_cells=12, computed=0, charts=0, written=0)
    above = Estimate("01", "teaching", 10, words=0, code_cells=13, computed=0, charts=0, written=0)
    assert not at_limit.over and above.over and TOLERANCE == 0.20
    assert "OVER by 30%" in table([above]) and "ok" in table([at_limit])


def test_every_lesson_states_its_time_and_gets_an_estimate():
    rows = estimate_all()
    lessons = {le.number for le in LESSONS.values() if le.path("lesson").exists()}
    assert {r.lesson for r in rows} == lessons
    assert all(r.stated is not None and r.minutes > 0 for r in rows)
    assert {r.part for r in rows} == {"teaching", "exercises"}


def test_cli_prints_the_table(capsys):
    status = main(["timings"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["lesson", "part", "stated", "estimate"]
    assert len(lines) == 2 + len(estimate_all()) + 1 and lines[-1].startswith("Method:")
    assert status == (1 if any("OVER" in line for line in lines) else 0)


@pytest.mark.parametrize("row", estimate_all(), ids=lambda r: f"{r.lesson}-{r.part}")
def test_every_lesson_fits_its_stated_time(row):
    assert not row.over, f"lesson {row.lesson} {row.part}: about {row.minutes:.0f} min for {row.stated} stated"


def test_the_course_map_and_the_exercises_state_each_lessons_own_times():
    """README's course map, the lesson's header and its exercise's header agree on the minutes."""
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for number, lesson in LESSONS.items():
        teach, exercise = stated_minutes(nbformat.read(lesson.path("lesson", root), as_version=4))
        row = re.search(rf"^\| {number} \|.*?\| (\d+) \+ (\d+) min \|", readme, re.M)
        assert row and (int(row.group(1)), int(row.group(2))) == (teach, exercise), f"README row {number}"
        solution = nbformat.read(lesson.path("solution", root), as_version=4)
        said = re.search(r"\*\*Time:\*\* (\d+) minutes", "\n".join(c.source for c in solution.cells[:3]))
        assert said and int(said.group(1)) == exercise, f"solutions/{lesson.stem}.ipynb states its time"
