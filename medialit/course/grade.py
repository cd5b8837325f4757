"""`python -m medialit grade SUBMISSIONS... --out DIR`: grade a class, fairly and safely.

0. zygote.kept_warm: a warm process starts (imports done) before any submission is read (and is
   kept for the next batch this Python process grades);
1. submissions.find (once) and read: which files, whose, which lesson, the plan; files that
   cannot run get a status;
2. pool.run_all: the warm process forks each runnable submission into its own walled-off process
   (isolation.py; runners.py: the fork path, or a real kernel with --kernel) that receives only its
   own job; its answers come back as plain data only (protocol.py);
3. here: status_of (how the run ended) and scores (verdicts with answers.verdict() against the
   grader's own key, in the grader's process): one row per submission a teacher can read;
4. outputs.write: grades.csv, answers_long.csv, written_answers.html, summary.html, feedback
   pages, written_marks.csv and gradebook exports.
"""
from __future__ import annotations

import signal
from dataclasses import dataclass, field

from ..answers import Verdict, answer_key, verdict
from . import submissions as subs_mod
from .charts import chart_images
from .sandbox import unplain

STATUSES = {
    "graded": "ran to the end; answers compared with the key",
    "no answers": "ran, but no question is answered (a blank exercise?)",
    "timeout": "ran out of time; answers captured before that are graded",
    "memory limit": "used more memory than allowed; answers captured are graded",
    "crashed": "the process died (os._exit, a crash, a dead kernel); answers captured before are graded",
    "unreadable": "not valid JSON or not a notebook",
    "not an exercise": "a notebook, but not the course's exercise (another tool, or a solution)",
    "wrong lesson": "another lesson's notebook than its name says, or a lesson not in the key",
    "duplicate of …": "the same file as another student's (a symlink or link): graded in that row only",
}
SIGNALS = {signal.SIGKILL: "killed", signal.SIGSEGV: "segmentation fault", signal.SIGXCPU: "CPU time limit",
           signal.SIGABRT: "aborted", signal.SIGXFSZ: "file size limit"}


@dataclass
class Row:
    """One submission's result."""

    student: str
    lesson: str
    file: str
    status: str
    detail: str = ""
    score: int = 0
    possible: int = 0
    verdicts: dict = field(default_factory=dict)   # question: Verdict (computed questions)
    written: dict = field(default_factory=dict)    # question: text ('' when blank)
    answers: dict = field(default_factory=dict)    # question: the value sent back (plain tree), for feedback
    charts: dict = field(default_factory=dict)     # question: [base64 PNG] of its chart cells (charts.py)


