"""Drafting claims from the corpus: for a statistic, or a document, the figures it gives, as claims to review.

A drafted claim cites the sentence its figure stands in, copied from the document (only runs of white space are
joined), and states the figure as the reader read it, so that ``factcheck check`` passes it by construction; it
carries ``status: draft`` until a person has read it. The documents' answers are the ones ``compare`` gives (each
document's top finding); a figure that a claim of the file already states (a quote of that document covering it,
with the same figure) is skipped, so drafting again drafts nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from factcheck.commands.check import MIN_QUOTE_WORDS, figure_matches, prepared_document
from factcheck.commands.compare import CompareOptions, Comparison, Finding, compare_query, document_answer
from factcheck.corpus.claims import STATISTIC_KINDS, normalise_phrase
from factcheck.corpus.documents import Corpus, unknown_document
from factcheck.matching.quotes import PreparedText, match_quote, normalise
from factcheck.model import ClaimFigure, ClaimsFile, Figure, Kind, Qualifier, Quantity, Role, Statistic

DRAFT = "draft"
# A sentence longer than this (in characters) is quoted in part: the words around its figure, whole figures only.
QUOTE_CHARS = 400
# The kinds of figure --document drafts: amounts a claim states (not years, dates, ordinals or scores).
DRAFTED_KINDS = frozenset(STATISTIC_KINDS)


@dataclass(frozen=True, slots=True)
class DraftStatistic:
    """A statistic proposed for the claims file: from a free-text query no statistic fits, or from what the figures
    of a document count (``--document``)."""

    id: str
    label: str
    kind: str | None = None
    unit: str | None = None
    per: str | None = None


@dataclass(frozen=True, slots=True)
class DraftClaim:
    """A claim proposed for the claims file: one figure of one document, with its sentence as the quote."""

    id: str
    statistic: str
    text: str
    figure: ClaimFigure
    year: int | None
    document: str
    quote: str
    line: int  # the file line of the figure in its document, for the reviewer
    figure_text: str  # the figure as the document writes it ("more than 28,000")
    score: float | None  # compare's score of the figure for the statistic; None for a figure no statistic found


@dataclass(frozen=True, slots=True)
class Skipped:
    """A figure not drafted because a claim of the file already states it."""

    document: str
    line: int
    figure_text: str
    statistic: str
    claim: str


@dataclass(frozen=True, slots=True)
class Draft:
    """What ``factcheck draft`` proposes: new statistics and claims, and the figures it skipped."""

    query: str | None
    document: str | None
    statistics: tuple[DraftStatistic, ...]
    claims: tuple[DraftClaim, ...]
    skipped: tuple[Skipped, ...]
    schema: int = 1


# --- entry points -------------------------------------------------------------------------------


def draft_query(
    corpus: Corpus, claims: ClaimsFile | None, query: str, options: CompareOptions = CompareOptions()
) -> Draft:
    """One claim per document that gives a figure for ``query`` (a statistic of ``claims`` by id, label or alias,
    or free text): its top finding, as ``compare`` shows it. Free text that no statistic fits gets a new statistic,
    labelled with the query, and its figures are those ``compare`` finds once that statistic exists, so that a
    second run, after ``--write``, finds the same figures and skips them."""
    drafter = _Drafter(corpus, claims)
    comparisons = compare_query(corpus, claims, query, options)
    if any(c.statistic is None for c in comparisons):
        proposed = drafter.propose(query, _top_findings(comparisons))
        # As the file will be once written: the query then names the new statistic.
        comparisons = compare_query(corpus, _with_statistic(claims, proposed), query, options)
    for comparison in comparisons:
        assert comparison.statistic is not None
        for answer in comparison.documents:
            if answer.findings:
                drafter.add_finding(answer.findings[0], comparison.statistic)
    return drafter.result(query=query)


def draft_all(corpus: Corpus, claims: ClaimsFile, options: CompareOptions = CompareOptions()) -> Draft:
    """``draft_query`` for every statistic of ``claims``, in the file's order, ids unique across them all."""
    drafter = _Drafter(corpus, claims)
    for stat in claims.statistics:
        for comparison in compare_query(corpus, claims, stat.id, options):
            for answer in comparison.documents:
                if answer.findings:
                    drafter.add_finding(answer.findings[0], stat.id)
    return drafter.result()


