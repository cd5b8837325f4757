"""Run many submissions in parallel: a pre-warmed parent forks one isolated child per submission.

The parent imports pandas, matplotlib (Agg), nltk, medialit and IPython once (`prewarm()`),
then for each submission forks a child that
- starts a new session (its own process group, so a timeout kills everything it started),
- gets a fresh temporary working directory, a minimal environment and no inherited file
  descriptors but its pipe to the parent (stdin/stdout/stderr go to /dev/null; Python's
  output goes to a capped sink),
- runs the plan (sandbox.Runner: limits, an audit-hook guard, seeds, time budget) and writes
  one line per event to the pipe, each prefixed with a token the parent drew for this run:
  `C n` before code cell n, `E n Name` when it raised, `A {json}` with captured answers,
  `R {json}` at the end; then ends with os._exit.
The parent reads every pipe with a size cap and a wall-clock deadline, and kills the child's
process group when the deadline passes. With `kernel=True` the child drives a real Jupyter
kernel instead (course/kernel.py) and writes the same lines.
"""
from __future__ import annotations

import gc
import json
import os
import selectors
import shutil
import signal
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from secrets import token_hex

from .sandbox import GradingTimeout, Runner, forget_error, make_dumps

READ_CAP = 16 * 1024 * 1024
GRACE = 1.0          # seconds past the time budget before the parent kills a fork child
SLOW = 1.0           # a child running longer no longer holds one of the --jobs slots (at most 2×jobs run)
KERNEL_GRACE = 60.0  # a kernel child also starts a kernel and shuts it down
_SHELL = None


@dataclass
class Job:
    """One submission to run: `steps` from submissions.plan(), `variables` {question: name}."""

    ident: int
    steps: list
    variables: dict
    secrets: list = field(default_factory=list)   # paths the submission may not read
    token: str = ""                               # set by run_all: prefixes every line the child sends


@dataclass
class Outcome:
    """What the parent learnt from one child."""

    answers: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)   # [cell number, exception name]
    cell: int | None = None                       # the last code cell started
    kernel_pid: int | None = None                 # --kernel: the kernel's process (its own group)
    finished: dict | None = None                  # the R line, when the child got to the end
    killed: bool = False                          # by the parent's deadline
    overflow: bool = False                        # sent more than READ_CAP
    exit_code: int | None = None
    signal: int | None = None
    seconds: float = 0.0


def pin_threads() -> None:
    """One BLAS thread in the parent, so that no child inherits (or respawns) a thread pool.
    numpy's bundled OpenBLAS is told through its C API; the environment covers what children start."""
    import ctypes

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            libraries = {line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line}
    except OSError:
        return
    for path in sorted(libraries):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                       "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                break


def prewarm() -> None:
    """Pay the start-up once: imports, matplotlib's Agg backend, an IPython shell without history."""
    global _SHELL
    if _SHELL is not None:
        return
    import numpy  # noqa: F401

    pin_threads()
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot  # noqa: F401
    import nltk  # noqa: F401
    import nltk.probability  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class GradingShell(InteractiveShell):
        """No GUI event loop and no backend switch: `%matplotlib inline` and `%pylab` keep Agg
        (the plain shell raises NotImplementedError, which would stop the rest of the cell)."""

        def enable_gui(self, gui=None):
            return None

        def enable_matplotlib(self, gui=None):
            return gui, "agg"

    import medialit as ml

    art = ml.load_article()
    art.sentences()
    ml.words(art.body)
    ml.stopwords()
    figure, ax = ml.figure("warm-up", xlabel="x", ylabel="y", takeaway="fonts and the renderer loaded once")
    ax.bar([1, 2], [3, 4], hatch="//")
    figure.canvas.draw()
    matplotlib.pyplot.close("all")
    repr(art.paragraphs)
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    config.InteractiveShell.autocall = 0
    _SHELL = GradingShell.instance(config=config)
    _SHELL.run_cell("import matplotlib.pyplot as plt", store_history=False, silent=True)
    _SHELL.user_ns.pop("plt", None)
    gc.collect()
    gc.freeze()  # children do not touch (and copy) the parent's objects when they collect


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child_env(workdir: str) -> None:
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "VIRTUAL_ENV") if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, HOME=workdir, TMPDIR=workdir, MPLBACKEND="Agg",
                      OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    tempfile.tempdir = workdir


