"""A start-up cost the kit's tools need not pay: checking web addresses they never check.

nbformat validates notebooks with jsonschema, and jsonschema's format checkers import
`rfc3987_syntax` when it is installed (JupyterLab brings it in). That import builds a grammar:
about 1 s in every process that reads a notebook with nbformat — each worker of the test suite,
`build`, `release`, `grade --kernel`. Notebook schemas use no format it checks (iri,
iri-reference), so before jsonschema is imported the kit marks that module as absent, which
jsonschema allows for. Imported as a pytest plugin (`-p medialit.course.startup` in
pyproject.toml) it does so before nbval loads.

>>> skip_unused_imports(); import sys; "jsonschema" in sys.modules or sys.modules["rfc3987_syntax"] is None
True
"""
from __future__ import annotations

import sys


def skip_unused_imports() -> None:
    """Mark `rfc3987_syntax` as absent, unless jsonschema (or the module) is already loaded."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


skip_unused_imports()


# --- the suite's notebook kernels (medialit/course/warm_kernel.py) ------------------------------
# pyproject.toml asks nbval for the kernel `medialit-warm`; its kernelspec, written here into a
# folder of this process's own, runs warm_kernel.py. The warm server starts with the first
# notebook cell a test worker runs, and stops with the worker.

import atexit  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

KERNEL_NAME = "medialit-warm"
_server: dict = {}


def keep_bytecode() -> None:
    """Let this process and those it starts keep Python's compiled files (`__pycache__`, as Python
    does by default) where the environment turns them off (PYTHONDONTWRITEBYTECODE, set in some
    containers): otherwise every test worker, notebook kernel and grader process compiles the kit
    and the tests again."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


def pytest_configure(config) -> None:
    """Keep byte-code; write the `medialit-warm` kernelspec and put its folder first on JUPYTER_PATH."""
    keep_bytecode()
    folder = Path(tempfile.mkdtemp(prefix="medialit-kernels-"))
    atexit.register(shutil.rmtree, folder, True)
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    launcher = Path(__file__).with_name("warm_kernel.py")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(launcher), "-f", "{connection_file}"],
        "display_name": "Python 3 (test suite, warm)", "language": "python"}), encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))
    _server["folder"] = folder


def pytest_runtest_setup(item) -> None:
    """Start this worker's warm server before its first notebook (never where fork is missing)."""
    if "process" in _server or not str(item.fspath).endswith(".ipynb") or not hasattr(os, "fork"):
        return
    from .warm_kernel import ENV

    socket_path = str(_server["folder"] / "warm.sock")
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("warm_kernel.py")), "--serve",
                                socket_path], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    _server["process"] = process
    if process.stdout.readline().strip() == "ready":
        os.environ[ENV] = socket_path  # kernels started from now on are forks of the server


def pytest_unconfigure(config) -> None:
    process = _server.pop("process", None)
    if process is not None:
        process.kill()
        process.wait()