def question_order(qid: str):
    """Sort key of a question id: "02.10" after "02.9"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(qid).split("."))


def lesson_questions(key: dict, lesson: str) -> dict[str, dict]:
    return {q: key[q] for q in sorted(key, key=question_order) if key[q].get("lesson") == lesson}


def _verdict_of(qid: str, got: dict | None, entry: dict, why_missing: str) -> Verdict:
    if got is None:
        return Verdict("unanswered", why_missing)
    if "missing" in got:
        return Verdict("unanswered", f"`{got['missing']}` is not defined: its cell did not run, "
                                     "or the name was changed.")
    if "refused" in got:
        return Verdict("invalid", f"Not plain data: the answer is {got['refused']}.")
    try:
        value = unplain(got["value"])
    except Exception:  # a malformed tree (KeyError, ValueError, TypeError, RecursionError...)
        return Verdict("invalid", "The answer could not be read as plain data.")
    return verdict(qid, value, entry)


def _describe_end(outcome, timeout: float) -> str:
    where = f" in cell {outcome.cell}" if outcome.cell else ""
    if outcome.killed or outcome.signal == signal.SIGXCPU:
        return f"stopped after {timeout:g} s of CPU time{where}: an endless loop, or very slow code"
    if outcome.signal:
        name = SIGNALS.get(outcome.signal, f"signal {outcome.signal}")
        return f"the process died ({name}){where}"
    return (f"the process ended{where} (exit code {outcome.exit_code}) before the end: "
            "os._exit(), a crash, or the kernel died")


def status_of(outcome, timeout: float, memory_mb: int) -> tuple[str, str]:
    """(status, how the run ended) from what the run sent back and how its process ended;
    ("graded", "") for a run that got to the end. The status before answers are looked at:
    `no answers` is decided with the scores (row_for)."""
    finished = outcome.finished is not None
    names = [name for _, name in outcome.errors]
    where = f" in cell {outcome.cell}" if outcome.cell else ""
    if outcome.overflow:
        return "crashed", "sent back more data than the grader reads (16 MB)"
    if finished and outcome.finished.get("timeout"):
        return "timeout", f"ran out of its {timeout:g} s of CPU time{where}; the cells after it did not run"
    if not finished and (outcome.killed or outcome.signal == signal.SIGXCPU):
        return "timeout", _describe_end(outcome, timeout)
    if "MemoryError" in names:
        cells = sorted({n for n, name in outcome.errors if name == "MemoryError"})
        return "memory limit", (f"cell {', '.join(map(str, cells))} needed more than {memory_mb} MB"
                                + ("" if finished else "; then " + _describe_end(outcome, timeout)))
    if not finished:
        return "crashed", _describe_end(outcome, timeout)
    return "graded", ""


def scores(questions: dict, answers: dict, stopped: str) -> tuple[dict, list[str]]:
    """({question: Verdict} of the computed questions, notes) from the captured `answers`;
    `stopped` is the status of a run that ended early (its missing answers say so)."""
    missing = f"Not graded: the run stopped before this answer ({stopped})."
    verdicts, notes = {}, []
    for qid, entry in questions.items():
        if entry["type"] == "written":
            continue
        got = answers.get(qid)
        verdicts[qid] = _verdict_of(qid, got, entry, missing)
        if isinstance(got, dict) and got.get("via"):
            notes.append(f"{qid} read from `{str(got['via'])[:40]}`, the variable its check cell names "
                         f"(the key's is `{entry.get('variable')}`)")
    return verdicts, notes


def row_for(sub, outcome, key: dict, timeout: float, memory_mb: int) -> Row:
    """The row of a submission from what its run sent back: status_of, then scores."""
    questions = lesson_questions(key, sub.lesson)
    computed = {q: e for q, e in questions.items() if e["type"] != "written"}
    status, end = status_of(outcome, timeout, memory_mb)
    verdicts, notes = scores(questions, outcome.answers, status)
    row = Row(sub.student, sub.lesson, sub.file, status, verdicts=verdicts,
              possible=sum(int(e.get("points", 1)) for e in computed.values()))
    row.written = {q: text for q, text in sub.written.items() if q in questions}
    row.answers = {q: got["value"] for q, got in outcome.answers.items()
                   if q in computed and isinstance(got, dict) and "value" in got}
    row.charts = chart_images(sub.cells, [q for q, e in questions.items() if e["type"] == "figure"])
    for qid, entry in questions.items():
        if entry["type"] == "written":
            row.written.setdefault(qid, "")
    row.score = sum(int(computed[q].get("points", 1)) for q, v in row.verdicts.items() if v.correct)
    answered = [v for q, v in row.verdicts.items()  # a chart the cell drew is not an answer yet
                if v.status != "unanswered" and computed[q]["type"] != "figure"]
    answered += [t for t in row.written.values() if t]
    if row.status == "graded" and not answered:
        row.status = "no answers"
    errors = [f"{n} ({name})" for n, name in outcome.errors
              if name not in ("GradingTimeout",) and not (row.status == "memory limit" and name == "MemoryError")]
    parts = [end] if end else []
    if errors:
        parts.append("errors in cell " + ", ".join(errors))
    row.detail = "; ".join(parts + list(sub.notes) + notes)
    return row


def failed_row(sub, key: dict) -> Row:
    questions = lesson_questions(key, sub.lesson) if sub.status != "wrong lesson" else {}
    possible = sum(int(e.get("points", 1)) for e in questions.values() if e["type"] != "written")
    return Row(sub.student, sub.lesson, sub.file, sub.status, "; ".join([sub.detail, *sub.notes]),
               0, possible)


def secrets(arguments: list[str], out: str | None) -> list[str]:
    """What a submission may not read: the solutions and the repository's history, the folders
    of the submissions (other students' work) and the grades."""
    from pathlib import Path

    from .lessons import ROOT

    paths = [ROOT / "solutions", ROOT / ".git"]
    for arg in arguments:
        path = Path(arg).resolve()
        paths.append(path if path.is_dir() else path.parent)
    if out:
        paths.append(Path(out).resolve())
    return sorted({str(p) for p in paths})


WALLED = ("Isolation: every submission ran walled off by the operating system (Linux namespaces: "
          "only its own notebook and a scratch folder, no network, no other process), with CPU-time "
          "and memory limits it cannot raise.")
HOOK_ONLY = ("Isolation: Python audit hook only — Linux namespaces are not available here ({reason}). "
             "Submissions ran with limits and the hook, which stops accidents and casual cheating but "
             "not a determined student: see docs/grading.md, Limits.")


def isolation_line(reason: str | None) -> str:
    """The sentence the terminal and summary.html show about how submissions were walled off."""
    return WALLED if reason is None else HOOK_ONLY.format(reason=reason)


def grade(arguments: list[str], jobs: int, timeout: float, memory_mb: int, kernel: bool = False,
          progress=None, key: dict | None = None, out: str | None = None, found=None,
          notes: list | None = None) -> list[Row]:
    """Grade every submission named by `arguments` (or the `found` list of submissions.find);
    one row each, sorted. Raises FileNotFoundError when nothing is found. Appends the isolation
    line to `notes`, when given."""
    from .pool import run_all
    from .protocol import Job
    from .zygote import kept_warm, readable_paths

    key = (key or answer_key())["questions"]
    hidden = secrets(arguments, out)
    runner = "kernel" if kernel else "fork"
    warm = kept_warm(runner, readable_paths(hidden))  # before any submission is read
    if found is None:
        found, missing = subs_mod.find(arguments)
        if missing:
            raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    if not found:
        raise FileNotFoundError("no notebooks (*.ipynb) found in " + ", ".join(arguments))
    if notes is not None:
        notes.append(isolation_line(warm.reason))
    for sub in found:
        if not sub.status:
            subs_mod.read(sub, key)
    _note_duplicates(found)
    job_list, runnable = [], []
    for sub in found:
        if sub.status:
            continue
        try:
            variables = {q: e["variable"] for q, e in lesson_questions(key, sub.lesson).items()
                         if e["type"] != "written" and e.get("variable")}
            job = Job(len(runnable), subs_mod.plan(sub), variables, timeout, memory_mb, hidden)
        except Exception as err:  # one bad file never stops the batch
            sub.status, sub.detail = "unreadable", f"the grader could not plan it ({type(err).__name__})"
            continue
        job_list.append(job)
        runnable.append(sub)
    outcomes = run_all(warm, job_list, jobs, timeout, runner, progress=progress) if job_list else {}
    rows = []
    for i, sub in enumerate(runnable):
        try:
            rows.append(row_for(sub, outcomes[i], key, timeout, memory_mb))
        except Exception as err:
            sub.status, sub.detail = "crashed", f"the grader could not read its answers ({type(err).__name__})"
    rows += [failed_row(s, key) for s in found if s.status]
    return sorted(rows, key=lambda r: (r.student.casefold(), r.student, r.lesson, r.file))


def _note_duplicates(found) -> None:
    seen: dict[tuple, list] = {}
    for sub in found:
        if not sub.status:
            seen.setdefault((sub.student, sub.lesson), []).append(sub)
    for group in seen.values():
        if len(group) > 1:
            for sub in group:
                others = ", ".join(o.file for o in group if o is not sub)
                sub.notes.append(f"the same student and lesson also in {others}")
