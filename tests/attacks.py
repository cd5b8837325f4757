"""The grader's attack catalogue: what a determined student would try, each a submission.

Each attack is lesson 01 answered correctly, with one cell that tries to break out. The cell
raises `Escaped` when the attempt works, so a row whose detail names `Escaped` is a hole; the
tests also check what the cell cannot report itself (files outside its scratch folder unchanged,
no process left, the batch finished with one row a file).

Most attacks run their work in a fresh Python started with `_posixsubprocess.fork_exec` (no audit
event): that is how a student gets past the grader's audit hook, so these cases test the
operating system's wall alone. `ATTACKS` maps a case to (path, builder(base), status, score);
builders take the batch's folder, whose paths a student is assumed to know.
"""
from __future__ import annotations

import json
from pathlib import Path

import catalogue

MARKER = "MARKER-of-a-classmate"          # only in mia's notebook
SECRET_ENV = "MEDIALIT_GRADER_SECRET"     # set in the grader's environment by the tests
PROCESS_TAG = "4242.5"                    # the argument of the process that must not survive

PRELUDE = '''
import os, sys, _posixsubprocess
class Escaped(Exception):
    """The attack worked."""
def outside(code):
    """Run `code` in a fresh Python, past the grader's audit hook; its exit status (3: escaped)."""
    r, w = os.pipe()
    pid = _posixsubprocess.fork_exec([sys.executable, "-c", code], [os.fsencode(sys.executable)],
        True, (), None, None, -1, -1, -1, -1, -1, -1, r, w, True, False, -1, None, None, None, -1,
        None, False)
    os.close(w)
    os.close(r)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
'''


def attack(parts):
    """A builder: the prelude, then each part (`outside(...)` parts run past the hook), with
    BASE and ROOT replaced by the batch's folder and the kit's root."""
    if isinstance(parts, str) or parts[0] == "outside":
        parts = (parts,)

    def build(base: Path) -> dict:
        def fill(text: str) -> str:
            return text.replace("BASE", repr(str(base))).replace("ROOT", repr(str(catalogue.ROOT)))
        source = PRELUDE + "".join(_outside(fill(p[1])) if isinstance(p, tuple) else fill(p) for p in parts)
        return catalogue.insert_after(catalogue.answered("01"), "01.2", source, "attack")
    return build


def outside(code: str) -> tuple:
    return ("outside", code)


def _outside(code: str) -> str:
    """A cell that runs `code` past the hook and raises Escaped when it exits with 3."""
    return f"status = outside({code!r})\nif status == 3:\n    raise Escaped('from a fresh Python')\n"


DIR_FD = outside('''
import os, sys
done = []
for folder, name, delete in [(ROOT + "/solutions", "answer_key.json", False),   # the kit's: read only
                             (BASE + "/submissions/mia", "01_anatomy_of_an_article.ipynb", True)]:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        continue
    try:
        os.close(os.open(name, os.O_RDONLY, dir_fd=fd)); done.append("read")
        if delete:
            os.unlink(name, dir_fd=fd); done.append("deleted")
    except OSError:
        pass
try:
    fd = os.open(BASE + "/out", os.O_RDONLY | os.O_DIRECTORY)
    os.close(os.open("pwned.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)); done.append("wrote")
except OSError:
    pass
sys.exit(3 if done else 0)
''')

MEMORY = f'''
import gc
marker = "MARK" + "ER-of-a-classmate"
def holds(value):  # the classmate's cell, not this cell's own `marker`
    return isinstance(value, str) and marker in value and value != marker
found = [o for o in gc.get_objects() if isinstance(o, (list, tuple, dict)) and
         any(holds(v) for v in (o.values() if isinstance(o, dict) else o))]
frame = sys._getframe()
while frame is not None:
    found += [v for v in list(frame.f_locals.values()) if holds(v)]
    frame = frame.f_back
seen = []
sys.setprofile(lambda frame, event, arg: seen.extend(v for v in list(frame.f_locals.values()) if holds(v)))
sum(range(10))
sys.setprofile(None)
if found or seen:
    raise Escaped("read a classmate's notebook in memory")
''', outside('''
import os, sys
me = os.getpid()
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) != me:
        try:
            with open(f"/proc/{pid}/maps") as maps:
                start = int(maps.readline().split("-")[0], 16)
            with open(f"/proc/{pid}/mem", "rb") as f:
                f.seek(start)
                if f.read(1):
                    sys.exit(3)
        except (OSError, ValueError):
            pass
''')

