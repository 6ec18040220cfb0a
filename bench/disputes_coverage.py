"""How many of the answer keys' statistics `factcheck disputes` finds by itself (issue 19's coverage measure).

A statistic on which at least two documents have an expected figure counts as found when one of the first 20 groups
holds expected figures of at least two documents and no forbidden figure. By default the claims files are not used
(disputes must find the groups without being told the statistics); --with-claims lets it ask them too, as
`factcheck disputes` does in a project.

Run: python bench/disputes_coverage.py [--with-claims] [--list]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import opened_keys  # noqa: E402

from factcheck.commands.disputes import DisputesOptions, find_disputes  # noqa: E402

FIRST_GROUPS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-claims", action="store_true", help="let disputes ask the claims file's statistics")
    parser.add_argument("--list", action="store_true", help="list each statistic found or missed")
    args = parser.parse_args()
    found = wanted = 0
    seconds = 0.0
    for key, corpus, claims, located in opened_keys():
        started = time.perf_counter()
        report = find_disputes(corpus, claims if args.with_claims else None, DisputesOptions(limit=FIRST_GROUPS))
        seconds += time.perf_counter() - started
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


if __name__ == "__main__":
    main()
