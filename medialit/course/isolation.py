"""The operating system's wall around one submission (Linux namespaces), and its hard limits.

A submission runs as PID 1 of a PID namespace of its own (when it ends, the kernel ends every
process it started), in its own mount, network, IPC and UTS namespaces, in a root made of
read-only views of the Python environment and the kit's `medialit/`, `seeds/` and `notebooks/`,
with a fresh size-capped scratch folder (`/scratch`) as its only writable place. It sees no
`solutions/`, no submissions, no `--out`, no current directory of the grader, no other process.
It then drops every privilege: as root, to a user id of its own (so the process-count limit
applies), else it enters a user namespace of its own and drops its capabilities.

The warm process (zygote.py) lives in a PID namespace of its own too (and, when not root, a user
namespace in which it may make namespaces): `enter_warm_namespaces()`. It forks each submission
straight into a new PID namespace (`fork_walled()`: unshare the PID namespace for the next child,
fork, take its own back), so a submission costs one fork of the warm process, not two.

Where the system offers no namespaces (macOS, a container that forbids them) `reason_unavailable()`
says why, and grading runs with the audit hook alone (sandbox.install_guard).

>>> (SCRATCH, MAX_PROCESSES)   # the submission's only writable folder; its processes and threads
('/scratch', 64)
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import platform
import resource
import socket
import struct
import sys
import tempfile

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_DUMPABLE = 1, 38, 24, 4
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41}
SCRATCH = "/scratch"            # the submission's home: its only writable folder
SCRATCH_MB = 64                 # the scratch folder's size (a tmpfs: memory, gone when it ends)
MAX_PROCESSES = 64              # processes and threads of one submission (RLIMIT_NPROC)
FIRST_UID = 100_000             # as root: each running submission gets a user id from here on
OFF = "MEDIALIT_ISOLATION"      # MEDIALIT_ISOLATION=hook: no namespaces (to compare, or to debug)

_libc = None
_reason: str | None = None
_probed = False


def libc():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def mount(source, target, fstype=None, flags=0, data=None) -> None:
    enc = lambda s: s.encode() if isinstance(s, str) else s  # noqa: E731
    _check(libc().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def lower_limit(which: int, value: int) -> None:
    """Set soft and hard limit to `value` (never above the current hard limit): a process without
    privileges cannot raise a hard limit, so the submission cannot undo it."""
    hard = resource.getrlimit(which)[1]
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        pass


def reason_unavailable() -> str | None:
    """None when submissions can run walled off by namespaces here; else why not (one line)."""
    global _reason, _probed
    if _probed:
        return _reason
    _probed = True
    if os.environ.get(OFF, "") == "hook":
        _reason = f"switched off ({OFF}=hook)"
    elif platform.system() != "Linux":
        _reason = f"{platform.system()} has no Linux namespaces"
    elif platform.machine() not in PIVOT_ROOT:
        _reason = f"not written for {platform.machine()} yet"
    else:
        _reason = _probe()
    return _reason


def _probe() -> str | None:
    """Try the whole wall once in a throw-away process (a few milliseconds): the warm process's
    namespaces, a submission forked into its own, its root and its privileges dropped."""
    read_fd, write_fd = os.pipe()
    mountpoint = tempfile.mkdtemp(prefix="medialit-probe-")
    pid = os.fork()
    if pid == 0:
        message = b""
        try:
            os.close(read_fd)
            enter_warm_namespaces()  # from here on, the throw-away's PID 1 (the warm process's place)
            prepare_root(mountpoint, [sys.prefix])
            child = fork_walled()
            if child == 0:
                try:
                    enter_namespaces()
                    build_root(mountpoint, [sys.prefix])
                    own_user_namespace()
                    drop_privileges(FIRST_UID)
                    os._exit(0)
                except BaseException as err:
                    os.write(write_fd, str(err).encode()[:200])
                    os._exit(1)
            os.waitpid(child, 0)
        except BaseException as err:
            message = str(err).encode()[:200]
        os.write(write_fd, message)
        os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 4096):
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    os.rmdir(mountpoint)
    text = b"".join(chunks).decode("utf-8", "replace").strip()
    return f"the system refused them ({text})" if text else None


def _real_root() -> bool:
    return os.geteuid() == 0 and not _in_user_namespace()


def _map_ids(uid: int, gid: int) -> None:
    """In a new user namespace: be its root, which is `uid`/`gid` outside (only ourselves)."""
    for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)


def enter_warm_namespaces() -> int:
    """In the warm process, before its imports: a PID namespace of its own (and a user namespace
    when not root, so that it may make the submissions' namespaces). The process forks: the
    parent waits for its child and ends as it ends, and never returns; the child, PID 1 of the
    new namespace, returns the parent's process id (its user ids are derived from it, so that
    two graders on one machine never share one)."""
    outer = os.getpid()
    flags = CLONE_NEWPID
    uid, gid = os.geteuid(), os.getegid()
    if not _real_root():
        flags |= CLONE_NEWUSER
    _check(libc().unshare(flags), "unshare")
    if flags & CLONE_NEWUSER:
        _map_ids(uid, gid)
    pid = os.fork()
    if pid == 0:
        die_with_parent()
        return outer
    code = 70
    try:
        os.closerange(3, 65536)  # the child holds the descriptors now (the control socket)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status) % 256
    finally:
        os._exit(code)


def fork_walled(_own: list = []) -> int:  # noqa: B006 (the warm process's PID namespace, opened once)
    """`os.fork()`, the child being PID 1 of a new PID namespace (the warm process keeps its own:
    only its next child goes into the new one). Returns as os.fork() does."""
    if not _own:
        _own.append(os.open("/proc/self/ns/pid", os.O_RDONLY))
    _check(libc().unshare(CLONE_NEWPID), "unshare pid")
    try:
        pid = os.fork()
    except BaseException:
        _check(libc().setns(_own[0], CLONE_NEWPID), "setns pid")
        raise
    if pid != 0:
        _check(libc().setns(_own[0], CLONE_NEWPID), "setns pid")
    return pid


def enter_namespaces() -> None:
    """In the submission's process (PID 1 of its own PID namespace): new mount, network, IPC and
    UTS namespaces. The user namespace comes after its root is built (`own_user_namespace`)."""
    _check(libc().unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")


def own_user_namespace() -> None:
    """When not root: a user namespace of the submission's own (its process count is its own, and
    it holds no capability over its mounts and network, which belong to the warm process's)."""
    if not _real_root():
        uid, gid = os.geteuid(), os.getegid()
        _check(libc().unshare(CLONE_NEWUSER), "unshare user")
        _map_ids(uid, gid)