SIGNALS = outside('''
import os, signal, sys
me, hit = os.getpid(), []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == me:
        continue
    try:
        if os.readlink(f"/proc/{pid}/cwd") != BASE:   # the grader of this batch, nothing else
            continue
        fd = os.pidfd_open(int(pid))
        signal.pidfd_send_signal(fd, signal.SIGKILL)
        hit.append(pid)
    except OSError:
        pass
sys.exit(3 if hit else 0)
''')

LIMITS = '''
import resource
for which in (resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_NPROC, resource.RLIMIT_NOFILE):
    soft, hard = resource.getrlimit(which)
    if soft != hard:
        raise Escaped(f"limit {which}: soft {soft} below hard {hard}: it can be raised")
''', outside('''
import resource, sys
try:
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    sys.exit(3)
except (ValueError, OSError):
    pass
''')

SURVIVOR = f'''
r, w = os.pipe()
pid = _posixsubprocess.fork_exec(["sleep", "{PROCESS_TAG}"], [b"/bin/sleep", b"/usr/bin/sleep"], True, (), None, None,
    -1, -1, -1, -1, -1, -1, r, w, True, True, -1, None, None, None, -1, None, False)
'''

FORGED = '''
import json
for fd in range(3, 64):
    for line in (b"K 1\\n", b"kill 0\\n", b"ended 0 0\\n", b"R {\\"timeout\\": false}\\n",
                 b"A 01.3 {\\"value\\": [\\"i\\", -1]}\\n", b"E 999 Forged\\n"):
        try:
            os.write(fd, line)
        except OSError:
            pass
'''

HUGE_WRITE = '''
for fd in range(3, 64):
    try:
        os.fstat(fd)
    except OSError:
        continue
    try:
        os.write(fd, b"A 01.5 " + b"x" * 20_000_000 + b"\\n")
    except OSError:
        pass
'''

FORK_BOMB = outside('''
import os, sys, time
first = os.getpid()
for _ in range(12):
    try:
        os.fork()
    except OSError:
        break
time.sleep(0.3 if os.getpid() == first else 1.5)  # the bomb's processes outlive the count below
'''), '''
count = sum(1 for p in os.listdir("/proc") if p.isdigit())
if count > 70:
    raise Escaped(f"{count} processes")
'''

SYMLINKS = outside('''
import os, sys
done = []
for name, target in [("subs", BASE + "/submissions"), ("out", BASE + "/out"), ("key", ROOT + "/solutions")]:
    try:
        os.symlink(target, name)
    except OSError:
        continue
for path in ("subs/ada/01_anatomy_of_an_article.ipynb", "out/grades.csv", "key/answer_key.json"):
    try:
        with open(path, "rb") as f:
            f.read(1)
        done.append(path)
    except OSError:
        pass
try:
    with open("subs/pwned.ipynb", "w") as f:
        f.write("{}")
    done.append("wrote")
except OSError:
    pass
sys.exit(3 if done else 0)
'''), '''
os.makedirs("../exercises2", exist_ok=True)
for name in ("../seeds", "../medialit"):   # links the grader made: replace them with links out
    try:
        os.remove(name); os.symlink(BASE + "/submissions", name)
    except OSError:
        pass
'''

ENVIRONMENT = f'''
if any("grader-secret" in v for v in os.environ.values()):
    raise Escaped("the grader's environment")
''', outside(f'''
import sys
for pid in ("self", "1"):
    try:
        with open(f"/proc/{{pid}}/environ", "rb") as f:
            if b"grader-secret" in f.read():
                sys.exit(3)
    except OSError:
        pass
''')

