"""The two ways to run a submission's plan, behind one interface (as otter's runners are).

A runner has `warm()`, called once in the warm process before any submission is read, and
`run(job, channel)`, called in the submission's own walled-off process with its `Job` and the
channel (`protocol.make_sender`'s four functions) to report on.

- `ForkRunner` (the default): the warm process has imported pandas, matplotlib (Agg), nltk,
  medialit and an IPython shell; the child runs the cells in that shell (~0.1 s for lesson 01).
- `KernelRunner` (`grade --kernel`): a real Jupyter kernel per submission, for notebooks that need
  one (widgets, kernel extensions' magics); the same plan, the same sandbox.Runner inside the
  kernel, the same messages; a few seconds a notebook.

>>> sorted(RUNNERS)
['fork', 'kernel']
"""
from __future__ import annotations

import gc
import os
import re

from .protocol import Capture, Job
from .sandbox import GradingTimeout, Runner, forget_error

_SHELL = None


def pin_threads() -> None:
    """One BLAS thread in the warm process, so that no child inherits (or respawns) a thread pool.
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
    import matplotlib.pyplot
    import nltk  # noqa: F401
    import nltk.probability  # noqa: F401
    import pandas  # noqa: F401
    import codecs
    codecs.lookup("ascii")  # sandbox reads /proc/self/status as ASCII
    import IPython.core.logger  # noqa: F401
    import medialit
    import medialit.figures  # noqa: F401  (sandbox's plain() describes a chart with it)
    for name in medialit.__all__:  # the whole kit, loaded once here (the package loads lazily)
        getattr(medialit, name)
    from . import isolation  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class GradingShell(InteractiveShell):
        """No GUI event loop and no backend switch: `%matplotlib inline` and `%pylab` keep Agg
        (the plain shell raises NotImplementedError, which would stop the rest of the cell)."""

        def enable_gui(self, gui=None):
            return None

        def enable_matplotlib(self, gui=None):
            return gui, "agg"

        def should_run_async(self, raw_cell, *, transformed_cell=None, preprocessing_exc_tuple=None):
            """IPython compiles every cell a second time to see whether it awaits at top level;
            a cell without the words cannot (the same answer, without the compile)."""
            if "await" not in transformed_cell and "async" not in transformed_cell:
                return False
            return super().should_run_async(raw_cell, transformed_cell=transformed_cell,
                                            preprocessing_exc_tuple=preprocessing_exc_tuple)

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
    skip_idle_token_transforms(_SHELL.input_transformer_manager)
    # what a terminal IPython shows: the plain text of a cell's last value (the output is thrown
    # away; the rich HTML and PNG forms a notebook would store are not computed)
    _SHELL.display_formatter.active_types = ["text/plain"]
    warm_up(_SHELL)
    gc.collect()
    gc.freeze()  # children do not touch (and copy) the warm process's objects when they collect


# what IPython's token transforms look for: %magic, !shell, ?help and the escapes , ; / at the
# start of a line (a line as str.splitlines splits them)
IPYTHON_SYNTAX = re.compile(r"[%!?]|(?:^|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])[ \t\f]*[,;/]", re.M)


def skip_idle_token_transforms(manager) -> None:
    r"""IPython tokenizes every cell to find its own syntax (%magic, !shell, x?...); a cell with
    none of the characters those start with comes out unchanged, so it is not tokenized.

    >>> from IPython.core.inputtransformer2 import TransformerManager
    >>> manager = TransformerManager(); skip_idle_token_transforms(manager)
    >>> manager.transform_cell("x = 1\n"), manager.transform_cell("%time x = 1\n")
    ('x = 1\n', "get_ipython().run_line_magic('time', 'x = 1')\n")
    """
    full = manager.do_token_transforms

    def do_token_transforms(lines, _search=IPYTHON_SYNTAX.search, _join="".join):
        return full(lines) if _search(_join(lines)) else lines

    manager.do_token_transforms = do_token_transforms


WARM_UP = """
import matplotlib.pyplot as plt
from nltk import FreqDist
import medialit as ml
_article = ml.load_article()
_table = _article.paragraphs
_counts = _table.role.value_counts()
_words = FreqDist(w.lower() for w in ml.words(_article.body)).most_common(3)
_fig, _ax = plt.subplots()
_ax.bar([1, 2], [3, 4], color=ml.COLOURS["blue"])
_ax.set(title="t", xlabel="x", ylabel="y")
plt.close(_fig)
"""


def warm_up(shell) -> None:
    """Run the way a submission's cells go once, in the warm process, on the kit's own article:
    a cell, a value shown, an error and its traceback. Then put back everything a cell changes
    (the names, the last values `_`, `Out`, the last error), so that every child starts as from
    a fresh shell, only warmer."""
    import io
    import sys

    import matplotlib.pyplot as plt
    import pandas as pd

    names, out = dict(shell.user_ns), dict(shell.user_ns.get("_oh", {}))
    hook = shell.displayhook
    unders = (hook._, hook.__, hook.___)
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        shell.run_cell(WARM_UP, store_history=False)
        shell.run_cell("1 / 0", store_history=False)
        for value in (pd.Series(["a", "b", "a"]).value_counts(), pd.DataFrame({"a": [1]}), [1, "a"], {"a"},
                      {"a": 1.5}, "a", 1, 1.5, plt.subplots()[0]):
            shell.display_formatter.format(value)
    finally:
        sys.stdout, sys.stderr = saved
        plt.close("all")
        forget_error(shell)
        shell.user_ns.clear()
        shell.user_ns.update(names)
        shell.user_ns.get("_oh", {}).clear()
        shell.user_ns.get("_oh", {}).update(out)
        hook._, hook.__, hook.___ = unders
        getattr(shell.history_manager, "outputs", {}).clear()
        shell.last_execution_succeeded, shell.last_execution_result = True, None


class ForkRunner:
    """Run the plan in the warm IPython shell of the forked child."""

    name = "fork"

    def warm(self) -> None:
        prewarm()

    def run(self, job: Job, channel, home: str) -> None:
        cell, error, answers, end = channel
        shell = _SHELL
        import matplotlib.pyplot as plt
        close = plt.close
        runner = Runner(job.variables, job.timeout, job.memory_mb, secrets=job.secrets, home=home)
        namespace = shell.user_ns
        timed_out = False
        # bound now: a student who patches the sandbox module or Runner class does not reach these
        capture, capture_rest, stop_timer, run_cell, forget = (runner.capture, runner.capture_rest,
                                                               runner.stop_timer, shell.run_cell, forget_error)
        timeout_error, type_, str_, isinstance_, capture_step = GradingTimeout, type, str, isinstance, Capture
        runner.setup()
        try:
            for step in job.steps:
                if isinstance_(step, capture_step):
                    new = capture(step.questions, namespace)
                    if new:
                        answers(new)
                    continue
                cell(step.number)
                try:
                    result = run_cell(step.source, store_history=False)
                    failure = result.error_before_exec or result.error_in_exec
                except timeout_error as err:
                    failure = err
                except Exception as err:  # IPython itself failed (e.g. printing a traceback)
                    failure = err
                if failure is not None:
                    try:
                        name = str_(type_(failure).__name__)[:80]
                    except Exception:
                        name = "Exception"
                    error(step.number, name)
                    if isinstance_(failure, timeout_error):
                        timed_out = True
                        break
                    result = failure = None
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
                answers(new)
        except timeout_error:
            pass
        end(timed_out)


class KernelRunner:
    """Run the plan in a real Jupyter kernel started inside the child's wall (course/kernel.py)."""

    name = "kernel"

    def warm(self) -> None:
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401

    def run(self, job: Job, channel, home: str) -> None:
        from .kernel import run_in_kernel

        run_in_kernel(job, channel, home)


RUNNERS = {"fork": ForkRunner, "kernel": KernelRunner}
