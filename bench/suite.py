"""Wall time of the README's test command, and where it goes, in one run.

    python bench/suite.py            # runs `python -m pytest` once with durations, prints figures

Per file: the sum of its items' setup+call+teardown times as pytest reports them (with xdist the
files run on parallel workers, so the sums add up to more than the wall time).
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+(\S+?)::")


def main() -> int:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "--durations=0", "-q", "-rf"], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime  # pytest, its workers, kernels and graders
    per_file: dict[str, float] = defaultdict(float)
    for line in done.stdout.splitlines():
        if m := LINE.match(line):
            per_file[m.group(3)] += float(m.group(1))
    groups: dict[str, float] = defaultdict(float)
    for name, seconds in per_file.items():
        group = ("notebooks" if name.endswith(".ipynb") else
                 "grader tests" if "grade" in name or "release" in name else "unit and pipeline tests")
        groups[group] += seconds
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no output)"
    print(f"README test command: python -m pytest -> exit {done.returncode}, {summary}")
    for line in done.stdout.splitlines():
        if line.startswith(("FAILED", "ERROR")):
            print("  " + line)
    print(f"wall time: {wall:.1f} s; CPU time: {cpu:.1f} s on {os.cpu_count()} cores "
          f"({cpu / wall:.2f} cores busy on average)")
    print("\nsummed time per group (parallel workers overlap):")
    for group, seconds in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"  {group:<26} {seconds:7.1f} s")
    print("\nslowest files:")
    for name, seconds in sorted(per_file.items(), key=lambda kv: -kv[1])[:25]:
        print(f"  {seconds:7.1f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