def _layout(workdir: str) -> str:
    """The student's layout in `workdir`: cwd `exercises/` (empty), and links to the kit's
    seeds/, notebooks/ and medialit/ (nothing secret), so `../seeds/...` paths work as at home.
    Returns the working directory."""
    from .lessons import ROOT

    cwd = os.path.join(workdir, "exercises")
    os.mkdir(cwd)
    for name in ("seeds", "notebooks", "medialit"):
        if (ROOT / name).is_dir():
            os.symlink(ROOT / name, os.path.join(workdir, name), target_is_directory=True)
    return cwd


def _isolate(write_fd: int, workdir: str) -> None:
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, write_fd)
    os.closerange(write_fd + 1, 65536)
    os.chdir(os.path.join(workdir, "exercises"))
    _child_env(workdir)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _fork_child(write_fd: int, job: Job, timeout: float, memory_mb: int) -> None:
    """The forked child: run the plan in the pre-warmed IPython shell, report on the pipe."""
    write, encode, token = os.write, str.encode, job.token + " "

    def send(line: str) -> None:  # bound now, like everything below: see the comment further down
        view = memoryview(encode(token + line, "utf-8", "replace") + b"\n")
        while view:
            view = view[write(write_fd, view):]

    dumps = make_dumps()
    shell = _SHELL
    import matplotlib.pyplot as plt
    close = plt.close
    runner = Runner(job.variables, timeout, memory_mb, secrets=job.secrets, home=os.path.dirname(os.getcwd()))
    namespace = shell.user_ns
    timed_out = False
    # bound now: a student who patches the sandbox module or Runner class does not reach these
    capture, capture_rest, stop_timer, run_cell, forget = (runner.capture, runner.capture_rest,
                                                           runner.stop_timer, shell.run_cell, forget_error)
    timeout_error, type_, str_, isinstance_ = GradingTimeout, type, str, isinstance
    runner.setup()
    try:
        for step in job.steps:
            if step[0] == "capture":
                new = capture(step[1], namespace)
                if new:
                    send("A " + dumps(new))
                continue
            _, number, source = step
            send(f"C {number}")
            try:
                result = run_cell(source, store_history=False)
                error = result.error_before_exec or result.error_in_exec
            except timeout_error as err:
                error = err
            except Exception as err:  # IPython itself failed (e.g. printing a traceback)
                error = err
            if error is not None:
                try:
                    name = str_(type_(error).__name__)[:80]
                except Exception:
                    name = "Exception"
                send(f"E {number} {name}")
                if isinstance_(error, timeout_error):
                    timed_out = True
                    break
                result = error = None
                try:
                    forget(shell)
                except timeout_error:
                    raise
                except Exception:  # a student who broke IPython's attributes keeps the memory
                    pass
            try:
                close("all")
            except Exception:
                pass
    except timeout_error:
        timed_out = True
    stop_timer()
    try:
        new = capture_rest(namespace)
        if new:
            send("A " + dumps(new))
    except timeout_error:
        pass
    send("R " + dumps({"timeout": timed_out}))


def _start(job: Job, timeout: float, memory_mb: int, kernel: bool):
    workdir = tempfile.mkdtemp(prefix="medialit-grade-")
    _layout(workdir)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            os.close(read_fd)
            _isolate(write_fd, workdir)
            if kernel:
                from .kernel import kernel_child
                kernel_child(write_fd, job, timeout, memory_mb, workdir)
            else:
                _fork_child(write_fd, job, timeout, memory_mb)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return pid, read_fd, workdir


def _parse(buffer: bytes, outcome: Outcome, token: str) -> None:
    for raw in buffer.split(b"\n"):
        line = raw.decode("utf-8", "replace")
        mark, _, line = line.partition(" ")
        if mark != token:  # not written by the grader's code in the child
            continue
        tag, _, rest = line.partition(" ")
        try:
            if tag == "C":
                outcome.cell = int(rest)
            elif tag == "K":
                outcome.kernel_pid = int(rest)
            elif tag == "E":
                number, _, name = rest.partition(" ")
                outcome.errors.append([int(number), name[:80]])
            elif tag == "A":
                new = json.loads(rest)
                if isinstance(new, dict):
                    for qid, got in new.items():
                        outcome.answers.setdefault(str(qid), got)
            elif tag == "R":
                done = json.loads(rest)
                outcome.finished = done if isinstance(done, dict) else {}
        except Exception:  # a malformed line (ValueError, RecursionError...) is ignored
            continue


