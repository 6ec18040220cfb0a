"""A report of the whole claims file: every statistic compared across the corpus, every claim with its verdict
and its citation check, and a summary on top. Renderers (HTML, Markdown) and exports read it; nothing is printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.commands.check import CheckOptions, ClaimResult, check_claims
from factcheck.commands.compare import NOT_FOUND, Agreement, CompareOptions, Comparison, Finding, compare
from factcheck.commands.disputes import Dispute
from factcheck.corpus.documents import Corpus, Place, corpus_name
from factcheck.errors import Problem, UsageError
from factcheck.model import Citation, Claim, ClaimsFile, DocumentMeta, PublisherMeta, Statistic

# The four claim verdicts, best first: the same words in every output.
VERDICTS = ("supported", "disputed", "contradicted", NOT_FOUND)
# How many of the largest disagreements the summary lists.
TOP_DISAGREEMENTS = 5


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    """One claim with what the corpus says about its figure (verdict) and whether its citations stand (check)."""

    claim: Claim
    verdict: str  # supported, disputed, contradicted, not found
    supported_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    check: ClaimResult | None  # None only if the check produced no result for the claim
    figures: tuple[tuple[str, Finding], ...] = ()  # (document, figure) that decided each document's part

    @property
    def id(self) -> str:
        return self.claim.id

    def figures_of(self, doc_id: str) -> tuple[Finding, ...]:
        """The figures of ``doc_id`` that support or contradict the claim, each once."""
        found = {(f.start, f.end): f for d, f in self.figures if d == doc_id}
        return tuple(found.values())

    @property
    def passed(self) -> bool:
        """Whether the claim passes the citation check (every quote stands in its document, same figures)."""
        return self.check is not None and self.check.passed

    def citations(self) -> tuple[tuple[Citation, Place | None], ...]:
        """Each citation of the claim with the place the check found its quote at (None where it does not stand)."""
        places = self.check.places if self.check is not None else ()
        return tuple((c, places[i] if i < len(places) else None) for i, c in enumerate(self.claim.citations))

    def cited_pages(self) -> tuple[int | None, ...]:
        """The page of each citation: the one it names, else the page of a PDF its quote was found on."""
        return tuple(c.page if c.page is not None else p.page if p else None for c, p in self.citations())


@dataclass(frozen=True, slots=True)
class StatisticSection:
    """One statistic: what each document says about it, where they agree or conflict, and its claims."""

    statistic: Statistic
    comparison: Comparison
    claims: tuple[ClaimEntry, ...]

    @property
    def id(self) -> str:
        return self.statistic.id


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A group of comparable figures where documents conflict, for the summary's list of largest disagreements."""

    statistic: str
    label: str
    agreement: Agreement


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    statistics: int
    claims: int
    passed: int  # claims that pass the citation check
    verdicts: tuple[tuple[str, int], ...]  # (verdict, number of claims), in the order of VERDICTS
    disagreements: tuple[Disagreement, ...]

    @property
    def failed(self) -> int:
        return self.claims - self.passed


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows, in the order it shows it."""

    title: str
    date: str  # ISO date the report was made
    corpus: str  # the corpus folder (the reader sees its documents; the path is for the footer)
    claims_path: str
    publisher: PublisherMeta
    documents: tuple[DocumentMeta, ...]  # every document of the corpus, by id
    summary: Summary
    sections: tuple[StatisticSection, ...]
    other_claims: tuple[ClaimEntry, ...]  # claims that name no statistic (only in a report of every statistic)
    disputes: tuple[Dispute, ...] = ()  # what factcheck disputes finds (only in a report of every statistic)

    @property
    def claims(self) -> tuple[ClaimEntry, ...]:
        """Every claim of the report, section by section, then the claims without a statistic."""
        return tuple(c for s in self.sections for c in s.claims) + self.other_claims

    def document(self, doc_id: str) -> DocumentMeta | None:
        for meta in self.documents:
            if meta.id == doc_id:
                return meta
        return None


def select_statistics(claims: ClaimsFile, names: Sequence[str]) -> tuple[Statistic, ...]:
    """The statistics named (by id, label or alias, loosely written), in the order of the claims file.

    No names: every statistic. A name that finds no statistic is a UsageError listing the known ids.
    """
    if not names:
        return claims.statistics
    from factcheck.corpus.claims import find_statistic

    wanted: set[str] = set()
    for name in names:
        stat = find_statistic(claims, name)
        if stat is None:
            known = ", ".join(s.id for s in claims.statistics) or "none"
            problem = Problem(
                claims.path,
                f"no statistic {name!r} in this claims file",
                hint=f"name one of its statistics by id, label or alias (ids: {known})",
            )
            raise UsageError(str(problem))
        wanted.add(stat.id)
    return tuple(s for s in claims.statistics if s.id in wanted)


def build_report(
    corpus: Corpus,
    claims: ClaimsFile,
    statistics: Sequence[str] = (),
    *,
    options: CompareOptions = CompareOptions(),
    date: str | None = None,
    title: str | None = None,
    step: Callable[[], None] | None = None,
    disputes: int = 0,
) -> Report:
    """Compare every statistic of ``claims`` (or those named in ``statistics``) and check every claim's citations;
    ``step`` is called after each statistic (a progress bar's). ``disputes``: how many groups of
    ``factcheck disputes`` to show first (a report of every statistic only; 0: none)."""
    chosen = select_statistics(claims, statistics)
    checked = {r.id: r for r in check_claims(corpus, claims, CheckOptions()).results}
    sections: list[StatisticSection] = []
    for stat in chosen:
        comparison = compare(corpus, claims, stat.id, options)
        verdicts = {v.id: v for v in comparison.claims}
        entries = []
        for claim in claims.claims:
            if claim.statistic != stat.id:
                continue
            v = verdicts.get(claim.id)
            if v is None:
                entries.append(ClaimEntry(claim, NOT_FOUND, (), (), checked.get(claim.id)))
            else:
                entries.append(
                    ClaimEntry(claim, v.verdict, v.supported_by, v.contradicted_by, checked.get(claim.id), v.figures)
                )
        sections.append(StatisticSection(stat, comparison, tuple(entries)))
        if step is not None:
            step()
    known = {s.id for s in claims.statistics}
    other = (
        tuple(
            ClaimEntry(c, NOT_FOUND, (), (), checked.get(c.id))
            for c in claims.claims
            if c.statistic is None or c.statistic not in known
        )
        if not statistics
        else ()
    )
    every = [c for s in sections for c in s.claims] + list(other)
    documents = tuple(sorted((d.meta for d in corpus.documents()), key=lambda m: m.id))
    summary = Summary(
        documents=len(documents),
        statistics=len(sections),
        claims=len(every),
        passed=sum(1 for c in every if c.passed),
        verdicts=tuple((v, sum(1 for c in every if c.verdict == v)) for v in VERDICTS),
        disagreements=largest_disagreements(sections),
    )
    return Report(
        title=title or claims.meta.title or "Fact-check report",
        date=date or dt.date.today().isoformat(),
        corpus=corpus_name(corpus.root),
        claims_path=claims.path,
        publisher=claims.meta,
        documents=documents,
        summary=summary,
        sections=tuple(sections),
        other_claims=other,
        disputes=_disputes(corpus, claims, options, disputes) if disputes and not statistics else (),
    )


def _disputes(corpus: Corpus, claims: ClaimsFile, options: CompareOptions, limit: int) -> tuple[Dispute, ...]:
    """The groups ``factcheck disputes`` finds, most disputed first."""
    from factcheck.commands.disputes import DisputesOptions, find_disputes

    return find_disputes(corpus, claims, DisputesOptions(limit=limit, compare=options)).disputes


def largest_disagreements(
    sections: Sequence[StatisticSection], count: int = TOP_DISAGREEMENTS
) -> tuple[Disagreement, ...]:
    """The groups where documents conflict (or one is an outlier), the widest spread (highest / lowest) first."""
    found = [
        Disagreement(s.statistic.id, s.statistic.label, a)
        for s in sections
        for a in s.comparison.agreement
        if a.verdict == "conflict" or a.outliers
    ]
    found.sort(key=lambda d: (-(d.agreement.spread or 0.0), -len(d.agreement.conflicting), d.statistic))
    return tuple(found[:count])


__all__ = [
    "TOP_DISAGREEMENTS",
    "VERDICTS",
    "ClaimEntry",
    "Disagreement",
    "Report",
    "StatisticSection",
    "Summary",
    "build_report",
    "largest_disagreements",
    "select_statistics",
]
