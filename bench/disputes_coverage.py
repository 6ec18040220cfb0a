"""How many of the answer keys' statistics `factcheck disputes` finds by itself (issue 19's coverage measure).

A statistic on which at least two documents have an expected figure counts as found when one of the first 20 groups
holds expected figures of at least two documents and no forbidden figure. By default the claims files are not used
(disputes must find the groups without being told the statistics); --with-claims lets it ask them too, as
`factcheck disputes` does in a project.

Beside it, a proxy of precision (issue 19: at least 80% of the first ten groups of each corpus count one thing): a
group of the first ten counts one thing when there is one statistic of the key for which every figure it shows (each
document's first) is expected or allowed; a figure of a document the key does not label for it counts against it.
A group that counts one thing the key has no statistic for counts against it too, so the proxy errs low on corpora
with many things and a key of few statistics. Printed overall and per corpus; --groups lists each group's verdict.

Run: python bench/disputes_coverage.py [--with-claims] [--list] [--groups]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import Located, opened_keys  # noqa: E402

from factcheck.commands.disputes import Dispute, DisputesOptions, find_disputes  # noqa: E402

FIRST_GROUPS = 20
# Precision is judged on the first ten groups of each corpus (issue 19).
JUDGED_GROUPS = 10


def counts_one_thing(dispute: Dispute, statistics: Iterable[str], located: Located) -> str | None:
    """The statistic of the answer key for which every figure the group shows (each document's first) is expected
    or allowed, or None: a proxy of the judge's "counts one thing". A figure of a document the key does not label
    for that statistic, or labels otherwise, counts against it."""
    for stat in statistics:
        if all(
            any(
                spot.which in ("expect", "allow") and (spot.is_finding(f) or spot.same_numbers(f))
                for spot in located.get((stat, doc.id), [])
            )
            for doc in dispute.comparison.with_figures
            for f in doc.findings[:1]
        ):
            return stat
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-claims", action="store_true", help="let disputes ask the claims file's statistics")
    parser.add_argument("--list", action="store_true", help="list each statistic found or missed")
    parser.add_argument("--groups", action="store_true", help="list the first ten groups of each corpus, judged")
    args = parser.parse_args()
    found = wanted = 0
    seconds = 0.0
    clean = judged = 0
    per_corpus: list[str] = []
    for key, corpus, claims, located in opened_keys():
        started = time.perf_counter()
        report = find_disputes(corpus, claims if args.with_claims else None, DisputesOptions(limit=FIRST_GROUPS))
        seconds += time.perf_counter() - started
        statistics = [stat.id for stat in key.statistics]
        first = report.disputes[:JUDGED_GROUPS]
        ones = [counts_one_thing(d, statistics, located) for d in first]
        clean += sum(one is not None for one in ones)
        judged += len(first)
        if first:
            per_corpus.append(f"{key.name} {sum(one is not None for one in ones)}/{len(first)}")
        if args.groups:
            for rank, (dispute, one) in enumerate(zip(first, ones, strict=True), 1):
                print(f"{key.name} #{rank} {dispute.label!r}: {one or '-'}")
        for stat in key.statistics:
            expecting = [d.id for d in stat.documents if d.expect]
            if len(expecting) < 2:
                continue
            wanted += 1
            hit = None
            for rank, dispute in enumerate(report.disputes, 1):
                right: set[str] = set()
                wrong = False
                for doc in dispute.comparison.with_figures:
                    for finding in doc.findings[:1]:
                        for spot in located.get((stat.id, doc.id), []):
                            if spot.is_finding(finding) or spot.same_numbers(finding):
                                if spot.which == "expect":
                                    right.add(doc.id)
                                elif spot.which == "forbid":
                                    wrong = True
                if len(right) >= 2 and not wrong:
                    hit = (rank, dispute.label)
                    break
            found += hit is not None
            if args.list:
                where = f"group {hit[0]} ({hit[1]!r})" if hit else "missed"
                print(f"{key.name} · {stat.id}: {where}")
    share = found / wanted if wanted else 0.0
    print(f"found {found} of {wanted} statistics ({share:.0%}) in the first {FIRST_GROUPS} groups; {seconds:.1f} s")
    precision = clean / judged if judged else 0.0
    print(
        f"precision (proxy): {clean} of the first {JUDGED_GROUPS} groups' {judged} count one statistic of the key "
        f"({precision:.0%})"
    )
    print("per corpus: " + ", ".join(per_corpus))


if __name__ == "__main__":
    main()
