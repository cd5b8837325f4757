"""The grader (`python -m medialit grade`): the fault catalogue of issue 7, each case a test.

The whole catalogue (tests/catalogue.py: submissions built from the real exercises and solutions
of lessons 00 and 01) is graded in one batch, shared by a module-scoped fixture, with a short
time limit; a second run over the same folder must write the same bytes. The kernel path is
tests/test_grade_kernel.py; every lesson's solution and exercise, tests/test_grade_lessons.py;
the same verdicts under load, tests/test_grade_load.py.
"""
import json
from pathlib import Path

import pytest

import catalogue
from grading import MEMORY_MB, OPTIONS, OUTPUTS, TIMEOUT, grade, grade_here, rows
from medialit.__main__ import main
from medialit.course.sandbox import NotPlain, plain, unplain

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The catalogue graded once (fork path), and graded again over the same folder."""
    base = tmp_path_factory.mktemp("grade")
    catalogue.build(base / "submissions")
    first = grade("submissions", "--out", "out", *OPTIONS, cwd=base)
    assert first.returncode == 0, first.stderr
    before = {name: (base / "out" / name).read_bytes() for name in OUTPUTS}
    again = grade_here("submissions", "--out", "out", *OPTIONS, cwd=base)
    assert again.returncode == 0, again.stderr
    after = {name: (base / "out" / name).read_bytes() for name in OUTPUTS}
    return {"base": base, "stdout": first.stdout, "before": before, "after": after,
            "grades": rows(base / "out" / "grades.csv"), "long": rows(base / "out" / "answers_long.csv")}


def row_of(batch, case):
    path = catalogue.FAULTS[case][0]
    found = [r for r in batch["grades"] if r["file"] == path]
    assert len(found) == 1, f"{case}: {len(found)} rows for {path}"
    return found[0]


@pytest.mark.parametrize("case", list(catalogue.FAULTS))
def test_fault_catalogue(batch, case):
    _, _, status, score = catalogue.FAULTS[case]
    row = row_of(batch, case)
    assert (row["status"], int(row["score"])) == (status, score), row


def test_every_submission_has_exactly_one_row(batch):
    files = [r["file"] for r in batch["grades"]]
    assert sorted(files) == sorted(path for path, *_ in catalogue.FAULTS.values())
    assert len(files) == len(set(files))
    assert batch["stdout"].startswith(f"{len(catalogue.FAULTS)} submissions:")


def test_a_rerun_writes_the_same_bytes(batch):
    differ = [name for name in OUTPUTS if batch["before"][name] != batch["after"][name]]
    lines = lambda name: batch[name]["grades.csv"].decode("utf-8").splitlines()  # noqa: E731
    changed = sorted(set(lines("before")) ^ set(lines("after")))  # a short message, not a diff of images
    assert not differ, f"{differ} differ; grades.csv rows in one run only: {changed}"
    text = b"".join(batch["before"].values()).decode("utf-8")
    assert str(batch["base"]) not in text and "/tmp" not in text


def test_students_come_from_folders_and_file_names(batch):
    students = {r["file"]: r["student"] for r in batch["grades"]}
    assert students["ada/01_anatomy_of_an_article.ipynb"] == "ada"
    assert students["dan__01_anatomy_of_an_article.ipynb"] == "dan"
    assert students["kim_01_anatomy_of_an_article.ipynb"] == "kim"
    assert students["Zoë Ångström__01_anatomy_of_an_article.ipynb"] == "Zoë Ångström"


def test_cheats_do_not_change_verdicts(batch):
    verdicts = {(r["student"], r["question"]): r["verdict"] for r in batch["long"]}
    for student in ("sam", "tom"):  # redefined check, patched medialit and the grader's converter
        assert verdicts[(student, "01.1")] == verdicts[(student, "01.2")] == "incorrect"
    assert verdicts[("uma", "01.1")] == verdicts[("uma", "01.2")] == "invalid"
    feedback = {(r["student"], r["question"]): r["feedback"] for r in batch["long"]}
    assert "Not plain data" in feedback[("uma", "01.1")]


def test_a_submission_cannot_read_the_solutions_write_outside_or_run_programs(batch):
    row = row_of(batch, "reads the solutions, writes outside, runs programs")
    # with namespaces, /tmp is the submission's own scratch folder: writing there is allowed
    assert row["detail"].count("PermissionError") >= 3, row["detail"]
    assert not Path(catalogue.PWNED).exists()


def test_details_say_what_happened(batch):
    assert "OutputLimitExceeded" in row_of(batch, "prints without end")["detail"]
    hog = row_of(batch, "memory hog")["detail"]
    cells = catalogue.f_memory_hog()["cells"]
    number = next(n for n, cell in enumerate(cells, start=1) if cell.get("id") == "hog")
    # only the hog's cell: the cell after it got the memory back
    assert hog.startswith(f"cell {number} needed more than {MEMORY_MB} MB"), hog
    assert cells[number]["id"] == "regain"
    assert "exit code 3" in row_of(batch, "os._exit")["detail"]
    assert "lesson 00" in row_of(batch, "another lesson")["detail"]
    assert "01.1 read from `my_count`" in row_of(batch, "own variable name in the check cell")["detail"]
    for case in ("endless loop", "loop that catches the timeout"):
        assert f"{TIMEOUT} s" in row_of(batch, case)["detail"]


def test_long_table_has_a_row_per_student_and_question(batch):
    key = json.loads((ROOT / "solutions" / "answer_key.json").read_text(encoding="utf-8"))
    expected = sum(sum(1 for e in key.values() if e["lesson"] == r["lesson"])
                   for r in batch["grades"] if r["status"] != "wrong lesson")
    assert len(batch["long"]) == expected


def test_written_answers_are_gathered_and_escaped(batch):
    page = batch["before"]["written_answers.html"].decode("utf-8")
    assert "Question 01.8" in page and catalogue.WRITTEN in page
    assert "<script" not in page.replace("&lt;script", "")
    summary = batch["before"]["summary.html"].decode("utf-8")
    assert "<img" not in summary and summary.count('<figure class="chart">') == 4  # 2 lessons, 2 charts each
    # the charts count every lesson-01 submission that ran (a blank one scores 0)
    graded = [r for r in batch["grades"] if r["lesson"] == "01" and r["status"] not in (
        "unreadable", "wrong lesson", "not an exercise")]
    scores = [int(r["score"]) for r in graded]
    full = sum(1 for r in graded if r["score"] == r["possible"])
    assert (f"Lesson 01: scores of {len(graded)} submissions" in summary
            and f"Mean score {sum(scores) / len(scores):.1f} of {graded[0]['possible']}; {full} of {len(graded)}"
            in summary)


def test_written_answers_html_escapes_student_text(tmp_path):
    from medialit.course.grade import Row
    from medialit.course.outputs import written_html

    key = {"01.8": {"lesson": "01", "type": "written", "prompt": "Why?"}}
    page = written_html([Row("x<y", "01", "f.ipynb", "graded", written={"01.8": "<script>alert(1)</script>"})], key)
    assert "<script>" not in page and "&lt;script&gt;" in page and "x&lt;y" in page


# --- the command line -----------------------------------------------------------------------

def run_main(args, capsys):
    try:
        code = main(args)
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_no_submissions_found_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run_main(["grade", str(tmp_path / "empty"), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and err.count("\n") == 1 and "no notebooks" in err and "Traceback" not in err
    code, _, err = run_main(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and err.count("\n") == 1 and "no such file" in err


def test_an_unwritable_out_dir_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "afile").write_text("x")
    code, _, err = run_main(["grade", str(ROOT / "exercises"), "--out", str(tmp_path / "afile" / "out")], capsys)
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err


def test_an_unknown_option_is_a_clear_error(tmp_path, capsys):
    code, _, err = run_main(["grade", "x", "--out", str(tmp_path), "--fast"], capsys)
    assert code == 2 and err.count("\n") == 1 and "--fast" in err
    code, _, err = run_main(["grade", "x", "--out", str(tmp_path), "--jobs", "0"], capsys)
    assert code == 2 and err.count("\n") == 1


# --- the strict converter -------------------------------------------------------------------

@pytest.mark.parametrize("value", [13, 2.5, "Moscow", None, ..., True, [1, "a"], ("a", 1), {"a", "b"},
                                   frozenset({1}), {"k": [1, {"x": 2.0}]}, float("inf")])
def test_plain_data_round_trips(value):
    assert unplain(json.loads(json.dumps(plain(value)))) == value


def test_numpy_scalars_become_plain_numbers():
    import numpy as np

    assert unplain(plain(np.int64(13))) == 13 and type(unplain(plain(np.int64(13)))) is int
    assert unplain(plain([np.float64(0.5), np.str_("a")])) == [0.5, "a"]


@pytest.mark.parametrize("make", [
    lambda: type("Yes", (int,), {"__eq__": lambda s, o: True, "__hash__": int.__hash__})(1),
    lambda: type("S", (str,), {})("x"),
    lambda: [object()],
    lambda: __import__("pandas").DataFrame({"a": [1, 2]}),
    lambda: list(range(200_000)),
    lambda: __import__("numpy").zeros(200_000),
], ids=["int subclass", "str subclass", "object in list", "DataFrame", "too large", "large array"])
def test_not_plain_data_is_refused(make):
    with pytest.raises(NotPlain):
        plain(make())
