"""Run one submission isolated, and bring its answers out as plain JSON only.

Two halves live here:

- the child side (`Runner`): limits, a capped output sink, a time budget, the canonical captures
  of the answer variables, and the strict converter `plain()`. The same `Runner` runs in a forked
  child of the grader (the fast path) and inside a real Jupyter kernel (`--kernel`), so both paths
  give the same answers;
- the parent side (`unplain()`): the grader rebuilds plain values from the JSON and compares them
  with the key in its own process. Nothing a student writes changes a verdict.

>>> unplain(plain({"b": [1, 2.5], "a": {"x"}}))
{'b': [1, 2.5], 'a': {'x'}}
>>> class Always(int):
...     def __eq__(self, other): return True
>>> try:
...     plain(Always(3))
... except NotPlain as err:
...     print("refused:", err)
refused: a Always
"""
from __future__ import annotations

import gc
import io
import json
import math
import os
import signal
import sys

# Limits of what a submission may send back (the parent also caps what it reads).
MAX_NODES = 100_000
MAX_TEXT = 100_000
MAX_DEPTH = 20
MAX_INT_BITS = 1024
OUTPUT_CAP = 1_000_000  # characters of stdout + stderr a submission may print


class NotPlain(ValueError):
    """A value that is not plain data (a subclass, a DataFrame, an object...)."""


class GradingTimeout(BaseException):
    """The submission's time is up (a BaseException: `except Exception` does not swallow it)."""


class OutputLimitExceeded(Exception):
    """A submission printed more than the grader keeps."""


def _numpy_types() -> dict:
    np = sys.modules.get("numpy")
    if np is None:
        return {}
    kinds = {}
    for name in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        kinds[getattr(np, name)] = "i"
    for name in ("float16", "float32", "float64"):
        kinds[getattr(np, name)] = "f"
    kinds[np.bool_] = "b"
    kinds[np.str_] = "s"
    return kinds


_SEQUENCES = {list: "l", tuple: "t", set: "S", frozenset: "F"}


def _tables() -> dict:
    """{type: its `tolist`} of pandas' Series and Index and numpy's ndarray, when imported."""
    found = {}
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    if np is not None:
        found[np.ndarray] = np.ndarray.tolist
    if pd is not None:
        found[pd.Series] = pd.Series.tolist
        for name in ("Index", "RangeIndex"):
            kind = getattr(pd, name, None)
            if isinstance(kind, type):
                found[kind] = kind.tolist
    return found


def _mappings() -> set:
    import collections

    return {collections.defaultdict, collections.OrderedDict, collections.Counter}


def describe(value) -> str:
    """A short name for the kind of `value`, without calling anything of the value."""
    name = type(value).__name__
    name = name if isinstance(name, str) and len(name) < 60 else "object"
    return {"DataFrame": "a pandas DataFrame (a table)", "Series": "a pandas Series (a column)",
            "ndarray": "a numpy array"}.get(name, f"a {name}")


def _figures():
    """(matplotlib's Figure and Axes types, medialit.figures.describe) when matplotlib is loaded;
    a chart question's answer travels as its plain description, as check() compares it."""
    import sys

    if "matplotlib.figure" not in sys.modules:
        return frozenset(), None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..figures import describe

    def describe_chart(value):
        return describe(value if type(value) is Figure else value.figure)
    return frozenset({Figure, Axes}), describe_chart


