"""`python -m medialit build`: solutions/ → exercises/ and the answer keys.

solutions/ are the source of every exercise. The build
1. normalises notebooks/ and solutions/ (navigation cells, nbval tags, metadata);
2. with --execute, runs them (nbclient) so stored outputs are fresh;
3. reads each self-check's recorded answer (or chart spec) from the executed solutions and
   writes the hashed key students get (medialit/data/answer_key.json: salted hashes, common
   mistakes hashed with their messages, chart specs, "stretch": true for optional items) and the
   plain instructor key (solutions/answer_key.json: answers, mistakes, rubrics and points);
4. writes exercises/ (answers replaced by placeholders, outputs cleared, key metadata stripped).
With --check it writes nothing and lists what is out of date. The house rules (code lines <= 88
characters, solution regions of scored questions <= 2 code lines) fail the build unless
strict=False (--draft), which prints them as warnings.

>>> notes = []
>>> stale = build(check=True, strict=False, log=notes.append)  # [] when all is in sync
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

from ..answers import (KEY_PATH, AnswerTypeError, as_plain, canonical, key_entry, mistake_entry,
                       tolerance, verdict)
from ..checks import MIME
from .build_steps import (EXERCISE_STEPS, SOURCE_STEPS, BuildError, Context, check_call, has_tag, hint_for,
                          mistakes_of, rubric_of, run_steps)
from .lessons import LESSONS, ROOT, Lesson
from .rubrics import rubrics_markdown

PLAIN_KEY = "solutions/answer_key.json"
RUBRICS = "docs/rubrics.md"


def read(path: Path):
    return nbformat.read(path, as_version=4)


def dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


def dumps_json(data) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


PROBE = "application/vnd.medialit.probe+json"
PROBE_CODE = """import IPython.display as _d
from medialit.answers import as_plain as _p
_v = []
for _e in {expressions!r}:
    try:
        _v.append({{"value": _p(eval(_e))}})
    except Exception as _err:
        _v.append({{"error": f"{{type(_err).__name__}}: {{_err}}"}})
_d.display({{{probe!r}: _v}}, raw=True)
del _d, _p, _v, _e"""


def execute(nb, folder: Path, timeout: int = 300):
    """Run every cell of `nb` in a fresh kernel of this Python, with `folder` as working dir.

    A common mistake given as `"computed": "round(outlet_share * 100)"` is evaluated right after
    its check cell, and its `answer` set to the value: a mistake derived from the data follows the
    data, as the answer does (a typed 59 went stale when a finder changed the answer)."""
    from nbclient import NotebookClient

    probes = _add_probes(nb)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        nb.cells = [cell for cell in nb.cells if all(cell is not probe for probe, _ in probes)]
        if probes:
            _renumber(nb)
    for probe, check in probes:
        _read_probe(probe, check)
    for cell in nb.cells:  # no timestamps: a re-run that changes nothing writes nothing
        cell.metadata.pop("execution", None)
    return nb


def _add_probes(nb) -> list[tuple]:
    """Insert a cell after each check cell whose mistakes are computed; [(probe cell, check cell)]."""
    probes = []
    for cell in list(nb.cells):
        mistakes = cell.get("metadata", {}).get("medialit", {}).get("mistakes", [])
        expressions = [m["computed"] for m in mistakes if isinstance(m, dict) and m.get("computed")]
        if cell.cell_type == "code" and expressions:
            probe = nbformat.v4.new_code_cell(PROBE_CODE.format(expressions=expressions, probe=PROBE))
            nb.cells.insert(nb.cells.index(cell) + 1, probe)
            probes.append((probe, cell))
    return probes


def _renumber(nb) -> None:
    """Execution counts 1, 2, 3... again once the probe cells are gone (no gaps in the solution)."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if output.get("execution_count") is not None:
                    output["execution_count"] = count


def _read_probe(probe, check) -> None:
    values = next((o["data"][PROBE] for o in probe.get("outputs", []) if PROBE in o.get("data", {})), None)
    computed = [m for m in check.metadata["medialit"]["mistakes"] if m.get("computed")]
    if values is None or len(values) != len(computed):
        raise BuildError(f"the common mistakes of `{check.source}` could not be computed")
    for mistake, got in zip(computed, values):
        if "error" in got:
            raise BuildError(f"the common mistake {mistake['computed']!r} of `{check.source}` "
                             f"could not be computed: {got['error']}")
        mistake["answer"] = got["value"]


def lessons_with(kind: str, root: Path, only: set[str] | None = None) -> list[Lesson]:
    return [le for le in LESSONS.values() if le.path(kind, root).exists() and (not only or le.number in only)]


