"""written_marks.csv: the template, typed marks kept on every re-run, changed answers flagged."""
import csv
import io

import pytest

from medialit.course import marks
from medialit.course.grade import Row

KEY = {"02.7": {"lesson": "02", "type": "written", "prompt": "Rewrite the headline.", "points": 0},
       "02.8": {"lesson": "02", "type": "written", "prompt": "Which technique?"},
       "02.9": {"lesson": "02", "type": "figure", "spec": {}, "points": 1},
       "02.10": {"lesson": "02", "type": "written", "stretch": True},
       "02.1": {"lesson": "02", "type": "integer", "hash": "x", "points": 1}}
PLAIN = {"02.7": {"answer": "*Model answer.* A rewrite.", "points": 2,
                  "rubric": [{"criterion": "keeps the claim's owner", "points": 1},
                             {"criterion": "neutral verb", "points": 1}]},
         "02.9": {"rubric": [{"criterion": "title says whose figures", "points": 1}]}}
PNG = "iVBORw0KGgo="  # not checked here: charts.py validates images before a Row holds them


def row(student, written="An answer.", chart=(PNG,), status="graded"):
    return Row(student, "02", f"{student}/02_framing_words.ipynb", status, score=1, possible=1,
               written={"02.7": written, "02.8": written, "02.10": written},
               charts={"02.9": list(chart)})


def by_key(table):
    return {(m["student"], m["question"]): m for m in table}


def test_the_template_has_a_row_per_answer_to_mark_with_its_rubric():
    table = marks.merge([row("ana"), row("bo", written="")], KEY, PLAIN, [])
    assert [(m["student"], m["question"]) for m in table] == [
        (s, q) for s in ("ana", "bo") for q in ("02.7", "02.8", "02.9", "02.10")]
    seven = by_key(table)[("ana", "02.7")]
    assert seven["rubric"] == "keeps the claim's owner (1); neutral verb (1)" and seven["max"] == "2"
    assert by_key(table)[("ana", "02.8")]["max"] == "1"  # no rubric, no points: 1
    assert by_key(table)[("ana", "02.9")]["answer"] == "(chart: 1 image)"
    assert by_key(table)[("bo", "02.7")]["answer_hash"] == "" and all(m["points"] == "" for m in table)


def test_a_chart_without_a_rubric_is_not_marked_by_hand():
    assert "02.9" not in marks.markable(KEY, {}, "02")
    assert "02.9" in marks.markable(KEY, PLAIN, "02")


def test_typed_marks_survive_and_a_changed_answer_is_flagged_not_dropped():
    table = marks.merge([row("ana"), row("bo")], KEY, PLAIN, [])
    by_key(table)[("ana", "02.7")].update(points="2", comment="good")
    by_key(table)[("bo", "02.7")].update(points="1")
    typed = marks.read_text(marks.to_csv(table))
    again = marks.merge([row("ana", written="A new answer."), row("bo")], KEY, PLAIN, typed)
    ana, bo = by_key(again)[("ana", "02.7")], by_key(again)[("bo", "02.7")]
    assert (ana["points"], ana["comment"], ana["flag"]) == ("2", "good", marks.CHANGED)
    assert (bo["points"], bo["flag"]) == ("1", "")
    # an unmarked answer that changed is simply updated
    assert by_key(again)[("ana", "02.8")]["flag"] == ""
    # "ok" accepts the mark for the new answer; the flag goes
    ana["flag"] = "ok"
    accepted = marks.merge([row("ana", written="A new answer."), row("bo")], KEY, PLAIN, again)
    assert by_key(accepted)[("ana", "02.7")]["flag"] == "" and by_key(accepted)[("ana", "02.7")]["points"] == "2"


def test_an_answer_changed_back_clears_its_flag():
    table = marks.merge([row("ana")], KEY, PLAIN, [])
    by_key(table)[("ana", "02.7")]["points"] = "1"
    changed = marks.merge([row("ana", written="Other.")], KEY, PLAIN, table)
    assert by_key(changed)[("ana", "02.7")]["flag"] == marks.CHANGED
    back = marks.merge([row("ana")], KEY, PLAIN, changed)
    assert by_key(back)[("ana", "02.7")]["flag"] == ""


def test_rows_of_students_not_in_this_run_and_unreadable_files_keep_their_marks():
    table = marks.merge([row("ana"), row("bo")], KEY, PLAIN, [])
    by_key(table)[("bo", "02.7")]["points"] = "2"
    again = marks.merge([row("ana"), row("bo", status="unreadable")], KEY, PLAIN, table)
    assert by_key(again)[("bo", "02.7")]["points"] == "2"
    assert len(again) == len(table)


