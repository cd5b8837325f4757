"""The --kernel path (one real kernel per submission) gives the fork path's verdicts.

The whole catalogue on both paths is `python bench/grade.py --kernel-catalogue` (17 kernels);
here, three of the ways a run can end: answers, the memory limit, a dead kernel. The CPU limit's
own case (an endless loop) is in the bench only: it is set by the same code on both paths
(sandbox.set_limits), where a kernel sets it after its start-up (course/kernel.py). The ways
the grader reads answers are the same code on both paths (runners.py) and are in the fault
catalogue (tests/test_grade.py).
"""
import pytest

import catalogue
from grading import KERNEL_TIMEOUT, OPTIONS, TIMEOUT, grade_here, rows

KERNEL_CASES = ["correct", "memory hog", "os._exit"]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    base = tmp_path_factory.mktemp("kernel")
    catalogue.build(base / "subs", KERNEL_CASES)
    fork = grade_here("subs", "--out", "out-fork", *OPTIONS, cwd=base)
    assert fork.returncode == 0, fork.stderr
    options = [o if o != TIMEOUT else KERNEL_TIMEOUT for o in OPTIONS]
    kernel = grade_here("subs", "--out", "out-kernel", "--kernel", *options, cwd=base)
    assert kernel.returncode == 0, kernel.stderr
    return {path: (rows(base / path / "grades.csv"), rows(base / path / "answers_long.csv"))
            for path in ("out-fork", "out-kernel")}


def test_each_case_has_its_catalogue_status(both):
    expected = {catalogue.FAULTS[case][0]: catalogue.FAULTS[case][2:] for case in KERNEL_CASES}
    for grades, _ in both.values():
        assert {r["file"]: (r["status"], int(r["score"])) for r in grades} == expected


def test_the_kernel_path_gives_the_same_verdicts(both):
    """The limit is CPU time counted from the grader's set-up inside the kernel (after its
    start-up and imports), so one limit serves both paths, however busy the machine."""
    (fork_grades, fork_long), (kernel_grades, kernel_long) = both["out-fork"], both["out-kernel"]
    verdicts = lambda long: {(r["file"], r["question"]): (r["status"], r["verdict"]) for r in long}  # noqa: E731
    assert verdicts(kernel_long) == verdicts(fork_long)
    drop = lambda r: {k: v for k, v in r.items() if k != "detail"}  # noqa: E731
    assert [drop(r) for r in kernel_grades] == [drop(r) for r in fork_grades]
    # the details too (which cells failed, and how), except where the limits or the way the
    # process ended differ: the time limit, and a kernel's exit code
    same = lambda grades: [(r["file"], r["detail"]) for r in grades  # noqa: E731
                           if r["status"] not in ("timeout", "crashed")]
    assert same(kernel_grades) == same(fork_grades)
