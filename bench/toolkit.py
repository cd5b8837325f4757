"""Throughput of the finders of kit-design §3 on 1×, 4× and 16× about 1 MB of article-like text.

    python bench/toolkit.py            # sizes 1, 4, 16 MB
    python bench/toolkit.py 1 2        # other sizes, in MB
    python bench/toolkit.py --cpu      # CPU time of this process, not wall-clock time: fairer on a
                                       # machine that other jobs share (both are printed per run)

The corpus: the TASS article's paragraphs shuffled (seeded) into articles of 18 paragraphs, so the
text has the real mix of quotations, figures, scare quotes and passives. Prints MB/s per finder and
size, and how the time grows from the smallest to the largest size (linear growth: ratio = size ratio).
Each finder runs once on a short text before it is timed, so one-time costs (reading lexicons,
compiling patterns) do not count against the smallest size.
"""
from __future__ import annotations

import random
import sys
import time

import medialit as ml

FINDERS = ["scare_quotes", "loaded_terms", "passives", "numbers", "quotations", "attributions"]


def corpus(megabytes: float, seed: int = 7) -> str:
    paragraphs = ml.load_article().paragraphs
    body = paragraphs[paragraphs.role == "body"].text.tolist()
    rng, parts, size = random.Random(seed), [], 0
    while size < megabytes * 1_000_000:
        article = "Headline about the ceasefire\n\n" + "\n\n".join(rng.sample(body, len(body)))
        parts.append(article)
        size += len(article.encode("utf-8")) + 2
    return "\n\n".join(parts)


CLOCK = time.perf_counter
WARM_UP = 'Talks failed, the minister said. "We tried," Ann Lee said. The "reforms" were killed by 12 votes.'


def timed(fn, text: str) -> float:
    # quotations and attributions share one analysis of a text, cached: time each from scratch
    fn(WARM_UP)  # one-time costs (lexicons read, patterns compiled) are not throughput
    sys.modules["medialit.sourcing"]._analyse.cache_clear()
    start = CLOCK()
    fn(text)
    return CLOCK() - start


def main(sizes: list[float]) -> int:
    texts = {size: corpus(size) for size in sizes}
    print(f"{'finder':<14}" + "".join(f"{f'{s:g} MB':>12}" for s in sizes) + f"{'time ratio':>12}")
    for name in FINDERS:
        fn = getattr(ml, name, None)
        if fn is None:
            print(f"{name:<14}  (not in medialit yet)")
            continue
        seconds = {s: timed(fn, t) for s, t in texts.items()}
        rates = "".join(f"{len(texts[s].encode()) / 1e6 / seconds[s]:>9.2f} MB/s"[-12:] for s in sizes)
        ratio = seconds[sizes[-1]] / seconds[sizes[0]]
        print(f"{name:<14}{rates}{ratio:>11.1f}×")
    print(f"\nsize ratio {sizes[-1] / sizes[0]:g}×; target: ≥ 2 MB/s and time ratio ≤ 20× at 16×")
    return 0


if __name__ == "__main__":
    if "--cpu" in sys.argv:
        CLOCK = time.process_time
        print("(CPU time of this process)")
    sys.exit(main([float(a) for a in sys.argv[1:] if a != "--cpu"] or [1, 4, 16]))
