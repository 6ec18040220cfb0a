"""Measure `factcheck compare` against hand-made answer keys: the bundled corpus and the corpora under tests/.

Run: python bench/eval_compare.py [--all-queries] [--verbose]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from factcheck.claims import load_claims
from factcheck.compare import CompareOptions
from factcheck.corpus import load_corpus
from factcheck.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parent.parent
SETS = [("bundled", ROOT / "corpus", ROOT / "claims.yaml", ROOT / "tests/gold/bundled.yaml")] + [
    (d.name, d / "corpus", d / "claims.yaml", d / "gold.yaml")
    for d in sorted((ROOT / "tests/corpora").iterdir())
    if d.is_dir()
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all-queries", action="store_true", help="ask every query of the key, not only the first")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and wrong findings")
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--min-score", type=float, default=CompareOptions().min_score)
    args = parser.parse_args()
    options = CompareOptions(top=args.top, min_score=args.min_score)
    print(f"{'corpus':<18} {'stats':>5} {'recall':>7} {'prec':>6} {'best':>6} {'distr':>6} {'silent':>7} {'secs':>6}")
    for name, corpus_dir, claims_path, gold_path in SETS:
        if not gold_path.exists():
            print(f"{name:<18} (no answer key at {gold_path.relative_to(ROOT)})")
            continue
        started = time.perf_counter()
        result = evaluate(
            load_corpus(corpus_dir), load_claims(claims_path), load_gold(gold_path), options, args.all_queries
        )
        secs = time.perf_counter() - started
        print(
            f"{name:<18} {len(result.scores):>5} {result.recall:>7.1%} {result.precision:>6.1%} "
            f"{result.best_precision:>6.1%} {result.distractor_rate:>6.1%} {result.silence:>7.1%} {secs:>6.2f}"
        )
        if args.verbose:
            for s in result.scores:
                if s.misses or s.wrong:
                    print(f"   {s.statistic} ({s.query!r}): missed {list(s.misses)}; wrong {list(s.wrong)}")


if __name__ == "__main__":
    main()