def draft_groups(corpus: Corpus, claims: ClaimsFile | None, groups: Iterable[tuple[str, Sequence[Finding]]]) -> Draft:
    """A new statistic for each group (a label and its documents' figures, as ``factcheck disputes`` finds them),
    with a draft claim for each figure; ids unique across them all and against the file's."""
    drafter = _Drafter(corpus, claims)
    for label, findings in groups:
        if not findings:
            continue
        stat = drafter.propose(label, findings)
        for finding in findings:
            drafter.add_finding(finding, stat.id)
    return drafter.result()


def draft_document(
    corpus: Corpus, claims: ClaimsFile | None, doc_id: str, options: CompareOptions = CompareOptions()
) -> Draft:
    """The figures of one document, grouped by what they count: its top finding for each statistic of ``claims``,
    then every other amount it gives (counts of a named thing, money, percentages, ratios, durations, measures),
    under a statistic named for what it counts (one of the file whose label or alias is that, else a new one).

    Raises CorpusError when the corpus has no document ``doc_id`` (with the closest ids).
    """
    doc = corpus.document(doc_id)
    if doc is None:
        raise unknown_document(corpus.root, doc_id, [d.id for d in corpus.documents()])
    drafter = _Drafter(corpus, claims)
    for stat in claims.statistics if claims else ():
        assert claims is not None
        answer = document_answer(corpus, claims, stat, doc, options)
        if answer.findings:
            drafter.add_finding(answer.findings[0], stat.id)
    for group, figures in _rest_by_group(corpus, doc_id, drafter.taken).items():
        stat_id = drafter.group_statistic(group, figures)
        for figure in figures:
            drafter.add_figure(figure, stat_id, None)
    return drafter.result(document=doc_id)


# --- drafting -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Claimed:
    """Where a claim of the file quotes a document: the spans its quote covers, and the figure it states."""

    claim: str
    spans: tuple[tuple[int, int], ...]
    figure: ClaimFigure | None
    quote: str  # normalised as check reads it (white space, quote marks, dashes)


