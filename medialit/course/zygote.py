"""The warm process: started before the grader reads any submission, it forks one walled-off
child per submission and holds no one's work.

    grader ──control socket──> warm process ──fork──> submission (PID 1 of a new PID namespace;
           <── "ended n status"   (PID 1 of its own      its own mount, network... namespaces,
           <════════ the submission's channel ════════ only its own job and channel)

The grader sends `start n cpu_seconds` with two descriptors: the channel's end for the child and
a memory file holding the child's `Job` (the warm process never reads it: only the child does,
after the fork). The warm process forks the submission's process straight into a new PID
namespace (isolation.fork_walled), waits for it and reports how it ended (a submission killed by
its CPU limit is reported as SIGXCPU). `kill n` makes the warm process kill it (the grader's
wall-clock backstop). When the submission's process, PID 1 of its namespace, ends, the kernel
ends everything it started; without namespaces the warm process, a child subreaper, kills its
process group and any process that outlives it.
"""
from __future__ import annotations

import atexit
import os
import selectors
import shutil
import signal
import socket
import sys
import tempfile

from . import isolation
from .protocol import Job, make_sender
from .runners import RUNNERS
from .sandbox import make_dumps

PR_SET_CHILD_SUBREAPER = 36


class Warm:
    """The grader's handle on the warm process."""

    def __init__(self, runner: str, readable: list[str]):
        """Start the warm process as a new program (`python -m medialit.course.zygote`), so that
        its memory holds nothing of the grader's: no file names, no key, no submission."""
        import json
        import subprocess

        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "medialit.course.zygote", str(theirs.fileno()), runner, json.dumps(readable)],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            env=_warm_environment())
        theirs.close()
        self.control.settimeout(600)  # imports on a very busy machine; never forever
        try:
            reply = self.control.recv(4096).decode("utf-8", "replace")
        except OSError:
            reply = ""
        self.control.settimeout(None)
        if not reply.startswith("ready"):
            raise RuntimeError("the grader's warm process did not start")
        self.reason = reply.partition(" ")[2] or None   # None: namespaces wall the submissions off
        self.offset = self.next_wire = 0  # numbers on the wire: unique over every batch it serves

    def begin_batch(self) -> None:
        """Number this batch's jobs after every earlier one's: a late "ended" of a job of an
        earlier batch (its row was made when its channel closed) is then not read as this one's."""
        self.offset = self.next_wire

    def start(self, ident: int, cpu_seconds: float, job: Job) -> socket.socket:
        """Start `job`; returns the grader's end of its channel."""
        wire = ident + self.offset
        self.next_wire = max(self.next_wire, wire + 1)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        memory = os.memfd_create(f"job-{ident}", 0)
        try:
            data = memoryview(job.to_json())
            while data:
                data = data[os.write(memory, data):]
            os.lseek(memory, 0, os.SEEK_SET)
            socket.send_fds(self.control, [f"start {wire} {cpu_seconds}".encode()], [theirs.fileno(), memory])
        finally:
            os.close(memory)
            theirs.close()
        ours.setblocking(False)
        return ours

    def kill(self, ident: int) -> None:
        self.control.send(f"kill {ident + self.offset}".encode())

    def ended(self) -> tuple[int, int] | None:
        """The next "ended" report: (this batch's job number, wait status); None when the warm
        process has died. A job of an earlier batch comes back with a negative number."""
        message = self.control.recv(4096).decode()
        if not message:
            return None
        _, wire, status = message.split()
        return int(wire) - self.offset, int(status)

    def close(self) -> None:
        """End the warm process (and with it every submission still running)."""
        self.control.close()
        try:
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()
            self.process.wait()


_KEPT: dict[tuple, Warm] = {}


def kept_warm(runner: str, readable: list[str]) -> Warm:
    """The warm process for `runner` and this view of the files, started once and kept for the
    next batches this Python process grades (the tests, or a teacher calling grade() from a
    notebook, grade many); a new one if it has died. It holds no submission (each child reads
    only its own job), so serving one batch after another leaks nothing between them.

        warm = kept_warm("fork", readable_paths(secrets))   # the kept one, or a new one
        outcomes = pool.run_all(warm, jobs, 2, 5.0)
    """
    key = (runner, tuple(readable), tuple(sorted(_warm_environment().items())))
    warm = _KEPT.get(key)
    if warm is None or warm.process.poll() is not None:
        if not _KEPT:
            atexit.register(close_kept)
        warm = _KEPT[key] = Warm(runner, readable)
    warm.begin_batch()
    return warm


