"""The install: the README's two commands (and .ci/run, which runs them as written), and what
requirements.txt installs besides the packages (Jupyter serves the kit's folder)."""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_jupyter_serves_the_folder_it_is_started_from():
    setting = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    assert json.loads(setting.read_text(encoding="utf-8")) == {"ServerApp": {"root_dir": "."}}
    assert "./jupyter-config" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_opening_lesson_00_keeps_exercises_in_reach(monkeypatch):
    """`jupyter lab notebooks/00_start_here.ipynb` (the README's first command) must serve the kit's
    folder, not notebooks/ only, or the links to exercises/ lead nowhere."""
    from jupyter_server.serverapp import ServerApp

    monkeypatch.chdir(ROOT)
    app = ServerApp()
    app.load_config_file()
    app.parse_command_line(["notebooks/00_start_here.ipynb"])
    assert Path(app.root_dir) == ROOT
    assert Path(app.file_to_run) == ROOT / "notebooks" / "00_start_here.ipynb"


def readme_commands(readme: str) -> list[str]:
    """The one-line commands of the README's "The two commands" section, in order."""
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```(?:bash|bat)\n(.*?)```", section, re.S)]


def ci_commands() -> dict[str, str]:
    """INSTALL, LAB and TESTS as .ci/run defines them."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return dict(re.findall(r"^(INSTALL|LAB|TESTS)='([^']*)'$", script, re.M))


def test_ci_runs_the_readme_commands_as_written():
    """If the README's commands and .ci/run drift apart, this fails: CI must run what a reader pastes."""
    unix_install, unix_tests, windows_install, windows_tests = readme_commands(
        (ROOT / "README.md").read_text(encoding="utf-8"))
    ci = ci_commands()
    assert unix_install == f"{ci['INSTALL']} && {ci['LAB']}"
    assert unix_tests == ci["TESTS"]
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in ('eval "$INSTALL"', "$LAB --no-browser", "$TESTS 2>&1"):
        assert line in script
    # the Windows form is the same commands with the Windows paths and launcher
    as_windows = lambda cmd: cmd.replace("python3 -m venv", "py -m venv").replace(".venv/bin/", ".venv\\Scripts\\") \
        .replace("notebooks/", "notebooks\\")
    assert windows_install == as_windows(unix_install)
    assert windows_tests == as_windows(unix_tests)


def test_the_commands_make_and_use_a_virtual_environment():
    """PEP 668: a bare `pip install` is refused by Debian/Ubuntu's and Homebrew's Python."""
    install, tests, *_ = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert install.startswith("python3 -m venv .venv && ")
    parts = install.split(" && ")[1:] + [tests]
    assert all(part.startswith(".venv/bin/") for part in parts), parts


def test_ci_fails_when_pytest_collects_nothing_or_prints_no_summary(tmp_path):
    """Run .ci/run's test step against a fake `.venv/bin/python` that exits 5 (no tests), 0 with no
    summary, or 0 with a summary: only the last passes."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    step = script.split("# 2. The second command.", 1)[1].split("\n", 1)[1]
    cases = {"5": ("exit 5", 1), "nosummary": ("echo hello; exit 0", 1),
             "ok": ("echo '======= 3 passed in 1.20s ======='; exit 0", 0)}
    for name, (body, expected) in cases.items():
        fake = tmp_path / name
        (fake / ".venv" / "bin").mkdir(parents=True)
        python = fake / ".venv" / "bin" / "python"
        python.write_text(f"#!/bin/sh\n{body}\n")
        python.chmod(0o755)
        run = f"set -euo pipefail\nTESTS='{ci_commands()['TESTS']}'\nTEST_LOG=$(mktemp)\n{step}"
        result = subprocess.run(["bash", "-c", run], cwd=fake, capture_output=True, text=True)
        assert result.returncode == expected, (name, result.stdout, result.stderr)