def _bind(source: str, root: str, writable: bool = False) -> None:
    target = root + source
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        open(target, "a").close()
    mount(source, target, None, MS_BIND | MS_REC)
    flags = MS_BIND | MS_REMOUNT | MS_NOSUID | (0 if writable else MS_RDONLY) | (MS_NODEV if os.path.isdir(source) else 0)
    mount(None, target, None, flags)


def _covered(path: str, taken: list[str]) -> bool:
    return any(path == t or path.startswith(t.rstrip("/") + "/") for t in taken)


def _views(readable: list[str]) -> list[str]:
    return sorted({os.path.realpath(p) for p in readable if os.path.exists(p)}, key=len)


def _under_tmp(path: str) -> bool:
    return _covered(path, ["/tmp"])


def prepare_root(mountpoint: str, readable: list[str]) -> None:
    """In the warm process, once, in a mount namespace of its own: the submissions' root at
    `mountpoint`, read-only: views of `readable` and of the system's /usr, /etc..., a /dev with
    its device nodes. Each submission copies it with its own mount namespace (`build_root`) and
    adds only what is its own: a fresh scratch folder, /dev/shm and /proc.
    (Views under /tmp, a CI clone's kit, go inside each submission's own writable /tmp.)"""
    _check(libc().unshare(CLONE_NEWNS), "unshare mount")
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", mountpoint, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    root = mountpoint
    taken: list[str] = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"):
        if os.path.islink(top):
            os.symlink(os.readlink(top), root + top)
        elif os.path.isdir(top):
            _bind(top, root)
            taken.append(top)
    for path in _views(readable):
        if not _covered(path, taken) and not _under_tmp(path):
            _bind(path, root)
            taken.append(path)
    os.makedirs(root + "/dev", mode=0o755)
    mount("tmpfs", root + "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=755")
    for name in ("null", "zero", "full", "random", "urandom"):
        _bind(f"/dev/{name}", root, writable=True)
    os.mkdir(root + "/dev/shm", 0o755)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    os.makedirs(root + SCRATCH, mode=0o755)
    if any(_under_tmp(path) for path in _views(readable)):
        os.makedirs(root + "/tmp", mode=0o755)   # each submission mounts its own /tmp here
    else:
        os.symlink(SCRATCH + "/tmp", root + "/tmp")
    os.makedirs(root + "/proc", mode=0o555)
    for folder in ("/dev", ""):  # nothing in the shared part can be changed, from here on
        mount(None, root + folder, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV
              | (MS_NOEXEC if folder else 0))