@dataclass
class _Drafter:
    """Collects drafted claims and statistics, with ids unique against the file's and each other."""

    corpus: Corpus
    claims: ClaimsFile | None
    statistics: list[DraftStatistic] = field(default_factory=list)
    drafted: list[DraftClaim] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    taken: set[tuple[str, int, int]] = field(default_factory=set)  # (document, start, end) of figures dealt with
    _claimed: dict[str, list[_Claimed]] = field(default_factory=dict)
    _prepared: dict[str, PreparedText] = field(default_factory=dict)
    _quoted: dict[str, list[tuple[str, ClaimFigure, str]]] = field(default_factory=dict)  # drafted: quote, figure, id
    _claim_ids: set[str] = field(default_factory=set)
    _statistic_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._claim_ids = {c.id for c in self.claims.claims} if self.claims else set()
        self._statistic_ids = {s.id for s in self.claims.statistics} if self.claims else set()

    def result(self, query: str | None = None, document: str | None = None) -> Draft:
        """The draft; a new statistic no drafted claim is about is left out (a query that found no figure)."""
        used = {c.statistic for c in self.drafted}
        statistics = tuple(s for s in self.statistics if s.id in used)
        return Draft(query, document, statistics, tuple(self.drafted), tuple(self.skipped))

    # -- statistics --

    def propose(self, label: str, findings: Sequence[Finding]) -> DraftStatistic:
        """A new statistic labelled ``label``; its kind, unit and rate when every finding agrees on them."""
        kinds = {f.kind for f in findings}
        kind = kinds.pop() if len(kinds) == 1 and findings[0].kind in DRAFTED_KINDS else None
        units = {f.unit for f in findings}
        unit = units.pop() if kind not in (None, Kind.COUNT) and len(units) == 1 else None
        pers = {f.per for f in findings}
        per = pers.pop() if len(pers) == 1 else None
        return self.add_statistic(label, kind, unit, per)

    def add_statistic(self, label: str, kind: str | None, unit: str | None, per: str | None) -> DraftStatistic:
        stat = DraftStatistic(_unique(slug(label) or "statistic", self._statistic_ids), label, kind, unit, per)
        self.statistics.append(stat)
        return stat

    def group_statistic(self, group: _Group, figures: Sequence[Figure]) -> str:
        """The id of the statistic for the figures of one group: the file's or a drafted one whose label or alias is
        the group's label, else a new one."""
        wanted = normalise_phrase(group.label)
        known: list[Statistic | DraftStatistic] = [*(self.claims.statistics if self.claims else ()), *self.statistics]
        for stat in known:
            phrasings = stat.phrasings if isinstance(stat, Statistic) else (stat.label,)
            if any(normalise_phrase(p) == wanted for p in phrasings):
                return stat.id
        per = {f.quantity.per for f in figures}
        return self.add_statistic(group.label, group.kind, group.unit, per.pop() if len(per) == 1 else None).id

    # -- claims --

    def add_finding(self, finding: Finding, statistic: str) -> None:
        figure = next(
            (f for f in self.corpus.figures(finding.document) if (f.quantity.start, f.quantity.end) == _span(finding)),
            None,
        )
        if figure is not None:
            self.add_figure(figure, statistic, finding.score)

    def add_figure(self, figure: Figure, statistic: str, score: float | None) -> None:
        q = figure.quantity
        key = (figure.document, q.start, q.end)
        if key in self.taken or _no_number(q):
            return
        self.taken.add(key)
        sentence = self.corpus.sentence(figure.document, figure.sentence)
        quote = _quote(sentence.text, sentence.start, q, self.corpus.figures_in(figure.document, [sentence.index]))
        claimed = self.claimed_by(figure, quote)
        if claimed is not None:
            self.skipped.append(Skipped(figure.document, figure.line, q.text, statistic, claimed))
            return
        claim_id = _unique(slug(f"{figure.document}-{statistic}-{_figure_slug(q)}"), self._claim_ids)
        # A sentence the document repeats ("60 Minutes." in a list of sources) is one claim, not one per repeat.
        self._quoted.setdefault(figure.document, []).append((normalise(quote), _claim_figure(q), claim_id))
        self.drafted.append(
            DraftClaim(
                id=claim_id,
                statistic=statistic,
                text=" ".join(sentence.text.split()),
                figure=_claim_figure(q),
                year=q.year,
                document=figure.document,
                quote=quote,
                line=figure.line,
                figure_text=q.text,
                score=score,
            )
        )

    def claimed_by(self, figure: Figure, quote: str) -> str | None:
        """The id of a claim that already states ``figure``: one of the file citing its document with a quote that
        covers it, or one (of the file or drafted) with the same quote, and with the same figure (or no figure)."""
        q = figure.quantity
        for claimed in self.claimed_in(figure.document):
            covers = any(start <= q.start and q.end <= end for start, end in claimed.spans)
            if (covers or claimed.quote == normalise(quote)) and (
                claimed.figure is None or figure_matches(claimed.figure, q)
            ):
                return claimed.claim
        for text, stated, claim_id in self._quoted.get(figure.document, ()):
            if text == normalise(quote) and figure_matches(stated, q):
                return claim_id
        return None

    def claimed_in(self, doc_id: str) -> list[_Claimed]:
        if doc_id not in self._claimed:
            found: list[_Claimed] = []
            doc = self.corpus.document(doc_id)
            for claim in self.claims.claims if self.claims and doc is not None else ():
                for citation in claim.citations:
                    if citation.document != doc_id:
                        continue
                    assert doc is not None
                    if (prepared := self._prepared.get(doc_id)) is None:
                        prepared = self._prepared[doc_id] = prepared_document(self.corpus, doc)
                    match = match_quote(citation.quote, prepared)
                    if match.found:
                        found.append(_Claimed(claim.id, match.spans, claim.figure, normalise(citation.quote)))
            self._claimed[doc_id] = found
        return self._claimed[doc_id]


# --- the rest of a document's figures -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """What a group of figures counts: a label for its statistic, with kind and unit."""

    label: str
    kind: str
    unit: str | None


def _rest_by_group(corpus: Corpus, doc_id: str, taken: set[tuple[str, int, int]]) -> dict[_Group, list[Figure]]:
    """The document's figures not dealt with yet that a claim could state, by what they count, in document order
    (groups in the order of their first figure)."""
    groups: dict[_Group, list[Figure]] = {}
    for figure in corpus.figures(doc_id):
        q = figure.quantity
        if (doc_id, q.start, q.end) in taken or _no_number(q) or q.kind not in DRAFTED_KINDS:
            continue
        if q.role == Role.MODIFIER or q.linked_to is not None:  # "a 40-year low"; "($3.4bn)" restating a figure
            continue
        if len(corpus.sentence(doc_id, figure.sentence).text.split()) < MIN_QUOTE_WORDS:  # a heading, a title
            continue
        group = _group_of(q)
        if group is not None:
            groups.setdefault(group, []).append(figure)
    return groups


