"""Verdicts do not depend on how busy the machine is (issue 15): the same submissions graded on
an idle machine and with six busy process sessions competing, made here."""
import subprocess
import sys

import catalogue
from grading import MEMORY_MB, TIMEOUT

# The verdict load once changed (the memory hog came back "timeout" with 6 busy sessions) and a
# plain submission. An endless loop is not here: it ends at its CPU limit (0.8 s) whatever the
# load, and the wall-clock backstop (pool.backstop: 18 s) is far past 7 × 0.8 s; the fault
# catalogue (test_grade.py) holds its verdict and detail.
LOADED = ["correct", "memory hog"]


def test_verdicts_do_not_depend_on_machine_load(tmp_path, monkeypatch):
    """The submissions with six busy process sessions competing (made here): the limits are CPU
    time and memory, so every row comes back with the status, score and detail of the idle
    catalogue (tests/catalogue.py; test_grade.py grades it on an idle worker). The load starts once the
    grader's warm process is ready, so it competes with the submissions (where the limits apply)
    rather than with the grader's start-up. Where the system allows it, the grader and the six
    share one core: seven to a core is harder than six on all cores, and the suite's other
    worker keeps the rest of the machine."""
    import os

    from medialit.course import zygote
    from medialit.course.grade import grade as grade_batch

    catalogue.build(tmp_path / "loaded", LOADED)
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
    got = {r.file: (r.status, r.score) for r in loaded}
    assert got == {catalogue.FAULTS[c][0]: tuple(catalogue.FAULTS[c][2:]) for c in LOADED}
    hog = next(r.detail for r in loaded if r.file == catalogue.FAULTS["memory hog"][0])
    assert hog.startswith(f"cell {hog_cell()} needed more than {MEMORY_MB} MB"), hog


def hog_cell() -> int:
    """The number of the memory hog's cell, as the grader counts cells."""
    cells = catalogue.f_memory_hog()["cells"]
    return next(n for n, cell in enumerate(cells, start=1) if cell.get("id") == "hog")
