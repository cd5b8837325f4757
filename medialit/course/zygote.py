"""The warm process: started before the grader reads any submission, it forks one walled-off
child per submission and holds no one's work.

    grader ──control socket──> warm process ──fork──> keeper ──fork──> submission (PID 1 of its
           <── "ended n status"                      (trusted,          own namespaces, only its
           <════════ the submission's channel ════════ waits) ══════════ own job and channel)

The grader sends `start n cpu_seconds` with two descriptors: the channel's end for the child and
a memory file holding the child's `Job` (the warm process never reads it: only the child does,
after the fork). The warm process forks a *keeper*, which enters new namespaces and forks the
submission's process; the keeper waits for it and ends the same way (a submission killed by its
CPU limit is reported as SIGXCPU). `kill n` makes the keeper kill its submission (the grader's
wall-clock backstop). When the submission's process, PID 1 of its namespace, ends, the kernel
ends everything it started; without namespaces the warm process, a child subreaper, kills any
process that outlives its submission.
"""
from __future__ import annotations

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

    def start(self, ident: int, cpu_seconds: float, job: Job) -> socket.socket:
        """Start `job`; returns the grader's end of its channel."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        memory = os.memfd_create(f"job-{ident}", 0)
        try:
            data = memoryview(job.to_json())
            while data:
                data = data[os.write(memory, data):]
            os.lseek(memory, 0, os.SEEK_SET)
            socket.send_fds(self.control, [f"start {ident} {cpu_seconds}".encode()], [theirs.fileno(), memory])
        finally:
            os.close(memory)
            theirs.close()
        ours.setblocking(False)
        return ours

    def kill(self, ident: int) -> None:
        self.control.send(f"kill {ident}".encode())

    def close(self) -> None:
        """End the warm process (it ends its keepers, and they their submissions)."""
        self.control.close()
        try:
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()
            self.process.wait()


def _warm_environment() -> dict:
    """The warm process's environment: what Python and the kit need, none of the grader's other
    variables (a submission can read its process's first environment in /proc/self/environ)."""
    keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "VIRTUAL_ENV", "PYTHONPATH", isolation.OFF)
    return {**{k: os.environ[k] for k in keep if k in os.environ}, "PYTHONSAFEPATH": "1"}


def serve(control: socket.socket, runner_name: str, readable: list[str]) -> None:
    """The warm process's loop: start keepers, pass on kill requests, report their ends."""
    isolation.die_with_parent()
    os.setsid()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    reason = isolation.reason_unavailable()
    isolation.libc().prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    runner = RUNNERS[runner_name]()
    runner.warm()
    mountpoint = tempfile.mkdtemp(prefix="medialit-root-") if reason is None else ""  # each child's root
    control.send(("ready " + (reason or "")).encode())
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    selector.register(wake_r, selectors.EVENT_READ)
    keepers: dict[int, int] = {}  # keeper pid: ident
    slots: dict[int, int] = {}    # keeper pid: its slot (a user id of its own while it runs)
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
                    slot = min(set(range(len(keepers) + 1)) - set(slots.values()))
                    uid = isolation.FIRST_UID + (os.getpid() % 30_000) * 128 + slot % 128
                    pid = os.fork()
                    if pid == 0:
                        keeper(fds[0], fds[1], uid, cpu, runner, reason is None, mountpoint, readable)
                    for fd in fds:
                        os.close(fd)
                    keepers[pid], by_ident[ident], slots[pid] = ident, pid, slot
                elif words[0] == "kill" and int(words[1]) in by_ident:
                    try:
                        os.kill(by_ident[int(words[1])], signal.SIGTERM)
                    except ProcessLookupError:
                        pass
                else:
                    for fd in fds:
                        os.close(fd)
            _reap(control, keepers, by_ident, slots, namespaces=reason is None)
    finally:
        for pid in keepers:
            _kill(pid, signal.SIGTERM)
        if mountpoint:
            shutil.rmtree(mountpoint, ignore_errors=True)


def _kill(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _reap(control, keepers: dict, by_ident: dict, slots: dict, namespaces: bool) -> None:
    """Report every keeper that ended; kill whatever else became our child (an orphan that
    outlived its submission: only possible without namespaces)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            break
        ident = keepers.pop(pid, None)
        slots.pop(pid, None)
        if ident is not None:
            by_ident.pop(ident, None)
            control.send(f"ended {ident} {status}".encode())
    if not namespaces:
        for pid in _children(os.getpid()):
            if pid not in keepers:
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


def keeper(channel_fd: int, job_fd: int, uid: int, cpu: float, runner, namespaces: bool,
           mountpoint: str, readable: list[str]) -> None:
    """The trusted process between the warm process and the submission's: it never runs student
    code. It walls the submission off, waits for it, and ends as it ended."""
    code = 70
    try:
        os.closerange(3, min(channel_fd, job_fd))
        os.closerange(min(channel_fd, job_fd) + 1, max(channel_fd, job_fd))
        os.closerange(max(channel_fd, job_fd) + 1, 65536)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        isolation.die_with_parent()
        if namespaces:
            isolation.enter_namespaces()
            home = isolation.SCRATCH  # a tmpfs of its own: gone with its mount namespace
        else:
            home = tempfile.mkdtemp(prefix="medialit-grade-")  # removed here, whatever the child does
        child = os.fork()
        if child == 0:
            submission(channel_fd, job_fd, uid, runner, namespaces, mountpoint, readable, home)
        os.close(channel_fd)
        os.close(job_fd)
        signal.signal(signal.SIGTERM, lambda *_: _kill(child, signal.SIGKILL))
        _, status, usage = os.wait4(child, 0)
        if not namespaces:
            try:
                os.killpg(child, signal.SIGKILL)  # what it started in its own process group
            except (ProcessLookupError, PermissionError):
                pass
            shutil.rmtree(home, ignore_errors=True)
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGKILL and usage.ru_utime + usage.ru_stime >= cpu:
                sig = signal.SIGXCPU  # the CPU limit (soft = hard) kills with SIGKILL
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70
    finally:
        os._exit(code)


def submission(channel_fd: int, job_fd: int, uid: int, runner, namespaces: bool,
               mountpoint: str, readable: list[str], home: str) -> None:
    """The submission's own process: its wall, its job, its run."""
    code = 0
    try:
        isolation.die_with_parent()
        os.setsid()
        if namespaces:
            isolation.build_root(mountpoint, readable)
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
        channel = make_sender(channel_fd, make_dumps())
        runner.run(job, channel, home)
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
