"""Find the submissions, tell whose and which lesson each is, and plan what the grader runs.

Naming convention (docs/grading.md): one notebook per student and lesson.
- `submissions/<student>/02_framing_words.ipynb`: the student is the folder under the folder given;
- else the file name: `<student>__02_framing_words.ipynb` or `<student>_02_framing_words.ipynb`.
The lesson is the notebook's own metadata (`"medialit": {"lesson": "02"}`), else the `NN_` of
the file name.

>>> identify_name("ana_maria__02_framing_words")
('ana_maria', '02')
>>> identify_name("bob_01_anatomy_of_an_article")
('bob', '01')
>>> identify_name("01_anatomy_of_an_article")
('', '01')
>>> identify_name("07__01_anatomy_of_an_article")
('07', '01')
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .build_steps import check_call

LESSON_ONLY = re.compile(r"^(?P<lesson>\d\d)(?:_|$)")
CHECK_ID = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']\s*(?:,\s*([A-Za-z_]\w*)\s*[,)])?""")
SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", "__MACOSX"}
MAX_BYTES = 50 * 1024 * 1024  # a notebook larger than this is not read
MAX_WRITTEN = 20_000          # characters of one written answer kept for reading


@dataclass
class Submission:
    """One file to grade, and what the grader knows before running it."""

    path: Path
    file: str                       # for the reports: relative, never absolute
    student: str = ""
    lesson: str = ""
    status: str = ""                # set when the file cannot be run (unreadable, wrong lesson...)
    detail: str = ""
    notes: list[str] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)   # {question: text}, read with the cells

    @property
    def sort_key(self):
        return (self.student.casefold(), self.student, self.lesson, self.file)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def identify_name(stem: str) -> tuple[str, str]:
    """(student, lesson) from a file name without extension; '' when not in the name.
    A name that ends with a lesson's stem is split there, so a student id of two digits is a
    student: `07__01_anatomy_of_an_article` is student 07, lesson 01."""
    from .lessons import LESSONS

    stem = _nfc(stem)
    for lesson in LESSONS.values():
        if stem.endswith(lesson.stem):
            student = stem[:-len(lesson.stem)]
            if student == "":
                return "", lesson.number
            if student.endswith("_"):
                return student.rstrip("_").strip(), lesson.number
    if "__" in stem:
        student, rest = stem.split("__", 1)
        m = LESSON_ONLY.match(rest)
        return student.strip(), (m["lesson"] if m else "")
    if m := LESSON_ONLY.match(stem):
        return "", m["lesson"]
    if m := re.match(r"^(.+?)_(\d\d)(?:_|$)", stem):
        return m[1].strip(), m[2]
    return "", ""


def find(arguments: list[str]) -> tuple[list[Submission], list[str]]:
    """The submissions named by files and folders, and the arguments that do not exist.
    Every file found gets a Submission; a second path to a file already found (a symlink, a
    hard link, the same file named twice) gets the status `duplicate of <student>`."""
    found: dict[Path, Submission] = {}
    extra: list[tuple[Path, Submission]] = []
    missing = []

    def add(path: Path, rel: Path | None) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop
            key = path.absolute()
        sub = _identify(path, rel)
        if key not in found:
            found[key] = sub
            return
        if found[key].path.is_symlink() and not path.is_symlink():  # the real file is the original
            found[key], sub = sub, found[key]
        if found[key].file != sub.file:
            extra.append((key, sub))

    for arg in arguments:
        root = Path(arg)
        if root.is_file():
            add(root, None)
        elif root.is_dir():
            for path in sorted(root.rglob("*.ipynb")):
                rel = path.relative_to(root)
                if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
                    continue
                if path.is_file() or path.is_symlink():
                    add(path, rel)
        else:
            missing.append(arg)
    for key, sub in extra:
        first = found[key]
        sub.status, sub.detail = f"duplicate of {first.student}", f"the same file as {first.file}: graded there"
    subs = sorted([*found.values(), *(sub for _, sub in extra)], key=lambda s: s.sort_key)
    return subs, missing


def _identify(path: Path, rel: Path | None) -> Submission:
    """Student and lesson from the path: a folder under the folder given, else the file name."""
    stem = path.stem if path.suffix == ".ipynb" else path.name
    student, lesson = identify_name(stem)
    if rel is not None and len(rel.parts) > 1:
        student, file = _nfc(rel.parts[0]), _nfc(rel.as_posix())
    elif rel is None and not student and path.parent.name not in ("", "."):
        student = _nfc(path.resolve().parent.name)
        file = _nfc(f"{student}/{path.name}")
    else:
        file = _nfc(rel.as_posix() if rel is not None else path.name)
    sub = Submission(path=path, file=file, student=student, lesson=lesson)
    if not student:
        sub.student = _nfc(stem)
        sub.notes.append("student not in the file name: named after the file")
    return sub


