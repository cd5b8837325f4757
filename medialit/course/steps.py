"""The build as a chain of small steps; each takes a notebook (nbformat node) and returns it.

>>> from medialit.course.steps import EXERCISE_STEPS
>>> [step.__class__.__name__ for step in EXERCISE_STEPS][:2]
['ValidateMarkers', 'ValidateChecks']
"""
from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks import MIME, _check
from .lessons import LESSONS, Lesson

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
CHECK_OUTPUT = "nbval-check-output"
TAGS = {"check", "written-answer", "instructor", "nav", CHECK_OUTPUT}
WRITTEN_PLACEHOLDER = "**Your answer:** _double-click this cell, write your answer here, then press Shift+Enter._"


class BuildError(ValueError):
    """Bad markup in a solution notebook; the message names the notebook and the cell."""


@dataclass
class Context:
    lesson: Lesson
    kind: str          # "lesson", "solution" or "exercise"
    name: str          # for messages, e.g. "solutions/01_anatomy_of_an_article.ipynb"
    root: Path


def tags(cell) -> list[str]:
    return cell.setdefault("metadata", {}).setdefault("tags", [])


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
        if not names:
            return ["# Your code here"]
        return [f"{name} = ...  # your answer" for name in names]


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
        for count, cell in enumerate(code, start=1):
            call = check_call(cell.source)
            cell.execution_count = count if call else None
            cell.outputs = [self.blank_output(call[0])] if call else []
        return nb

    @staticmethod
    def blank_output(question: str):
        message, record = _check(question, ..., None)
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


SOURCE_STEPS = [ValidateMarkers(), ValidateChecks(), TagCells(), StripTimings(), MarkKind(), Navigate()]
EXERCISE_STEPS = [ValidateMarkers(), ValidateChecks(), DropInstructorCells(), ClearSolutions(), ClearWrittenAnswers(),
                  ClearOutputs(), TagCells(), MarkKind(), Navigate()]


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
