"""The grading path's parts, each on hand-made input, in milliseconds: how a run ended (status_of),
what its answers score (scores), the channel's reader, plan steps, names, CSV cells."""
import collections
import json
import signal

import pytest

from medialit.answers import answer_key
from medialit.course.grade import lesson_questions, row_for, scores, status_of
from medialit.course.protocol import ANSWER_CAP, READ_CAP, TOO_LARGE, Capture, Job, Outcome, Reader, Run
from medialit.course.sandbox import make_dumps, plain, unplain
from medialit.course.submissions import Submission, identify_name, plan

KEY = answer_key()["questions"]
DONE = {"timeout": False}


# --- status_of: how the run ended ------------------------------------------------------------

@pytest.mark.parametrize("outcome, status, words", [
    (Outcome(finished=DONE), "graded", ""),
    (Outcome(finished={"timeout": True}, cell=4), "timeout", "ran out of its 2 s of CPU time in cell 4"),
    (Outcome(signal=signal.SIGXCPU, cell=5), "timeout", "stopped after 2 s of CPU time in cell 5"),
    (Outcome(killed=True, signal=signal.SIGKILL), "timeout", "stopped after 2 s"),
    (Outcome(finished=DONE, errors=[[3, "MemoryError"]]), "memory limit", "cell 3 needed more than 300 MB"),
    (Outcome(errors=[[3, "MemoryError"]], signal=signal.SIGKILL), "memory limit", "then the process died (killed)"),
    (Outcome(exit_code=3, cell=7), "crashed", "in cell 7 (exit code 3)"),
    (Outcome(signal=signal.SIGSEGV), "crashed", "segmentation fault"),
    (Outcome(finished=DONE, overflow=True), "crashed", "more data than the grader reads"),
], ids=["finished", "cpu timer", "cpu limit", "backstop", "memory", "memory then died", "exit", "segfault",
        "overflow"])
def test_status_of(outcome, status, words):
    got, detail = status_of(outcome, 2, 300)
    assert got == status and words in detail


# --- scores: what the answers are worth --------------------------------------------------------

def answers_of(values: dict) -> dict:
    return {q: {"value": plain(v)} for q, v in values.items()}


def test_scores_from_hand_made_answers():
    questions = lesson_questions(KEY, "01")
    verdicts, notes = scores(questions, {"01.1": {"value": ["i", 12]}, "01.2": {"missing": "place"},
                                         "01.3": {"refused": "a DataFrame"}, "01.4": {"value": ["?"]}},
                             "graded")
    assert verdicts["01.1"].status == "incorrect"
    assert verdicts["01.2"].status == "unanswered" and "`place`" in verdicts["01.2"].feedback
    assert verdicts["01.3"].status == "invalid" and verdicts["01.4"].status == "invalid"
    assert all(v.status == "unanswered" for q, v in verdicts.items() if q > "01.4")
    assert notes == [] and all(q in verdicts for q, e in questions.items() if e["type"] != "written")


def test_a_run_that_stopped_says_so_in_its_missing_answers():
    verdicts, _ = scores(lesson_questions(KEY, "01"), {}, "timeout")
    assert all("(timeout)" in v.feedback for v in verdicts.values())


def test_row_for_puts_status_and_scores_together():
    sub = Submission(path=None, file="ana/01.ipynb", student="ana", lesson="01", written={"01.8": "Mine."})
    row = row_for(sub, Outcome(finished=DONE), KEY, 2, 300)
    assert (row.status, row.score, row.written.get("01.8")) == ("graded", 0, "Mine.")
    blank = row_for(Submission(path=None, file="b.ipynb", student="b", lesson="01"), Outcome(finished=DONE), KEY, 2, 300)
    assert blank.status == "no answers"


# --- the channel ---------------------------------------------------------------------------

def test_reader_takes_messages_split_anywhere():
    data = b'C 2\nE 2 ValueError\nA 01.1 {"value": ["i", 13]}\nA 01.1 {"value": ["i", 1]}\nR {"timeout": false}\n'
    reader = Reader()
    for i in range(len(data)):
        reader.feed(data[i:i + 1])
    out = reader.outcome
    assert (out.cell, out.errors, out.answers, out.finished) == (2, [[2, "ValueError"]],
                                                                  {"01.1": {"value": ["i", 13]}}, DONE)


def test_reader_refuses_an_oversize_answer_alone():
    reader = Reader()
    reader.feed(b"A 01.1 " + b"x" * (ANSWER_CAP + 100))
    reader.feed(b"x" * 1000 + b'\nA 01.2 {"value": ["s", "Moscow"]}\nnonsense\nK 1\n')
    assert reader.outcome.answers == {"01.1": {"refused": TOO_LARGE}, "01.2": {"value": ["s", "Moscow"]}}
    assert not reader.outcome.overflow


