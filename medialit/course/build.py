"""`python -m medialit build`: solutions/ → exercises/ and the answer keys.

solutions/ are the source of every exercise. The build
1. normalises notebooks/ and solutions/ (navigation cells, nbval tags, metadata);
2. with --execute, runs them (nbclient) so stored outputs are fresh;
3. reads each self-check's recorded answer from the executed solutions and writes the
   hashed key students get (medialit/data/answer_key.json) and the plain instructor key
   (solutions/answer_key.json);
4. writes exercises/ (answers replaced by placeholders, outputs cleared).
With --check it writes nothing and lists what is out of date.

>>> stale = build(check=True)   # [] when everything is in sync
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

from ..answers import KEY_PATH, key_entry
from ..checks import MIME
from .lessons import LESSONS, ROOT, Lesson
from .steps import EXERCISE_STEPS, SOURCE_STEPS, BuildError, Context, check_call, hint_for, run_steps

PLAIN_KEY = "solutions/answer_key.json"


def read(path: Path):
    return nbformat.read(path, as_version=4)


def dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


def dumps_json(data) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def execute(nb, folder: Path, timeout: int = 300):
    """Run every cell of `nb` in a fresh kernel of this Python, with `folder` as working dir."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    for cell in nb.cells:  # no timestamps: a re-run that changes nothing writes nothing
        cell.metadata.pop("execution", None)
    return nb


def lessons_with(kind: str, root: Path, only: set[str] | None = None) -> list[Lesson]:
    return [le for le in LESSONS.values() if le.path(kind, root).exists() and (not only or le.number in only)]


def harvest(solutions: dict[str, object]) -> tuple[dict, dict]:
    """(hashed key, plain key) from executed solution notebooks {lesson number: nb}."""
    hashed, plain = {}, {}
    for number, nb in sorted(solutions.items()):
        name = f"solutions/{LESSONS[number].stem}.ipynb"
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and (call := check_call(cell.source)):
                qid, variable, decimals = call
                record = next((o["data"][MIME] for o in cell.get("outputs", [])
                               if MIME in o.get("data", {})), {})
                if "answer" not in record:
                    raise BuildError(f"{name}, cell {i + 1}: the self-check of {qid} has no recorded answer. "
                                     "Run `python -m medialit build --execute` to execute the solutions.")
                entry = {"lesson": number, "variable": variable, "points": 1,
                         **key_entry(qid, record["answer"], record["type"], decimals)}
                if hint := hint_for(nb, i):
                    entry["hint"] = hint
                _add(hashed, qid, entry, name)
                plain[qid] = {"lesson": number, "variable": variable, "type": record["type"],
                              "answer": _readable(record["answer"], record["type"], decimals)}
            elif "written-answer" in cell.get("metadata", {}).get("tags", []):
                qid = cell.metadata.get("medialit", {}).get("question")
                if not qid:
                    raise BuildError(f"{name}, cell {i + 1}: a written-answer cell needs "
                                     '"medialit": {"question": "NN.N"} in its metadata.')
                prompt = next((c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown"), "")
                _add(hashed, qid, {"lesson": number, "type": "written", "points": 0, "prompt": prompt}, name)
                plain[qid] = {"lesson": number, "type": "written", "answer": cell.source}
    return {"questions": hashed}, plain


def _add(key: dict, qid: str, entry: dict, name: str) -> None:
    if qid in key:
        raise BuildError(f"{name}: question {qid} appears twice; question ids must be unique.")
    key[qid] = entry


def _readable(answer, kind: str, decimals):
    if kind == "number":
        return answer / 10 ** (decimals if decimals is not None else 2)
    return answer


def build(root: Path = ROOT, check: bool = False, run: bool = False, only: set[str] | None = None,
          log=print) -> list[str]:
    """Build (or, with check=True, verify) exercises/ and the keys. Returns the stale paths."""
    outputs: dict[Path, str] = {}
    solutions = {}
    for kind in ("lesson", "solution"):
        for lesson in lessons_with(kind, root, only):
            path = lesson.path(kind, root)
            ctx = Context(lesson, kind, str(path.relative_to(root)), root)
            nb = run_steps(read(path), SOURCE_STEPS, ctx)
            if run:
                log(f"executing {ctx.name}")
                nb = execute(nb, path.parent)
                outputs[path] = dumps(nb)
                if not check:
                    path.write_text(outputs[path], encoding="utf-8")
            outputs[path] = dumps(nb)
            if kind == "solution":
                solutions[lesson.number] = nb
    hashed, plain = harvest(solutions)
    key_path = root / KEY_PATH.relative_to(ROOT)
    if only:  # keep the other lessons' entries
        old = json.loads(key_path.read_text(encoding="utf-8")) if key_path.exists() else {"questions": {}}
        hashed["questions"] = {**{q: e for q, e in old["questions"].items() if e["lesson"] not in only},
                               **hashed["questions"]}
        old_plain = json.loads((root / PLAIN_KEY).read_text(encoding="utf-8")) if (root / PLAIN_KEY).exists() else {}
        plain = {**{q: e for q, e in old_plain.items() if e["lesson"] not in only}, **plain}
    outputs[key_path] = dumps_json(hashed)
    outputs[root / PLAIN_KEY] = dumps_json(plain)
    if run and not check:
        key_path.write_text(outputs[key_path], encoding="utf-8")
        for number, nb in solutions.items():  # run again: the checks now see the new key
            path = LESSONS[number].path("solution", root)
            log(f"executing {path.relative_to(root)} again with the new key")
            outputs[path] = dumps(execute(nb, path.parent))
    for number, nb in solutions.items():
        lesson = LESSONS[number]
        path = lesson.path("exercise", root)
        ctx = Context(lesson, "exercise", str(path.relative_to(root)), root)
        outputs[path] = dumps(run_steps(nb, EXERCISE_STEPS, ctx))
    stale = [p for p, text in outputs.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if not check:
        for p in stale:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(outputs[p], encoding="utf-8")
    return [str(p.relative_to(root)) for p in stale]
