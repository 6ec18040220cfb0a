"""Check the answer keys of eval/clusters (expect / allow / forbid): every document id exists, every document of the
corpus is listed under every statistic, every figure stands verbatim (as a whole figure) in its document, no figure is
in two lists of one document, queries start with the label, every statistic of claims.yaml has a key.

Run ``python3 eval/check_gold_b.py [CLUSTER_DIR ...]`` (default: every cluster); exits 1 on any problem.
The whole-figure rule is the one of tests/corpora/validate.py (imported from there).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "corpora"))
from validate import occurs  # noqa: E402

LISTS = ("expect", "allow", "forbid")


def check(cluster: Path) -> list[str]:
    problems: list[str] = []
    sources = yaml.safe_load((cluster / "corpus" / "sources.yaml").read_text(encoding="utf-8"))
    texts = {}
    for entry in sources["documents"]:
        path = cluster / "corpus" / entry["file"]
        if not path.is_file():
            problems.append(f"{cluster.name}: missing file {entry['file']}")
            continue
        texts[str(entry["id"])] = path.read_text(encoding="utf-8")
    listed = {entry["file"] for entry in sources["documents"]}
    for path in (cluster / "corpus").iterdir():
        if path.suffix.lower() in (".txt", ".md") and path.name not in listed:
            problems.append(f"{cluster.name}: {path.name} not in sources.yaml")
    claims = yaml.safe_load((cluster / "claims.yaml").read_text(encoding="utf-8"))
    labels = {s["id"]: s["label"] for s in claims["statistics"]}
    gold = yaml.safe_load((cluster / "gold.yaml").read_text(encoding="utf-8"))["statistics"]
    if set(labels) != set(gold):
        problems.append(f"{cluster.name}: statistics differ: claims {sorted(labels)} gold {sorted(gold)}")
    silent = 0
    for stat_id, entry in gold.items():
        queries = entry.get("queries") or []
        if len(queries) < 3 or queries[0] != labels.get(stat_id):
            problems.append(f"{cluster.name} {stat_id}: queries must start with the label and hold 3")
        docs = entry.get("documents") or {}
        for doc_id in sorted(set(texts) - set(docs)):
            problems.append(f"{cluster.name} {stat_id}: document {doc_id} missing")
        for doc_id, lists in docs.items():
            where = f"{cluster.name} {stat_id} {doc_id}"
            if doc_id not in texts:
                problems.append(f"{where}: unknown document")
                continue
            if set(lists) != set(LISTS):
                problems.append(f"{where}: needs exactly {LISTS}")
            seen: dict[str, str] = {}
            for name in LISTS:
                for figure in lists.get(name) or []:
                    if not occurs(str(figure), texts[doc_id]):
                        problems.append(f"{where}: {name} figure {figure!r} not verbatim in the document")
                    if figure in seen:
                        problems.append(f"{where}: {figure!r} in both {seen[figure]} and {name}")
                    seen[figure] = name
            silent += not lists.get("expect")
    if len(texts) < 6:
        problems.append(f"{cluster.name}: {len(texts)} documents, want 6 or more")
    if not silent:
        problems.append(f"{cluster.name}: no document is silent on any statistic")
    for claim in claims.get("claims") or []:
        for citation in claim.get("citations") or []:
            doc = citation["document"]
            if citation["quote"] not in texts.get(doc, ""):
                problems.append(f"{cluster.name} claim {claim['id']}: quote not verbatim in {doc}")
    return problems


def main(argv: list[str]) -> int:
    clusters = [Path(a) for a in argv] or sorted(p for p in (ROOT / "eval" / "clusters").iterdir() if (p / "gold.yaml").is_file())
    problems = [problem for cluster in clusters for problem in check(cluster)]
    for problem in problems:
        print(problem)
    print(f"{len(clusters)} clusters checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