def test_the_file_round_trips_whatever_a_spreadsheet_does_to_it(tmp_path):
    table = marks.merge([row("=cmd|' /C calc'!A0")], KEY, PLAIN, [])
    table[0].update(points="1,5", comment="-not bad; \"quoted\"\nsecond line")
    path = tmp_path / marks.FILE
    marks.write(path, table)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheets read UTF-8
    cells = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert cells[1][0] == "'=cmd|' /C calc'!A0" and cells[1][6].startswith("'-not")
    assert marks.read(path) == table
    # saved again by a spreadsheet in a European locale: semicolons, Windows-1252
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(cells)
    path.write_bytes(text.getvalue().replace("\r\n", "\n").encode("cp1252", errors="replace"))
    assert marks.read(path)[0]["points"] == "1,5" and marks.read(path)[0]["comment"] == table[0]["comment"]


def test_a_file_that_is_not_a_marks_file_is_refused_with_a_message(tmp_path):
    path = tmp_path / marks.FILE
    path.write_text("name,score\nana,3\n", encoding="utf-8")
    with pytest.raises(marks.MarksError, match="no column student, lesson, question, points"):
        marks.read(path)


@pytest.mark.parametrize("typed, expected", [("2", (2.0, "")), (" 1.5 ", (1.5, "")), ("", (None, "")),
                                             ("abc", (None, "'abc' is not a number")),
                                             ("3", (None, "3 is not between 0 and 2")),
                                             ("'-1", (None, "-1 is not between 0 and 2"))])
def test_points_are_numbers_within_the_rubric(typed, expected):
    assert marks.parse_points(typed, 2.0) == expected


def test_totals_count_valid_marks_leave_out_stretch_and_report_what_is_left():
    table = marks.merge([row("ana")], KEY, PLAIN, [])
    by_key(table)[("ana", "02.7")]["points"] = "1.5"
    by_key(table)[("ana", "02.8")]["points"] = "9"      # out of range: not counted, still to mark
    by_key(table)[("ana", "02.10")]["points"] = "1"     # stretch: not counted
    got = marks.totals(row("ana"), KEY, PLAIN, marks.lookup(table))
    assert got == {"marks": 1.5, "marks_possible": 4.0, "to_mark": 2, "flagged": 0}
    assert marks.problems(table) == ["ana 02.8: points 9 is not between 0 and 1: not counted"]


def test_a_malformed_rubric_in_the_instructor_key_does_not_stop_the_grader():
    entry = {"type": "written", "points": "lots", "rubric": [{"criterion": "a", "points": "two"},
                                                             {"criterion": "b", "points": 2}, "junk"]}
    assert marks.rubric_of(entry) == ("a (1); b (2)", 3.0)
    assert marks.rubric_of({"type": "written", "rubric": "not a list", "points": -1}) == ("the whole answer", 1.0)


def test_an_instructor_key_that_is_missing_or_not_json_is_an_empty_key(tmp_path):
    assert marks.instructor_key(tmp_path / "nothing.json") == {}
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    assert marks.instructor_key(tmp_path / "bad.json") == {}
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert marks.instructor_key(tmp_path / "list.json") == {}


def test_ids_a_spreadsheet_turned_into_numbers_are_restored_and_marks_apply():
    table = marks.merge([row("ana")], KEY, PLAIN, [])
    for m in table:
        m.update(lesson=str(int(m["lesson"])), question=str(float(m["question"])).rstrip("0").rstrip("."),
                 points="1" if m["question"] == "02.7" else "")
    # "02.10" became "2.1", the same number as "02.1": left as it is (kept, never dropped)
    again = marks.merge([row("ana")], KEY, PLAIN, table)
    assert by_key(again)[("ana", "02.7")]["points"] == "1" and by_key(again)[("ana", "02.7")]["lesson"] == "02"
    assert len(again) == len(table) + 1 and ("ana", "2.1") in by_key(again)


def test_a_file_saved_without_the_hash_column_keeps_its_marks_unflagged(tmp_path):
    table = marks.merge([row("ana")], KEY, PLAIN, [])
    by_key(table)[("ana", "02.7")]["points"] = "2"
    text = marks.to_csv(table).splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != marks.COLUMNS.index("answer_hash"))
           for line in text]
    again = marks.merge([row("ana")], KEY, PLAIN, marks.read_text("\n".join(cut)))
    assert by_key(again)[("ana", "02.7")]["flag"] == "" and by_key(again)[("ana", "02.7")]["points"] == "2"
    assert by_key(again)[("ana", "02.7")]["answer_hash"].startswith("h")
