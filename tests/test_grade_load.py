"""Verdicts do not depend on how busy the machine is (issue 15): the same submissions graded on
an idle machine and with six busy process sessions competing, made here."""
import subprocess
import sys

import catalogue
from grading import MEMORY_MB, TIMEOUT

LOADED = ["correct", "endless loop", "memory hog"]  # the verdicts load once changed, and the plain one


def test_verdicts_do_not_depend_on_machine_load(tmp_path, monkeypatch):
    """The same submissions with six busy process sessions competing (made here): the limits are
    CPU time and memory, so every row comes back as on the idle run. The load starts once the
    grader's warm process is ready, so it competes with the submissions (where the limits apply)
    rather than with the grader's start-up. Where the system allows it, the grader and the six
    share one core: seven to a core is harder than six on all cores, and the suite's other
    worker keeps the rest of the machine."""
    import os

    from medialit.course import zygote
    from medialit.course.grade import grade as grade_batch

    catalogue.build(tmp_path / "loaded", LOADED)
    idle = grade_batch([str(tmp_path / "loaded")], jobs=2, timeout=float(TIMEOUT), memory_mb=MEMORY_MB)
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    one_core = {min(cores)} if cores else None
    busy = []
    ready = zygote.Warm.__init__

    def ready_then_load(warm, *args, **kwargs):
        ready(warm, *args, **kwargs)
        for _ in range(6):
            busy.append(subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True))
            if one_core:
                os.sched_setaffinity(busy[-1].pid, one_core)

    monkeypatch.setattr(zygote.Warm, "__init__", ready_then_load)
    zygote.close_kept()  # a warm process of its own, started under the load (and closed after)
    try:
        if one_core:
            os.sched_setaffinity(0, one_core)  # the warm process and its children inherit it
        loaded = grade_batch([str(tmp_path / "loaded")], jobs=2, timeout=float(TIMEOUT), memory_mb=MEMORY_MB)
    finally:
        zygote.close_kept()
        if one_core:
            os.sched_setaffinity(0, cores)
        for process in busy:
            process.kill()
            process.wait()
    assert len(busy) == 6
    # the same status and score; the same detail too, except how a timeout was noticed (the CPU
    # timer, the CPU limit, or on an extremely busy machine the wall-clock backstop)
    keep = lambda r: (r["file"], r["status"], int(r["score"]),  # noqa: E731
                      r["detail"] if r["status"] != "timeout" else "")
    assert [r.status for r in idle] == [catalogue.FAULTS[c][2] for c in sorted(LOADED, key=lambda c: catalogue.FAULTS[c][0])]
    assert [keep(vars(r)) for r in loaded] == [keep(vars(r)) for r in idle]
