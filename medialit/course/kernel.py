"""The kernel path (`grade --kernel`): one real Jupyter kernel per submission, driven by nbclient.

For notebooks that need a real kernel (widgets, `%%` magics of kernel extensions...). It runs
the same plan with the same `sandbox.Runner` inside the kernel and sends the same messages
(protocol.py) as the fast path, so both paths give the same verdicts; it is ~30× slower
(a kernel's start-up and imports for every notebook).
"""
from __future__ import annotations

import json
import os
import time

from .sandbox import RESULT_MIME

PRELUDE = """\
def _medialit_setup():
    for name in ("numpy", "pandas", "matplotlib.pyplot", "nltk", "medialit"):
        __import__(name)
    from functools import partial
    from medialit.course.sandbox import Runner, forget_error
    runner = Runner({variables!r}, {timeout!r}, {memory_mb!r}, secrets={secrets!r}, home={home!r})
    runner.setup(forward=True)
    return runner.show_function(), partial(forget_error, get_ipython())
_medialit_show, _medialit_forget = _medialit_setup()
del _medialit_setup
"""


def run_in_kernel(job, channel, home: str) -> None:
    """In the submission's walled-off process: start a kernel in `home`/exercises, run the plan,
    report on `channel` (protocol.make_sender)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .protocol import Capture

    cell_started, error_in, answers, end = channel
    timeout, memory_mb = job.timeout, job.memory_mb
    nb = nbformat.v4.new_notebook()
    cwd = os.path.join(home, "exercises")
    # nbclient's limits are wall time: a far backstop (the kernel's own limits are CPU time)
    client = NotebookClient(nb, timeout=int(4 * timeout + 20), allow_errors=True, kernel_name="python3",
                            resources={"metadata": {"path": cwd}}, shutdown_kernel="immediate")

    def run(source: str):
        cell = nbformat.v4.new_code_cell(source)
        nb.cells.append(cell)
        client.execute_cell(cell, len(nb.cells) - 1)
        error = next((o.get("ename", "Error") for o in cell.outputs if o.get("output_type") == "error"), None)
        for output in cell.outputs:
            data = output.get("data", {}).get(RESULT_MIME)
            if data is not None:
                new = json.loads(data) if isinstance(data, str) else data
                if isinstance(new, dict) and new:
                    answers(new)
        return error

    timed_out = False
    started = float("inf")
    try:
        with client.setup_kernel(cwd=cwd):
            if run(PRELUDE.format(variables=job.variables, timeout=timeout, memory_mb=memory_mb,
                                  secrets=job.secrets, home=home)):
                error_in(0, "GraderSetupFailed")
                return
            started = time.monotonic()
            for step in job.steps:
                if isinstance(step, Capture):
                    if run(f"_medialit_show({dict(step.questions)!r}, globals())") == "GradingTimeout":
                        timed_out = True
                        break
                    continue
                cell_started(step.number)
                error = run(step.source)
                if error:
                    error_in(step.number, error)
                    if error == "GradingTimeout":
                        timed_out = True
                        break
                    if run("_medialit_forget()") == "GradingTimeout":
                        timed_out = True
                        break
            run("_medialit_show(None, globals())")
            end(timed_out)
    except CellTimeoutError:
        end(True)
    except DeadKernelError:
        if time.monotonic() - started >= timeout:  # the CPU limit ended a loop that caught the timeout
            end(True)