def make_plain():
    """A `plain()` whose every helper is bound now, in a closure: a student's code that later
    replaces this module's names (plain, NotPlain, the limits) does not change it."""
    numpy_kinds = _numpy_types()
    sequences = dict(_SEQUENCES)
    iterators = {list: list.__iter__, tuple: tuple.__iter__, set: set.__iter__,
                 frozenset: frozenset.__iter__}
    refuse, isfinite, name_of, dict_items = NotPlain, math.isfinite, describe, dict.items
    max_nodes, max_text, max_depth, max_bits = MAX_NODES, MAX_TEXT, MAX_DEPTH, MAX_INT_BITS
    ellipsis, str_str, int_bits = Ellipsis, str.__str__, int.bit_length
    type_, len_, int_, float_, bool_, float_repr = type, len, int, float, bool, float.__repr__
    tables, mappings, dict_ = _tables(), _mappings(), dict
    figures, describe_figure = _figures()

    def walk(value, state, depth):
        state[0] += 1
        if state[0] > max_nodes:
            raise refuse("an answer that is too large")
        t = type_(value)
        if t is bool:
            return ["b", value]
        if t is int:
            if int_bits(value) > max_bits:
                raise refuse("a number that is too large")
            return ["i", value]
        if t is float:
            return ["f", value if isfinite(value) else float_repr(value)]
        if t is str:
            if len_(value) > max_text:
                raise refuse("a text that is too long")
            return ["s", value]
        if value is None:
            return ["n"]
        if value is ellipsis:
            return ["e"]
        if t in tables:  # a pandas Series or Index, a numpy array: its items, as check() takes them
            try:
                size = len_(value)
            except Exception:
                raise refuse(name_of(value)) from None
            if size > max_nodes:
                raise refuse("an answer that is too large")
            return walk(tables[t](value), state, depth)
        if t in mappings:  # a defaultdict, OrderedDict, Counter: a dict, as check() takes it
            return walk(dict_(dict_items(value)), state, depth)
        if t in figures:  # a matplotlib Figure or Axes: its structure, as check() compares it
            try:
                summary = describe_figure(value)
            except Exception:
                raise refuse(name_of(value)) from None
            return walk(summary, state, depth)
        kind = numpy_kinds.get(t)
        if kind == "i":
            return walk(int_(value), state, depth)
        if kind == "f":
            return walk(float_(value), state, depth)
        if kind == "b":
            return ["b", bool_(value)]
        if kind == "s":
            return walk(str_str(value), state, depth)
        if t in sequences or t is dict:
            if depth >= max_depth:
                raise refuse("an answer nested too deeply")
            if t is dict:
                return ["d", [[walk(k, state, depth + 1), walk(v, state, depth + 1)]
                              for k, v in dict_items(value)]]
            return [sequences[t], [walk(v, state, depth + 1) for v in iterators[t](value)]]
        raise refuse(name_of(value))

    def plain(value):
        """`value` as a tagged JSON-safe tree, or NotPlain (see the module's `plain`)."""
        return walk(value, [0], 0)

    return plain


def make_dumps():
    """A JSON writer for the grader's messages (dicts, lists, str, int, float, bool, None) built
    from functions bound now: a student who patches `json` or `builtins` does not change it."""
    import json.encoder

    escape = json.encoder.encode_basestring_ascii
    type_, int_repr, float_repr, join, dict_items = type, int.__repr__, float.__repr__, str.join, dict.items

    def dumps(value) -> str:
        t = type_(value)
        if t is str:
            return escape(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if t is int:
            return int_repr(value)
        if t is float:
            return float_repr(value)
        if t is list:
            return "[" + join(",", [dumps(v) for v in value]) + "]"
        if t is dict:
            return "{" + join(",", [escape(k) + ":" + dumps(v) for k, v in dict_items(value)]) + "}"
        raise TypeError(f"cannot write {t.__name__}")

    return dumps


def plain(value):
    """`value` as a tagged JSON-safe tree, or NotPlain.

    Only exact built-in types pass (int, float, str, bool, None, ..., list, tuple, set,
    frozenset, dict) and numpy's scalar types (made int/float/bool/str); a subclass or any other
    object is refused, and nothing of the value's own code (__eq__, __iter__, __repr__) is called.
    """
    return make_plain()(value)


def unplain(tree):
    """The plain value of a tree made by `plain()` (in the grader's process). Raises ValueError."""
    if not isinstance(tree, list) or not tree or not isinstance(tree[0], str):
        raise ValueError("not a plain tree")
    tag, rest = tree[0], tree[1:]
    if tag == "n":
        return None
    if tag == "e":
        return Ellipsis
    (arg,) = rest
    if tag == "b" and type(arg) is bool:
        return arg
    if tag == "i" and type(arg) is int:
        return arg
    if tag == "f":
        if isinstance(arg, str):
            return float(arg)
        if type(arg) in (int, float):
            return float(arg)
    if tag == "s" and type(arg) is str:
        return arg
    if tag in ("l", "t", "S", "F") and type(arg) is list:
        items = [unplain(v) for v in arg]
        return {"l": list, "t": tuple, "S": set, "F": frozenset}[tag](items)
    if tag == "d" and type(arg) is list:
        return {unplain(k): unplain(v) for k, v in arg}
    raise ValueError(f"bad plain tree tag {tag!r}")


class CappedStream(io.TextIOBase):
    """A text sink that keeps at most `cap` characters (forwarding them to `target`, if any).

    The first write past the cap raises OutputLimitExceeded in the student's cell (so a cell
    that prints without end stops); later writes are dropped silently.
    """

    def __init__(self, cap: int, target=None):
        self.cap, self.target, self.used, self.tripped = cap, target, 0, False

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            text = str(text)
        self.used += len(text)
        if self.used > self.cap:
            if not self.tripped:
                self.tripped = True
                raise OutputLimitExceeded(f"more than {self.cap} characters of output")
            return len(text)
        if self.target is not None:
            self.target.write(text)
        return len(text)

    def flush(self):
        if self.target is not None and not self.tripped:
            self.target.flush()

    def isatty(self):
        return False


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def set_limits(timeout: float, memory_mb: int) -> None:
    """Memory (address space above what is mapped now), CPU time, open files and file size, each
    with its hard limit lowered to the soft one, so the submission cannot raise it back.
    A limit the system does not support is skipped (macOS does not enforce RLIMIT_AS)."""
    import resource

    from .isolation import lower_limit

    mapped = _vm_bytes()
    if memory_mb and mapped:  # without /proc the current size is unknown: no address-space limit
        lower_limit(resource.RLIMIT_AS, mapped + memory_mb * 1024 * 1024)
    used = resource.getrusage(resource.RUSAGE_SELF)
    # the CPU-time timer (ITIMER_PROF) stops a plain loop at `timeout` s of CPU; the CPU limit,
    # at most 1 s later, kills one that catches it
    lower_limit(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime + timeout) + 1)
    lower_limit(resource.RLIMIT_NOFILE, 256)
    lower_limit(resource.RLIMIT_FSIZE, 16 * 1024 * 1024)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large file is an OSError, not a death


