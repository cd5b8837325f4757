"""The plain path (`grade --kernel`): one real Jupyter kernel per submission, driven by nbclient.

For notebooks that need a real kernel (widgets, `%%` magics of kernel extensions...). It runs
the same plan with the same `sandbox.Runner` inside the kernel and writes the same lines to the
parent as the fast path (see pool.py), so both paths give the same verdicts; it is ~30× slower
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


def kernel_child(write_fd: int, job, timeout: float, memory_mb: int, workdir: str) -> None:
    """In a forked child of the grader: start a kernel in `workdir`, run the plan, report."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    def send(line: str) -> None:
        data = memoryview(f"{job.token} {line}".encode("utf-8") + b"\n")
        while data:
            data = data[os.write(write_fd, data):]

    nb = nbformat.v4.new_notebook()
    cwd = os.path.join(workdir, "exercises")  # made by pool._layout
    client = NotebookClient(nb, timeout=int(timeout + 10), allow_errors=True, kernel_name="python3",
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
                if new:
                    send("A " + json.dumps(new))
        return error

    timed_out = False
    deadline = float("inf")
    try:
        with client.setup_kernel(cwd=cwd):
            pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
            if pid:  # the kernel runs in a session of its own: the parent kills it too on timeout
                send(f"K {int(pid)}")
            if run(PRELUDE.format(variables=job.variables, timeout=timeout, memory_mb=memory_mb,
                                  secrets=job.secrets, home=workdir)):
                send("E 0 GraderSetupFailed")
                return
            deadline = time.monotonic() + timeout
            for step in job.steps:
                client.timeout = max(1, int(deadline - time.monotonic() + 5))
                if step[0] == "capture":
                    error = run(f"_medialit_show({dict(step[1])!r}, globals())")
                    if error == "GradingTimeout":
                        timed_out = True
                        break
                    continue
                _, number, source = step
                send(f"C {number}")
                error = run(source)
                if error:
                    send(f"E {number} {error}")
                    if error == "GradingTimeout":
                        timed_out = True
                        break
                    if run("_medialit_forget()") == "GradingTimeout":
                        timed_out = True
                        break
            client.timeout = 10
            run("_medialit_show(None, globals())")
            send("R " + json.dumps({"timeout": timed_out}))
    except CellTimeoutError:
        send("R " + json.dumps({"timeout": True}))
    except DeadKernelError:
        if time.monotonic() >= deadline:  # the CPU limit ended a loop that caught the timeout
            send("R " + json.dumps({"timeout": True}))