def run_all(jobs: list[Job], n_jobs: int, timeout: float, memory_mb: int, kernel: bool = False,
            progress=None) -> dict[int, Outcome]:
    """Run every job, `n_jobs` at a time; {job.ident: Outcome}. Never raises for a job.

    A child that has run for more than SLOW seconds (an endless loop, a slow notebook) stops
    holding a slot, so that one stuck notebook does not hold up the class; at most 2×n_jobs run.
    """
    if kernel:  # import once here, not in every child
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    else:
        prewarm()
    grace = KERNEL_GRACE if kernel else GRACE
    pending, running, outcomes = deque(jobs), {}, {}
    selector = selectors.DefaultSelector()

    def finish(fd: int, killed: bool = False) -> None:
        state = running.pop(fd)
        selector.unregister(fd)
        os.close(fd)
        pid = state["pid"]
        if killed:
            _kill_group(pid)
        status = state["status"] if "status" in state else os.waitpid(pid, 0)[1]
        _kill_group(pid)  # anything the submission started and left behind
        shutil.rmtree(state["workdir"], ignore_errors=True)
        outcome = Outcome(killed=killed, seconds=round(time.monotonic() - state["start"], 3))
        _parse(bytes(state["buffer"]), outcome, state["job"].token)
        if killed and outcome.kernel_pid and outcome.kernel_pid > 1:
            _kill_group(outcome.kernel_pid)
        outcome.overflow = state["overflow"]
        if os.WIFEXITED(status):
            outcome.exit_code = os.WEXITSTATUS(status)
        elif os.WIFSIGNALED(status):
            outcome.signal = os.WTERMSIG(status)
        outcomes[state["job"].ident] = outcome
        if progress:
            progress(len(outcomes), len(jobs))

    try:
        while pending or running:
            now = time.monotonic()
            busy = sum(1 for s in running.values() if now - s["start"] < SLOW)
            while pending and busy < max(1, n_jobs) and len(running) < 2 * max(1, n_jobs):
                busy += 1
                job = pending.popleft()
                job.token = token_hex(8)
                pid, fd, workdir = _start(job, timeout, memory_mb, kernel)
                running[fd] = {"job": job, "pid": pid, "workdir": workdir, "buffer": bytearray(),
                               "start": time.monotonic(), "deadline": time.monotonic() + timeout + grace,
                               "overflow": False}
                selector.register(fd, selectors.EVENT_READ)
            wait = max(0.0, min(s["deadline"] for s in running.values()) - time.monotonic())
            turning = [s["start"] + SLOW - now for s in running.values() if s["start"] + SLOW > now]
            if pending and turning:  # wake up when a child turns slow and frees its slot
                wait = min(wait, min(turning))
            for key, _ in selector.select(timeout=min(wait, 1.0) + 0.001):
                state = running[key.fd]
                try:
                    chunk = os.read(key.fd, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    finish(key.fd)
                    continue
                state["buffer"] += chunk
                if len(state["buffer"]) > READ_CAP:
                    state["overflow"] = True
                    del state["buffer"][READ_CAP:]
                    finish(key.fd, killed=True)
                elif state["buffer"].endswith(b"\n") and (b"\n%s R " % state["job"].token.encode()) in b"\n" + state["buffer"][-4096:]:
                    finish(key.fd)  # the child has reported: do not wait for its children
            for fd, state in list(running.items()):  # a child that ended while a process it
                reaped, status = os.waitpid(state["pid"], os.WNOHANG)  # started keeps the pipe open
                if reaped:
                    state["status"] = status
                    _drain(fd, state)
                    finish(fd)
            now = time.monotonic()
            for fd in [fd for fd, s in running.items() if now > s["deadline"]]:
                finish(fd, killed=True)
    finally:
        for fd, state in list(running.items()):
            _kill_group(state["pid"])
            leftover = Outcome()
            _parse(bytes(state["buffer"]), leftover, state["job"].token)
            if leftover.kernel_pid and leftover.kernel_pid > 1:
                _kill_group(leftover.kernel_pid)
            try:
                os.waitpid(state["pid"], 0)
            except ChildProcessError:
                pass
            shutil.rmtree(state["workdir"], ignore_errors=True)
    return outcomes


def _drain(fd: int, state: dict) -> None:
    while len(state["buffer"]) <= READ_CAP:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        if not chunk:
            return
        state["buffer"] += chunk


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
