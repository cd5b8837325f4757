"""Running the grader from the tests: as a real process, or in the test's own process.

`grade` runs `python -m medialit grade ...` (what a teacher types); `grade_here` runs the same
command line in this process, whose imports each test worker has already paid for.
"""
import contextlib
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.__main__ import main

# The catalogue's endless loops each use their whole time limit (and the one that catches the
# timeout runs on to the CPU limit, up to 1 s later): short limits keep the suite fast. A child of
# the fast path runs lesson 01 in ~0.1 s of CPU; a kernel's limit starts after its start-up and
# imports, and a kernel runs lesson 01 in ~0.4 s. The memory hog fills MEMORY_MB and its next cell
# takes 80 MB back (tests/catalogue.py): ~0.3 s of CPU in all (page faults count), well under the
# limit however busy the machine (at 300 MB and 0.8 s it needed ~0.9 s, and came back "timeout").
TIMEOUT, KERNEL_TIMEOUT, MEMORY_MB = "0.8", "1.8", 100
OPTIONS = ["--timeout", TIMEOUT, "--memory", str(MEMORY_MB), "--jobs", "2"]
OUTPUTS = ("grades.csv", "answers_long.csv", "written_answers.html", "summary.html")


def grade(*args, cwd) -> subprocess.CompletedProcess:
    """`python -m medialit grade ...` as a real process."""
    return subprocess.run([sys.executable, "-m", "medialit", "grade", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def grade_here(*args, cwd, env: dict | None = None) -> subprocess.CompletedProcess:
    """The same command run in this process, in folder `cwd` (with `env` added to os.environ)."""
    said, errors = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(said), contextlib.redirect_stderr(errors):
        patch.chdir(cwd)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        code = main(["grade", *args])
    return subprocess.CompletedProcess(["grade", *args], code, said.getvalue(), errors.getvalue())


def rows(path: Path) -> list[dict]:
    """The rows of a CSV the grader wrote."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
