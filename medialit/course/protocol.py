"""What the grader and a submission's process say to each other: data only, with size caps.

The grader hands the child a `Job` (its plan: `Run` and `Capture` steps, the variables to read,
the limits) as JSON. The child answers with lines on its channel, one message a line:

    C 4                          code cell 4 started
    E 4 ZeroDivisionError        code cell 4 raised
    A 01.1 {"value": ["i", 13]}  one captured answer (see sandbox.plain)
    R {"timeout": false}         the end of the plan

The grader treats every line as untrusted data (the student's code runs in the process that
writes them): no message can make the grader signal, kill or open anything. An answer longer
than ANSWER_CAP bytes is `refused` (invalid, that answer only) and not kept; past READ_CAP bytes
of kept messages, the grader stops reading (`overflow`).

>>> reader = Reader(); reader.feed(b'C 3\\nA 01.1 {"value": ["i", 13]}\\nR {"timeout": false}\\n')
>>> reader.outcome.cell, reader.outcome.answers, reader.outcome.finished
(3, {'01.1': {'value': ['i', 13]}}, {'timeout': False})
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

ANSWER_CAP = 1024 * 1024           # bytes of one answer's JSON
READ_CAP = 16 * 1024 * 1024        # bytes of one submission's messages
TOO_LARGE = "an answer that is too large (over 1 MB of data)"


@dataclass(frozen=True)
class Run:
    """Run code cell `number` (1-based, as the notebook counts)."""

    number: int
    source: str


@dataclass(frozen=True)
class Capture:
    """Read the answers of `questions` ({id: the variable the student's check cell names})."""

    questions: dict


@dataclass
class Job:
    """One submission's run: what the child receives, and nothing else."""

    ident: int
    steps: list
    variables: dict                       # {question: the variable the key names}
    timeout: float = 60.0                 # seconds of CPU time
    memory_mb: int = 1024
    secrets: list = field(default_factory=list)  # paths the audit hook refuses (second layer)

    def to_json(self) -> bytes:
        steps = [["run", s.number, s.source] if isinstance(s, Run) else ["capture", s.questions]
                 for s in self.steps]
        return json.dumps({"ident": self.ident, "steps": steps, "variables": self.variables,
                           "timeout": self.timeout, "memory_mb": self.memory_mb,
                           "secrets": self.secrets}).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "Job":
        raw = json.loads(data)
        steps = [Run(s[1], s[2]) if s[0] == "run" else Capture(s[1]) for s in raw.pop("steps")]
        return cls(steps=steps, **raw)


@dataclass
class Outcome:
    """What the grader learnt from one child: its messages, and how its process ended."""

    answers: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)   # [cell number, exception name]
    cell: int | None = None                       # the last code cell started
    finished: dict | None = None                  # the R message, when the child got to the end
    killed: bool = False                          # stopped by the grader's wall-clock backstop
    overflow: bool = False                        # sent more than READ_CAP
    exit_code: int | None = None
    signal: int | None = None
    seconds: float = 0.0


class Reader:
    """The grader's side of a channel: feed it bytes as they come; it fills `outcome`."""

    def __init__(self):
        self.outcome = Outcome()
        self.partial = bytearray()
        self.total = 0
        self.skipping = False   # inside a line longer than the cap

    def feed(self, chunk: bytes) -> None:
        if self.outcome.overflow:
            return
        *lines, rest = (bytes(self.partial) + chunk).split(b"\n")
        for line in lines:
            if self.skipping:  # the end of a line too long to keep: not counted, not read
                self.skipping = False
                continue
            self.total += len(line) + 1
            if self.total > READ_CAP:
                self.outcome.overflow = True
                return
            self.line(line)
        self.partial = bytearray(rest)
        if len(self.partial) > ANSWER_CAP + 64:
            if not self.skipping:
                self._too_large(bytes(self.partial[:64]))
            self.skipping = True
            self.partial = bytearray()

    def _too_large(self, start: bytes) -> None:
        tag, _, rest = start.partition(b" ")
        if tag == b"A":
            qid = rest.partition(b" ")[0].decode("utf-8", "replace")[:20]
            self.outcome.answers.setdefault(qid, {"refused": TOO_LARGE})

    def line(self, raw: bytes) -> None:
        """One message; a malformed one is ignored."""
        if len(raw) > ANSWER_CAP + 64:
            return self._too_large(raw[:64])
        tag, _, rest = raw.decode("utf-8", "replace").partition(" ")
        out = self.outcome
        try:
            if tag == "C":
                out.cell = int(rest)
            elif tag == "E":
                number, _, name = rest.partition(" ")
                out.errors.append([int(number), name[:80]])
            elif tag == "A":
                qid, _, data = rest.partition(" ")
                got = json.loads(data)
                if isinstance(got, dict) and qid:
                    out.answers.setdefault(qid[:20], got)
            elif tag == "R":
                done = json.loads(rest)
                out.finished = done if isinstance(done, dict) else {}
        except Exception:  # ValueError, RecursionError...: not a message of ours
            pass


def make_sender(fd: int, dumps):
    """The child's side: `send(tag, *parts)` writes one message to `fd`. Built from functions bound
    now (a student who patches os or this module later does not change it). An answer whose JSON
    is over ANSWER_CAP is sent as refused."""
    write, encode, len_, cap = os.write, str.encode, len, ANSWER_CAP
    refused = dumps({"refused": TOO_LARGE})

    def send(line: str) -> None:
        view = memoryview(encode(line, "utf-8", "replace") + b"\n")
        while view:
            view = view[write(fd, view):]

    def cell(number: int) -> None:
        send(f"C {number}")

    def error(number: int, name: str) -> None:
        send(f"E {number} {name}")

    def answers(new: dict) -> None:
        for qid, got in new.items():
            data = dumps(got)
            send(f"A {qid} {data if len_(data) <= cap else refused}")

    def end(timed_out: bool) -> None:
        send("R " + dumps({"timeout": timed_out}))

    return cell, error, answers, end