def _group_of(q: Quantity) -> _Group | None:
    """What a figure counts, or None for a count of nothing named (a bare "130")."""
    unit = " ".join((q.unit or "").split()).lower() or None
    if q.kind == Kind.COUNT:
        return _Group(unit, str(q.kind), None) if unit else None
    if q.kind == Kind.MONEY:
        return _Group(f"amounts in {q.unit}" if q.unit else "amounts of money", str(q.kind), q.unit)
    if q.kind == Kind.PERCENT:
        return _Group("percentages", str(q.kind), "%")
    if q.kind == Kind.RATIO:
        return _Group("ratios", str(q.kind), None)
    return _Group(unit or str(q.kind) + "s", str(q.kind), q.unit)


# --- one claim's parts --------------------------------------------------------------------------


def _no_number(q: Quantity) -> bool:
    """Whether a claim could not state the figure: no number at all, or a vague amount ("dozens", "hundreds")."""
    return (q.value is None and q.low is None and q.high is None) or not any(ch.isdigit() for ch in q.text)


def _span(finding: Finding) -> tuple[int, int]:
    return finding.start, finding.end


def _claim_figure(q: Quantity) -> ClaimFigure:
    """The figure as a claim states it: a value, or the ends of a range (an open end left out)."""
    unit = q.unit if q.kind != Kind.COUNT else None
    if q.value is not None:
        return ClaimFigure(value=q.value, qualifier=Qualifier(q.qualifier), unit=unit, per=q.per)
    return ClaimFigure(low=q.low, high=q.high, qualifier=Qualifier(q.qualifier), unit=unit, per=q.per)


def _quote(text: str, offset: int, q: Quantity, figures: Iterable[Figure]) -> str:
    """The sentence ``text`` (starting at ``offset`` in its document) with runs of white space joined; a long one
    cut to the words around the figure, never through another figure."""
    if len(text) <= QUOTE_CHARS:
        return " ".join(text.split())
    spans = sorted((f.quantity.start - offset, f.quantity.end - offset) for f in figures)
    half = (QUOTE_CHARS - (q.end - q.start)) // 2
    start, end = max(0, q.start - offset - half), min(len(text), q.end - offset + half)
    for a, b in spans:  # widen the cut to whole figures
        if a < start < b:
            start = a
        if a < end < b:
            end = b
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].split())


_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def _figure_slug(q: Quantity) -> str:
    """A figure in an id: 28000, 22000-50000, 6bn, 2.5m, 38pct."""

    def number(value: float | None) -> str:
        if value is None:
            return ""
        for size, suffix in _SCALES:
            if abs(value) >= size:
                return f"{value / size:.4g}{suffix}"
        return f"{value:.6g}"

    body = number(q.value) if q.value is not None else "-".join(n for n in (number(q.low), number(q.high)) if n)
    return body + ("pct" if q.kind == Kind.PERCENT else "")


def slug(text: str) -> str:
    """``text`` as an id: lower case, runs of anything but letters, digits and '.' as one '-'."""
    return re.sub(r"[^a-z0-9.]+", "-", text.casefold()).strip("-.")


def _unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``taken``; added to it."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _top_findings(comparisons: Iterable[Comparison]) -> list[Finding]:
    return [answer.findings[0] for c in comparisons for answer in c.documents if answer.findings]


def _with_statistic(claims: ClaimsFile | None, stat: DraftStatistic) -> ClaimsFile:
    """``claims`` with the drafted statistic added, as the file will be once it is written."""
    statistic = Statistic(
        stat.id, stat.label, kind=Kind(stat.kind) if stat.kind else None, unit=stat.unit, per=stat.per
    )
    if claims is None:
        return ClaimsFile("", statistics=(statistic,))
    return replace(claims, statistics=(*claims.statistics, statistic))


__all__ = [
    "DRAFT",
    "Draft",
    "DraftClaim",
    "DraftStatistic",
    "Skipped",
    "draft_all",
    "draft_document",
    "draft_query",
    "slug",
]
