"""Benchmark the grader against the tools people use, in one run and on the same submissions.

    python bench/grade.py 200                 # 200 submissions of lesson 01; the other tools over a sample of 5
    python bench/grade.py 200 --sample 8 --jobs 2 --timeout 5
    python bench/grade.py --kernel-catalogue  # the whole fault catalogue on both paths: same verdicts?
    python bench/grade.py --phases 20         # where a submission's CPU time goes, step by step

Generates N mixed submissions of lesson 01 (correct, partial, blank, and one of each fault of the
grader's catalogue: endless loop, endless print, memory hog, os._exit, cheats, invalid JSON...),
grades them with `python -m medialit grade` (timed from the command's start, as a subprocess),
then runs over a sample of the same ordinary files:
- `nbgrader autograde` and `otter run` (installed from bench/requirements.txt into their own
  environment, .bench-venv/ by default: `--tools-venv`), each with a kernel of the kit's
  environment; skipped with a note when that environment is missing;
- a loop of `jupyter nbconvert --execute` (the plain way);
- the student's cells with plain `exec` in one warm process (the floor: no isolation at all),
  and each file in a fork of that process (what a fresh process costs, without wall or IPython),
  against `grade --jobs 1` on the same files.
Prints submissions per second and the ratios, and checks that every row of grades.csv has the
status and score expected for its kind and that the tools agree on the answers. Asserts nothing
about time.
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


TOOLS_BIN = ""  # the tools' environment's bin/ (nbgrader runs `alembic` from PATH)


def kernel_dir(tmp: Path) -> dict:
    """An environment whose `python3` kernel is the kit's Python (the other tools run from their
    own environment, which has no medialit)."""
    spec = tmp / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    # the tools' packages last on the path: otter's checks import otter inside the kernel
    tools_site = sorted(Path(TOOLS_BIN).parent.glob("lib/python3*/site-packages"))
    start = (f"import sys; sys.path.append({str(tools_site[0])!r}); " if tools_site else "") + \
        "from ipykernel import kernelapp; kernelapp.launch_new_instance()"
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", start, "-f", "{connection_file}"],
        "display_name": "Python 3 (kit)", "language": "python"}))
    return {**os.environ, "JUPYTER_PATH": str(tmp / "jupyter"),
            "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def nbgrader_autograde(files: list[Path], tmp: Path, tools: Path) -> tuple[float, dict]:
    """`nbgrader autograde` over `files` (one submitted notebook each); (seconds, {file: self-checks})."""
    course = tmp / "nbgrader"
    source = course / "source" / "lesson01"
    source.mkdir(parents=True)
    (source / "01_anatomy_of_an_article.ipynb").write_text((ROOT / "exercises" / "01_anatomy_of_an_article.ipynb")
                                                           .read_text(encoding="utf-8"), encoding="utf-8")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.root = %r\nc.CourseDirectory.course_id = 'bench'\n"
        "c.Execute.timeout = 60\nc.ExecutePreprocessor.timeout = 60\n" % str(course))
    env = kernel_dir(tmp / "nbgrader-kernel")
    nbgrader = str(tools / "bin" / "nbgrader")
    subprocess.run([nbgrader, "generate_assignment", "lesson01", "--force"], cwd=course, env=env,
                   capture_output=True, text=True, check=True)
    names = {}
    for i, path in enumerate(files):
        student = f"s{i:03d}"
        target = course / "submitted" / student / "lesson01"
        target.mkdir(parents=True)
        (target / path.name).write_bytes(path.read_bytes())
        names[student] = path
    start = time.perf_counter()
    done = subprocess.run([nbgrader, "autograde", "lesson01", "--force"], cwd=course, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        print("  nbgrader autograde failed: " + done.stderr.strip().splitlines()[-1][:200])
    checks = {}
    for student, path in names.items():
        graded = course / "autograded" / student / "lesson01" / path.name
        checks[path] = self_checks(graded) if graded.exists() else {}
    return seconds, checks


OTTER_TEST = """from otter.test_files import test_case