PATH_EVENTS = {"os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.chmod", "os.chown", "os.truncate",
               "os.symlink", "os.link", "os.utime", "shutil.rmtree", "shutil.move", "os.chflags"}
BLOCKED_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                  "os.forkpty", "os.kill", "os.killpg", "pty.spawn", "ctypes.dlopen", "ctypes.dlsym",
                  "socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto", "webbrowser.open",
                  "resource.setrlimit", "resource.prlimit"}
LIST_EVENTS = {"os.listdir", "os.scandir", "glob.glob", "os.walk"}


def install_guard(workdir: str, secrets: list[str]) -> None:
    """An audit hook for the rest of the process: no reading or listing under `secrets` (the
    solutions, the other submissions, the grades), no writing outside `workdir`, no programs,
    processes, network or native libraries. It cannot be removed from Python once installed."""
    import os.path
    import threading

    realpath, sep, fspath = os.path.realpath, os.sep, os.fspath
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    home = realpath(workdir)
    hidden = tuple(realpath(p) for p in secrets)
    busy = threading.local()

    def inside(path, roots) -> bool:
        return any(path == root or path.startswith(root.rstrip(sep) + sep) for root in roots)

    def where(path):
        if path is None or isinstance(path, int):
            return None
        try:
            path = fspath(path)
            path = path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path
            return realpath(path)
        except (TypeError, ValueError, OSError):
            return None

    def hook(event, args):
        if event in BLOCKED_EVENTS:
            raise PermissionError(f"not allowed while grading: {event}")
        if event != "open" and event not in PATH_EVENTS and event not in LIST_EVENTS:
            return
        if getattr(busy, "on", False):
            return
        busy.on = True
        try:
            if event == "open":
                path, mode, flags = (tuple(args) + (None, None, None))[:3]
                target = where(path)
                if target is None:
                    return
                if inside(target, hidden):
                    raise PermissionError(f"not allowed while grading: reading {path}")
                writes = (any(c in mode for c in "wax+") if isinstance(mode, str)
                          else isinstance(flags, int) and bool(flags & write_flags))
                if writes and not inside(target, (home,)) and target != "/dev/null":
                    raise PermissionError(f"not allowed while grading: writing {path}")
            elif event in LIST_EVENTS:
                target = where(args[0] if args else None)
                if target is not None and inside(target, hidden):
                    raise PermissionError(f"not allowed while grading: listing {args[0]}")
            else:
                for arg in args[:2]:
                    target = where(arg) if isinstance(arg, (str, bytes, os.PathLike)) else None
                    if target is not None and not inside(target, (home,)):
                        raise PermissionError(f"not allowed while grading: {event} {arg}")
        finally:
            busy.on = False

    sys.addaudithook(hook)


def _on_alarm(signum, frame, _error=GradingTimeout):
    raise _error("the submission ran out of time")


