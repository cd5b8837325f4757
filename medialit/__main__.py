"""Command line: `python -m medialit build --help`."""
from __future__ import annotations

import argparse
import sys


def _build(args) -> int:
    from .course.build import build
    from .course.steps import BuildError

    try:
        stale = build(check=args.check, run=args.execute,
                      only=set(args.lesson) if args.lesson else None)
    except BuildError as err:
        print(f"build: {err}", file=sys.stderr)
        return 2
    if args.check:
        if stale:
            print("Out of date (run `python -m medialit build`):\n  " + "\n  ".join(stale))
            return 1
        print("exercises/ and the answer keys are up to date.")
        return 0
    print("wrote " + (", ".join(stale) if stale else "nothing: all up to date"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medialit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="write exercises/ and the answer keys from solutions/")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything is out of date")
    p.add_argument("--execute", action="store_true", help="run notebooks/ and solutions/ first (slow)")
    p.add_argument("--lesson", action="append", metavar="NN", help="only this lesson (repeatable), e.g. 02")
    p.set_defaults(func=_build)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