OK_FORMAT = False
name = "{qid}"
points = 1


@test_case(points=1, hidden=False)
def test_{n}(env):
    from medialit.answers import answer_key, verdict
    assert verdict("{qid}", env["{variable}"], answer_key()["questions"]["{qid}"]).correct
"""


def otter_run(files: list[Path], tmp: Path, tools: Path) -> tuple[float, dict]:
    """`otter run` on each of `files` against an autograder zip whose tests ask the kit's
    verdict() for each computed question; (seconds, {file: {question: passed}})."""
    work = tmp / "otter"
    tests = work / "tests"
    tests.mkdir(parents=True)
    key = json.loads((ROOT / "solutions" / "answer_key.json").read_text(encoding="utf-8"))
    for n, (qid, entry) in enumerate(sorted(key.items())):
        if entry["lesson"] == "01" and entry["type"] != "written":
            (tests / f"q{qid.replace('.', '_')}.py").write_text(
                OTTER_TEST.format(qid=qid, n=n, variable=entry["variable"]))
    env = kernel_dir(tmp / "otter-kernel")
    otter = str(tools / "bin" / "otter")
    subprocess.run([otter, "generate", "--no-requirements", "--no-environment", "--no-config", "-t", str(tests),
                    "-o", str(work / "autograder.zip")], cwd=work, env=env, capture_output=True, text=True, check=True)
    results = {}
    start = time.perf_counter()
    for i, path in enumerate(files):
        out = work / f"out{i}"
        out.mkdir()
        done = subprocess.run([otter, "run", "--no-logo", "-a", str(work / "autograder.zip"), "-o", str(out), str(path)],
                              cwd=work, env=env, capture_output=True, text=True)
        found = {}
        if (out / "results.json").exists():
            for test in json.loads((out / "results.json").read_text()).get("tests", []):
                if "max_score" in test:
                    found[test["name"]] = test["score"] == test["max_score"]
        if not found:
            print("  otter run gave no results for " + path.name + ": " +
                  (done.stderr.strip().splitlines() or ["?"])[-1][:200])
        results[path] = found
    return time.perf_counter() - start, results


PLAIN = r"""
import json, os, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import medialit
from medialit.course.runners import prewarm
prewarm()
fork = sys.argv[1] == "fork"

def run(path):
    cells = [c for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace = {"__name__": "__main__"}
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        try:
            exec(compile(source, "cell", "exec"), namespace)
        except BaseException:
            pass
        plt.close("all")

total = 0.0
for path in sys.argv[2:]:
    start = time.perf_counter()
    if not fork:
        run(path)
    elif (pid := os.fork()) == 0:
        sys.stdout = open(os.devnull, "w")
        run(path)
        os._exit(0)
    else:
        os.waitpid(pid, 0)
    total += time.perf_counter() - start
print(total)
"""


def plain_exec(files: list[Path], fork: bool = False) -> float:
    """Seconds to run the files' code cells with plain exec, one after the other, in one warm
    process (imports paid before the clock starts): the floor, with no isolation at all. With
    `fork`, each file in a child forked from that process (no wall, no IPython: what the fresh
    process itself costs)."""
    done = subprocess.run([sys.executable, "-c", PLAIN, "fork" if fork else "same", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT / "exercises", check=True)
    return float(done.stdout.strip().splitlines()[-1])


PER_SUBMISSION = r"""
import sys
from medialit.course import grade, pool
seen = []
run_all = pool.run_all
def recording(*args, **kwargs):
    outcomes = run_all(*args, **kwargs)
    seen.extend(outcomes.values())
    return outcomes
pool.run_all = recording
grade.grade([sys.argv[1]], 1, float(sys.argv[2]), 1024)
print(sum(o.seconds for o in seen) / len(seen))
"""


def per_submission(files: list[Path], tmp: Path, timeout: float) -> float:
    """Mean seconds from a submission's start to its end in `grade --jobs 1` (the fork, the
    namespaces, the cells, the answers back), over `files`."""
    folder = tmp / "per-submission"
    for path in files:
        target = folder / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    done = subprocess.run([sys.executable, "-c", PER_SUBMISSION, str(folder), str(timeout)],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


PHASES = r"""
import json, os, resource, statistics, sys, tempfile, time
from medialit.course import grade, isolation, runners, submissions, zygote
from medialit.course.protocol import Capture, Job, make_sender
from medialit.course.sandbox import Runner, make_dumps
from medialit.answers import answer_key

