"""`python -m medialit release`: the student bundle holds no solution and no answer in plain text,
and runs its exercises on its own."""
import json
from pathlib import Path

import pytest

from medialit.course.release import ReleaseError, release
from test_pipeline import plain_answers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "student-kit"
    release(out)
    return out


def text_of(files) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace").casefold()
                     for p in files if p.is_file())


def test_the_bundle_has_what_students_need(bundle):
    for name in ("README.md", "requirements.txt", "pyproject.toml", "medialit/__init__.py",
                 "medialit/data/answer_key.json", "seeds/tass-2016-10-07-syria-commitments.txt",
                 "notebooks/00_start_here.ipynb", "exercises/00_start_here.ipynb",
                 "jupyter-config/pyproject.toml", "jupyter-config/jupyter_server_config.json"):
        assert (bundle / name).is_file(), name
    assert sorted(p.name for p in (bundle / "exercises").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert "-e ." in (bundle / "requirements.txt").read_text(encoding="utf-8")


def test_the_bundle_has_no_solutions(bundle):
    assert not (bundle / "solutions").exists() and not (bundle / "tests").exists()
    assert not (bundle / "docs").exists() and not (bundle / "bench").exists()
    assert not list(bundle.rglob("__pycache__"))
    text = text_of([*bundle.glob("exercises/*.ipynb"), *bundle.glob("notebooks/*.ipynb")])
    assert "### begin solution" not in text
    assert not list(bundle.rglob("answer_key.json"))[1:]  # only medialit/data's hashed key
    key = json.loads((bundle / "medialit/data/answer_key.json").read_text(encoding="utf-8"))
    assert all("answer" not in entry for entry in key["questions"].values())


def test_no_answer_in_plain_text_in_the_bundle(bundle):
    """Same rule as test_pipeline: an answer that is a phrase of the article may appear where the
    article does (seeds/, the package, the lessons), never in exercises/; other answers nowhere."""
    from medialit import load_article

    article = load_article().text.casefold().replace("’", "'")
    everywhere = text_of(bundle.rglob("*"))
    exercises = text_of((bundle / "exercises").glob("*.ipynb"))
    answers = list(plain_answers())
    assert answers
    leaked = [(qid, a) for qid, a in answers
              if a.casefold() in (exercises if a.casefold() in article else everywhere)]
    assert not leaked


def test_a_bundled_exercise_runs_blank_on_its_own(bundle, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    from medialit.checks import MIME

    monkeypatch.setenv("PYTHONPATH", str(bundle))  # the kernel imports the bundle's medialit
    path = bundle / "exercises" / "01_anatomy_of_an_article.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import medialit\nprint(medialit.__file__)"))
    NotebookClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    records = [o["data"][MIME] for c in nb.cells for o in c.get("outputs", []) if MIME in o.get("data", {})]
    assert records and all(r["status"] == "unanswered" for r in records)
    assert nb.cells[-1].outputs[0]["text"].strip().startswith(str(bundle))


def test_release_refuses_a_folder_that_is_not_a_bundle(tmp_path, bundle):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ReleaseError):
        release(tmp_path)
    assert release(bundle) > 0  # an earlier bundle is replaced
    with pytest.raises(ReleaseError):
        release(ROOT / "exercises")


def test_the_bundle_readme_installs_as_the_kit_readme_does(bundle):
    """The students' README gives the kit README's first command, Unix and Windows forms, word for word."""
    from test_install import readme_commands

    unix_install, _, windows_install, _ = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    students = (bundle / "README.md").read_text(encoding="utf-8")
    assert f"```bash\n{unix_install}\n```" in students
    assert f"```bat\n{windows_install}\n```" in students