def test_reader_stops_past_the_cap():
    reader = Reader()
    line = b'A 01.9 {"value": ["s", "' + b"y" * 1000 + b'"]}\n'
    for _ in range(READ_CAP // len(line) + 2):
        reader.feed(line)
    assert reader.outcome.overflow and reader.outcome.answers["01.9"]["value"][0] == "s"


def test_a_job_round_trips_with_its_steps():
    job = Job(3, [Run(2, "x = 1"), Capture({"01.1": "x"})], {"01.1": "n"}, 1.5, 300, ["/secret"])
    back = Job.from_json(job.to_json())
    assert back == job and isinstance(back.steps[0], Run) and isinstance(back.steps[1], Capture)


def test_plan_steps_are_types():
    cells = [{"cell_type": "code", "source": "n = 13", "metadata": {}},
             {"cell_type": "markdown", "source": "text", "metadata": {}},
             {"cell_type": "code", "source": 'check("01.1", n)', "metadata": {}},
             {"cell_type": "code", "source": "  ", "metadata": {}}]
    assert plan(Submission(path=None, file="f", cells=cells)) == [Run(1, "n = 13"), Capture({"01.1": "n"})]


# --- what check() takes, the grader takes --------------------------------------------------------

def test_series_index_arrays_and_mappings_become_lists_and_dicts():
    import numpy as np
    import pandas as pd

    assert unplain(plain(pd.Series(["a", "b"]))) == ["a", "b"]
    assert unplain(plain(pd.Index([1, 2]))) == [1, 2]
    assert unplain(plain(np.array([1.5, 2.0]))) == [1.5, 2.0]
    counts = collections.defaultdict(int, {"x": 2})
    assert unplain(plain(counts)) == {"x": 2} and unplain(plain(collections.Counter("aab"))) == {"a": 2, "b": 1}
    assert json.loads(make_dumps()({"a": [1, None]})) == {"a": [1, None]}


# --- names and CSV cells ----------------------------------------------------------------------

@pytest.mark.parametrize("stem, expected", [
    ("07__01_anatomy_of_an_article", ("07", "01")),
    ("07_01_anatomy_of_an_article", ("07", "01")),
    ("01_anatomy_of_an_article", ("", "01")),
    ("ana_maria__02_framing_words", ("ana_maria", "02")),
    ("bob_03_whatever", ("bob", "03")),
])
def test_student_ids_of_two_digits_are_students(stem, expected):
    assert identify_name(stem) == expected


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+cmd", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(text):
    from medialit.course.marks import spreadsheet_safe

    assert spreadsheet_safe(text) == "'" + text and spreadsheet_safe(3) == 3


def test_a_chart_travels_as_its_description():
    """A chart question's Figure (or Axes) leaves the child as the plain description check() uses."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from medialit.course.sandbox import plain, unplain
    from medialit.figures import describe

    fig, ax = plt.subplots()
    ax.bar([1, 2, 3], [3, 1, 2])
    ax.set(title="How many?", xlabel="item", ylabel="count")
    assert unplain(plain(fig)) == unplain(plain(ax)) == describe(fig)
    assert unplain(plain(fig))["n_bars"] == 3
    plt.close(fig)


# --- the warm process: what makes a submission cheap must not change what it sees ---------------

def in_a_child(work) -> dict:
    """Run `work()` (returns a JSON-able value) in a forked child; its value. The test process's
    own state (IPython's shell, namespaces) is left as it was."""
    import os

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        data = b"null"
        try:
            os.close(read_fd)
            data = json.dumps(work()).encode()
        except BaseException as err:
            data = json.dumps({"error": repr(err)}).encode()
        finally:
            os.write(write_fd, data)
            os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 1 << 16):
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks))