SHARED = outside('''
import sys
try:
    with open("/dev/shm/medialit-pwned", "w") as f:
        f.write("x")
except OSError:
    pass
'''), '''
if os.path.exists("/dev/shm/medialit-pwned-by-host"):
    raise Escaped("saw the host's /dev/shm")
'''

SOCKETS = outside('''
import socket, sys
done = []
try:
    with open("/proc/net/unix") as f:
        lines = f.read().splitlines()[1:]
except OSError:
    lines = []
for line in lines:
    parts = line.split()
    if len(parts) < 8:
        continue
    path = parts[7]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(0.2)
    try:
        s.connect("\\0" + path[1:] if path.startswith("@") else path)
        done.append(path)
    except OSError:
        pass
    finally:
        s.close()
try:
    socket.create_connection(("127.0.0.1", 22), timeout=0.2); done.append("tcp")
except OSError:
    pass
sys.exit(3 if done else 0)
''')


def _twenty_mb(base: Path) -> dict:
    """An answer of 20 MB (200 texts of 99,999 characters: each within the converter's limits)."""
    return catalogue.set_answer(catalogue.answered("01"), "place", '["x" * 99_999] * 200')


def _classmate(base: Path) -> dict:
    nb = catalogue.answered("01")
    return catalogue.insert_after(nb, "01.1", f"# {MARKER}: my own notes", "notes")


def _student_id(base: Path) -> dict:
    return catalogue.answered("01")


# case: (path under submissions/, builder(base), status, score)
ATTACKS = {
    "classmate (holds the marker)": ("mia/01_anatomy_of_an_article.ipynb", _classmate, "graded", 6),
    "file operations relative to a directory (dir_fd)": ("a01/01_anatomy_of_an_article.ipynb", attack(DIR_FD), "graded", 6),
    "frame inspection, gc, /proc/<pid>/mem": ("a02/01_anatomy_of_an_article.ipynb", attack(MEMORY), "graded", 6),
    "pidfd_send_signal to the grader": ("a03/01_anatomy_of_an_article.ipynb", attack(SIGNALS), "graded", 6),
    "raising limits (setrlimit)": ("a04/01_anatomy_of_an_article.ipynb", attack(LIMITS), "graded", 6),
    "a process in a new session (fork_exec)": ("a05/01_anatomy_of_an_article.ipynb", attack(SURVIVOR), "graded", 6),
    "forged control lines": ("a06/01_anatomy_of_an_article.ipynb", attack(FORGED), "graded", 5),
    "a 20 MB answer": ("a07/01_anatomy_of_an_article.ipynb", _twenty_mb, "graded", 5),
    "a 20 MB line written to the channel": ("a08/01_anatomy_of_an_article.ipynb", attack(HUGE_WRITE), "graded", 5),
    "a fork bomb": ("a09/01_anatomy_of_an_article.ipynb", attack(FORK_BOMB), "graded", 6),
    "symlinks in the scratch folder": ("a10/01_anatomy_of_an_article.ipynb", attack(SYMLINKS), "graded", 6),
    "environment variables": ("a11/01_anatomy_of_an_article.ipynb", attack(ENVIRONMENT), "graded", 6),
    "writing to /dev/shm": ("a12/01_anatomy_of_an_article.ipynb", attack(SHARED), "graded", 6),
    "unix sockets to the grader": ("a13/01_anatomy_of_an_article.ipynb", attack(SOCKETS), "graded", 6),
    "a two-digit student id": ("07__01_anatomy_of_an_article.ipynb", _student_id, "graded", 6),
}
SYMLINKED = ("zed/01_anatomy_of_an_article.ipynb", "mia/01_anatomy_of_an_article.ipynb")  # a link, its target


def build(folder: Path, cases=None) -> dict[str, Path]:
    """Write the attacks under `folder`/submissions (`folder` is the batch's folder); {case: path}."""
    written = {}
    for case in cases or ATTACKS:
        path, make, _, _ = ATTACKS[case]
        written[case] = catalogue.write(folder / "submissions", path, make(folder))
    link = folder / "submissions" / SYMLINKED[0]
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(folder / "submissions" / SYMLINKED[1])
    return written


def dumps(nb) -> str:
    return json.dumps(nb)
