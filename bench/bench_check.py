"""Benchmark of `factcheck check`: 1,000 claims against the bundled corpus (target: under 2 s).

Run: python bench/bench_check.py [--claims 1000]
The claims are the bundled claims.yaml repeated with new ids; every tenth copy has one figure of its quote changed,
so that the failure path (closest passage, number comparison) is timed too.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import yaml

from factcheck.commands.check import CheckOptions, check_claims
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def build_claims(count: int, target: Path) -> None:
    data = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    base = data["claims"]
    claims = []
    for i in range(count):
        claim = dict(base[i % len(base)])
        claim["id"] = f"{claim['id']}-{i}"
        if i % 10 == 9:
            claim["citations"] = [
                {**c, "quote": re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), c["quote"], count=1)}
                for c in claim["citations"]
            ]
        claims.append(claim)
    data["claims"] = claims
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        build_claims(args.claims, path)
        best = {"load claims": float("inf"), "load corpus": float("inf"), "check": float("inf"), "total": float("inf")}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            claims = load_claims(path)
            t1 = time.perf_counter()
            corpus = load_corpus(ROOT / "corpus")
            t2 = time.perf_counter()
            report = check_claims(corpus, claims, CheckOptions())
            t3 = time.perf_counter()
            for key, value in zip(best, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
                best[key] = min(best[key], value)
        print(f"{len(claims.claims)} claims, {report.failed} failing by design; best of {args.runs} runs:")
        for key, value in best.items():
            print(f"  {key:<12} {value:6.3f} s")


if __name__ == "__main__":
    main()
