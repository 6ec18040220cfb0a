"""Measuring compare against a hand-made answer key (gold.yaml): recall, precision, distractors, silence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.compare import CompareOptions, compare
from factcheck.corpus import Corpus
from factcheck.errors import InputError
from factcheck.model import ClaimsFile

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class StatisticScore:
    """How compare did on one statistic of the key, asked with one query."""

    statistic: str
    query: str
    answered: int  # documents the key gives an answer for
    found: int  # of those, documents where a shown finding is a right figure (recall)
    best_right: int  # documents whose best finding is a right figure
    shown: int  # findings shown over all documents
    right: int  # shown findings that are right figures (precision)
    distractors: int  # shown findings that are figures the key names as distractors
    silent: int  # documents the key says are silent
    silent_kept: int  # of those, documents where compare shows nothing
    misses: tuple[str, ...]  # documents with an answer that compare did not show
    wrong: tuple[str, ...]  # "doc: figure" shown but not right


@dataclass(frozen=True, slots=True)
class Evaluation:
    scores: tuple[StatisticScore, ...]

    def _ratio(self, num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(sum(s.found for s in self.scores), sum(s.answered for s in self.scores))

    @property
    def precision(self) -> float:
        return self._ratio(sum(s.right for s in self.scores), sum(s.shown for s in self.scores))

    @property
    def best_precision(self) -> float:
        """Share of documents with a shown finding whose best finding is right."""
        shown_docs = sum(s.found + len([w for w in s.wrong if w.endswith("(best)")]) for s in self.scores)
        return self._ratio(sum(s.best_right for s in self.scores), shown_docs)

    @property
    def distractor_rate(self) -> float:
        return self._ratio(sum(s.distractors for s in self.scores), sum(s.shown for s in self.scores))

    @property
    def silence(self) -> float:
        return self._ratio(sum(s.silent_kept for s in self.scores), sum(s.silent for s in self.scores))


def load_gold(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError.at(path, f"cannot read the answer key: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("statistics"), dict):
        raise InputError.at(path, "an answer key needs a 'statistics' mapping")
    statistics: Mapping[str, Any] = data["statistics"]
    return statistics


def figure_spans(text: str, figure: str) -> list[Span]:
    """Where ``figure`` stands in ``text`` as a whole figure (not "94" inside "1994")."""
    pattern = re.compile(r"(?<![\w.,])" + re.escape(figure) + r"(?![\w]|[.,]\d)")
    return [m.span() for m in pattern.finditer(text)]


def _overlaps(span: Span, spans: Sequence[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def evaluate(
    corpus: Corpus,
    claims: ClaimsFile,
    gold: Mapping[str, Any],
    options: CompareOptions = CompareOptions(),
    all_queries: bool = False,
) -> Evaluation:
    """Run compare for each statistic of the key (its first query, or every query) and score what it shows."""
    scores: list[StatisticScore] = []
    for stat_id, entry in gold.items():
        queries = list(entry.get("queries") or [stat_id])
        for query in queries if all_queries else queries[:1]:
            scores.append(_score(corpus, claims, stat_id, query, entry, options))
    return Evaluation(tuple(scores))


def _score(
    corpus: Corpus, claims: ClaimsFile, stat_id: str, query: str, entry: Mapping[str, Any], options: CompareOptions
) -> StatisticScore:
    result = compare(corpus, claims, query, options)
    answers: Mapping[str, list[str]] = entry.get("documents") or {}
    distractors: Mapping[str, list[str]] = entry.get("distractors") or {}
    answered = found = best_right = shown = right = n_distractors = silent = silent_kept = 0
    misses: list[str] = []
    wrong: list[str] = []
    for doc in result.documents:
        document = corpus.document(doc.id)
        text = document.text if document else ""
        right_spans = [s for f in answers.get(doc.id, []) for s in figure_spans(text, str(f))]
        wrong_spans = [s for f in distractors.get(doc.id, []) for s in figure_spans(text, str(f))]
        expected = bool(answers.get(doc.id))
        answered += expected
        silent += not expected
        silent_kept += not expected and not doc.findings
        hits = [_overlaps((f.start, f.end), right_spans) for f in doc.findings]
        shown += len(doc.findings)
        right += sum(hits)
        n_distractors += sum(_overlaps((f.start, f.end), wrong_spans) for f in doc.findings)
        if expected and any(hits):
            found += 1
        elif expected:
            misses.append(doc.id)
        if hits and hits[0]:
            best_right += 1
        wrong.extend(
            f"{doc.id}: {f.text}" + (" (best)" if i == 0 else "")
            for i, (f, h) in enumerate(zip(doc.findings, hits, strict=True))
            if not h
        )
    return StatisticScore(
        stat_id,
        query,
        answered,
        found,
        best_right,
        shown,
        right,
        n_distractors,
        silent,
        silent_kept,
        tuple(misses),
        tuple(wrong),
    )
