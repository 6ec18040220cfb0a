"""Measure `factcheck compare` (default options) against every answer key of the repository, per key and in all.

The keys: tests/gold/bundled.yaml (the bundled corpus, with paraphrased queries reported apart),
tests/corpora/*/gold.yaml (three invented corpora) and eval/clusters/*/gold.yaml (real news, when present).

Run: python bench/evaluate.py [--verbose] [--format table|json|markdown] [--no-index] [--without-claims]
It prints what `factcheck evaluate KEY...` prints for those keys, and the time taken on stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console

from factcheck.commands.evaluate import AnswerKey, evaluate_keys, load_key, locate_key
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import Corpus
from factcheck.corpus.index import open_corpus
from factcheck.model import ClaimsFile
from factcheck.render import evaluate as render

ROOT = Path(__file__).resolve().parent.parent


def all_keys(root: Path = ROOT) -> list[Path]:
    """Every answer key of the repository, in a stable order."""
    return [
        root / "tests/gold/bundled.yaml",
        *sorted(root.glob("tests/corpora/*/gold.yaml")),
        *sorted(root.glob("eval/clusters/*/gold.yaml")),
    ]


Located = dict[tuple[str, str], Any]  # (statistic, document) → evaluate's located gold figures


def opened_keys(real_news_only: bool = False) -> Iterator[tuple[AnswerKey, Corpus, ClaimsFile | None, Located]]:
    """Every answer key (all_keys) with its corpus (through its index), claims file and located gold figures."""
    for path in all_keys():
        if real_news_only and "eval/clusters" not in path.as_posix():
            continue
        key = load_key(path)
        corpus = open_corpus(key.corpus, use_index=True)
        claims = load_claims(key.claims) if key.claims is not None else None
        located, _ = locate_key(key, corpus)
        yield key, corpus, claims, located


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and wrong findings")
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    parser.add_argument("--no-index", action="store_true", help="read the corpora in memory")
    parser.add_argument(
        "--without-claims", action="store_true", help="ask as a user with no claims file (ids are not asked)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    evaluation = evaluate_keys(all_keys(), use_index=not args.no_index, without_claims=args.without_claims)
    seconds = time.perf_counter() - started
    if args.format == "json":
        sys.stdout.write(render.render_json(evaluation) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(render.render_markdown(evaluation, args.verbose))
    else:
        Console(width=160, highlight=False).print(render.render_table(evaluation))
        if text := render.render_text(evaluation, args.verbose):
            print(text)
    print(f"{len(evaluation.keys)} keys in {seconds:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
