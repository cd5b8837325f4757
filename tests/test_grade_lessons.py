"""Every lesson through the grader: each solution handed in gets full marks, each blank exercise
runs clean, and malformed or odd files get the right row."""
import json
from pathlib import Path

import pytest

import catalogue
from grading import grade_here, rows

ROOT = Path(__file__).resolve().parents[1]


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
