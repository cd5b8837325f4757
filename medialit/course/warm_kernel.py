"""The test suite's notebook kernels, forked from a process that has already done the imports.

nbval starts a fresh kernel for every notebook, and each one spends about 3 s of CPU starting
Python, ipykernel, pandas, matplotlib and NLTK before its first cell: 21 notebooks, a third of
the suite. Here one *warm server* per test worker imports those libraries once (never the kit:
`medialit` is imported by the notebook, as in a student's kernel); each kernel is a fork of it,
with the launcher's working folder, environment and standard streams. Nothing else changes: it
is ipykernel's own kernel app, started as `python -m ipykernel_launcher` would start it.

    python warm_kernel.py --serve SOCKET      # the warm server (started by medialit.course.startup)
    python warm_kernel.py -f CONNECTION_FILE  # a kernel (the kernelspec's command)

The launcher stays the process Jupyter manages: it passes on signals (interrupts) and exits with
the kernel's exit code; when it dies, the server kills its kernel. Without a server (no
`MEDIALIT_WARM_KERNEL` in the environment, no fork on this system, or the server gone) the
launcher simply becomes `python -m ipykernel_launcher`; so it does when the kernel's environment
sets Python's start-up variables (PYTHONPATH, ...) differently from the server's. This file imports only the standard
library, so a launcher starts in milliseconds.

>>> "ipykernel.kernelapp" in PRELOAD and not any(name.startswith("medialit") for name in PRELOAD)
True
"""
from __future__ import annotations

import builtins
import json
import os
import selectors
import signal
import socket
import sys
import types

ENV = "MEDIALIT_WARM_KERNEL"
# Heavy libraries a lesson's first cell imports, and the kernel's own machinery.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython", "matplotlib_inline.backend_inline",
           "numpy", "matplotlib", "matplotlib.figure", "nltk", "pandas")
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def launch(argv: list[str]) -> None:
    """Run a kernel for Jupyter: a fork of the warm server, or ipykernel's own launcher."""
    path = os.environ.get(ENV)
    if path and hasattr(os, "fork"):
        try:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.connect(path)
        except OSError:
            conn = None
        if conn is not None:
            request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
            socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
            replies = conn.makefile("rb")
            pid = int(replies.readline() or 0)  # 0: start a kernel of its own
            if pid:
                for number in FORWARDED:
                    signal.signal(number, lambda sig, _frame: os.kill(pid, sig))
                status = replies.readline()
                sys.exit(int(status or 1))
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def serve(path: str) -> None:
    """Import PRELOAD, then fork a kernel for every launcher that connects to `path`."""
    if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
        del sys.path[0]  # this folder is not on a kernel's path
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as ipykernel sets it
    # pandas chooses display defaults on import by asking `get_ipython()` whether it runs in a
    # kernel (max_columns 20 there, "fit the terminal" elsewhere): it is told what a kernel says.
    builtins.get_ipython = lambda: types.SimpleNamespace(kernel=True)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the debugger's import: no warning
    try:
        for name in PRELOAD:
            __import__(name)
    finally:
        del builtins.get_ipython
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen()
    print("ready", flush=True)
    kernels: dict[int, socket.socket] = {}  # pid -> its launcher's connection
    watch = selectors.DefaultSelector()
    watch.register(listener, selectors.EVENT_READ)
    while True:
        for key, _ in watch.select(timeout=0.05):
            if key.fileobj is listener:
                conn, _ = listener.accept()
                pid = _fork_kernel(conn, listener)
                if pid:
                    kernels[pid] = conn
                    watch.register(conn, selectors.EVENT_READ, pid)
                else:
                    conn.close()
            elif not key.fileobj.recv(1):  # the launcher is gone: so is its kernel
                _kill(key.data)
        while kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if not pid:
                break
            conn = kernels.pop(pid)
            watch.unregister(conn)
            try:
                conn.sendall(b"%d\n" % os.waitstatus_to_exitcode(status))
            except OSError:
                pass
            conn.close()


_SERVER_ENV = dict(os.environ)


def _startup_settings(env: dict) -> dict:
    """The variables Python reads as it starts (PYTHONPATH, PYTHONHOME, ...): a fork keeps the server's."""
    return {name: value for name, value in env.items() if name.startswith("PYTHON")}


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _fork_kernel(conn: socket.socket, listener: socket.socket) -> int:
    """Fork; in the child, become the launcher's kernel (never returns there)."""
    message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    request = json.loads(message)
    if _startup_settings(request["env"]) != _startup_settings(_SERVER_ENV):
        for fd in fds:  # PYTHONPATH and the like act when Python starts: this kernel needs its own
            os.close(fd)
        conn.sendall(b"0\n")
        return 0
    pid = os.fork()
    if pid:
        for fd in fds:
            os.close(fd)
        conn.sendall(b"%d\n" % pid)
        return pid
    try:
        listener.close()
        conn.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import ipykernel_launcher
        from ipykernel import kernelapp

        sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
        kernelapp.launch_new_instance(argv=request["argv"])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - a kernel that cannot start says why on its stderr
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
    else:
        launch(sys.argv[1:])
