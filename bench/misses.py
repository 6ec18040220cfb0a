"""Why `compare` misses the figures an answer key expects: each expected figure that no query shows is classed as
no candidate (no figure of its sentence is a candidate for the query), below the threshold (a candidate scored
under --min-score), or beyond the top findings (scored enough, but not among the document's shown findings).

Run: python bench/misses.py [--all-keys] [--without-claims] [--list CLASS]
Counted per query (an expected figure missed by three queries of its statistic counts three times), over the
real-news keys under eval/clusters/ unless --all-keys.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import opened_keys  # noqa: E402

from factcheck.commands.compare import CompareOptions, compare_query  # noqa: E402
from factcheck.commands.evaluate import EXPECT, FORBID, document_parts, label_of, merged_findings  # noqa: E402

CLASSES = ("shown", "no candidate", "below threshold", "beyond the top findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all-keys", action="store_true", help="every key, not only the real-news clusters")
    parser.add_argument("--list", choices=CLASSES[1:], help="list the misses of one class")
    parser.add_argument(
        "--without-claims",
        action="store_true",
        help="ask as a user with no claims file (a statistic's id is not asked)",
    )
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    options = CompareOptions()
    for key, corpus, claims, located in opened_keys(real_news_only=not args.all_keys):
        for stat in key.statistics:
            labelled = {d.id for d in stat.documents}
            asked = None if args.without_claims else claims
            for query in stat.queries:
                if args.without_claims and query.text == stat.id:
                    continue
                shown_by = document_parts(compare_query(corpus, asked, query.text, options))
                every = document_parts(compare_query(corpus, asked, query.text, CompareOptions(all_candidates=True)))
                for doc_id, doc_parts in every.items():
                    if doc_id not in labelled:
                        continue
                    spots = located[(stat.id, doc_id)]
                    shown = merged_findings([(d.findings, d.vague) for d in shown_by[doc_id]])
                    candidates = sorted((f for d in doc_parts for f in d.findings), key=lambda f: -f.score)
                    for spot in (s for s in spots if s.which == EXPECT):
                        if any(
                            (spot.is_finding(f) or spot.same_numbers(f)) and label_of(f, spots) != FORBID for f in shown
                        ):
                            counts["shown"] += 1
                            continue
                        hit = next((f for f in candidates if spot.is_finding(f) or spot.same_numbers(f)), None)
                        if hit is None:
                            which = "no candidate"
                        elif hit.score < options.min_score:
                            which = "below threshold"
                        else:
                            which = "beyond the top findings"
                        counts[which] += 1
                        if args.list == which:
                            score = "" if hit is None else f" (score {hit.score})"
                            print(f"{key.name} · {stat.id} · {query.text!r} · {doc_id}: {spot.gold.text}{score}")
    total = sum(counts.values())
    for name in CLASSES:
        print(f"{name:24} {counts[name]:5}  {counts[name] / max(total, 1):.0%}")


if __name__ == "__main__":
    main()
