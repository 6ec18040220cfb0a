"""Check the hand-made test corpora: YAML parses, ids are unique, quotes and gold figures stand in their documents.

Run ``python tests/corpora/validate.py [CORPUS_DIR ...]``; with no argument every folder next to this file that has
a ``gold.yaml`` is checked. Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ID_RE = re.compile(r"^[A-Za-z0-9._-]+$")
ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SOURCE_KEYS = {"file", "id", "title", "author", "publisher", "published", "kind", "url"}
STATISTIC_KEYS = {"id", "label", "aliases", "kind", "unit", "per", "description", "cues"}
CUES_KEYS = {"require", "exclude", "cumulative", "current"}
CLAIM_KEYS = {"id", "statistic", "text", "figure", "year", "tags", "citations"}
FIGURE_KEYS = {"value", "low", "high", "qualifier", "unit", "per"}
CITATION_KEYS = {"document", "quote", "note"}
KINDS = {"count", "money", "percent", "ratio", "duration", "measure"}
QUALIFIERS = {"exact", "about", "over", "at_least", "under", "up_to"}
PERIODS = {"day", "week", "month", "year"}
NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|nineteen|twenty|hundred|thousand|"
    r"million|billion|half|quarter|third|dozens?)\b",
    re.IGNORECASE,
)
SCALES = {"": 1.0, "thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
NUMBER_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|bn|m)?\b")
MIN_WORDS, MAX_WORDS = 300, 900


def occurs(needle: str, text: str) -> int:
    """How often ``needle`` stands in ``text`` as a whole figure (not inside a longer number or word)."""
    pattern = r"(?<!\w)(?<!\d[.,])" + re.escape(needle) + r"(?!\w)(?![.,]\d)"
    return len(re.findall(pattern, text))


def numbers_in(quote: str) -> set[float]:
    """Every plain reading of the figures in a quote: digits with an optional scale word ("3.4bn" is 3.4e9)."""
    values: set[float] = set()
    for match in NUMBER_RE.finditer(quote):
        base = float(match.group(1).replace(",", ""))
        values.add(base)
        values.add(base * SCALES[(match.group(2) or "").lower()])
    return values


def _load(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        problems.append(f"{path}: missing")
    except yaml.YAMLError as exc:
        problems.append(f"{path}: does not parse: {exc}")
    return None


def _unknown_keys(where: str, item: Mapping[str, Any], allowed: set[str], problems: list[str]) -> None:
    for key in sorted(set(item) - allowed):
        problems.append(f"{where}: unknown key {key!r}")


def _check_ids(where: str, ids: Iterable[object], problems: list[str]) -> None:
    seen: set[object] = set()
    for item_id in ids:
        if not isinstance(item_id, str) or not ID_RE.match(item_id):
            problems.append(f"{where}: bad id {item_id!r}")
        elif item_id in seen:
            problems.append(f"{where}: duplicate id {item_id!r}")
        seen.add(item_id)


def check_sources(corpus_dir: Path, problems: list[str]) -> dict[str, str]:
    """Document id -> text, after checking sources.yaml and the document files."""
    where = corpus_dir / "sources.yaml"
    data = _load(where, problems)
    texts: dict[str, str] = {}
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        problems.append(f"{where}: needs a 'documents:' list")
        return texts
    entries: list[dict[str, Any]] = data["documents"]
    _check_ids(str(where), (entry.get("id") for entry in entries), problems)
    listed: set[str] = set()
    for entry in entries:
        _unknown_keys(f"{where} {entry.get('id')}", entry, SOURCE_KEYS, problems)
        for key in ("file", "id", "title", "published", "kind"):
            if not entry.get(key):
                problems.append(f"{where} {entry.get('id')}: missing {key}")
        if not ISO_RE.match(str(entry.get("published", ""))):
            problems.append(f"{where} {entry.get('id')}: published {entry.get('published')!r} is not ISO 8601")
        path = corpus_dir / str(entry.get("file"))
        listed.add(path.name)
        if not path.is_file():
            problems.append(f"{where}: file {path.name} does not exist")
            continue
        text = path.read_text(encoding="utf-8")
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{path}: {words} words, want {MIN_WORDS}-{MAX_WORDS}")
        texts[str(entry["id"])] = text
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix in (".txt", ".md") and path.name not in listed:
            problems.append(f"{where}: {path.name} has no entry")
    if not 4 <= len(texts) <= 6:
        problems.append(f"{corpus_dir}: {len(texts)} documents, want 4-6")
    return texts


def _check_figure(where: str, claim: Mapping[str, Any], quotes: list[str], problems: list[str]) -> None:
    figure = claim.get("figure")
    if not isinstance(figure, dict):
        problems.append(f"{where}: needs a figure")
        return
    _unknown_keys(where, figure, FIGURE_KEYS, problems)
    if figure.get("qualifier", "exact") not in QUALIFIERS:
        problems.append(f"{where}: bad qualifier {figure.get('qualifier')!r}")
    wanted = [figure[key] for key in ("value", "low", "high") if key in figure]
    if not wanted or ("value" in figure) == ("low" in figure or "high" in figure):
        problems.append(f"{where}: figure needs a value or a low/high range")
    for quote in quotes:
        found = numbers_in(quote)
        for number in wanted:
            if not any(abs(float(number) - value) <= 1e-9 * max(1.0, abs(value)) for value in found):
                problems.append(f"{where}: figure {number} is not in quote {quote!r}")


def check_claims(corpus_dir: Path, texts: Mapping[str, str], problems: list[str]) -> dict[str, Any]:
    """Statistic id -> its entry, after checking claims.yaml; also returns claims under the key ``None``."""
    where = corpus_dir.parent / "claims.yaml"
    data = _load(where, problems)
    if not isinstance(data, dict):
        problems.append(f"{where}: needs 'statistics:' and 'claims:'")
        return {}
    statistics: list[dict[str, Any]] = data.get("statistics") or []
    claims: list[dict[str, Any]] = data.get("claims") or []
    if not 3 <= len(statistics) <= 5:
        problems.append(f"{where}: {len(statistics)} statistics, want 3-5")
    if len(claims) < 10:
        problems.append(f"{where}: {len(claims)} claims, want 10 or more")
    _check_ids(f"{where} statistics", (stat.get("id") for stat in statistics), problems)
    _check_ids(f"{where} claims", (claim.get("id") for claim in claims), problems)
    by_id = {str(stat.get("id")): stat for stat in statistics}
    for stat in statistics:
        stat_where = f"{where} statistic {stat.get('id')}"
        _unknown_keys(stat_where, stat, STATISTIC_KEYS, problems)
        _unknown_keys(stat_where, stat.get("cues") or {}, CUES_KEYS, problems)
        if not stat.get("label"):
            problems.append(f"{stat_where}: missing label")
        if stat.get("kind") not in KINDS:
            problems.append(f"{stat_where}: bad kind {stat.get('kind')!r}")
        if stat.get("per") is not None and stat.get("per") not in PERIODS:
            problems.append(f"{stat_where}: bad per {stat.get('per')!r}")
    for claim in claims:
        claim_where = f"{where} claim {claim.get('id')}"
        _unknown_keys(claim_where, claim, CLAIM_KEYS, problems)
        if claim.get("statistic") not in by_id:
            problems.append(f"{claim_where}: unknown statistic {claim.get('statistic')!r}")
        if not claim.get("text"):
            problems.append(f"{claim_where}: missing text")
        citations: list[dict[str, Any]] = claim.get("citations") or []
        if not citations:
            problems.append(f"{claim_where}: no citations")
        for citation in citations:
            _unknown_keys(claim_where, citation, CITATION_KEYS, problems)
            doc_id, quote = str(citation.get("document")), str(citation.get("quote") or "")
            if doc_id not in texts:
                problems.append(f"{claim_where}: unknown document {doc_id!r}")
            elif not quote or quote not in texts[doc_id]:
                problems.append(f"{claim_where}: quote not verbatim in {doc_id}: {quote!r}")
            if "..." in quote or "…" in quote:
                problems.append(f"{claim_where}: quote has an ellipsis")
        _check_figure(claim_where, claim, [str(c.get("quote") or "") for c in citations], problems)
    return {"statistics": by_id, "claims": claims}


def _figure_like(text: str) -> bool:
    return bool(re.search(r"\d", text) or NUMBER_WORDS.search(text))


def check_gold(corpus_dir: Path, texts: Mapping[str, str], claims: Mapping[str, Any], problems: list[str]) -> None:
    where = corpus_dir.parent / "gold.yaml"
    data = _load(where, problems)
    if not isinstance(data, dict) or not isinstance(data.get("statistics"), dict):
        problems.append(f"{where}: needs a 'statistics:' mapping")
        return
    gold: dict[str, dict[str, Any]] = data["statistics"]
    by_id: Mapping[str, Mapping[str, Any]] = claims.get("statistics", {})
    for stat_id in sorted(set(by_id) - set(gold)):
        problems.append(f"{where}: statistic {stat_id} has no answer key")
    for stat_id, entry in gold.items():
        stat_where = f"{where} {stat_id}"
        if stat_id not in by_id:
            problems.append(f"{stat_where}: not a statistic of claims.yaml")
            continue
        queries = entry.get("queries") or []
        if not queries or queries[0] != by_id[stat_id].get("label"):
            problems.append(f"{stat_where}: queries must start with the label {by_id[stat_id].get('label')!r}")
        documents: dict[str, list[str]] = entry.get("documents") or {}
        distractors: dict[str, list[str]] = entry.get("distractors") or {}
        if set(documents) != set(texts):
            problems.append(f"{stat_where}: documents must list every document id once ({sorted(texts)})")
        for kind, table in (("figure", documents), ("distractor", distractors)):
            for doc_id, figures in table.items():
                if doc_id not in texts:
                    problems.append(f"{stat_where}: unknown document {doc_id!r}")
                    continue
                for figure in figures or []:
                    if not isinstance(figure, str) or not _figure_like(figure):
                        problems.append(f"{stat_where} {doc_id}: {kind} {figure!r} is not a figure")
                    elif occurs(figure, texts[doc_id]) == 0:
                        problems.append(f"{stat_where} {doc_id}: {kind} {figure!r} not verbatim in the document")
        for doc_id in set(documents) & set(distractors):
            for figure in set(documents[doc_id] or []) & set(distractors[doc_id] or []):
                problems.append(f"{stat_where} {doc_id}: {figure!r} is both a figure and a distractor")
    for claim in claims.get("claims", []):
        stat_id = claim.get("statistic")
        for citation in claim.get("citations") or []:
            doc_id = citation.get("document")
            if stat_id in gold and doc_id in texts and not (gold[stat_id].get("documents") or {}).get(doc_id):
                problems.append(f"{where} {stat_id}: claim {claim.get('id')} cites {doc_id}, whose answer is empty")


def validate(corpus_root: Path) -> list[str]:
    """Every problem found in one test corpus folder (holding corpus/, claims.yaml and gold.yaml)."""
    problems: list[str] = []
    texts = check_sources(corpus_root / "corpus", problems)
    claims = check_claims(corpus_root / "corpus", texts, problems)
    check_gold(corpus_root / "corpus", texts, claims, problems)
    return problems


def corpus_roots(base: Path = HERE) -> list[Path]:
    return sorted(path.parent for path in base.glob("*/gold.yaml"))


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or corpus_roots()
    problems = [problem for root in roots for problem in validate(root)]
    for problem in problems:
        print(problem)
    print(f"{len(roots)} corpora checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