def test_ipython_transforms_every_cell_as_before_without_tokenizing_plain_ones():
    import glob
    from pathlib import Path

    from IPython.core.inputtransformer2 import TransformerManager

    from medialit.course.runners import skip_idle_token_transforms

    full, fast = TransformerManager(), TransformerManager()
    skip_idle_token_transforms(fast)
    root = Path(__file__).resolve().parents[1]
    cells = ["".join(c["source"]) for path in sorted(glob.glob(str(root / "*" / "*.ipynb")))
             for c in json.loads(Path(path).read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    syntax = ["%time x = 1\n", "%%time\nx = 1\n", "x = !ls\n", "x = %pwd\n", "x?\n", "!ls\n", "/print 1\n",
              ",print a b\n", ";print a b\n", "x = (1\n     / 2)\n", "  x = 1\n  y = 2\n", ">>> x = 1\n",
              "In [1]: x = 5\n", "\n\nx = 1\n", "s = '50%'\n", "x = 1\x0c/print 1\n", "x = 1\r,print a\n"]
    assert len(cells) > 100
    assert [fast.transform_cell(c) for c in cells + syntax] == [full.transform_cell(c) for c in cells + syntax]


def test_the_warm_up_leaves_the_shell_as_a_fresh_one():
    """The warm process runs a cell, shows values and an error before any submission: every name,
    `_`, `Out` and the last error are put back, so a child starts as from a fresh shell."""
    def work():
        import sys

        from IPython.core.interactiveshell import InteractiveShell

        from medialit.course import runners

        runners.prewarm()
        shell = runners._SHELL
        fresh = InteractiveShell(config=shell.config)
        strip = lambda ns: sorted(k for k in ns if k not in ("__builtins__", "__builtin__"))  # noqa: E731
        return {"names": strip(shell.user_ns) == strip(fresh.user_ns), "_": shell.user_ns["_"],
                "Out": len(shell.user_ns["Out"]), "last": hasattr(sys, "last_value"),
                "formats": shell.display_formatter.active_types}

    assert in_a_child(work) == {"names": True, "_": "", "Out": 0, "last": False, "formats": ["text/plain"]}


def test_each_submission_gets_pid_and_mount_namespaces_of_its_own():
    """The warm process forks each child straight into a new PID namespace and takes its own back:
    two children in a row are PID 1 of two different PID (and mount) namespaces, none the warm's."""
    from medialit.course import isolation

    if isolation.reason_unavailable():
        pytest.skip(f"no namespaces here: {isolation.reason_unavailable()}")

    def work():
        import os

        isolation.enter_warm_namespaces()  # this child is now the warm process's PID 1
        warm = {kind: os.readlink(f"/proc/self/ns/{kind}") for kind in ("pid", "mnt")}
        seen, children = [], []
        release_read, release_write = os.pipe()  # both children live until both have reported:
        for _ in range(2):                        # a freed namespace's number may be reused at once
            read_fd, write_fd = os.pipe()
            pid = isolation.fork_walled()
            if pid == 0:
                isolation.enter_namespaces()
                me = {kind: os.readlink(f"/proc/self/ns/{kind}") for kind in ("pid", "mnt")}
                os.write(write_fd, json.dumps({"process id": os.getpid(), **me}).encode())
                os.close(release_write)
                os.read(release_read, 1)  # until the parent closes its end
                os._exit(0)
            os.close(write_fd)
            seen.append(json.loads(os.read(read_fd, 4096)))
            children.append(pid)
        os.close(release_write)
        for pid in children:
            os.waitpid(pid, 0)
        after = {kind: os.readlink(f"/proc/self/ns/{kind}") for kind in ("pid", "mnt")}
        return {"warm": warm, "after": after, "children": seen}

    got = in_a_child(work)
    one, two = got["children"]
    assert got["warm"] == got["after"]
    assert one["process id"] == two["process id"] == 1
    for kind in ("pid", "mnt"):
        assert len({one[kind], two[kind], got["warm"][kind]}) == 3


class ChannelsOnly:
    """A stand-in for zygote.Warm: each job's channel carries `said[ident]` and then closes; only
    the jobs in `ends` are reported as ended ({ident: wait status})."""

    def __init__(self, said: dict, ends: dict):
        import socket

        self.control, self.theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.said, self.ends, self.killed = said, ends, []

    def start(self, ident, cpu, job):
        import socket

        ours, theirs = socket.socketpair()
        theirs.sendall(self.said[ident])
        theirs.close()
        if ident in self.ends:
            self.theirs.send(f"ended {ident} {self.ends[ident]}".encode())
        ours.setblocking(False)
        return ours

    def kill(self, ident):
        self.killed.append(ident)

    def ended(self):
        _, ident, status = self.control.recv(4096).decode().split()
        return int(ident), int(status)


def test_a_row_needs_the_end_message_and_the_channel_closed_not_the_process_exit():
    """A child that sent its end (R) and closed its channel has said all it will say: its outcome is
    complete without waiting for its exit (and its process is ended). One that closed its channel
    without R waits for how its process ended; a forged R before more answers changes nothing."""
    from medialit.course.pool import run_all

    said = {0: b'C 1\nA 01.1 {"value": ["i", 13]}\nR {"timeout": false}\n',
            1: b"C 2\n",
            2: b'R {"timeout": false}\nA 01.2 {"value": ["s", "x"]}\nR {"timeout": false}\n'}
    warm = ChannelsOnly(said, ends={1: 3 << 8})
    outcomes = run_all(warm, [Job(i, [], {}, 1.0, 100) for i in said], 2, 1.0)
    assert outcomes[0].answers == {"01.1": {"value": ["i", 13]}} and outcomes[0].finished == DONE
    assert outcomes[1].finished is None and outcomes[1].exit_code == 3
    assert outcomes[2].answers == {"01.2": {"value": ["s", "x"]}}
    assert sorted(warm.killed) == [0, 2]


def test_a_kept_warm_process_numbers_each_batch_after_the_last():
    """A warm process serves batch after batch (zygote.kept_warm): a late "ended" of an earlier
    batch's job (its row was made when its channel closed) must not end this batch's job 0."""
    import socket

    from medialit.course.zygote import Warm

    warm = Warm.__new__(Warm)  # the numbering only: no process
    warm.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    warm.offset = warm.next_wire = 0
    warm.next_wire = 3            # the first batch sent jobs 0, 1, 2
    warm.begin_batch()
    theirs.send(b"ended 2 0")     # the first batch's last job, ending late
    theirs.send(b"ended 3 9")     # this batch's job 0
    assert warm.ended() == (-1, 0) and warm.ended() == (0, 9)
    warm.kill(1)
    assert theirs.recv(100) == b"kill 4"
    theirs.close()
    assert warm.ended() is None   # the warm process has gone