def read(sub: Submission, key: dict) -> Submission:
    """Read the notebook (plain JSON, no schema validation) and set a status if it cannot run.
    Never raises: a malformed file gets the status `unreadable`."""
    try:
        return _read(sub, key)
    except Exception as err:  # any malformed structure we did not foresee
        return _fail(sub, "unreadable", f"a malformed notebook ({type(err).__name__})")


def _read(sub: Submission, key: dict) -> Submission:
    try:
        if sub.path.stat().st_size > MAX_BYTES:
            return _fail(sub, "unreadable", f"larger than {MAX_BYTES // 2**20} MB: not read")
        nb = json.loads(sub.path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        return _fail(sub, "unreadable", f"not valid JSON ({type(err).__name__}): "
                     "the file is damaged or is not a notebook")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", nb.get("worksheets")), list):
        return _fail(sub, "unreadable", "valid JSON but not a Jupyter notebook")
    if nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        return _fail(sub, "not an exercise", f"an nbformat {nb.get('nbformat')} notebook from another "
                     "tool: ask for the course's exercise notebook")
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    ours = meta.get("medialit") if isinstance(meta.get("medialit"), dict) else None
    if ours is None:
        return _fail(sub, "not an exercise", "no medialit metadata: not made from the course's "
                     "exercise notebook (another tool, or a new notebook)")
    if ours.get("kind") != "exercise":
        return _fail(sub, "not an exercise", f"this is a {ours.get('kind')} notebook, not an exercise")
    lesson = str(ours.get("lesson", ""))
    if sub.lesson and lesson != sub.lesson:
        return _fail(sub, "wrong lesson", f"the file name says lesson {sub.lesson}, the notebook is "
                     f"lesson {lesson}'s exercise")
    sub.lesson = lesson
    if not any(e.get("lesson") == lesson for e in key.values()):
        return _fail(sub, "wrong lesson", f"lesson {lesson} has no questions in the answer key")
    cells = [c for c in nb["cells"] if isinstance(c, dict)]
    for c in cells:
        source = c.get("source", "")
        c["source"] = "".join(map(str, source)) if isinstance(source, list) else str(source)
        if not isinstance(c.get("metadata"), dict):
            c["metadata"] = {}
    sub.cells = cells
    sub.written = written_answers(sub)
    return sub


def _fail(sub: Submission, status: str, detail: str) -> Submission:
    sub.status, sub.detail = status, detail
    return sub


def is_check_cell(cell: dict) -> dict[str, str] | None:
    """{question id: the variable it names ('' if none)} of a self-check cell (tagged `check`,
    or exactly `check("NN.K", x)`); None for any other cell."""
    tags = cell.get("metadata", {}).get("tags", []) if isinstance(cell.get("metadata"), dict) else []
    try:
        call = check_call(cell["source"])
    except Exception:  # e.g. a null byte: not a check cell (running it will report the error)
        call = None
    if call:
        return {call[0]: call[1]}
    if isinstance(tags, list) and "check" in tags:
        return {qid: name for qid, name in CHECK_ID.findall(cell["source"])}
    return None


def plan(sub: Submission) -> list:
    """What the grader runs, in the student's order: a `Run` for each code cell, and a `Capture`
    in place of each self-check cell (whose code is not run: the grader's canonical capture reads
    the variable the key names instead)."""
    from .protocol import Capture, Run

    steps = []
    for number, cell in enumerate(sub.cells, start=1):
        if cell.get("cell_type") != "code" or not cell["source"].strip():
            continue
        questions = is_check_cell(cell)
        steps.append(Run(number, cell["source"]) if questions is None else Capture(questions))
    return steps


def written_answers(sub: Submission) -> dict[str, str]:
    """{question: text} of the Markdown cells tagged `written-answer` (placeholder = '')."""
    from .build_steps import WRITTEN_PLACEHOLDER

    found = {}
    for cell in sub.cells:
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
        ours = meta.get("medialit") if isinstance(meta.get("medialit"), dict) else {}
        if cell.get("cell_type") == "markdown" and "written-answer" in tags and ours.get("question"):
            text = cell["source"].strip()
            if len(text) > MAX_WRITTEN:
                text = text[:MAX_WRITTEN] + " [… cut by the grader]"
            found[str(ours["question"])[:20]] = "" if text == WRITTEN_PLACEHOLDER.strip() else text
    return found
