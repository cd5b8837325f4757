"""Gradebook exports parse back with the columns Canvas and Moodle import."""
import csv
import io

from medialit.course import export, marks
from medialit.course.grade import Row

KEY = {"02.1": {"lesson": "02", "type": "integer", "points": 1},
       "02.2": {"lesson": "02", "type": "integer", "points": 1},
       "02.7": {"lesson": "02", "type": "written"},
       "03.1": {"lesson": "03", "type": "integer", "points": 2}}
PLAIN = {"02.7": {"points": 2}}


def batch():
    return [Row("=ana", "02", "a.ipynb", "graded", score=1, possible=2, written={"02.7": "text"}),
            Row("=ana", "03", "a3.ipynb", "graded", score=2, possible=2),
            Row("bo", "02", "b.ipynb", "graded", score=2, possible=2, written={"02.7": "text"}),
            Row("cy", "02", "c.ipynb", "unreadable", possible=2)]


def exported(name):
    rows = batch()
    table = marks.merge(rows, KEY, PLAIN, [])
    for m in table:
        m["points"] = {"=ana": "1.5", "bo": "2"}.get(m["student"], "")
    scores, maxima = export.lesson_totals(rows, KEY, PLAIN, table)
    text = export.WRITERS[name](scores, maxima)
    return list(csv.reader(io.StringIO(text)))


def test_canvas_has_its_identity_columns_a_points_possible_row_and_a_column_per_lesson():
    table = exported("canvas")
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                        "Media literacy 02: Framing words", "Media literacy 03: The casualty numbers"]
    assert table[1] == ["Points Possible", "", "", "", "", "4", "2"]
    people = {r[0]: r for r in table[2:]}
    assert people["'=ana"][5:] == ["2.5", "2"] and people["'=ana"][3] == "'=ana"  # no formula
    assert people["bo"][5:] == ["4", ""]       # no lesson 03 handed in: no grade, not 0
    assert people["cy"][5:] == ["", ""]        # unreadable: no grade, the teacher looks at it


def test_moodle_has_a_user_column_and_a_grade_column_and_maximum_per_lesson():
    table = exported("moodle")
    assert table[0] == ["Username", "Media literacy 02: Framing words", "Media literacy 02: Framing words (maximum)",
                        "Media literacy 03: The casualty numbers",
                        "Media literacy 03: The casualty numbers (maximum)"]
    assert {r[0]: r[1:] for r in table[1:]}["bo"] == ["4", "4", "", "2"]


def test_plain_csv_has_total_and_maximum_per_lesson():
    rows = list(csv.DictReader(io.StringIO("\n".join(",".join(r) for r in exported("csv")))))
    assert list(rows[0]) == ["student", "02 total", "02 maximum", "03 total", "03 maximum"]
    assert [(r["student"], r["02 total"], r["02 maximum"]) for r in rows] == [
        ("'=ana", "2.5", "4"), ("bo", "4", "4"), ("cy", "", "4")]


def refused(args, capsys) -> tuple[int, str]:
    """Run the command line in this process (as `python -m medialit` would): exit code, stderr."""
    from medialit.__main__ import main

    try:
        code = main(args)
    except SystemExit as stop:  # argparse refuses an option this way
        code = stop.code
    return code, capsys.readouterr().err


def test_an_unknown_export_format_is_refused_before_grading(tmp_path, capsys):
    code, err = refused(["grade", str(tmp_path), "--out", str(tmp_path / "out"), "--export", "excel"], capsys)
    assert code == 2 and "invalid choice: 'excel'" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_a_missing_instructor_key_is_refused_before_grading(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "ana__01_anatomy_of_an_article.ipynb").write_text("{}", encoding="utf-8")
    code, err = refused(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "out"),
                         "--instructor-key", str(tmp_path / "nope.json")], capsys)
    assert code == 2 and "no such instructor key" in err
    assert not (tmp_path / "out" / "grades.csv").exists()