def harvest(solutions: dict[str, object]) -> tuple[dict, dict]:
    """(hashed key, plain key) from executed solution notebooks {lesson number: nb}."""
    hashed, plain = {}, {}
    for number, nb in sorted(solutions.items()):
        name = f"solutions/{LESSONS[number].stem}.ipynb"
        for i, cell in enumerate(nb.cells):
            where = f"{name}, cell {i + 1}"
            if cell.cell_type == "code" and (call := check_call(cell.source)):
                qid, variable, decimals = call
                record = next((o["data"][MIME] for o in cell.get("outputs", [])
                               if MIME in o.get("data", {})), {})
                if "answer" not in record and "spec" not in record:
                    raise BuildError(f"{where}: the self-check of {qid} has no recorded answer. "
                                     "Run `python -m medialit build --execute` to execute the solutions.")
                entry, plain_entry = _computed(qid, record, decimals, cell, where)
                entry = {"lesson": number, "variable": variable, **entry}
                if hint := hint_for(nb, i):
                    entry["hint"] = hint
                _add(hashed, qid, entry, name)
                plain[qid] = {"lesson": number, "variable": variable, **plain_entry,
                              "prompt": prompt_before(nb, i)}
            elif has_tag(cell, "written-answer"):
                qid = cell.metadata.get("medialit", {}).get("question")
                if not qid:
                    raise BuildError(f"{where}: a written-answer cell needs "
                                     '"medialit": {"question": "NN.N"} in its metadata.')
                prompt = next((c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown"), "")
                _add(hashed, qid, {"lesson": number, "type": "written", "points": 0, "prompt": prompt,
                                   **_stretch(cell)}, name)
                plain[qid] = {"lesson": number, "type": "written", "answer": cell.source, "prompt": prompt,
                              **_marks(cell, where), **_stretch(cell)}
    return {"questions": hashed}, plain


def prompt_before(nb, i: int) -> str:
    """The question's text: the last Markdown cell before cell i."""
    return next((c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown"), "")


def _computed(qid: str, record: dict, decimals, cell, where: str) -> tuple[dict, dict]:
    """(hashed entry, plain entry) of one self-check from its recorded answer and its metadata.

    A chart is not scored automatically (points 0: its structure is feedback, its marks come
    from its rubric); a stretch item is not scored either.
    """
    kind, stretch = record["type"], _stretch(cell)
    if kind == "figure":
        if mistakes_of(cell, where):
            raise BuildError(f"{where}: a chart's self-check cannot list common mistakes.")
        return ({**key_entry(qid, record["spec"], kind), "points": 0, **stretch},
                {"type": kind, "spec": record["spec"], **_marks(cell, where), **stretch})
    entry = {**key_entry(qid, record["answer"], kind, decimals), "points": 0 if stretch else 1, **stretch}
    mistakes = _mistakes(qid, entry, cell, where)
    if mistakes:
        entry["mistakes"] = [mistake_entry(qid, value, m["message"]) for value, m in mistakes]
    plain_entry = {"type": kind, "answer": _readable(record["answer"], kind, decimals), **stretch}
    if mistakes:
        plain_entry["mistakes"] = [m for _, m in mistakes]
    return entry, plain_entry


def _mistakes(qid: str, entry: dict, cell, where: str) -> list[tuple]:
    """[(canonical value, mistake)] of a check cell's common mistakes, each checked: of the
    answer's type, and not accepted as correct (the tolerance must be tighter than the mistake)."""
    found = []
    for mistake in mistakes_of(cell, where):
        try:
            value = canonical(as_plain(mistake["answer"], entry["type"]), entry["type"], entry.get("decimals"))
        except AnswerTypeError as err:
            raise BuildError(f"{where}: the common mistake {mistake['answer']!r} is not an answer of this "
                             f"question's type ({err})") from None
        if verdict(qid, mistake["answer"], entry).correct:
            extra = (f": it is within the tolerance ({tolerance(entry)}); give check() a larger "
                     "decimals=" if entry["type"] == "number" else "")
            raise BuildError(f"{where}: the common mistake {mistake['answer']!r} would be accepted as "
                             f"correct{extra}.")
        found.append((value, mistake))
    return found


def _marks(cell, where: str) -> dict:
    """{"rubric": [...], "points": n} from a cell's metadata, or {} when it has no rubric."""
    found = rubric_of(cell, where)
    return {"rubric": found[0], "points": found[1]} if found else {}


def _stretch(cell) -> dict:
    return {"stretch": True} if has_tag(cell, "stretch") else {}


def _add(key: dict, qid: str, entry: dict, name: str) -> None:
    if qid in key:
        raise BuildError(f"{name}: question {qid} appears twice; question ids must be unique.")
    key[qid] = entry


def _readable(answer, kind: str, decimals):
    if kind == "number":
        return answer / 10 ** (decimals if decimals is not None else 2)
    return answer


def prepare(root: Path, only: set[str] | None, strict: bool, log) -> dict[tuple[Lesson, str], object]:
    """notebooks/ and solutions/ put through SOURCE_STEPS, {(lesson, kind): nb}. Warnings are
    logged; the house rules broken anywhere fail together in one BuildError unless not `strict`."""
    prepared, breaks = {}, []
    for kind in ("lesson", "solution"):
        for lesson in lessons_with(kind, root, only):
            path = lesson.path(kind, root)
            ctx = Context(lesson, kind, str(path.relative_to(root)), root)
            prepared[lesson, kind] = run_steps(read(path), SOURCE_STEPS, ctx)
            for warning in ctx.warnings + ([] if strict else ctx.breaks):
                log(f"warning: {warning}")
            breaks += ctx.breaks
    if strict and breaks:
        raise BuildError(f"the house rules are broken in {len(breaks)} place{'s' * (len(breaks) > 1)} "
                         "(`python -m medialit build --draft` builds anyway, with warnings):\n  "
                         + "\n  ".join(breaks))
    return prepared


def build(root: Path = ROOT, check: bool = False, run: bool = False, only: set[str] | None = None,
          log=print, strict: bool = True) -> list[str]:
    """Build (or, with check=True, verify) exercises/ and the keys. Returns the stale paths.

    strict=False turns the house rules (line length, region size) into warnings, for drafts.
    """
    outputs: dict[Path, str] = {}
    solutions = {}
    for (lesson, kind), nb in prepare(root, only, strict, log).items():
        path = lesson.path(kind, root)
        if run:
            log(f"executing {path.relative_to(root)}")
            nb = execute(nb, path.parent)
            if not check:
                path.write_text(dumps(nb), encoding="utf-8")
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
    outputs[root / RUBRICS] = rubrics_markdown(plain)
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
