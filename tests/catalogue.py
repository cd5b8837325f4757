"""The grader's fault catalogue: submissions built from the real exercises and solutions.

Used by tests/test_grade.py (each fault a test) and bench/grade.py (a class of mixed submissions).
`FAULTS` maps a case to (relative path, builder, expected status, expected score).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEMS = {"00": "00_start_here", "01": "01_anatomy_of_an_article"}
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
WRITTEN = "My answer: the article quotes only one side, and the headline says it more strongly."


def _src(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def load(folder: str, lesson: str) -> dict:
    return json.loads((ROOT / folder / f"{STEMS[lesson]}.ipynb").read_text(encoding="utf-8"))


def blank(lesson: str) -> dict:
    return load("exercises", lesson)


def answered(lesson: str, written: str = WRITTEN) -> dict:
    """The exercise with every answer written in, as a student would (from the solution's code)."""
    nb = blank(lesson)
    solution = {c["id"]: c for c in load("solutions", lesson)["cells"]}
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        source = _src(solution[cell["id"]]) if cell["id"] in solution else ""
        if cell["cell_type"] == "code" and BEGIN in source:
            cell["source"] = "\n".join(line for line in source.splitlines()
                                       if line.strip() not in (BEGIN, END))
        elif "written-answer" in tags:
            cell["source"] = written
    return nb


def code(source: str, ident: str) -> dict:
    return {"cell_type": "code", "id": ident, "metadata": {}, "execution_count": None,
            "outputs": [], "source": source}


def check_index(nb: dict, qid: str) -> int:
    return next(i for i, c in enumerate(nb["cells"])
                if c["cell_type"] == "code" and f'check("{qid}"' in _src(c))


def insert_after(nb: dict, qid: str, source: str, ident: str = "inserted") -> dict:
    """Insert a code cell after the check cell of `qid` ("00.0": after the set-up cell, before any check)."""
    at = 3 if qid == "00.0" else check_index(nb, qid) + 1
    nb["cells"].insert(at, code(source, ident))
    return nb


def set_answer(nb: dict, variable: str, expression: str) -> dict:
    """Make the last assignment of `variable` assign `expression` instead."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        lines = _src(cell).splitlines()
        hits = [i for i, line in enumerate(lines) if line.startswith(f"{variable} =")]
        if hits:
            lines[hits[-1]] = f"{variable} = {expression}"
            cell["source"] = "\n".join(lines)
            return nb
    raise KeyError(variable)


def wrong(nb: dict) -> dict:
    set_answer(nb, "n_body_paragraphs", "12")
    return set_answer(nb, "place", '"Paris"')


# --- the faults ----------------------------------------------------------------------------

def f_correct():
    return answered("01")


def f_correct_00():
    return answered("00")


def f_blank():
    return blank("01")


def f_wrong():
    return wrong(answered("01"))


def f_invalid_json():
    return '{"cells": [{"cell_type": "code", "source": '


def f_not_a_notebook():
    return json.dumps({"student": "jo", "answers": [13, "Moscow"]})


def f_other_lesson():
    return answered("00")


def f_nbformat3():
    return json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "homework"},
                       "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1",
                                                  "language": "python", "outputs": []}]}]})


def f_no_metadata():
    nb = answered("01")
    del nb["metadata"]["medialit"]
    return nb


def f_reordered():
    nb = answered("01")
    nb["cells"] = [c for c in nb["cells"] if "check" not in c.get("metadata", {}).get("tags", [])]
    first = next(i for i, c in enumerate(nb["cells"]) if _src(c).startswith("place ="))
    second = next(i for i, c in enumerate(nb["cells"]) if _src(c).startswith("subheadings ="))
    nb["cells"][first], nb["cells"][second] = nb["cells"][second], nb["cells"][first]
    nb["cells"] = [c for c in nb["cells"] if "ml.figure(" not in _src(c)]
    return nb


def f_endless_loop():
    return insert_after(answered("01"), "01.3", "while True:\n    pass")


def f_stubborn_loop():
    return insert_after(answered("01"), "01.3",
                        "while True:\n    try:\n        while True:\n            pass\n"
                        "    except BaseException:\n        pass")


def f_endless_print():
    return insert_after(answered("01"), "01.1", 'while True:\n    print("all work and no play")')


def f_memory_hog():
    """A cell that fills memory until MemoryError, early on; the cell after it needs most of the
    limit again (80 MB of the tests' 100: tests/grading.py). The grader lets go of the failed cell's frames (IPython keeps them for %debug),
    so only the hog's cell runs out, and what the later cells can do does not hang on how many
    bytes happened to be left (that made two runs of the same batch differ)."""
    nb = insert_after(answered("01"), "01.1", "regained = len(bytearray(80_000_000))", "regain")
    return insert_after(nb, "01.1",  # before "regain"
                        "def hog():\n    chunks = []\n    while True:\n        chunks.append(bytearray(20_000_000))\nhog()",
                        "hog")


def f_os_exit():
    return insert_after(answered("01"), "01.2", "import os\nos._exit(3)")


def f_redefines_check():
    nb = wrong(answered("01"))
    return insert_after(nb, "01.1", 'def check(*args, **kwargs):\n    print("✓ correct.")', "cheat")


def with_cheat(nb: dict, source: str) -> dict:
    """The notebook with a cheating cell right after the set-up cells."""
    nb["cells"].insert(3, code(source, "cheat"))
    return nb


def f_monkeypatch():
    nb = wrong(answered("01"))
    cheat = ("import medialit, medialit.answers, medialit.course.sandbox as sandbox\n"
             "medialit.answers.verdict = lambda *a, **k: medialit.answers.Verdict('correct')\n"
             "medialit.check = lambda *a, **k: print('✓ correct.')\n"
             "sandbox.plain = lambda value, *a: ['i', 13]")
    return with_cheat(nb, cheat)


def f_renamed():
    """The student stored 01.1 under a name of their own and changed the check cell to match."""
    nb = answered("01")
    for cell in nb["cells"]:
        source = _src(cell)
        if source.startswith("n_body_paragraphs ="):
            cell["source"] = source.replace("n_body_paragraphs =", "my_count =", 1)
        elif source == 'check("01.1", n_body_paragraphs)':
            cell["source"] = 'check("01.1", my_count)'
    return nb


def f_patches_python(patch_json=False):
    """Wrong answers, after patching the grader's modules (and json: that breaks a real kernel's
    protocol, so only the fork path's tests use it)."""
    nb = wrong(answered("01"))
    cheat = ("import json, medialit.course.sandbox as sandbox, medialit.course.pool as pool\n"
             + ("json.dumps = lambda *a, **k: '{\"01.1\": {\"value\": [\"i\", 13]}}'\n"
                "json.encoder.encode_basestring_ascii = lambda s: '\"x\"'\n" if patch_json else "")
             + "sandbox.make_plain = lambda: (lambda value: ['i', 13])\n"
             "sandbox.Runner.capture = lambda self, *a, **k: {}\n"
             "pool._write_all = lambda *a: None\n"
             "sandbox.plain = lambda value: ['i', 13]")
    return with_cheat(nb, cheat)


def f_magics():
    """IPython magics in answer cells, as notebooks copied from elsewhere have them."""
    nb = answered("01")
    for cell in nb["cells"]:
        if _src(cell).startswith("n_body_paragraphs ="):
            cell["source"] = "%matplotlib inline\n%config InlineBackend.figure_format = 'retina'\n" + _src(cell)
        elif _src(cell).startswith("place ="):
            cell["source"] = "%time " + _src(cell)
    return nb


def f_always_equal():
    nb = answered("01")
    cheat = ("class Yes(int):\n    def __eq__(self, other):\n        return True\n"
             "    __hash__ = int.__hash__\n"
             "class Anything:\n    def __eq__(self, other):\n        return True\n")
    nb["cells"].insert(3, code(cheat, "cheat"))
    set_answer(nb, "n_body_paragraphs", "Yes(0)")
    return set_answer(nb, "place", "Anything()")


PWNED = "/tmp/medialit-grader-pwned.txt"


def f_reaches_out():
    """Wrong 01.1, then tries to read the instructor's key, write outside, run a program."""
    nb = set_answer(answered("01"), "n_body_paragraphs", "12")
    at = check_index(nb, "01.1")
    cells = [
        "import json, pathlib, medialit\n"
        "key = pathlib.Path(medialit.__file__).parents[1] / 'solutions' / 'answer_key.json'\n"
        "n_body_paragraphs = json.loads(key.read_text())['01.1']['answer']",
        f"open({PWNED!r}, 'w').write('pwned')",
        f"import os\nos.system('touch {PWNED}')",
        f"import subprocess\nsubprocess.run(['touch', {PWNED!r}])",
    ]
    for i, source in enumerate(cells):
        nb["cells"].insert(at + i, code(source, f"reach{i}"))
    return nb


# case: (path under the submissions folder, builder, status, score)
FAULTS = {
    "correct": ("ada/01_anatomy_of_an_article.ipynb", f_correct, "graded", 6),
    "correct lesson 00": ("ada/00_start_here.ipynb", f_correct_00, "graded", 4),
    "blank": ("bea/01_anatomy_of_an_article.ipynb", f_blank, "no answers", 0),
    "wrong": ("cy/01_anatomy_of_an_article.ipynb", f_wrong, "graded", 4),
    "invalid JSON": ("dan__01_anatomy_of_an_article.ipynb", f_invalid_json, "unreadable", 0),
    "not a notebook": ("jo__01_anatomy_of_an_article.ipynb", f_not_a_notebook, "unreadable", 0),
    "another lesson": ("eve/01_anatomy_of_an_article.ipynb", f_other_lesson, "wrong lesson", 0),
    "another tool (nbformat 3)": ("kim_01_anatomy_of_an_article.ipynb", f_nbformat3, "not an exercise", 0),
    "another tool (no metadata)": ("lee/01_anatomy_of_an_article.ipynb", f_no_metadata, "not an exercise", 0),
    "cells deleted or reordered": ("max/01_anatomy_of_an_article.ipynb", f_reordered, "graded", 6),
    "endless loop": ("ned/01_anatomy_of_an_article.ipynb", f_endless_loop, "timeout", 3),
    "loop that catches the timeout": ("ola/01_anatomy_of_an_article.ipynb", f_stubborn_loop, "timeout", 3),
    "prints without end": ("pat/01_anatomy_of_an_article.ipynb", f_endless_print, "graded", 6),
    "memory hog": ("quin/01_anatomy_of_an_article.ipynb", f_memory_hog, "memory limit", 6),
    "os._exit": ("ray/01_anatomy_of_an_article.ipynb", f_os_exit, "crashed", 2),
    "redefines check": ("sam/01_anatomy_of_an_article.ipynb", f_redefines_check, "graded", 4),
    "monkeypatches medialit": ("tom/01_anatomy_of_an_article.ipynb", f_monkeypatch, "graded", 4),
    "own variable name in the check cell": ("wes/01_anatomy_of_an_article.ipynb", f_renamed, "graded", 6),
    "patches the grader's modules": ("xia/01_anatomy_of_an_article.ipynb", f_patches_python, "graded", 4),
    "IPython magics": ("yve/01_anatomy_of_an_article.ipynb", f_magics, "graded", 6),
    "__eq__ always True": ("uma/01_anatomy_of_an_article.ipynb", f_always_equal, "graded", 4),
    "reads the solutions, writes outside, runs programs": ("vic/01_anatomy_of_an_article.ipynb", f_reaches_out,
                                                           "graded", 5),
    "spaces and non-ASCII name": ("Zoë Ångström__01_anatomy_of_an_article.ipynb", f_correct, "graded", 6),
}


def student_of(path: str) -> str:
    first = path.split("/")[0] if "/" in path else path.split("__")[0].split("_01_")[0]
    return first


def write(folder: Path, path: str, content) -> Path:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content, indent=1, ensure_ascii=False)
    target.write_text(text, encoding="utf-8")
    return target


def build(folder: Path, cases=None) -> dict[str, Path]:
    """Write the catalogue's submissions under `folder`; {case: path}."""
    return {case: write(folder, FAULTS[case][0], FAULTS[case][1]())
            for case in (cases or FAULTS)}


def copy_nb(nb):
    return copy.deepcopy(nb)
