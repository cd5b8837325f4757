"""The attack catalogue (tests/attacks.py), graded in one batch with the operating system's wall.

Every case: the right status and score, no `Escaped` in its detail (the attack cell raises it when
it gets through), one row a file, no file outside the scratch folders changed, no process left,
the batch finishes, and a re-run writes the same bytes.
"""
import csv
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import attacks
from grading import grade_here
from medialit.course import isolation

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("grades.csv", "answers_long.csv", "written_answers.html", "summary.html")
HOST_SHM = Path("/dev/shm/medialit-pwned-by-host")


def snapshot(*folders: Path) -> dict:
    """{path: sha256} of every file under `folders` (links as links). Python's byte-code caches
    are left out: other test workers write them as they import, whatever the graded code does."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts:
                continue
            if path.is_symlink():
                found[str(path)] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def survivors() -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if attacks.PROCESS_TAG.encode() in f.read():
                    found.append(pid)
        except OSError:
            continue
    return found


ARGS = ["submissions", "--out", "out", "--timeout", "3", "--memory", "300", "--jobs", "2"]
SECRET = {attacks.SECRET_ENV: "grader-secret"}  # in the grader's environment: no submission may see it


def grade(base: Path):
    """The first run: a real `python -m medialit grade` process."""
    return subprocess.run([sys.executable, "-m", "medialit", "grade", *ARGS], cwd=base, capture_output=True,
                          text=True, timeout=600, env={**os.environ, **SECRET})


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    if isolation.reason_unavailable():
        pytest.fail(f"no namespaces here ({isolation.reason_unavailable()}): the wall cannot be tested")
    base = tmp_path_factory.mktemp("attacks")
    attacks.build(base)
    HOST_SHM.write_text("host")
    before = snapshot(base / "submissions", ROOT / "solutions", ROOT / "medialit")
    first = grade(base)
    outputs = {name: (base / "out" / name).read_bytes() for name in OUTPUTS if (base / "out" / name).exists()}
    again = grade_here(*ARGS, cwd=base, env=SECRET)  # the re-run, in this process
    after = snapshot(base / "submissions", ROOT / "solutions", ROOT / "medialit")
    HOST_SHM.unlink(missing_ok=True)  # another run of the suite on this machine may have removed it
    rows = list(csv.DictReader(io.StringIO(outputs.get("grades.csv", b"").decode("utf-8"))))
    return {"base": base, "first": first, "again": again, "outputs": outputs, "rows": rows,
            "changed": sorted(set(before.items()) ^ set(after.items())), "survivors": survivors(),
            "rerun": {name: (base / "out" / name).read_bytes() for name in outputs}}


def test_the_batch_finishes_twice_with_one_row_a_file(attacked):
    assert attacked["first"].returncode == 0, attacked["first"].stderr
    assert attacked["again"].returncode == 0, attacked["again"].stderr
    files = [r["file"] for r in attacked["rows"]]
    expected = [path for path, *_ in attacks.ATTACKS.values()] + [attacks.SYMLINKED[0]]
    assert sorted(files) == sorted(expected)


@pytest.mark.parametrize("case", list(attacks.ATTACKS))
def test_attack(attacked, case):
    path, _, status, score = attacks.ATTACKS[case]
    row = next(r for r in attacked["rows"] if r["file"] == path)
    assert "Escaped" not in row["detail"], row
    assert (row["status"], int(row["score"])) == (status, score), row


def test_a_symlink_to_a_classmates_file_gets_its_own_row(attacked):
    link, target = attacks.SYMLINKED
    row = next(r for r in attacked["rows"] if r["file"] == link)
    assert row["status"] == "duplicate of mia" and target in row["detail"], row


def test_nothing_outside_the_scratch_folders_changed(attacked):
    assert attacked["changed"] == []
    assert not Path("/dev/shm/medialit-pwned").exists()
    assert not (attacked["base"] / "out" / "pwned.txt").exists()


def test_nothing_survives_its_submission(attacked):
    assert attacked["survivors"] == []


def test_a_rerun_writes_the_same_bytes(attacked):
    assert attacked["outputs"] == attacked["rerun"]


def test_the_isolation_is_said(attacked):
    summary = attacked["outputs"]["summary.html"].decode("utf-8")
    assert "Linux namespaces" in attacked["first"].stdout and "Linux namespaces" in summary


def test_an_oversize_answer_is_invalid_alone(attacked):
    long = list(csv.DictReader(io.StringIO(attacked["outputs"]["answers_long.csv"].decode("utf-8"))))
    path = attacks.ATTACKS["a 20 MB answer"][0]
    verdicts = {r["question"]: r["verdict"] for r in long if r["file"] == path}
    assert sorted(verdicts.values()).count("invalid") == 1 and "incorrect" not in verdicts.values(), verdicts