key = answer_key()["questions"]
path, n = sys.argv[1], int(sys.argv[2])
sub = submissions.find([path])[0][0]
submissions.read(sub, key)
variables = {q: e["variable"] for q, e in grade.lesson_questions(key, sub.lesson).items()
             if e["type"] != "written" and e.get("variable")}
data = Job(0, submissions.plan(sub), variables, 5, 1024, grade.secrets([path], None)).to_json()
readable = zygote.readable_paths(grade.secrets([path], None))
walled = isolation.reason_unavailable() is None
if walled:
    isolation.enter_warm_namespaces()
runners.ForkRunner().warm()
mountpoint = tempfile.mkdtemp(prefix="medialit-root-")
if walled:
    isolation.prepare_root(mountpoint, readable)
cpu = time.process_time

def child(out):
    marks = [("start", cpu())]
    mark = lambda name: marks.append((name, cpu()))
    os.closerange(3, out); os.closerange(out + 1, 65536)
    os.setsid()
    home = isolation.SCRATCH if walled else tempfile.mkdtemp()
    if walled:
        isolation.enter_namespaces(); mark("unshare: mount, net, ipc, uts")
        isolation.build_root(mountpoint, readable); mark("its root: /scratch, /dev/shm, /proc, pivot_root")
        isolation.own_user_namespace()
    zygote._layout(home); mark("the student's layout")
    job = Job.from_json(data); mark("read the job")
    if walled:
        isolation.drop_privileges(100_000 + os.getppid() % 30_000); mark("drop privileges")
    channel = make_sender(os.open(os.devnull, os.O_WRONLY), make_dumps())
    runner = Runner(job.variables, job.timeout, job.memory_mb, secrets=job.secrets, home=home)
    os.chdir(os.path.join(home, "exercises"))
    sys.stdout = open(os.devnull, "w")
    runner.setup(); mark("limits, audit hook, timer")
    shell = runners._SHELL
    for step in job.steps:
        if isinstance(step, Capture):
            channel[2](runner.capture(step.questions, shell.user_ns))
        else:
            channel[0](step.number)
            shell.run_cell(step.source, store_history=False)
    mark("the cells (IPython) and captures")
    runner.stop_timer(); channel[2](runner.capture_rest(shell.user_ns)); channel[3](False); mark("the end")
    os.write(out, json.dumps(marks).encode())
    os._exit(0)

rows = []
for _ in range(n):
    r, w = os.pipe()
    before = resource.getrusage(resource.RUSAGE_SELF)
    pid = isolation.fork_walled() if walled else os.fork()
    if pid == 0:
        os.close(r); child(w)
    after = resource.getrusage(resource.RUSAGE_SELF)
    os.close(w)
    marks = json.loads(os.read(r, 1 << 16))
    os.close(r)
    usage = os.wait4(pid, 0)[2]
    steps = {"fork (in the warm process)": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}
    steps.update({name: t - marks[i][1] for i, (name, t) in enumerate(marks[1:])})
    steps["process start and exit (the rest of its CPU)"] = usage.ru_utime + usage.ru_stime - marks[-1][1]
    rows.append(steps)
