"""The steps of `python -m medialit build`, in order; each takes a notebook (nbformat node) and
returns it. The build (build.py) holds the two chains: SOURCE_STEPS for notebooks/ and solutions/,
EXERCISE_STEPS for writing exercises/ from a solution.

>>> from medialit.course.build_steps import EXERCISE_STEPS
>>> [step.__class__.__name__ for step in EXERCISE_STEPS][:2]
['ValidateMarkers', 'ValidateChecks']
"""
from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..answers import answer_key
from ..checks import MIME, _check
from .lessons import LESSONS, Lesson

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CHECK_OUTPUT = "nbval-check-output"
TAGS = {"check", "written-answer", "instructor", "nav", "stretch", CHECK_OUTPUT}
MAX_LINE = 88          # characters in a code line of a student-facing notebook
MAX_REGION = 2         # code lines in the solution region of a non-stretch question
KEY_METADATA = ("mistakes", "rubric", "points")  # cell metadata for the keys only, never in exercises
WRITTEN_PLACEHOLDER = "**Your answer:** _double-click this cell, write your answer here, then press Shift+Enter._"


class BuildError(ValueError):
    """Bad markup in a solution notebook; the message names the notebook and the cell."""


@dataclass
class Context:
    lesson: Lesson
    kind: str          # "lesson", "solution" or "exercise"
    name: str          # for messages, e.g. "solutions/01_anatomy_of_an_article.ipynb"
    root: Path
    warnings: list = field(default_factory=list)   # messages the build prints, e.g. "no rubric"
    breaks: list = field(default_factory=list)     # house rules broken: the build fails unless --draft


def tags(cell) -> list[str]:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