def close_kept() -> None:
    """End every kept warm process (at exit; or before a test that needs a fresh one)."""
    while _KEPT:
        _KEPT.popitem()[1].close()


def _warm_environment() -> dict:
    """The warm process's environment: what Python and the kit need (HOME: matplotlib's font
    cache and IPython's folder, also when not root), none of the grader's other variables (a
    submission can read its process's first environment in /proc/self/environ)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "VIRTUAL_ENV", "PYTHONPATH", isolation.OFF)
    return {**{k: os.environ[k] for k in keep if k in os.environ}, "PYTHONSAFEPATH": "1"}


def serve(control: socket.socket, runner_name: str, readable: list[str]) -> None:
    """The warm process's loop: fork submissions, pass on kill requests, report their ends."""
    isolation.die_with_parent()
    os.setsid()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    reason = isolation.reason_unavailable()
    namespaces = reason is None
    first_uid = isolation.FIRST_UID + (os.getpid() % 30_000) * 128  # this grader's own user ids
    if namespaces:
        isolation.enter_warm_namespaces()  # from here on PID 1 of its own PID namespace
    isolation.libc().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    runner = RUNNERS[runner_name]()
    runner.warm()
    mountpoint = ""
    if namespaces:
        mountpoint = tempfile.mkdtemp(prefix="medialit-root-")  # the children's root, read-only
        isolation.prepare_root(mountpoint, readable)
    control.send(("ready " + (reason or "")).encode())
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    selector.register(wake_r, selectors.EVENT_READ)
    children: dict[int, Child] = {}
    by_ident: dict[int, int] = {}
    try:
        while True:
            for key, _ in selector.select(timeout=1.0):
                if key.fileobj == wake_r:
                    os.read(wake_r, 4096)
                    continue
                message, fds, _, _ = socket.recv_fds(control, 4096, 2)
                if not message:
                    return
                words = message.decode().split()
                if words[0] == "start" and len(fds) == 2:
                    ident, cpu = int(words[1]), float(words[2])
                    slot = min(set(range(len(children) + 1)) - {c.slot for c in children.values()})
                    home = isolation.SCRATCH if namespaces else tempfile.mkdtemp(prefix="medialit-grade-")
                    pid = isolation.fork_walled() if namespaces else os.fork()
                    if pid == 0:
                        submission(fds[0], fds[1], first_uid + slot % 128, runner, namespaces,
                                   mountpoint, readable, home)
                    for fd in fds:
                        os.close(fd)
                    children[pid] = Child(ident, cpu, slot, "" if namespaces else home)
                    by_ident[ident] = pid
                elif words[0] == "kill" and int(words[1]) in by_ident:
                    _end(by_ident[int(words[1])], namespaces)
                else:
                    for fd in fds:
                        os.close(fd)
            _reap(control, children, by_ident, namespaces)
    finally:
        for pid, child in children.items():
            _end(pid, namespaces)
            if child.home:
                shutil.rmtree(child.home, ignore_errors=True)
        if mountpoint:
            isolation.release_root(mountpoint)


