"""Differential check for speed work on the sourcing finders: the full output of quotations(),
attributions(), voice_share(), voice_words() and scare_quotes() on every seed, every corpus
article (tuning and held-out) and the bench corpus of bench/toolkit.py, written as CSV.

    python bench/sourcing_outputs.py record  /tmp/before     # with the code as it was
    python bench/sourcing_outputs.py compare /tmp/before     # after a change: byte-identical?

`compare` writes the new outputs beside (`/tmp/before.new`) and lists every file that differs;
it exits 1 when one does. Texts: seeds/*.txt, bench/corpus/*/*.toml (their `text`), and the
toolkit corpus at 1 and 16 MB (voice_words and voice_share at 1 MB only: a row per word).
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import medialit as ml  # noqa: E402
from toolkit import corpus  # noqa: E402

FINDERS = ["quotations", "attributions", "scare_quotes", "voice_share", "voice_words"]


def texts():
    """(name, Article or str, finders) for every text checked."""
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seed-{path.stem}", ml.load_article(path), FINDERS
    for path in sorted((ROOT / "bench" / "corpus").glob("*/*.toml")):
        text = tomllib.loads(path.read_text(encoding="utf-8"))["text"]
        yield f"{path.parent.name}-{path.stem}", text, FINDERS
    yield "toolkit-1MB", corpus(1), FINDERS
    yield "toolkit-16MB", corpus(16), FINDERS[:3]


def record(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, text, finders in texts():
        for finder in finders:
            getattr(ml, finder)(text).to_csv(folder / f"{name}.{finder}.csv", index=False)
        count += 1
    print(f"{count} texts recorded in {folder}")
    return count


def compare(folder: Path) -> int:
    new = folder.with_name(folder.name + ".new")
    count = record(new)
    old_files = sorted(p.name for p in folder.glob("*.csv"))
    differ = [n for n in old_files if (folder / n).read_bytes() != (new / n).read_bytes()]
    missing = set(old_files) ^ {p.name for p in new.glob("*.csv")}
    for n in differ + sorted(missing):
        print("DIFFERS:", n)
    print(f"{len(old_files) - len(differ)} of {len(old_files)} outputs identical on {count} texts")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        sys.exit(__doc__)
    if sys.argv[1] == "record":
        record(Path(sys.argv[2]))
    else:
        sys.exit(compare(Path(sys.argv[2])))
