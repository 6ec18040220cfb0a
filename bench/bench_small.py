"""Small speed targets that were once timed tests (a test must not fail because a shared machine is busy).

Each case prints its best time of five runs beside its target; the exit code is 1 when one misses its target.

Run: python bench/bench_small.py
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.matching.families import parse_table  # noqa: E402
from factcheck.matching.quotes import match_quote, prepare  # noqa: E402
from factcheck.reading.sentences import split_sentences  # noqa: E402

CORPUS = ROOT / "corpus"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def split_bundled() -> None:
    for text in TEXTS:
        split_sentences(text)


def _quotes() -> list[tuple[int, str]]:
    """A thousand passages of the bundled corpus, every other one with a word altered."""
    rng = random.Random(7)
    words = [[m.group() for m in re.finditer(r"\S+", t)] for t in TEXTS]
    quotes = []
    for n in range(1000):
        doc = rng.randrange(len(TEXTS))
        first = rng.randrange(len(words[doc]) - 40)
        chosen = words[doc][first : first + rng.randint(5, 31)]
        if n % 2:
            k = rng.randrange(len(chosen))
            chosen[k] += "s"
        quotes.append((doc, " ".join(chosen)))
    return quotes


QUOTES = _quotes()


def thousand_quotes() -> None:
    prepared = [prepare(t) for t in TEXTS]
    for doc, quote in QUOTES:
        match_quote(quote, prepared[doc])


FAMILIES = (ROOT / "factcheck" / "data" / "families.txt.gz").read_bytes()

CASES: list[tuple[str, Callable[[], None], float]] = [
    ("split the bundled corpus into sentences", split_bundled, 0.05),
    ("prepare the bundled corpus and match 1,000 quotes", thousand_quotes, 2.0),
    ("parse the word-family table", lambda: parse_table(FAMILIES), 0.25),
]


def main() -> int:
    missed = 0
    for name, run, target in CASES:
        best = float("inf")
        for _ in range(5):
            began = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - began)
        ok = best <= target
        missed += not ok
        print(f"{'ok  ' if ok else 'SLOW'} {best:8.3f} s (target {target:g} s)  {name}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
