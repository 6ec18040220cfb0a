"""Where a warm `compare` spends its time, phase by phase, in one process (the index must be built already).

Run: python bench/breakdown.py [--size 100MB] [--query workers-abroad]

Phases: opening the index (listing the folder, checking what changed, the documents' metadata), pre-selection
(FTS, then sentence by sentence), scoring the candidate figures (factcheck.matching.scoring), agreement between the
documents, and rendering the table. Figures in seconds.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.commands.compare import (  # noqa: E402
    CompareOptions,
    DocumentFindings,
    agreements,
    compare,
    find_in_document,
    preselect,
    shown_findings,
)
from factcheck.corpus.claims import load_claims  # noqa: E402
from factcheck.corpus.index import open_index  # noqa: E402
from factcheck.matching.scoring import Target, TargetGroup  # noqa: E402
from factcheck.reading.scope import ScopeReader  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100MB")
    parser.add_argument("--query", default="workers-abroad")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    corpus_path = args.out / f"corpus-{args.size}"
    claims = load_claims(args.out / f"statistics-{args.size}.yaml")
    times: dict[str, float] = {}

    started = time.perf_counter()
    corpus = open_index(corpus_path)
    times["open index"] = time.perf_counter() - started
    if corpus.report.read_bytes:
        print(f"note: the index was not up to date ({corpus.report.read_bytes:,} bytes read)", file=sys.stderr)
    statistic = claims.statistic(args.query)
    target = Target.build(args.query, statistic)
    options = CompareOptions()

    started = time.perf_counter()
    selected = preselect(corpus, target, options)
    times["pre-selection"] = time.perf_counter() - started

    scopes = ScopeReader(statistic.cues.cumulative if statistic else (), statistic.cues.current if statistic else ())
    rivals = TargetGroup(tuple(Target.build(s.label, s) for s in claims.statistics if s is not statistic))
    docs = sorted(corpus.documents(), key=lambda d: d.id)
    started = time.perf_counter()
    evidence = {
        d.id: find_in_document(
            corpus, d, target, scopes, options, rivals, None if selected is None else selected.get(d.id, frozenset())
        )
        for d in docs
    }
    times["scoring"] = time.perf_counter() - started

    answers = tuple(
        DocumentFindings(d.id, d.path, d.meta.title, d.meta.published, shown_findings(evidence[d.id], options))
        for d in docs
    )
    started = time.perf_counter()
    agreements(answers)
    times["agreement"] = time.perf_counter() - started

    from rich.console import Console

    from factcheck.render import compare as render

    comparison = compare(corpus, claims, args.query, options)
    started = time.perf_counter()
    Console(file=io.StringIO(), width=160).print(render.render_table(comparison))
    times["rendering"] = time.perf_counter() - started

    candidates = sum(len(s) for s in selected.values()) if selected is not None else 0
    print(
        f"{args.size}: {len(docs):,} documents, {len(selected or {}):,} with candidate sentences "
        f"({candidates:,} sentences), {len(comparison.with_figures):,} with findings"
    )
    for phase, seconds in times.items():
        print(f"  {phase:<14} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