class Child:
    """What the warm process keeps of a running submission: never anything of its work."""

    __slots__ = ("ident", "cpu", "slot", "home")

    def __init__(self, ident: int, cpu: float, slot: int, home: str):
        self.ident, self.cpu, self.slot, self.home = ident, cpu, slot, home


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _end(pid: int, namespaces: bool) -> None:
    """Kill a submission: its PID 1 (the kernel ends the rest), or without namespaces its
    process group (it made itself a session leader)."""
    _kill(pid, signal.SIGKILL)
    if not namespaces:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _reap(control, children: dict, by_ident: dict, namespaces: bool) -> None:
    """Report every submission that ended (one killed at its CPU limit as SIGXCPU); kill whatever
    else became our child (an orphan that outlived its submission: only possible without
    namespaces)."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            break
        child = children.pop(pid, None)
        if child is None:
            continue
        by_ident.pop(child.ident, None)
        if not namespaces:
            _end(pid, namespaces)  # what it started in its own process group
            shutil.rmtree(child.home, ignore_errors=True)
        if (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
                and usage.ru_utime + usage.ru_stime >= child.cpu):
            status = signal.SIGXCPU  # the CPU limit (soft = hard) kills with SIGKILL
        control.send(f"ended {child.ident} {status}".encode())
    if not namespaces:
        for pid in _children(os.getpid()):
            if pid not in children:
                _kill(pid, signal.SIGKILL)


def _children(parent: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2:].split()
            if len(fields) > 1 and int(fields[1]) == parent:
                found.append(int(name))
    return found


def submission(channel_fd: int, job_fd: int, uid: int, runner, namespaces: bool,
               mountpoint: str, readable: list[str], home: str) -> None:
    """The submission's own process (PID 1 of its own PID namespace): its wall, its job, its run."""
    code = 0
    try:
        os.closerange(3, min(channel_fd, job_fd))
        os.closerange(min(channel_fd, job_fd) + 1, max(channel_fd, job_fd))
        os.closerange(max(channel_fd, job_fd) + 1, 65536)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        isolation.die_with_parent()
        os.setsid()
        if namespaces:
            isolation.enter_namespaces()
            isolation.build_root(mountpoint, readable)
            isolation.own_user_namespace()
        _layout(home)
        chunks = []
        while chunk := os.read(job_fd, 1 << 20):
            chunks.append(chunk)
        os.close(job_fd)
        job = Job.from_json(b"".join(chunks))
        del chunks
        if namespaces:
            isolation.drop_privileges(uid)
        _isolate(channel_fd, home)
        channel, close = make_sender(channel_fd, make_dumps()), os.close  # bound before its code runs
        runner.run(job, channel, home)
        try:
            close(channel_fd)  # all said: the grader need not wait for this process's exit
        except OSError:
            pass
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _layout(home: str) -> None:
    """The student's layout in `home`: cwd `exercises/` (empty), `tmp/`, and links to the kit's
    seeds/, notebooks/ and medialit/ (nothing secret), so `../seeds/...` paths work as at home."""
    from .lessons import ROOT

    os.mkdir(os.path.join(home, "exercises"))
    os.makedirs(os.path.join(home, "tmp"), exist_ok=True)
    for name in ("seeds", "notebooks", "medialit"):
        if (ROOT / name).is_dir():
            os.symlink(ROOT / name, os.path.join(home, name), target_is_directory=True)
    if os.geteuid() == 0:
        for folder in ("", "exercises", "tmp"):
            os.chmod(os.path.join(home, folder), 0o777)


def _isolate(channel_fd: int, home: str) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, channel_fd)
    os.closerange(channel_fd + 1, 65536)
    os.chdir(os.path.join(home, "exercises"))
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "VIRTUAL_ENV") if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, HOME=home, TMPDIR=os.path.join(home, "tmp"), MPLBACKEND="Agg",
                      OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    tempfile.tempdir = os.path.join(home, "tmp")
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    sys.argv = [""]


def readable_paths(secrets: list[str]) -> list[str]:
    """What a walled-off submission may read: the Python environment and the kit's medialit/,
    seeds/ and notebooks/; never a path that holds (or is inside) a secret, nor the grader's
    current directory."""
    from .lessons import ROOT

    secret = [os.path.realpath(p) for p in secrets]
    above = secret + [os.path.realpath(os.getcwd()), str(ROOT.resolve())]

    def exposes(path: str) -> bool:  # holds a secret, the cwd or the kit's root, or is a secret
        return (any(path == h or h.startswith(path.rstrip("/") + "/") for h in above)
                or any(path.startswith(s.rstrip("/") + "/") for s in secret))

    kit = [str(ROOT / name) for name in ("medialit", "seeds", "notebooks")]
    found = {os.path.realpath(p) for p in [sys.prefix, sys.base_prefix, *sys.path] if p and os.path.isdir(p)}
    return sorted({p for p in found if not exposes(p)} | set(kit))


def main(argv: list[str]) -> int:
    import json

    from .startup import skip_unused_imports

    skip_unused_imports()
    control = socket.socket(fileno=int(argv[0]))
    try:
        serve(control, argv[1], json.loads(argv[2]))
    except (BrokenPipeError, ConnectionResetError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
