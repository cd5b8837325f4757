"""`python -m medialit release --out DIR`: the student bundle.

The bundle holds what students need and nothing that gives answers away: README (for students),
requirements.txt, pyproject.toml (test settings for the exercises only), notebooks/ (lessons),
exercises/, seeds/ and the medialit package with its *hashed* answer key. No solutions/, no plain
key, no tests, no instructor docs. tests/test_release.py greps the bundle for every answer.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from .lessons import LESSONS, ROOT

MARKER = ".medialit-release"
PACKAGE_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
PYTEST = """[tool.pytest.ini_options]
# `python -m pytest` runs every exercise top to bottom (blank or answered) and the lessons.
testpaths = ["exercises", "notebooks"]
addopts = "-p no:cacheprovider --nbval-lax --nbval-current-env"
"""
README = """# Reading one article closely — the student's kit

A Jupyter course that walks you through **one real news article** — its framing words, its
numbers, and who gets to speak — the way a careful reader, a fact-checker and a data journalist would.

## Start

On a computer with Python 3.11 or newer, in this folder, paste this command: it makes a virtual
environment in `.venv`, installs everything into it and opens the first lesson in JupyterLab.

```bash
python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt && .venv/bin/jupyter lab notebooks/00_start_here.ipynb
```

On **Windows** (Command Prompt, or PowerShell 7):

```bat
py -m venv .venv && .venv\\Scripts\\python -m pip install -r requirements.txt && .venv\\Scripts\\jupyter lab notebooks\\00_start_here.ipynb
```

(In Windows PowerShell 5, run the three parts one after the other; if `py` is not found, write
`python`. On Debian or Ubuntu, if `python3 -m venv` says *ensurepip is not available*, run
`sudo apt install python3-venv` first.)

Next time, open JupyterLab with the last part only: `.venv/bin/jupyter lab notebooks/00_start_here.ipynb`
(Windows: `.venv\\Scripts\\jupyter lab notebooks\\00_start_here.ipynb`). To check that every notebook
runs on your computer: `.venv/bin/python -m pytest` (Windows: `.venv\\Scripts\\python -m pytest`).

## How the course works

Each lesson has two notebooks with the same name:

- `notebooks/` — the **lesson**: read it, run it (Shift+Enter), change it.
- `exercises/` — **your notebook**: replace each `...` with your answer and run the cell. The check
  cell under it says *correct*, *not yet* (with a hint) or *not answered yet* — never the answer.
  Written answers go in the cells marked **Your answer**.

{lessons}

## Handing in

Hand in your exercise notebook **as it is**: do not rename the variables the checks read, do not
delete the check cells, and keep the file name (`NN_....ipynb`) — your teacher's grader runs your
notebook from the top and reads your answers itself. Save it (Ctrl+S) before you hand it in.

## Working offline

Once installed, nothing in the kit needs the internet; the article is in `seeds/`.
"""


class ReleaseError(ValueError):
    """The bundle cannot be written (the message says why)."""


def lessons_table(root: Path) -> str:
    lines = ["| # | lesson | exercise |", "|---|---|---|"]
    for lesson in LESSONS.values():
        if (root / "exercises" / f"{lesson.stem}.ipynb").exists():
            lines.append(f"| {lesson.number} | [{lesson.title}](notebooks/{lesson.stem}.ipynb) | "
                         f"[exercises/{lesson.stem}.ipynb](exercises/{lesson.stem}.ipynb) |")
    return "\n".join(lines)


def student_pyproject(text: str) -> str:
    """The kit's pyproject.toml with the pytest settings of the exercises only."""
    text = re.sub(r"(?ms)^\[tool\.pytest\.ini_options\].*?(?=^\[|\Z)", "", text).rstrip() + "\n"
    return text + "\n" + PYTEST


def release(out: str | Path, root: Path = ROOT) -> int:
    """Write the bundle to `out` (new, or a previous bundle that is replaced); returns the file count."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise ReleaseError(f"{out} exists and is not an earlier bundle: choose a new folder")
    target, kit = out.resolve(), root.resolve()
    if target == kit or any(target == kit / f or kit / f in target.parents
                            for f in ("medialit", "exercises", "notebooks", "seeds", "solutions")):
        raise ReleaseError(f"{out} is the kit or one of its folders: choose another folder")
    if not (root / "exercises").is_dir() or not any((root / "exercises").glob("*.ipynb")):
        raise ReleaseError("no exercises/ to release: run `python -m medialit build` first")
    try:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for folder in ("notebooks", "exercises"):
            (out / folder).mkdir()
            for path in sorted((root / folder).glob("*.ipynb")):
                shutil.copy2(path, out / folder / path.name)
        shutil.copytree(root / "seeds", out / "seeds", ignore=PACKAGE_SKIP)
        shutil.copytree(root / "medialit", out / "medialit", ignore=PACKAGE_SKIP)
        shutil.copy2(root / "requirements.txt", out / "requirements.txt")
        shutil.copytree(root / "jupyter-config", out / "jupyter-config", ignore=PACKAGE_SKIP)
        (out / "pyproject.toml").write_text(student_pyproject((root / "pyproject.toml").read_text(encoding="utf-8")),
                                            encoding="utf-8")
        (out / "README.md").write_text(README.format(lessons=lessons_table(root)), encoding="utf-8")
        (out / MARKER).write_text("written by `python -m medialit release`; safe to replace\n", encoding="utf-8")
    except OSError as err:
        raise ReleaseError(f"cannot write {out}: {err.strerror or err}") from None
    return sum(1 for p in out.rglob("*") if p.is_file())
