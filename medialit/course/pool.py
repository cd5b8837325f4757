"""Run many submissions in parallel, each in its own walled-off process (zygote.py), and collect
what each reports (protocol.py).

The primary limits are CPU time and memory, set inside each submission's process, so a busy
machine does not change a verdict. Wall time is only a far backstop (`backstop()`): a submission
that sleeps, or waits on something that never comes, is stopped there.
"""
from __future__ import annotations

import os
import selectors
import signal
import time
from collections import deque

from .protocol import Job, Outcome, Reader

SLOW = 1.0  # a child running longer no longer holds one of the --jobs slots (at most 2×jobs run)


def backstop(timeout: float, runner: str) -> float:
    """Wall-clock seconds after which the grader stops a submission whatever it does: far past
    what `timeout` seconds of CPU take on a loaded machine (a kernel also starts up)."""
    return 10 * timeout + (60 if runner == "kernel" else 10)


def run_all(warm, jobs: list[Job], n_jobs: int, timeout: float, runner: str = "fork",
            progress=None) -> dict[int, Outcome]:
    """Run every job through the warm process `warm` (zygote.Warm), `n_jobs` at a time;
    {job.ident: Outcome}. Never raises for a job.

    A child that has run for more than SLOW seconds (an endless loop, a slow notebook) stops
    holding a slot, so that one stuck notebook does not hold up the class; at most 2×n_jobs run.
    """
    wall = backstop(timeout, runner)
    pending, running, outcomes = deque(jobs), {}, {}
    selector = selectors.DefaultSelector()
    selector.register(warm.control, selectors.EVENT_READ)

    def close_channel(state) -> None:
        if state["channel"] is not None:
            selector.unregister(state["channel"])
            state["channel"].close()
            state["channel"] = None

    def drain(state) -> None:
        while state["channel"] is not None:
            try:
                chunk = state["channel"].recv(1 << 16)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:
                close_channel(state)
                if state["reader"].outcome.finished is not None and state["status"] is None:
                    warm.kill(state["ident"])  # it said all it will say: its row need not wait for
                    finish(state)              # its exit (nor may it linger without a slot)
                return
            state["reader"].feed(chunk)
            if state["reader"].outcome.overflow:
                close_channel(state)
                if state["status"] is None:
                    warm.kill(state["ident"])

    def finish(state) -> None:
        if state["ident"] not in running:
            return
        drain(state)
        close_channel(state)
        if state["ident"] not in running:  # drain finished it (the end and then the channel's end)
            return
        del running[state["ident"]]
        outcome = state["reader"].outcome
        outcome.killed = state["killed"]
        outcome.seconds = round(time.monotonic() - state["start"], 3)
        status = state["status"]
        if status is None:  # finished, channel closed: how its process then ended does not matter
            pass
        elif os.WIFEXITED(status):
            outcome.exit_code = os.WEXITSTATUS(status)
        elif os.WIFSIGNALED(status):
            outcome.signal = os.WTERMSIG(status)
        outcomes[state["ident"]] = outcome
        if progress:
            progress(len(outcomes), len(jobs))

    while pending or running:
        now = time.monotonic()
        busy = sum(1 for s in running.values() if now - s["start"] < SLOW)
        while pending and busy < max(1, n_jobs) and len(running) < 2 * max(1, n_jobs):
            busy += 1
            job = pending.popleft()
            channel = warm.start(job.ident, job.timeout, job)
            start = time.monotonic()
            running[job.ident] = {"ident": job.ident, "channel": channel, "reader": Reader(), "start": start,
                                  "deadline": start + wall, "killed": False, "status": None}
            selector.register(channel, selectors.EVENT_READ, job.ident)
        wait = max(0.0, min(s["deadline"] for s in running.values()) - time.monotonic())
        turning = [s["start"] + SLOW - now for s in running.values() if s["start"] + SLOW > now]
        if pending and turning:  # wake up when a child turns slow and frees its slot
            wait = min(wait, min(turning))
        for key, _ in selector.select(timeout=min(wait, 1.0) + 0.001):
            if key.fileobj is warm.control:
                ended = warm.ended()
                if ended is None:  # the warm process died: every job left gets a row, as crashed
                    for state in list(running.values()):
                        state["status"] = signal.SIGKILL
                        finish(state)
                    while pending:
                        outcomes[pending.popleft().ident] = Outcome(exit_code=70)
                    return outcomes
                state = running.get(ended[0])  # None: a job of an earlier batch, or one finished
                if state is not None:
                    state["status"] = ended[1]
                    finish(state)
            elif key.data in running:
                drain(running[key.data])
        now = time.monotonic()
        for state in list(running.values()):
            if now > state["deadline"] and not state["killed"]:
                state["killed"] = True
                warm.kill(state["ident"])
    return outcomes
