"""The test suite's next notebook kernel, started while the current notebook runs.

nbval starts a kernel for each notebook and then waits for it to answer, about half a second in
which the test worker does nothing. Installed by the suite's plugin (medialit.course.startup),
this hands nbval a kernel started when the last one for the same kernel name, working folder and
environment was handed out: its start-up overlaps the previous notebook's cells. One spare is
kept per working folder (notebooks/, solutions/, exercises/); where none fits, a kernel is
started as nbval starts one. Each kernel is still new: no notebook runs in a kernel another
notebook used.

    install()   # nbval.kernel.start_new_kernel now uses a spare when one fits
    close()     # at the end: shut the spares down
"""
from __future__ import annotations

import os

_spares: dict = {}  # what it fits -> its KernelManager
_PER_TEST = {"PYTEST_CURRENT_TEST"}  # pytest changes it for every test: no kernel reads it


def _fits(kernel_name: str, cwd) -> tuple:
    return kernel_name, str(cwd), tuple(sorted(i for i in os.environ.items() if i[0] not in _PER_TEST))


def _launch(kernel_name: str, kwargs: dict):
    from nbval import kernel as nbval_kernel

    manager = nbval_kernel.KernelManager(kernel_name=kernel_name,
                                         kernel_spec_manager=nbval_kernel.NbvalKernelspecManager())
    manager.start_kernel(**kwargs)
    return manager


def start_new_kernel(startup_timeout=60, kernel_name="python", **kwargs):
    """nbval's start_new_kernel, taking the spare when it fits; starts the next spare."""
    fits = _fits(kernel_name, kwargs.get("cwd"))
    manager = _spares.pop(fits, None)
    for attempt in range(2):
        manager = manager or _launch(kernel_name, kwargs)
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=startup_timeout)
            break
        except RuntimeError:  # a spare that died waiting: once more with a new kernel
            client.stop_channels()
            manager.shutdown_kernel(now=True)
            manager = None
            if attempt:
                raise
    _spares[fits] = _launch(kernel_name, kwargs)
    return manager, client


def install() -> None:
    from nbval import kernel as nbval_kernel

    nbval_kernel.start_new_kernel = start_new_kernel


def close() -> None:
    while _spares:
        _spares.popitem()[1].shutdown_kernel(now=True)
