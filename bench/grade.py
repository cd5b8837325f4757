"""Benchmark the grader against a loop of `jupyter nbconvert --execute`, in one run.

    python bench/grade.py 200            # 200 submissions of lesson 01; nbconvert over a sample of 5
    python bench/grade.py 200 --sample 8 --jobs 2 --timeout 5

Generates N mixed submissions of lesson 01 (correct, partial, blank, and one of each fault of the
grader's catalogue: endless loop, endless print, memory hog, os._exit, cheats, invalid JSON...),
grades them with `python -m medialit grade` (timed from the command's start, as a subprocess),
runs `jupyter nbconvert --execute` over a sample of the same files, prints submissions per second
for both and the ratio, and checks that both give the same answers (the grader's verdicts against
the self-check records that nbconvert's run of each notebook stored). Prints figures; asserts
nothing about time.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import catalogue  # noqa: E402

MIME = "application/vnd.medialit.check+json"
ROUTINE = ["correct", "wrong", "blank", "partial"]  # most of a class
FAULTS = [case for case in catalogue.FAULTS if case not in ("correct", "wrong", "blank", "correct lesson 00")]


def partial():
    nb = catalogue.answered("01")
    return catalogue.set_answer(nb, "n_body_sentences", "len(sentences)")  # all sentences, not the body's


def generate(folder: Path, n: int) -> dict[str, str]:
    """N submissions in folder/<student>/01_anatomy_of_an_article.ipynb; {file: kind}."""
    makers = {"correct": catalogue.f_correct, "wrong": catalogue.f_wrong, "blank": catalogue.f_blank,
              "partial": partial}
    kinds = {}
    for i in range(n):
        if i < len(FAULTS) and n >= 2 * len(FAULTS):
            kind = FAULTS[i]
            path, make = catalogue.FAULTS[kind][0], catalogue.FAULTS[kind][1]
            path = f"s{i:04d}_" + path.replace("/", "__")  # s0006_ned__01_..., s0014_Zoë Ångström__01_...
        else:
            kind = ROUTINE[i % len(ROUTINE)]
            make = makers[kind]
            path = f"s{i:04d}/01_anatomy_of_an_article.ipynb"
        catalogue.write(folder, path, make())
        kinds[path] = kind
    return kinds


def grade(folder: Path, out: Path, jobs: int, timeout: float) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "medialit", "grade", str(folder), "--out", str(out),
                           "--jobs", str(jobs), "--timeout", str(timeout)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"grade failed: {done.stderr.strip()}")
    print("  " + done.stdout.strip())
    return seconds


def nbconvert(files: list[Path], out: Path) -> float:
    jupyter = Path(sys.executable).with_name("jupyter")
    start = time.perf_counter()
    for path in files:
        subprocess.run([str(jupyter), "nbconvert", "--execute", "--to", "notebook", "--output-dir",
                        str(out / path.parent.name), "--ExecutePreprocessor.allow_errors=True",
                        "--ExecutePreprocessor.timeout=60", str(path)],
                       capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def self_checks(path: Path) -> dict[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if record and record.get("question"):
                found[record["question"]] = record["status"]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="submissions to generate and grade")
    parser.add_argument("--sample", type=int, default=5, help="notebooks for the nbconvert loop (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=5.0, help="the grader's --timeout (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        tmp = Path(tmp)
        kinds = generate(tmp / "submissions", args.n)
        counts = {k: sum(1 for v in kinds.values() if v == k) for k in dict.fromkeys(kinds.values())}
        print(f"{args.n} submissions of lesson 01: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        print(f"python -m medialit grade --jobs {args.jobs} --timeout {args.timeout:g}:")
        grade_s = grade(tmp / "submissions", tmp / "out", args.jobs, args.timeout)
        sample = [tmp / "submissions" / f for f, k in kinds.items() if k in ROUTINE][:args.sample]
        print(f"jupyter nbconvert --execute, one after the other, over {len(sample)} of the same files:")
        nbc_s = nbconvert(sample, tmp / "nbconvert")
        grade_rate, nbc_rate = args.n / grade_s, len(sample) / nbc_s
        print(f"  grade:     {args.n} in {grade_s:.2f} s = {grade_rate:.2f} submissions/s "
              f"({1000 * grade_s / args.n:.0f} ms each)")
        print(f"  nbconvert: {len(sample)} in {nbc_s:.2f} s = {nbc_rate:.3f} submissions/s "
              f"({nbc_s / len(sample):.2f} s each)")
        print(f"  ratio: grade is {grade_rate / nbc_rate:.0f}x the nbconvert loop (target >= 30x)")
        if args.n == 200:
            print(f"  200 submissions took {grade_s:.1f} s from the command's start (target < 20 s)")
        else:
            print("  (for the 200-submission target run `python bench/grade.py 200`: a small batch is "
                  f"dominated by start-up and by the endless loops' {args.timeout:g} s limit)")
        expected = {"correct": ("graded", 6), "wrong": ("graded", 4), "blank": ("no answers", 0),
                    "partial": ("graded", 5), **{k: (v[2], v[3]) for k, v in catalogue.FAULTS.items()}}
        with open(tmp / "out" / "grades.csv", encoding="utf-8") as f:
            got = {row["file"]: (row["status"], int(row["score"])) for row in csv.DictReader(f)}
        unexpected = {path: (kind, got.get(path)) for path, kind in kinds.items() if got.get(path) != expected[kind]}
        print(f"  every row has the expected status and score: {'yes' if not unexpected else 'NO'}"
              f" ({len(got)} rows for {len(kinds)} files)")
        for path, (kind, row) in sorted(unexpected.items()):
            print(f"    {path} ({kind}): {row}, expected {expected[kind]}")
        verdicts = {}
        with open(tmp / "out" / "answers_long.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                verdicts.setdefault(row["file"], {})[row["question"]] = row["verdict"]
        differ = []
        for path in sample:
            rel = path.relative_to(tmp / "submissions").as_posix()
            mine = self_checks(tmp / "nbconvert" / path.parent.name / path.name)
            theirs = {q: v for q, v in verdicts[rel].items() if q in mine}
            if mine != theirs or not mine:
                differ.append((rel, mine, theirs))
        print(f"  same answers on the {len(sample)} sampled files: {'yes' if not differ else 'NO'}")
        for rel, mine, theirs in differ:
            print(f"    {rel}: nbconvert {mine} vs grade {theirs}")
        return 1 if differ or unexpected or len(got) != len(kinds) else 0


if __name__ == "__main__":
    sys.exit(main())
