"""Check the real-text answer-key clusters under eval/clusters (the extended gold format: expect / allow / forbid).

Run ``python eval/validate_clusters.py [CLUSTER_DIR ...]``; with no argument every folder of eval/clusters that has a
``gold.yaml`` is checked. For each cluster it checks that:
- corpus/sources.yaml parses, lists every document file of corpus/ once, with unique ids and files that exist;
- claims.yaml parses and every statistic of it has an answer key in gold.yaml (and the reverse);
- gold.yaml lists, under every statistic, every document id of the corpus (and no other), each with the three lists
  expect / allow / forbid; queries start with the statistic's label and hold at least three entries;
- every figure of expect, allow and forbid stands verbatim in its document as a whole figure (not inside a longer
  number or word), and no figure is in two lists of one document;
- the corpus has at least six documents, and at least one document gives no figure (an empty expect) for a statistic;
- every claim's citation names a document whose expect list for that statistic is not empty.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LISTS = ("expect", "allow", "forbid")


def occurs(needle: str, text: str) -> int:
    """How often ``needle`` stands in ``text`` as a whole figure (the rule of tests/corpora/validate.py)."""
    pattern = r"(?<!\w)(?<!\d[.,])" + re.escape(needle) + r"(?!\w)(?![.,]\d)"
    return len(re.findall(pattern, text))


def _load(path: Path, problems: list[str]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: missing")
    except yaml.YAMLError as exc:
        problems.append(f"{path}: does not parse: {exc}")
    return None


def validate(root: Path) -> list[str]:
    problems: list[str] = []
    corpus = root / "corpus"
    sources = _load(corpus / "sources.yaml", problems) or {}
    texts: dict[str, str] = {}
    listed: set[str] = set()
    for entry in sources.get("documents") or []:
        doc_id, name = str(entry.get("id")), str(entry.get("file"))
        if doc_id in texts:
            problems.append(f"{root.name}: duplicate id {doc_id}")
        path = corpus / name
        if not path.is_file():
            problems.append(f"{root.name}: {name} does not exist")
            continue
        listed.add(name)
        texts[doc_id] = path.read_text(encoding="utf-8")
        for key in ("title", "publisher", "published", "url"):
            if not entry.get(key):
                problems.append(f"{root.name}: {doc_id} has no {key}")
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() in (".txt", ".md") and str(path.relative_to(corpus)) not in listed:
            problems.append(f"{root.name}: {path.name} is a document but has no entry in sources.yaml")
    if len(texts) < 6:
        problems.append(f"{root.name}: {len(texts)} documents, want at least 6")
    claims = _load(root / "claims.yaml", problems) or {}
    stats = {str(s.get("id")): s for s in claims.get("statistics") or []}
    gold = (_load(root / "gold.yaml", problems) or {}).get("statistics") or {}
    for stat_id in sorted(set(stats) ^ set(gold)):
        problems.append(f"{root.name}: statistic {stat_id} is not in both claims.yaml and gold.yaml")
    any_silent = False
    for stat_id, entry in gold.items():
        where = f"{root.name} {stat_id}"
        queries = entry.get("queries") or []
        if stat_id in stats and (not queries or queries[0] != stats[stat_id].get("label")):
            problems.append(f"{where}: queries must start with the label {stats[stat_id].get('label')!r}")
        if len(queries) < 3:
            problems.append(f"{where}: want the label and two paraphrases")
        docs = entry.get("documents") or {}
        if set(docs) != set(texts):
            problems.append(f"{where}: documents must list every document id once; missing "
                            f"{sorted(set(texts) - set(docs))}, unknown {sorted(set(docs) - set(texts))}")
        for doc_id, lists in docs.items():
            if doc_id not in texts:
                continue
            if not isinstance(lists, dict) or set(lists) != set(LISTS):
                problems.append(f"{where} {doc_id}: want exactly the lists {LISTS}")
                continue
            if not lists["expect"]:
                any_silent = True
            seen: dict[str, str] = {}
            for name in LISTS:
                for figure in lists[name] or []:
                    if not isinstance(figure, str) or not figure.strip():
                        problems.append(f"{where} {doc_id}: {name} {figure!r} is not a string")
                        continue
                    if occurs(figure, texts[doc_id]) == 0:
                        problems.append(f"{where} {doc_id}: {name} {figure!r} not verbatim (as a whole figure)")
                    if figure in seen:
                        problems.append(f"{where} {doc_id}: {figure!r} is in both {seen[figure]} and {name}")
                    seen[figure] = name
    if not any_silent:
        problems.append(f"{root.name}: no document is silent on any statistic")
    for claim in claims.get("claims") or []:
        stat_id = claim.get("statistic")
        for citation in claim.get("citations") or []:
            doc_id = citation.get("document")
            if doc_id not in texts:
                problems.append(f"{root.name}: claim {claim.get('id')} cites unknown document {doc_id}")
            elif stat_id in gold and not (((gold[stat_id].get("documents") or {}).get(doc_id) or {}).get("expect")):
                problems.append(f"{root.name}: claim {claim.get('id')} cites {doc_id}, whose expect is empty")
    return problems


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or sorted(p.parent for p in (HERE / "clusters").glob("*/gold.yaml"))
    problems = [problem for root in roots for problem in validate(root)]
    for problem in problems:
        print(problem)
    print(f"{len(roots)} clusters checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
