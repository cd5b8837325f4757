"""How often the finders are right, on articles they were not written from.

    python bench/accuracy.py              # both halves of bench/corpus/
    python bench/accuracy.py tuning       # one half
    python bench/accuracy.py --misses     # also list every miss and false alarm

The scoring lives in medialit/evaluation.py (lesson 06 shows its tables); see its docstring and
bench/corpus/README.md for what is measured and how.
"""
from __future__ import annotations

import sys

import pandas as pd

from medialit.evaluation import HALVES, load, score, table


def main(argv: list[str]) -> int:
    halves = [h for h in argv if h in HALVES] or list(HALVES)
    for half in halves:
        articles = load(half)
        if not articles:
            print(f"{half}: no articles yet")
            continue
        styles = sorted({a["style"] for a in articles})
        print(f"== {half}: {len(articles)} articles, {len(styles)} styles ({', '.join(styles)})")
        tallies = score(articles)
        with pd.option_context("display.width", 200, "display.max_columns", 20):
            print(table(tallies).to_string())
        if "--misses" in argv:
            for name, t in tallies.items():
                for article, span, _ in t.misses:
                    print(f"  miss   {name:<13}{article}: {span!r}")
                for article, span, _ in t.alarms:
                    print(f"  alarm  {name:<13}{article}: {span!r}")
                for line in t.wrong:
                    print(f"  wrong  {name:<13}{line}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