print(json.dumps({k: statistics.median(r[k] for r in rows[1:]) for k in rows[0]}))
"""


def phases(files: list[Path], n: int) -> None:
    """CPU time of each step of a submission's way (median of n runs of the first file), as the
    warm process and its child spend it: where a submission's time goes."""
    done = subprocess.run([sys.executable, "-c", PHASES, str(files[0]), str(n)], capture_output=True, text=True,
                          check=True)
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"where a submission's CPU time goes ({files[0].parent.name}, median of {n - 1} runs):")
    for name, seconds in steps.items():
        print(f"  {name:<48}{1000 * seconds:7.1f} ms")
    print(f"  {'total':<48}{1000 * sum(steps.values()):7.1f} ms")


def kernel_catalogue(tmp: Path, timeout: float) -> int:
    """The whole fault catalogue on the fork path and on the kernel path: the same verdicts?"""
    catalogue.build(tmp / "submissions")
    tables = {}
    for path in ("fork", "kernel"):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "medialit", "grade", str(tmp / "submissions"), "--out",
                        str(tmp / path), "--timeout", str(timeout), "--memory", "300", "--jobs", "2",
                        *(["--kernel"] if path == "kernel" else [])], capture_output=True, text=True, check=True)
        print(f"  {path}: {len(catalogue.FAULTS)} submissions in {time.perf_counter() - start:.1f} s")
        with open(tmp / path / "answers_long.csv", encoding="utf-8") as f:
            tables[path] = {(r["file"], r["question"]): (r["status"], r["verdict"]) for r in csv.DictReader(f)}
    differ = sorted(k for k in tables["fork"].keys() | tables["kernel"].keys()
                    if tables["fork"].get(k) != tables["kernel"].get(k))
    print(f"  same status and verdict for every submission and question: {'yes' if not differ else 'NO'}")
    for k in differ:
        print(f"    {k}: fork {tables['fork'].get(k)}, kernel {tables['kernel'].get(k)}")
    return 1 if differ else 0


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
    parser.add_argument("n", type=int, nargs="?", default=200, help="submissions to generate and grade (200)")
    parser.add_argument("--sample", type=int, default=5, help="notebooks for the other tools (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=5.0, help="the grader's --timeout (default 5)")
    parser.add_argument("--tools-venv", type=Path, default=ROOT / ".bench-venv",
                        help="the environment with nbgrader and otter (bench/requirements.txt)")
    parser.add_argument("--phases", type=int, default=0, metavar="N",
                        help="only: the CPU time of each step of a submission's way, median of N runs")
    parser.add_argument("--kernel-catalogue", action="store_true",
                        help="only: the whole fault catalogue on both paths, same verdicts?")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        tmp = Path(tmp)
        if args.kernel_catalogue:
            print("the fault catalogue, fork path and kernel path:")
            return kernel_catalogue(tmp, args.timeout)
        if args.phases:
            catalogue.write(tmp / "submissions", "ada/01_anatomy_of_an_article.ipynb", catalogue.f_correct())
            phases([tmp / "submissions" / "ada" / "01_anatomy_of_an_article.ipynb"], args.phases + 1)
            return 0
        kinds = generate(tmp / "submissions", args.n)
        counts = {k: sum(1 for v in kinds.values() if v == k) for k in dict.fromkeys(kinds.values())}
        print(f"{args.n} submissions of lesson 01: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        print(f"python -m medialit grade --jobs {args.jobs} --timeout {args.timeout:g}:")
        grade_s = grade(tmp / "submissions", tmp / "out", args.jobs, args.timeout)
        grade_rate = args.n / grade_s
        print(f"  grade:     {args.n} in {grade_s:.2f} s = {grade_rate:.2f} submissions/s "
              f"({1000 * grade_s / args.n:.0f} ms each)")
        sample = [tmp / "submissions" / f for f, k in kinds.items() if k in ROUTINE][:args.sample]
        print(f"the other tools, one after the other, over {len(sample)} of the same ordinary files:")
        lines, agree = [], []
        tools = args.tools_venv
        if (tools / "bin" / "nbgrader").exists() and (tools / "bin" / "otter").exists():
            global TOOLS_BIN
            TOOLS_BIN = str(tools / "bin")
            seconds, checks = nbgrader_autograde(sample, tmp, tools)
            lines.append(("nbgrader autograde", seconds, 20))
            agree.append(("nbgrader", checks))
            seconds, results = otter_run(sample, tmp, tools)
            lines.append(("otter run", seconds, 35))
            agree.append(("otter", {p: {q: ("correct" if ok else "incorrect") for q, ok in r.items()}
                                    for p, r in results.items()}))
        else:
            print(f"  (nbgrader and otter not found in {tools}: make it with `python3 -m venv {tools.name} && "
                  f"{tools.name}/bin/python -m pip install -r bench/requirements.txt`)")
        nbc_s = nbconvert(sample, tmp / "nbconvert")
        lines.append(("nbconvert --execute", nbc_s, 30))
        agree.append(("nbconvert", {p: self_checks(tmp / "nbconvert" / p.parent.name / p.name) for p in sample}))
        for name, seconds, target in lines:
            rate = len(sample) / seconds
            print(f"  {name + ':':<21}{len(sample)} in {seconds:.2f} s = {rate:.3f} submissions/s "
                  f"({seconds / len(sample):.2f} s each); grade is {grade_rate / rate:.0f}x (target >= {target}x)")
        floor = plain_exec(sample) / len(sample)
        forked = plain_exec(sample, fork=True) / len(sample)
        each = per_submission(sample, tmp, args.timeout)
        print(f"per submission, over the same {len(sample)} files, one at a time:")
        print(f"  plain exec in one warm process: {1000 * floor:.0f} ms each (no isolation: the floor)")
        print(f"  plain exec, each file in a fork of that process: {1000 * forked:.0f} ms each "
              f"(no wall, no IPython: what a fresh process costs)")
        print(f"  grade, isolation on: {1000 * each:.0f} ms each from the fork to the last answer back, "
              f"{each / floor:.1f}x the floor (target <= 3x)")
        if args.n == 200:
            print(f"  200 submissions took {grade_s:.1f} s from the command's start (target < 20 s)")
        expected = {"correct": ("graded", 6), "wrong": ("graded", 4), "blank": ("no answers", 0),
                    "partial": ("graded", 5), **{k: (v[2], v[3]) for k, v in catalogue.FAULTS.items()}}
        with open(tmp / "out" / "grades.csv", encoding="utf-8") as f:
            got = {row["file"]: (row["status"], int(row["score"])) for row in csv.DictReader(f)}
        unexpected = {path: (kind, got.get(path)) for path, kind in kinds.items() if got.get(path) != expected[kind]}
        print(f"every row has the expected status and score: {'yes' if not unexpected else 'NO'}"
              f" ({len(got)} rows for {len(kinds)} files)")
        for path, (kind, row) in sorted(unexpected.items()):
            print(f"    {path} ({kind}): {row}, expected {expected[kind]}")
        verdicts = {}
        with open(tmp / "out" / "answers_long.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                verdicts.setdefault(row["file"], {})[row["question"]] = row["verdict"]
        differ = []
        for tool, found in agree:
            for path in sample:
                rel = path.relative_to(tmp / "submissions").as_posix()
                mine = found.get(path, {})
                theirs = {q: v for q, v in verdicts[rel].items() if q in mine}
                if tool == "otter":  # otter's tests pass or fail: an unanswered question fails there
                    theirs = {q: "incorrect" if v == "unanswered" else v for q, v in theirs.items()}
                if mine != theirs or not mine:
                    differ.append((tool, rel, mine, theirs))
        print(f"same answers on the {len(sample)} sampled files ({', '.join(t for t, _ in agree)}): "
              f"{'yes' if not differ else 'NO'}")
        for tool, rel, mine, theirs in differ:
            print(f"    {tool} {rel}: {mine} vs grade {theirs}")
        return 1 if differ or unexpected or len(got) != len(kinds) else 0


if __name__ == "__main__":
    sys.exit(main())