def has_tag(cell, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def set_tag(cell, tag: str, on: bool = True) -> None:
    current = tags(cell)
    if on and tag not in current:
        current.append(tag)
        current.sort()
    if not on and tag in current:
        current.remove(tag)
    if not current:
        del cell.metadata["tags"]


def check_call(source: str) -> tuple[str, str, int | None] | None:
    """(question, variable, decimals) when a cell is exactly one `check("id", name)` call."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"
            and len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str) and isinstance(call.args[1], ast.Name)):
        return None
    decimals = next((kw.value.value for kw in call.keywords
                     if kw.arg == "decimals" and isinstance(kw.value, ast.Constant)), None)
    return call.args[0].value, call.args[1].id, decimals


class Step:
    """One step of the build. Subclasses implement `cell` or override `__call__`."""

    def __call__(self, nb, ctx: Context):
        for i, cell in enumerate(nb.cells):
            self.cell(cell, i, ctx)
        return nb

    def cell(self, cell, index: int, ctx: Context) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class ValidateMarkers(Step):
    """Fail loudly on nested, unterminated or stray solution markers."""

    def cell(self, cell, index, ctx):
        lines = [line.strip() for line in cell.source.splitlines()]
        where = f"{ctx.name}, cell {index + 1}"
        if cell.cell_type != "code":
            if BEGIN in lines or END in lines:
                raise BuildError(f"{where}: solution markers belong in code cells; use the "
                                 "'written-answer' tag for a written answer.")
            return
        depth = 0
        for line in lines:
            if line == BEGIN:
                if depth:
                    raise BuildError(f"{where}: '{BEGIN}' inside another solution region.")
                depth = 1
            elif line == END:
                if not depth:
                    raise BuildError(f"{where}: '{END}' without a '{BEGIN}' before it.")
                depth = 0
        if depth:
            raise BuildError(f"{where}: '{BEGIN}' is never closed by '{END}'.")


class ValidateChecks(Step):
    """A self-check must be a cell of its own, exactly `check("NN.K", variable)`."""

    def cell(self, cell, index, ctx):
        if cell.cell_type != "code" or "check(" not in cell.source or check_call(cell.source):
            return
        try:
            calls = [n for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Call)
                     and isinstance(n.func, ast.Name) and n.func.id == "check"]
        except SyntaxError:
            return
        if calls:
            raise BuildError(f"{ctx.name}, cell {index + 1}: a self-check must be a cell of its own, "
                             'exactly check("NN.K", variable_name) — the grader reads the variable.')


class ValidateStretch(Step):
    """A self-check and the answer cell before it (the last code cell with a solution region) are
    both tagged `stretch` or neither: a long answer must not be scored, nor a stretch one half."""

    def __call__(self, nb, ctx):
        answer = None
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if BEGIN in cell.source:
                answer = cell
            elif (call := check_call(cell.source)) and answer is not None:
                if has_tag(answer, "stretch") != has_tag(cell, "stretch"):
                    raise BuildError(f"{ctx.name}, cell {i + 1}: the self-check of {call[0]} and its answer "
                                     "cell must both be tagged `stretch`, or neither.")
                answer = None
        return nb


def region_lengths(source: str) -> list[int]:
    r"""Code lines (not blank, not comments) of each solution region in `source`.

    >>> region_lengths("x = 1\n### BEGIN SOLUTION\n# why\na = 2\n\nb = a\n### END SOLUTION")
    [2]
    """
    lengths, region = [], None
    for line in source.splitlines():
        if line.strip() == BEGIN:
            region = 0
        elif line.strip() == END and region is not None:
            lengths.append(region)
            region = None
        elif region is not None and line.strip() and not line.strip().startswith("#"):
            region += 1
    return lengths


def shape_problems(nb, name: str, kind: str) -> list[str]:
    """The house rules a notebook breaks, one message each ([] when none):
    code lines of student-facing cells over MAX_LINE characters (notebooks/, and solutions/ cells
    that reach exercises/), and non-stretch solution regions over MAX_REGION code lines."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or has_tag(cell, "instructor"):
            continue
        for n, line in enumerate(cell.source.splitlines(), start=1):
            if len(line) > MAX_LINE:
                problems.append(f"{name}, cell {i + 1}, line {n}: {len(line)} characters; "
                                f"student-facing code lines have at most {MAX_LINE}.")
        if kind == "solution" and not has_tag(cell, "stretch"):
            for length in region_lengths(cell.source):
                if length > MAX_REGION:
                    problems.append(f"{name}, cell {i + 1}: the solution region has {length} code lines; "
                                    f"a scored question's has at most {MAX_REGION} (a longer one is a "
                                    "Stretch item: tag its cells `stretch`).")
    return problems


class ValidateShape(Step):
    """Collect the house rules a notebook breaks (line length, solution region size) in ctx.breaks:
    the build fails on them, or prints them as warnings with --draft."""

    def __call__(self, nb, ctx):
        ctx.breaks.extend(shape_problems(nb, ctx.name, ctx.kind))
        return nb


def rubric_of(cell, where: str) -> tuple[list[dict], int] | None:
    """(rubric, points) from a cell's metadata, checked; None when the cell has no rubric.

    A rubric is a list of {"criterion": text, "points": whole number > 0}; "points", when given,
    is their sum.
    """
    meta = cell.get("metadata", {}).get("medialit", {})
    rubric = meta.get("rubric")
    if rubric is None:
        return None
    if not isinstance(rubric, list) or not rubric or not all(
            isinstance(r, dict) and isinstance(r.get("criterion"), str) and r["criterion"].strip()
            and type(r.get("points")) is int and r["points"] > 0 for r in rubric):
        raise BuildError(f'{where}: "rubric" must be a list of {{"criterion": "...", "points": 1}} '
                         "(a criterion in words, a whole number of points above 0).")
    total = sum(r["points"] for r in rubric)
    if meta.get("points", total) != total:
        raise BuildError(f'{where}: "points" is {meta["points"]} but the rubric\'s criteria add up to {total}.')
    return [dict(r) for r in rubric], total


def mistakes_of(cell, where: str) -> list[dict]:
    """The common mistakes listed in a check cell's metadata: [{"answer": ..., "message": ...}].
    A mistake derived from the data also carries `"computed": "<expression>"`: `build --execute`
    evaluates it in the solution and keeps `answer` up to date."""
    mistakes = cell.get("metadata", {}).get("medialit", {}).get("mistakes", [])
    if not isinstance(mistakes, list) or not all(
            isinstance(m, dict) and "answer" in m and isinstance(m.get("message"), str)
            and m["message"].strip() for m in mistakes):
        raise BuildError(f'{where}: "mistakes" must be a list of {{"answer": ..., "message": "..."}}, '
                         "each with the wrong answer and the message a student who gives it reads.")
    return [dict(m) for m in mistakes]


class ValidateKeyMetadata(Step):
    """Rubrics and mistakes well formed; a written answer without a rubric is a warning."""

    def cell(self, cell, index, ctx):
        where = f"{ctx.name}, cell {index + 1}"
        rubric = rubric_of(cell, where)
        mistakes_of(cell, where)
        if has_tag(cell, "written-answer") and rubric is None:
            ctx.warnings.append(f'{where}: the written answer has no rubric ("medialit": {{"rubric": '
                                '[{"criterion": "...", "points": 1}]}): teachers mark it without one.')


class StripKeyMetadata(Step):
    """Remove what only the keys may hold (mistakes, rubric, points) from a cell's metadata."""

    def cell(self, cell, index, ctx):
        meta = cell.get("metadata", {}).get("medialit")
        if isinstance(meta, dict):
            for key in KEY_METADATA:
                meta.pop(key, None)
            if not meta:
                del cell.metadata["medialit"]


class TagCells(Step):
    """Tag self-check cells `check`; tag code cells whose outputs nbval must compare."""

    def cell(self, cell, index, ctx):
        if cell.cell_type != "code":
            return
        is_check = check_call(cell.source) is not None
        set_tag(cell, "check", is_check)
        set_tag(cell, CHECK_OUTPUT, ctx.kind != "exercise" or is_check)


class DropInstructorCells(Step):
    """Remove the cells tagged `instructor`."""

    def __call__(self, nb, ctx):
        nb.cells = [c for c in nb.cells if "instructor" not in c.get("metadata", {}).get("tags", [])]
        return nb


class ClearSolutions(Step):
    """Replace each solution region with `name = ...` for the names the notebook checks."""

    def __call__(self, nb, ctx):
        checked = {call[1] for c in nb.cells if c.cell_type == "code" and (call := check_call(c.source))}
        for cell in nb.cells:
            if cell.cell_type == "code" and BEGIN in cell.source:
                cell.source = self.clear(cell.source, checked)
        return nb

    @staticmethod
    def clear(source: str, checked: set[str]) -> str:
        out, region = [], None
        for line in source.splitlines():
            if line.strip() == BEGIN:
                region, indent = [], line[: len(line) - len(line.lstrip())]
            elif line.strip() == END:
                out.extend(indent + p for p in ClearSolutions.placeholder("\n".join(region), checked))
                region = None
            elif region is not None:
                region.append(line[len(indent):] if line.startswith(indent) else line)
            else:
                out.append(line)
        return "\n".join(out)

    @staticmethod
    def placeholder(code: str, checked: set[str]) -> list[str]:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            tree = ast.Module(body=[], type_ignores=[])
        names = []
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
            names += [t.id for t in targets if isinstance(t, ast.Name) and t.id in checked]
        names = list(dict.fromkeys(names))
        notes = [line for line in code.splitlines() if line.lstrip().startswith("#")]  # instructions stay
        if not names:
            return notes or ["# Your code here"]
        return notes + [f"{name} = ...  # your answer" for name in names]


class ClearWrittenAnswers(Step):
    """Empty the Markdown cells tagged `written-answer`, leaving a prompt to write in."""

    def cell(self, cell, index, ctx):
        if "written-answer" in cell.get("metadata", {}).get("tags", []):
            cell.source = WRITTEN_PLACEHOLDER


class ClearOutputs(Step):
    """Clear outputs; a self-check cell keeps the output it gives when blank, so that
    nbval can compare it (with the count it has after "Run all": nbval skips unrun cells)."""

    def __call__(self, nb, ctx):
        code = [c for c in nb.cells if c.cell_type == "code"]
        blanks = {m for c in code for m in re.findall(r"^\s*(\w+) = \.\.\.  # your answer$", c.source, re.M)}
        for count, cell in enumerate(code, start=1):
            call = check_call(cell.source)
            cell.execution_count = count if call else None
            cell.outputs = [self.blank_output(call[0], call[1] in blanks)] if call else []
        return nb

    @staticmethod
    def blank_output(question: str, placeholder: bool = True):
        """What the check prints in the blank exercise: `...` not answered yet, or, for a chart
        the cell draws for the student, that chart as drawn (its spec with nothing added)."""
        answer = ...
        entry = answer_key()["questions"].get(question, {})
        if not placeholder and entry.get("type") == "figure":
            answer = {**dict.fromkeys(("title", "xlabel", "ylabel"), ""), "n_axes": 1,
                      **{k: v for k, v in entry.get("spec", {}).items() if k.startswith("n_")},
                      "horizontal": entry.get("spec", {}).get("horizontal", False),
                      "from_zero": entry.get("spec", {}).get("from_zero", True)}
        message, record = _check(question, answer, None)
        import nbformat  # imported when needed: it costs ~2 s, and the grader only needs check_call

        return nbformat.v4.new_output("display_data", data={"text/plain": message, MIME: record})


class StripTimings(Step):
    """Drop the execution timestamps nbclient records, so stored notebooks change only with content."""

    def cell(self, cell, index, ctx):
        cell.get("metadata", {}).pop("execution", None)


class MarkKind(Step):
    """Record lesson and kind in the notebook metadata (the grader reads it)."""

    def __call__(self, nb, ctx):
        nb.metadata["medialit"] = {"lesson": ctx.lesson.number, "kind": ctx.kind}
        return nb


class Navigate(Step):
    """Keep a navigation cell at the top and bottom: previous | course map | next."""

    LABELS = {"lesson": "", "solution": "Solution ", "exercise": "Exercise "}

    def __call__(self, nb, ctx):
        nb.cells = [c for c in nb.cells if "nav" not in c.get("metadata", {}).get("tags", [])]
        text = self.links(ctx)
        for position, cell_id in ((0, "nav-top"), (len(nb.cells) + 1, "nav-bottom")):
            import nbformat

            cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": ["nav"]})
            cell.id = cell_id
            nb.cells.insert(position, cell)
        return nb

    def links(self, ctx: Context) -> str:
        present = [le for le in LESSONS.values() if le.path(ctx.kind, ctx.root).exists()]
        numbers = [le.number for le in present]
        at = numbers.index(ctx.lesson.number) if ctx.lesson.number in numbers else None
        label = self.LABELS[ctx.kind]
        parts = []
        if at is not None and at > 0:
            prev = present[at - 1]
            parts.append(f"[← {label}{prev.number} · {prev.title}]({prev.stem}.ipynb)")
        parts.append("[Course map](../notebooks/00_start_here.ipynb#Course-map)")
        if ctx.kind == "lesson" and LESSONS[ctx.lesson.number].path("exercise", ctx.root).exists():
            parts.append(f"[Exercises {ctx.lesson.number}](../exercises/{ctx.lesson.stem}.ipynb)")
        if ctx.kind == "exercise":
            parts.append(f"[Lesson {ctx.lesson.number}](../notebooks/{ctx.lesson.stem}.ipynb)")
        if at is not None and at + 1 < len(present):
            nxt = present[at + 1]
            parts.append(f"[{label}{nxt.number} · {nxt.title} →]({nxt.stem}.ipynb)")
        return " | ".join(parts)


SOURCE_STEPS = [ValidateMarkers(), ValidateChecks(), ValidateStretch(), ValidateKeyMetadata(), ValidateShape(),
                TagCells(), StripTimings(), MarkKind(), Navigate()]
EXERCISE_STEPS = [ValidateMarkers(), ValidateChecks(), DropInstructorCells(), ClearSolutions(), ClearWrittenAnswers(),
                  StripKeyMetadata(), ClearOutputs(), TagCells(), MarkKind(), Navigate()]


def run_steps(nb, steps, ctx: Context):
    """A copy of `nb` put through `steps` in order."""
    nb = copy.deepcopy(nb)
    for step in steps:
        nb = step(nb, ctx)
    return nb


HINT = re.compile(r"^[*_\s]*hint\s*[:.]?[*_]*\s*(.+)$", re.I | re.M)


def hint_for(nb, index: int) -> str | None:
    """The 'Hint: ...' line of the last Markdown cell before cell `index`, if any."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown" and "nav" not in cell.get("metadata", {}).get("tags", []):
            m = HINT.search(cell.source)
            return re.sub(r"[*_]+$", "", m.group(1)).strip() if m else None
    return None
