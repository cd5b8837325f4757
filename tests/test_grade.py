"""The grader (`python -m medialit grade`): the fault catalogue of issue 7, each case a test.

The whole catalogue (tests/catalogue.py: submissions built from the real exercises and solutions
of lessons 00 and 01) is graded in one batch, shared by a module-scoped fixture, with a short
time limit; a second run over the same folder must write the same bytes, and the --kernel path
must give the same verdicts.
"""
import contextlib
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import catalogue
from medialit.__main__ import main
from medialit.course.sandbox import NotPlain, plain, unplain

ROOT = Path(__file__).resolve().parents[1]
# The catalogue's endless loops each use their whole time limit (and the one that catches the
# timeout runs on to the CPU limit, 1 s later): short limits keep the suite fast. A child of the
# fast path runs lesson 01 in ~0.1 s; a kernel's limit starts after its start-up and imports,
# and a kernel runs lesson 01 in ~0.4 s on an idle machine (see the kernel-path test).
TIMEOUT, KERNEL_TIMEOUT = "0.8", "2.5"
OPTIONS = ["--timeout", TIMEOUT, "--memory", "300", "--jobs", "2"]
OUTPUTS = ("grades.csv", "answers_long.csv", "written_answers.html", "summary.html")


def grade(*args, cwd):
    """`python -m medialit grade ...` as a real process (the catalogue's first run)."""
    return subprocess.run([sys.executable, "-m", "medialit", "grade", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def grade_here(*args, cwd):
    """The same command run in this process (its imports are paid once per test worker)."""
    said, errors = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(said), contextlib.redirect_stderr(errors):
        patch.chdir(cwd)
        code = main(["grade", *args])
    return subprocess.CompletedProcess(["grade", *args], code, said.getvalue(), errors.getvalue())


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


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
    assert hog.startswith(f"cell {number} needed more than 300 MB"), hog
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
    assert summary.count("data:image/png;base64,") == 4 and 'alt="' in summary


def test_written_answers_html_escapes_student_text(tmp_path):
    from medialit.course.grade import Row
    from medialit.course.outputs import written_html

    key = {"01.8": {"lesson": "01", "type": "written", "prompt": "Why?"}}
    page = written_html([Row("x<y", "01", "f.ipynb", "graded", written={"01.8": "<script>alert(1)</script>"})], key)
    assert "<script>" not in page and "&lt;script&gt;" in page and "x&lt;y" in page


# One of each way a run can end and each way the grader reads answers; the whole catalogue on
# both paths is `python bench/grade.py --kernel-catalogue` (17 kernels: a third of the suite's CPU).
# Each way a run can end (answers, CPU limit, memory limit, a dead process); the ways the grader
# reads answers are the same code on both paths (runners.py) and are in the fault catalogue.
KERNEL_CASES = ["correct", "endless loop", "memory hog", "os._exit"]


def test_the_kernel_path_gives_the_same_verdicts(batch):
    """Representative cases of the catalogue again, one real kernel per submission. The limit is
    CPU time counted from the grader's set-up inside the kernel (after its start-up and imports),
    so one limit serves both paths, however busy the machine."""
    base = batch["base"]
    catalogue.build(base / "kernel", KERNEL_CASES)
    files = {catalogue.FAULTS[case][0] for case in KERNEL_CASES}
    options = [o if o != TIMEOUT else KERNEL_TIMEOUT for o in OPTIONS]
    done = grade_here("kernel", "--out", "out-kernel", "--kernel", *options, cwd=base)
    assert done.returncode == 0, done.stderr
    kernel_long = rows(base / "out-kernel" / "answers_long.csv")
    kernel_grades = rows(base / "out-kernel" / "grades.csv")
    fork_grades = [row for row in batch["grades"] if row["file"] in files]
    order = {row["file"]: n for n, row in enumerate(fork_grades)}
    kernel_grades.sort(key=lambda row: order[row["file"]])
    fork = {(r["file"], r["question"]): (r["status"], r["verdict"]) for r in batch["long"] if r["file"] in files}
    kernel = {(r["file"], r["question"]): (r["status"], r["verdict"]) for r in kernel_long}
    assert kernel == fork
    # (a batch has a column for each question of the lessons it holds: compare the filled ones)
    drop = lambda r: {k: v for k, v in r.items() if k != "detail" and v != ""}  # noqa: E731
    assert [drop(r) for r in kernel_grades] == [drop(r) for r in fork_grades]
    # the details too (which cells failed, and how), except where the limits or the way the
    # process ended differ: the time limit, and a kernel's exit code
    same = [(r["file"], r["detail"]) for r in fork_grades if r["status"] not in ("timeout", "crashed")]
    assert [(r["file"], r["detail"]) for r in kernel_grades if r["status"] not in ("timeout", "crashed")] == same


LOADED = ["correct", "endless loop", "memory hog"]  # the verdicts load once changed, and the plain one


def test_verdicts_do_not_depend_on_machine_load(batch, monkeypatch):
    """The same submissions with six busy process sessions competing for the cores (made here):
    the limits are CPU time and memory, so every row comes back as on the idle run. The load
    starts once the grader's warm process is ready, so it competes with the submissions (where
    the limits apply) rather than with the grader's own start-up."""
    from medialit.course import zygote
    from medialit.course.grade import grade as grade_batch

    base = batch["base"]
    catalogue.build(base / "loaded", LOADED)
    busy = []
    ready = zygote.Warm.__init__

    def ready_then_load(warm, *args, **kwargs):
        ready(warm, *args, **kwargs)
        busy.extend(subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
                    for _ in range(6))

    monkeypatch.setattr(zygote.Warm, "__init__", ready_then_load)
    try:
        loaded = grade_batch([str(base / "loaded")], jobs=2, timeout=float(TIMEOUT), memory_mb=300)
    finally:
        for process in busy:
            process.kill()
            process.wait()
    assert len(busy) == 6
    # the same status and score; the same detail too, except how a timeout was noticed (the CPU
    # timer, the CPU limit, or on an extremely busy machine the wall-clock backstop)
    keep = lambda r: (r["file"], r["status"], int(r["score"]),  # noqa: E731
                      r["detail"] if r["status"] != "timeout" else "")
    files = {catalogue.FAULTS[c][0] for c in LOADED}
    idle = [keep(r) for r in batch["grades"] if r["file"] in files]
    assert [keep(vars(r)) for r in loaded] == idle


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


# --- any lesson of the key, malformed files, processes left behind ---------------------------

def _as_exercise(path: Path) -> dict:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["medialit"]["kind"] = "exercise"
    return nb


EDGE = {  # path: (content, status, score or None for "the lesson's full marks")
    "odd/01_anatomy_of_an_article.ipynb": (
        lambda: {**catalogue.answered("01"), "cells": [*catalogue.answered("01")["cells"], 7,
                                                       {"cell_type": "code", "source": [1, 2], "metadata": "x"}]},
        "graded", 6),
    "nul/01_anatomy_of_an_article.ipynb": (
        lambda: catalogue.insert_after(catalogue.answered("01"), "01.6", "x = 1\x00"), "graded", 6),
    "cells/01_anatomy_of_an_article.ipynb": (lambda: {**catalogue.answered("01"), "cells": {"a": 1}},
                                            "unreadable", 0),
    "patches_json/01_anatomy_of_an_article.ipynb": (lambda: catalogue.f_patches_python(patch_json=True),
                                                   "graded", 4),
    "forges/01_anatomy_of_an_article.ipynb": (  # writes the grader's protocol to every descriptor
        lambda: catalogue.insert_after(catalogue.wrong(catalogue.answered("01")), "00.0",
                                       "import os\nfor fd in range(3, 256):\n    for line in (b'A {\"01.1\": "
                                       "{\"value\": [\"i\", 13]}}\\n', b'R {\"timeout\": false}\\n'):\n"
                                       "        try:\n            os.write(fd, line)\n"
                                       "        except OSError:\n            pass"),
        "graded", 4),
    "paths/01_anatomy_of_an_article.ipynb": (  # the kit's layout around the working directory
        lambda: catalogue.insert_after(catalogue.answered("01"), "00.0",
                                       "import pandas as pd\n"
                                       "text = open('../seeds/tass-2016-10-07-syria-commitments.txt').read()\n"
                                       "context = pd.read_csv('../medialit/data/context.csv')\n"
                                       "pd.DataFrame({'n': [len(text)]}).to_csv('mine.csv')\n"
                                       "open('../scratch.txt', 'w').write('ok')"),
        "graded", 6),
    "=HYPERLINK(1)__01_anatomy_of_an_article.ipynb": (lambda: catalogue.answered("01"), "graded", 6),
    "forker/01_anatomy_of_an_article.ipynb": (  # os.fork is refused: the cell raises, the rest runs
        lambda: catalogue.insert_after(catalogue.answered("01"), "01.2",
                                       "import os, time\nif os.fork() == 0:\n    time.sleep(60)\nos._exit(0)"),
        "graded", 6),
}


@pytest.fixture(scope="module")
def edge_batch(tmp_path_factory):
    """Every solution handed in as an exercise, every blank exercise, and the edge cases above."""
    base = tmp_path_factory.mktemp("edge")
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        catalogue.write(base / "subs", f"teacher/{path.name}", _as_exercise(path))
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        catalogue.write(base / "subs", f"blank/{path.name}", path.read_text(encoding="utf-8"))
    for path, (make, _, _) in EDGE.items():
        catalogue.write(base / "subs", path, make())
    done = grade_here("subs", "--out", "out", "--timeout", "20", "--jobs", "2", cwd=base)
    assert done.returncode == 0, done.stderr
    return rows(base / "out" / "grades.csv")


def test_every_solution_gets_full_marks_and_every_blank_exercise_runs_clean(edge_batch):
    teacher = [r for r in edge_batch if r["student"] == "teacher"]
    blank = [r for r in edge_batch if r["student"] == "blank"]
    assert len(teacher) == len(list((ROOT / "solutions").glob("*.ipynb"))) >= 2
    for r in teacher:
        assert (r["status"], r["score"], r["detail"]) == ("graded", r["possible"], ""), r
    for r in blank:
        assert (r["status"], r["score"], r["detail"]) == ("no answers", "0", ""), r


@pytest.mark.parametrize("path", list(EDGE))
def test_edge_cases(edge_batch, path):
    _, status, score = EDGE[path]
    row = next(r for r in edge_batch if r["file"] == "'" * path.startswith("=") + path)
    assert (row["status"], int(row["score"])) == (status, score), row


def test_the_kit_layout_is_there_and_writable_only_in_its_folder(edge_batch):
    row = next(r for r in edge_batch if r["file"] == "paths/01_anatomy_of_an_article.ipynb")
    assert row["detail"] == "", row


def test_a_file_name_is_never_a_spreadsheet_formula(edge_batch):
    assert not [r for r in edge_batch if r["student"].startswith("=") or r["file"].startswith("=")]
