"""The students' self-check: `check("01.1", answer)` prints a verdict and, if wrong, a hint.

It never raises and never shows the answer. A wrong answer that the key lists as a common
mistake gets that mistake's own message; a chart (`check("03.6", fig)`) is compared with the
solution's on its structure only (see medialit.figures).

>>> check("01.1", ...)
◻ 01.1 — not answered yet. Replace the ... with your answer and run the cell again.
"""
from __future__ import annotations

from .answers import AnswerTypeError, answer_key, as_plain, canonical, infer_type, verdict
from .friendly import install as _friendly_errors

MIME = "application/vnd.medialit.check+json"
SYMBOLS = {"correct": "✓", "incorrect": "✗", "unanswered": "◻", "invalid": "!", "unknown": "?"}
HEADINGS = {"correct": "correct.", "incorrect": "not yet.", "unanswered": "not answered yet.",
            "invalid": "not the right kind of answer.", "unknown": "unknown question."}


def check(question: str, answer, *, decimals: int | None = None) -> None:
    """Print whether `answer` to `question` is right, with a hint when it is not.

    `decimals` states the tolerance of a number answer (2: within about 0.01). A pandas Series
    or Index, a tuple or an array counts as a list, any mapping as a dict (answers.as_plain).
    """
    try:
        message, record = _check(str(question), answer, decimals)
    except Exception as err:  # a self-check must never stop a student's notebook
        message = f"? {question} — the check could not run ({type(err).__name__}); ask your teacher."
        record = {"question": str(question), "status": "error"}
    _show(message, record)


def _check(question: str, answer, decimals: int | None) -> tuple[str, dict]:
    entry = answer_key()["questions"].get(question)
    result = verdict(question, answer, entry)
    parts = [f"{SYMBOLS[result.status]} {question} — {HEADINGS[result.status]}"]
    if result.feedback:
        parts.append(result.feedback)
    if result.status in ("incorrect", "invalid") and entry and entry.get("hint"):
        parts.append(f"Hint: {entry['hint']}")
    kind = entry.get("type") if entry else None
    record = _record(answer, decimals, kind) if result.status != "unanswered" else {}
    return " ".join(parts), {"question": question, "status": result.status, **record}


def _record(answer, decimals: int | None, kind: str | None = None) -> dict:
    """The answer as plain data, for `python -m medialit build` to read from a solution.

    `kind`, the key's type when the question is already in it, lets a Series stand for a dict."""
    if answer is Ellipsis:
        return {}
    try:
        from .figures import describe, figure_of, spec

        if (fig := figure_of(answer)) is not None:
            return {"type": "figure", "spec": spec(describe(fig))}
        answer = as_plain(answer, kind)
        kind = infer_type(answer)
        return {"type": kind, "decimals": decimals, "answer": canonical(answer, kind, decimals)}
    except (AnswerTypeError, ValueError):
        return {}


def _show(message: str, record: dict) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with the kit
        get_ipython = lambda: None  # noqa: E731
    if get_ipython() is None:
        print(message)
        return
    display({"text/plain": message, MIME: record}, raw=True)


_friendly_errors()  # in a notebook: a plain-language note under NameError and SyntaxError
