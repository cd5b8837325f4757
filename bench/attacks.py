"""Which attacks of the catalogue only the operating system's wall stops, and which the audit hook
stops on its own: each attack graded in a batch of its own, with namespaces and without.

    python bench/attacks.py            # both ways (about a minute)
    python bench/attacks.py --hook     # without namespaces only

Without namespaces the attacks are real: they run as your user against a throw-away folder (the
pidfd attack kills only the grader of its own batch; the fork bomb is not run: nothing but the
wall bounds it). Prints a table; asserts nothing.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import attacks  # noqa: E402
from test_grade_attacks import HOST_SHM, snapshot, survivors  # noqa: E402

NOT_WITHOUT_WALL = {"a fork bomb"}


def run(case: str, base: Path, isolation: str) -> str:
    """'stopped', or what got through."""
    attacks.build(base, [case])
    watched = (base / "submissions", ROOT / "solutions")
    before = snapshot(*watched)
    env = {**os.environ, attacks.SECRET_ENV: "grader-secret", "MEDIALIT_ISOLATION": isolation}
    done = subprocess.run([sys.executable, "-m", "medialit", "grade", "submissions", "--out", "out", "--timeout", "3",
                           "--memory", "300", "--jobs", "1"], cwd=base, capture_output=True, text=True, env=env)
    problems = []
    if done.returncode != 0:
        problems.append(f"the grader died (exit {done.returncode})")
    grades = base / "out" / "grades.csv"
    rows = list(csv.DictReader(grades.open(encoding="utf-8"))) if grades.exists() else []
    path, _, status, score = attacks.ATTACKS[case]
    row = next((r for r in rows if r["file"] == path), None)
    if row is None and not problems:
        problems.append("no row")
    elif row is not None:
        if "Escaped" in row["detail"]:
            problems.append("escaped (its own report)")
        if (row["status"], int(row["score"])) != (status, score):
            problems.append(f"{row['status']} {row['score']} instead of {status} {score}")
    if snapshot(*watched) != before:
        problems.append("changed files outside its folder")
    if Path("/dev/shm/medialit-pwned").exists():
        Path("/dev/shm/medialit-pwned").unlink()
        problems.append("wrote to the host's /dev/shm")
    if (base / "out" / "pwned.txt").exists():
        problems.append("wrote into --out")
    left = survivors()
    if left:
        for pid in left:
            try:
                os.kill(int(pid), 9)
            except OSError:
                pass
        problems.append("a process outlived it")
    return "; ".join(problems) or "stopped"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hook", action="store_true", help="only without namespaces")
    args = parser.parse_args()
    ways = ["hook"] if args.hook else ["auto", "hook"]
    HOST_SHM.write_text("host")
    table = {}
    try:
        for case in attacks.ATTACKS:
            for way in ways:
                if way == "hook" and case in NOT_WITHOUT_WALL:
                    table[case, way] = "not run (unbounded without the wall)"
                    continue
                with tempfile.TemporaryDirectory(prefix="bench-attack-") as tmp:
                    table[case, way] = run(case, Path(tmp), way)
    finally:
        HOST_SHM.unlink()
    names = {"auto": "namespaces + hook", "hook": "hook only"}
    print(f"{'attack':<50}" + "".join(f"{names[w]:<42}" for w in ways))
    for case in attacks.ATTACKS:
        print(f"{case:<50}" + "".join(f"{table[case, w][:40]:<42}" for w in ways))
    return 0


if __name__ == "__main__":
    sys.exit(main())