def release_root(mountpoint: str) -> None:
    """Undo prepare_root's mount (the warm process's end)."""
    libc().umount2(mountpoint.encode(), MNT_DETACH)
    try:
        os.rmdir(mountpoint)
    except OSError:
        pass


def build_root(mountpoint: str, readable: list[str]) -> None:
    """In PID 1 of the new namespaces, in its own copy of the warm process's mounts: a fresh
    scratch folder, /dev/shm and /proc on the prepared root (prepare_root); then pivot into it."""
    root = mountpoint
    late = [path for path in _views(readable) if _under_tmp(path)]
    if late:  # the kit lives under /tmp (a CI clone): a writable /tmp of its own, views inside
        mount("tmpfs", root + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
              f"size={SCRATCH_MB}m,nr_inodes=8192,mode=1777")
        taken: list[str] = []
        for path in late:
            if not _covered(path, taken):
                _bind(path, root)
                taken.append(path)
    mount("tmpfs", root + SCRATCH, "tmpfs", MS_NOSUID | MS_NODEV,
          f"size={SCRATCH_MB}m,nr_inodes=8192,mode=777")
    mount("tmpfs", root + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
          "size=4m,nr_inodes=1024,mode=1777")
    # its own /proc, mounted while the system's is still in view: in a user namespace, Linux
    # mounts a new proc only beside a fully visible one
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.chdir(root)
    _check(libc().syscall(PIVOT_ROOT[platform.machine()], b".", b"."), "pivot_root")
    _check(libc().umount2(b".", MNT_DETACH), "umount the old root")
    os.chdir("/")
    _loopback_up()


def _loopback_up() -> None:
    """The new network namespace has only `lo`, down: up, so a real kernel's local sockets work."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, 0x8913, request))[1]       # SIOCGIFFLAGS
        fcntl.ioctl(s, 0x8914, struct.pack("16sH14x", b"lo", flags | 0x1 | 0x40))  # IFF_UP|RUNNING


def drop_privileges(uid: int) -> None:
    """No way back: as root, become `uid` (no capabilities left); in a user namespace, drop every
    capability. Then not dumpable (no process it starts can read its memory through /proc, as
    after a change of user id), no new privileges (set-uid programs stay plain) and no process
    count above MAX_PROCESSES."""
    c = libc()
    if _real_root():
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    else:
        for cap in range(64):
            c.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
        header = (ctypes.c_uint32 * 2)(0x20080522, 0)
        data = (ctypes.c_uint32 * 6)()
        _check(c.capset(header, data), "capset")
    _check(c.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "not dumpable")
    _check(c.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    lower_limit(resource.RLIMIT_NPROC, MAX_PROCESSES)


def _in_user_namespace() -> bool:
    try:
        with open("/proc/self/uid_map") as f:
            return f.read().split()[:3] != ["0", "0", "4294967295"]
    except OSError:
        return False


def die_with_parent() -> None:
    """SIGKILL this process when its parent ends (so nothing outlives the grader)."""
    import signal

    libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
