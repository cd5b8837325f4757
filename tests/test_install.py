"""What requirements.txt installs besides the packages: Jupyter serves the kit's folder."""
import json
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