def forget_error(shell, _modules=sys.__dict__, _collect=gc.collect) -> None:
    """Let go of the last error's frames, and so of what their variables hold.

    IPython keeps the last traceback (for %debug) in sys.last_*, in its traceback formatter and
    in the last result: after a cell that filled memory until MemoryError, the memory would stay
    full, and the cells after it (and a real kernel's message threads) would run out too.
    """
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        _modules.pop(name, None)
    shell.last_execution_result = None
    formatter = getattr(shell, "InteractiveTB", None)
    if formatter is not None:
        formatter.tb = None
    _collect()  # the frames of a traceback can hold each other in cycles


class Runner:
    """The grader's side inside the student's process: set up, run, capture, report.

    `variables` maps each computed question of the lesson to the variable the key names.
    """

    def __init__(self, variables: dict[str, str], timeout: float, memory_mb: int,
                 output_cap: int = OUTPUT_CAP, secrets: list[str] | None = None, home: str | None = None):
        self.variables = dict(variables)
        self.secrets = list(secrets or [])
        self.home = home  # the submission's own folder (writable); default: the working directory
        self._capture = self.capture  # bound now: patching the class later does not reach it
        self.timeout, self.memory_mb, self.output_cap = timeout, memory_mb, output_cap
        self.answers: dict[str, dict] = {}
        # keep our own references: a student who patches modules does not reach these
        self._plain, self._dumps, self._refused = make_plain(), make_dumps(), NotPlain

    def setup(self, forward: bool = False) -> None:
        """Seeds, matplotlib backend, capped output, limits and the time budget."""
        import random
        if forward:
            from IPython.display import display
            self._show = display
        random.seed(0)
        sys.argv = [""]  # neither the grader's command line nor the kernel's
        np = sys.modules.get("numpy")
        if np is not None:
            np.random.seed(0)
        sys.stdout = CappedStream(self.output_cap, sys.stdout if forward else None)
        sys.stderr = CappedStream(self.output_cap, sys.stderr if forward else None)
        set_limits(self.timeout, self.memory_mb)
        install_guard(self.home or os.getcwd(), self.secrets)
        signal.signal(signal.SIGPROF, _on_alarm)
        signal.setitimer(signal.ITIMER_PROF, max(self.timeout, 0.01))  # CPU time, not wall time

    def stop_timer(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0)

    def capture(self, questions, namespace: dict, _dict=dict, _type=type, _str=str,
                _recursion=RecursionError) -> dict:
        """Snapshot, as plain data, the variables of `questions` (first capture wins).

        `questions` is a list of ids, or {id: the variable the student's own check cell names}:
        when the key's variable is undefined or still `...`, the student's is read instead
        (safe: the value must still match the key).
        Returns the new captures {question: {"value": tree} | {"missing": name} | {"refused": why}},
        with "via": name when the student's variable was read.
        """
        new = {}
        names = questions if _type(questions) is _dict else {}
        for qid in questions:
            if qid in self.answers or qid not in self.variables:
                continue
            name, via = self.variables[qid], None
            own = names.get(qid)
            if (own and own != name and own in namespace and namespace[own] is not Ellipsis
                    and (name not in namespace or namespace[name] is Ellipsis)):
                name = via = own
            if name not in namespace:
                got = {"missing": name}
            else:
                try:
                    got = {"value": self._plain(namespace[name])}
                except self._refused as err:
                    got = {"refused": _str(err)}
                except _recursion:
                    got = {"refused": "an answer nested too deeply"}
            if via:
                got["via"] = via
            self.answers[qid] = new[qid] = got
        return new

    def capture_rest(self, namespace: dict) -> dict:
        """Capture the questions whose check cell the notebook no longer has (at the end)."""
        return self._capture(sorted(self.variables), namespace)

    def show_function(self):
        """For the kernel path (after setup): a function `show(questions, namespace)` that
        captures and displays the new answers under the grader's MIME type, for the grader to
        read from the cell's outputs; `show(None, namespace)` stops the timer and captures the
        rest. Everything it uses is bound now (a closure), out of reach of module patching."""
        capture, rest, stop, display, dumps = self.capture, self.capture_rest, self.stop_timer, self._show, self._dumps
        mime = RESULT_MIME

        def show(questions, namespace):
            if questions is None:
                stop()
                new = rest(namespace)
            else:
                new = capture(questions, namespace)
            display({mime: dumps(new)}, raw=True)

        return show


RESULT_MIME = "application/vnd.medialit.grade+json"
