"""What each document says about a statistic, and where the documents agree or conflict."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from factcheck.commands.axis import Axis, AxisMark, build_axis
from factcheck.corpus.documents import Corpus, page_line
from factcheck.matching.context import PREVIOUS_CHARS, outline, read_before
from factcheck.matching.features import Model, ReadBefore, describe, model, reach_of, seen_before, topic_stems
from factcheck.matching.intervals import DEFAULT_TOLERANCE, Interval, interval_of
from factcheck.matching.scoring import (
    FigureContext,
    Target,
    TargetGroup,
    admits_without_context,
    excluded_by_cue,
    figure_context,
    fitting_statistics,
    is_change,
    part_bound,
    part_spelled,
    resolve_query,
    score_bound,
    score_figure,
    scoring_window,
    sentence_spelled,
    tally_of,
    unit_spelled,
)
from factcheck.model import Claim, ClaimsFile, Document, Figure, Kind, Qualifier, Sentence, Statistic
from factcheck.reading.scope import Scope, ScopeReader
from factcheck.reading.sentences import sentence_around
from factcheck.reading.text import find_words, tokens

if TYPE_CHECKING:
    pass

SCHEMA_VERSION = 2  # 2: a query may answer for two statistics (compare_query); resolved
DEFAULT_TOP = 3
DEFAULT_MIN_SCORE = 60.0
DEFAULT_LIMIT = 50
# A figure this many times off the others (either way) looks like a scale or unit slip (thousand vs million).
SCALE_SLIP_LOW, SCALE_SLIP_HIGH = 300.0, 3000.0

# Findings this far below a document's best are not shown (unless --all): they are rarely its answer.
RUNNER_UP_GAP = 20.0
# Scores are rounded to 0.1: a score this much below the threshold may round up to it.
SCORE_ROUNDING = 0.05

SUPPORTED, DISPUTED, CONTRADICTED, NOT_FOUND = "supported", "disputed", "contradicted", "not found"


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How many findings to keep and how to compare them."""

    top: int = DEFAULT_TOP
    min_score: float = DEFAULT_MIN_SCORE
    all_candidates: bool = False
    tolerance: float = DEFAULT_TOLERANCE
    limit: int = DEFAULT_LIMIT
    aliases: tuple[str, ...] = ()
    model: Model | None = None  # None: the shipped model (factcheck.matching.features.model)


@dataclass(frozen=True, slots=True)
class Finding:
    """A figure of one document offered as its answer for the statistic, with the evidence and a score."""

    document: str
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    per: str | None
    year: int | None
    year_from: str | None  # "sentence", "document" or None
    scope: str | None
    ambiguous: bool
    sentence: str
    line: int
    start: int
    end: int
    score: float
    sentence_start: int = field(default=0, compare=False)
    role: str = "level"  # the figure's role in its sentence (factcheck.model.Role)
    vague: bool = False  # a vague amount: no digits and no exact value ("dozens", "millions of pounds")
    scope_note: str | None = None  # the statistic states its scope and the sentence's cue words say the other
    features: tuple[float, ...] = field(
        default=(), compare=False
    )  # factcheck.matching.features.FEATURES, for --explain
    page: int | None = None  # in a paged document (a PDF): the figure's page, ``line`` then the line within it

    @property
    def interval(self) -> Interval | None:
        return interval_of(self.value, self.low, self.high, self.qualifier)

    @property
    def group_key(self) -> tuple[str | None, str | None, str | None]:
        return (self.scope, self.unit if self.kind != "count" else None, self.per)


@dataclass(frozen=True, slots=True)
class DocumentFindings:
    """A document and what it says about the statistic (no findings: "no figure")."""

    id: str
    path: str
    title: str | None
    published: str | None
    findings: tuple[Finding, ...]
    # Vague amounts ("dozens", "thousands of") that pass the threshold beside a precise figure: listed apart,
    # never the document's answer (a document that gives only vague amounts has them as findings).
    vague: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Outlier:
    document: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    year: int | None
    year_from: str | None
    document: str
    text: str


@dataclass(frozen=True, slots=True)
class Agreement:
    """The verdict for one group of comparable findings (same scope, unit and rate)."""

    scope: str | None
    unit: str | None
    per: str | None
    verdict: str  # agree, conflict, single, timeline (only different years: nothing to compare)
    low: float | None
    high: float | None
    spread: float | None
    agreeing: tuple[str, ...]
    conflicting: tuple[tuple[str, str], ...]
    outliers: tuple[Outlier, ...]
    timeline: tuple[TimelineEntry, ...]
    axis: Axis | None


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    id: str
    text: str
    verdict: str
    supported_by: tuple[str, ...]
    contradicted_by: tuple[str, ...]
    # (document, finding) for each figure that decided a document's part: those that allow the claim's figure for a
    # document that supports it, every comparable one for a document that contradicts it (a report names them).
    figures: tuple[tuple[str, Finding], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The answer to one compare query."""

    query: str
    statistic: str | None
    label: str | None
    documents: tuple[DocumentFindings, ...]
    without_figures: int
    agreement: tuple[Agreement, ...]
    claims: tuple[ClaimVerdict, ...]
    limit: int = DEFAULT_LIMIT
    schema: int = SCHEMA_VERSION
    # How the query found its statistic: "named" (its id, label or alias), "paraphrase" (free text that resolves to
    # it), "one of several" (free text that fits it and another about equally: both are answered); None: free text.
    resolved: str | None = None

    @property
    def with_figures(self) -> tuple[DocumentFindings, ...]:
        return tuple(d for d in self.documents if d.findings)


# --- finding ------------------------------------------------------------------------------------

_YEAR = re.compile(r"\d{4}")


def document_year(doc: Document) -> int | None:
    match = _YEAR.match(doc.meta.published or "")
    return int(match.group()) if match else None


def _finding(
    doc: Document, figure: Figure, sentence: Sentence, score: float, scopes: ScopeReader, stated: str | None = None
) -> Finding:
    """The finding of a figure; ``stated``: the statistic's own scope (Statistic.scope), if it gives one."""
    q = figure.quantity
    year, year_from = (q.year, "sentence") if q.year is not None else (document_year(doc), "document")
    scope = scopes.scope(sentence.text, q.start - sentence.start, q.end - sentence.start)
    note = None
    if stated is not None:  # the statistic says its scope: its figures take it, a cue of the other is noted
        if scope is not None and str(scope) != stated:
            note = f"its sentence reads as {scope} (cue words); the statistic is {stated}"
        scope = Scope(stated)
    page, line = page_line(doc, q.start, figure.line)
    return Finding(
        document=doc.id,
        text=q.text,
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=str(q.qualifier),
        kind=str(q.kind),
        unit=q.unit,
        per=q.per,
        year=year,
        year_from=year_from if year is not None else None,
        scope=str(scope) if scope else None,
        ambiguous=q.ambiguous,
        sentence=sentence.text,
        line=line,
        start=q.start,
        end=q.end,
        score=score,
        sentence_start=sentence.start,
        role=str(q.role),
        vague=q.value is None and not any(ch.isdigit() for ch in q.text),
        scope_note=note,
        page=page,
    )


def find_in_document(
    corpus: Corpus,
    doc: Document,
    target: Target,
    scopes: ScopeReader,
    options: CompareOptions,
    rivals: TargetGroup | Sequence[Target] = (),
    candidates: frozenset[int] | None = None,
    *,
    shared: DocumentReading | None = None,
) -> tuple[Finding, ...]:
    """Every finding of the document for the target that passes the threshold, by score then position.

    ``candidates``: the only sentences whose figures can pass (see Corpus.candidate_sentences); None: every one.
    ``shared``: what was read of this document for other targets (scoring it for several queries at once).
    """
    if candidates is not None and not candidates:
        return ()
    reading = shared if shared is not None else DocumentReading()
    if shared is not None and not reading.decoded:
        corpus.figures(doc.id)  # every figure decoded once: the index keeps them for the other targets' figures_in
        reading.decoded = True
    group = rivals if isinstance(rivals, TargetGroup) else TargetGroup(tuple(rivals))
    from factcheck.corpus.index import IndexedCorpus

    scorer = options.model or model()
    # A figure whose score cannot reach this is not shown (a score of min_score - SCORE_ROUNDING may round up).
    floor = SCORE_ROUNDING if options.all_candidates else options.min_score - SCORE_ROUNDING
    if candidates is None:
        figures: Sequence[Figure] = corpus.figures(doc.id)
    elif isinstance(corpus, IndexedCorpus):  # decoded only in the sentences with a kind of figure the target takes
        figures = corpus.figures_in(doc.id, candidates, target.kinds)  # (another kind scores 0)
    else:
        figures = corpus.figures_in(doc.id, candidates)
    by_sentence: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_sentence[figure.sentence].append(figure)
    for in_sentence in by_sentence.values():
        in_sentence.sort(key=lambda f: f.quantity.start)  # for scoring_window
    scored: list[Finding] = []
    resembling: dict[int, list[tuple[int, str]]] = {}  # sentence → its words that resemble the target's
    before: dict[int, ReadBefore] = {}  # sentence → what a reader saw before it
    spelled_in: dict[int, frozenset[int]] = {}  # sentence → the wanted stems its words spell (Target.spelled)
    admits: dict[tuple[int, Kind], bool] = {}  # (sentence, kind) → admits_without_context
    topic = topic_stems(target)

    def read_before_sentence(sentence: Sentence) -> ReadBefore:
        """What a reader saw before ``sentence`` (seen_before), read once per sentence."""
        if (read := before.get(sentence.index)) is None:
            stems = reading.before.get(sentence.index)
            if stems is None:
                stems = reading.before[sentence.index] = _before_stems(corpus, doc, sentence, reading.known)
            read = before[sentence.index] = seen_before(target, topic, *stems)
        return read

    # Every candidate, before it is scored: some features compare it with the document's other candidates.
    pending: list[tuple[Figure, Sentence, FigureContext, float, ReadBefore, float]] = []
    for figure in figures:
        q = figure.quantity
        if q.linked_to is not None:
            continue  # a conversion in brackets restates the figure before it
        if (bound := score_bound(target, figure)) <= 0 or scorer.bound(bound) < floor:
            continue  # cannot pass, whatever its sentence says
        sentence = corpus.sentence(doc.id, figure.sentence)
        part, siblings = scoring_window(figure, sentence, by_sentence[figure.sentence])
        if part is not None:  # a long sentence: most of its figures have few of the target's words near them
            if (found := resembling.get(figure.sentence)) is None:
                found = resembling[figure.sentence] = find_words(sentence.text, target.resembles)
            if (bound := part_bound(target, figure, part, found)) <= 0 or scorer.bound(bound) < floor:
                continue
            read = read_before_sentence(sentence)
            if target.share_reached(part_spelled(target, part, found) | read.always) < scorer.gate - 1e-9:
                continue  # the reach gate, read from the part's words: no candidate
        else:
            # Before the figure's context is built (a third of a query's time where every sentence is on the
            # subject): the kind and required cues, and an upper bound of its reach from every word of the sentence.
            # admits_without_context reads the figure's kind and its sentence only: asked once per kind and sentence.
            key = (figure.sentence, figure.quantity.kind)
            if (admitted := admits.get(key)) is None:
                admitted = admits[key] = admits_without_context(target, figure, sentence)
            if not admitted:
                continue
            if (spelled := spelled_in.get(figure.sentence)) is None:
                spelled = spelled_in[figure.sentence] = sentence_spelled(target, sentence.text)
            reachable = spelled | unit_spelled(target, figure)
            if not reachable:
                continue  # no word asked for in the sentence: reach_of is 0
            if target.share_reached(reachable) < scorer.gate - 1e-9:
                if target.share_reached(reachable | read_before_sentence(sentence).always) < scorer.gate - 1e-9:
                    continue
        if excluded_by_cue(target, figure, sentence, part):
            continue  # score_figure is 0: its context is not built
        # Built once for the target and its rivals (and the other targets scored with this reading): a figure's
        # window and siblings are its sentence's, whatever the target (a candidate sentence brings all its figures).
        place = (figure.sentence, q.start)
        if (context := reading.contexts.get(place)) is None:
            context = reading.contexts[place] = figure_context(figure, sentence, siblings, part)
        phrase = score_figure(target, figure, sentence, siblings, context)
        if phrase <= 0 or scorer.bound(phrase) < floor:
            continue  # no word asked for in the figure's own sentence: context lifts a figure, never invents one
        read = read_before_sentence(sentence)
        if (reach := reach_of(target, context, read)) <= 0 or reach < scorer.gate - 1e-9:
            continue  # too few of the words asked for here and in the sentences read before: no candidate
        pending.append((figure, sentence, context, phrase, read, reach))
    best_phrase = max((c[3] for c in pending), default=0.0)
    stated = target.statistic.scope if target.statistic else None
    for figure, sentence, context, phrase, read, reach in pending:
        change = is_change(figure, sentence)
        tally = tally_of(figure, sentence, by_sentence[figure.sentence])
        features = describe(target, topic, figure, context, phrase, 0.0, read, reach, change, best_phrase, tally)
        if group.targets:
            if scorer.rivals_only_lower and scorer.score(features) < floor:
                continue  # cannot pass even if no rival statistic describes it
            rival = group.best_score(figure, sentence, context)
            features = describe(target, topic, figure, context, phrase, rival, read, reach, change, best_phrase, tally)
        score = scorer.score(features)
        if score < floor:
            continue
        q = figure.quantity
        evidence = sentence_around(sentence, q.start, q.end)
        scored.append(replace(_finding(doc, figure, evidence, score, scopes, stated), features=features))
    scored.sort(key=lambda f: (-f.score, f.start))
    return tuple(scored)


class DocumentReading:
    """What scoring one document reads whatever the target, kept while it is scored for several targets: the stems
    of the texts read before each sentence, each figure's context, whether its figures were decoded."""

    __slots__ = ("before", "contexts", "decoded", "known")

    def __init__(self) -> None:
        self.known: dict[int | str, frozenset[str]] = {}  # the stems of each text read before sentences
        self.before: dict[int, tuple[frozenset[str], frozenset[str]]] = {}  # sentence → _before_stems
        self.contexts: dict[tuple[int, int], FigureContext] = {}  # (sentence, figure's start) → its context
        self.decoded = False


def _before_stems(
    corpus: Corpus, doc: Document, sentence: Sentence, known: dict[int | str, frozenset[str]] | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of what a reader saw before ``sentence`` (the title, its headings and the sentences always read
    before it), and of those sentences alone (context.read_before): each text is read once.

    ``known``: the stems of each text read so far in the document (by sentence index, or a heading's text), kept
    across the calls for one document: the sentences before one are the sentences before the next.
    """
    known = {} if known is None else known

    def stems(key: int | str, text: Callable[[], str]) -> frozenset[str]:
        found = known.get(key)
        if found is None:
            found = known[key] = frozenset(t.stem for t in tokens(text()))
        return found

    shape = outline(doc)
    previous = [(i, corpus.sentence(doc.id, i)) for i in read_before(sentence.index)]
    always = frozenset().union(
        *(
            stems(i, partial(_near, before.text, i == 0))
            for i, before in previous
            if i == 0 or shape.same_block(before.start, sentence.start)
        )
    )
    above = frozenset().union(*(stems(text, partial(str, text)) for text in shape.above(sentence.start)))
    return above | always, always


def _near(text: str, head: bool) -> str:
    """Of a long sentence read before another, only its beginning (the document's first: its headline or lead) or
    its end (the sentences just before), PREVIOUS_CHARS characters cut at a space: no word is cut, so what is read
    is a part of what the index checks (Corpus.candidate_sentences)."""
    if len(text) <= PREVIOUS_CHARS:
        return text
    if head:
        cut = text.rfind(" ", 0, PREVIOUS_CHARS)
        return text[: max(cut, 0)]
    cut = text.find(" ", len(text) - PREVIOUS_CHARS)
    return text[cut + 1 :] if cut >= 0 else ""


def _answer(doc: Document, scored: Sequence[Finding], options: CompareOptions) -> DocumentFindings:
    shown, vague = answer_findings(scored, options)
    return DocumentFindings(doc.id, doc.path, doc.meta.title, doc.meta.published, shown, vague)


def answer_findings(
    scored: Sequence[Finding], options: CompareOptions
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """A document's findings to show and its vague amounts listed apart (see DocumentFindings.vague): when it gives
    a precise figure, vague amounts are never among its findings (with --all, every candidate is a finding)."""
    precise = [f for f in scored if not f.vague]
    if options.all_candidates or not precise or len(precise) == len(scored):
        return shown_findings(scored, options), ()
    return shown_findings(precise, options), tuple(f for f in scored if f.vague)[: options.top]


def shown_findings(scored: Sequence[Finding], options: CompareOptions) -> tuple[Finding, ...]:
    """The findings to show: the best ``top``, not far below the best (every one with --all)."""
    if options.all_candidates:
        return tuple(scored)
    floor = scored[0].score - RUNNER_UP_GAP if scored else 0.0
    return tuple(f for f in scored[: options.top] if f.score >= floor)


# --- agreement ----------------------------------------------------------------------------------


def _outliers(best: dict[str, Finding], intervals: Mapping[str, Interval | None]) -> dict[str, str]:
    reps = {doc: iv.representative if (iv := intervals[doc]) else None for doc in best}
    positive = sorted(v for v in reps.values() if v is not None and v > 0)
    found: dict[str, str] = {}
    if len(positive) < 2:
        return found
    for doc, value in reps.items():
        if value is None or value <= 0:
            continue
        ratio = value / _median_without(positive, value)
        if SCALE_SLIP_LOW <= ratio <= SCALE_SLIP_HIGH or SCALE_SLIP_LOW <= 1 / ratio <= SCALE_SLIP_HIGH:
            way = "higher" if ratio > 1 else "lower"
            factor = ratio if ratio > 1 else 1 / ratio
            found[doc] = f"about {factor:,.0f} times {way} than the others: possible scale or unit error"
    return found


def _median_without(ordered: Sequence[float], value: float) -> float:
    """The median of ``ordered`` (sorted, holding ``value``) once one ``value`` is left out, without copying it."""
    skip = bisect_left(ordered, value)
    count = len(ordered) - 1

    def at(i: int) -> float:
        return ordered[i] if i < skip else ordered[i + 1]

    middle = count // 2
    return at(middle) if count % 2 else (at(middle - 1) + at(middle)) / 2


@dataclass(frozen=True, slots=True)
class _Bounded:
    document: str
    year: int | None
    low: float
    high: float


class _Sorted:
    """Intervals sorted by low end and by high end, to find those entirely above or below a value by bisection."""

    def __init__(self, items: Sequence[_Bounded]) -> None:
        self.by_low = sorted(items, key=lambda b: b.low)
        self.lows = [b.low for b in self.by_low]
        self.by_high = sorted(items, key=lambda b: b.high)
        self.highs = [b.high for b in self.by_high]

    def __len__(self) -> int:
        return len(self.lows)


def _compare_pairs(bounded: Sequence[_Bounded]) -> tuple[set[str], list[tuple[str, str]], bool]:
    """Documents that agree with another, pairs that conflict (sorted), and whether any pair was comparable.

    Two documents are compared unless both say a year and the years differ (a time line, not a disagreement);
    they agree when their intervals overlap. Each document is set against the others by bisection, so the cost
    grows with the number of documents and of conflicting pairs, not with the number of all pairs.
    """
    by_year: dict[int | None, list[_Bounded]] = defaultdict(list)
    for b in bounded:
        by_year[b.year].append(b)
    undated = by_year.get(None, [])
    everyone = _Sorted(bounded)
    partners = {year: everyone if year is None else _Sorted(group + undated) for year, group in by_year.items()}
    agreeing: set[str] = set()
    conflicting: set[tuple[str, str]] = set()
    compared = False
    for a in bounded:
        others = partners[a.year]
        above = bisect_right(others.lows, a.high)  # others.by_low[above:] start above a's interval
        below = bisect_left(others.highs, a.low)  # others.by_high[:below] end below it
        apart = [*others.by_low[above:], *others.by_high[:below]]
        if len(others) > 1:
            compared = True
            if len(others) - 1 - len(apart) > 0:  # another one overlaps a (a overlaps itself: the 1)
                agreeing.add(a.document)
        conflicting.update((a.document, b.document) for b in apart if a.document < b.document)
    return agreeing, sorted(conflicting), compared


def _agreement(key: tuple[str | None, str | None, str | None], group: Sequence[Finding]) -> Agreement:
    best: dict[str, Finding] = {}
    for finding in group:
        if finding.document not in best or finding.score > best[finding.document].score:
            best[finding.document] = finding
    intervals = {d: f.interval for d, f in best.items()}
    outliers = _outliers(best, intervals) if len(best) >= 3 else {}
    docs = sorted(d for d in best if d not in outliers)
    bounded = [_Bounded(d, best[d].year, iv.low, iv.high) for d in docs if (iv := intervals[d]) is not None]
    agreeing, conflicting, compared = _compare_pairs(bounded)
    # The group's range and spread are those of the figures as written, not of the widened intervals.
    bounds = [v for d in docs for v in (best[d].low, best[d].high, best[d].value) if v is not None]
    low, high = (min(bounds), max(bounds)) if bounds else (None, None)
    spread = high / low if low is not None and high is not None and low > 0 else None
    if len(best) == 1:
        verdict = "single"
    elif conflicting:
        verdict = "conflict"
    elif compared:
        verdict = "agree"
    else:
        verdict = "timeline"
    timeline = tuple(
        TimelineEntry(f.year, f.year_from, f.document, f.text)
        for f in sorted(group, key=lambda f: (f.year or 0, f.document, f.start))
    )
    marks = [_mark(best[d]) for d in sorted(best)]
    return Agreement(
        scope=key[0],
        unit=key[1],
        per=key[2],
        verdict=verdict,
        low=low,
        high=high,
        spread=round(spread, 3) if spread is not None else None,
        agreeing=tuple(sorted(agreeing)),
        conflicting=tuple(conflicting),
        outliers=tuple(Outlier(d, best[d].text, r) for d, r in sorted(outliers.items())),
        timeline=timeline,
        axis=build_axis(marks),
    )


def _mark(finding: Finding) -> AxisMark:
    iv = finding.interval
    low = finding.low if finding.low is not None else finding.value
    high = finding.high if finding.high is not None else finding.value
    if iv is not None:
        low = None if math.isinf(iv.low) else low
        high = None if math.isinf(iv.high) else high
    return AxisMark(finding.document, finding.text, low, high)


def agreements(documents: Iterable[DocumentFindings]) -> tuple[Agreement, ...]:
    groups: dict[tuple[str | None, str | None, str | None], list[Finding]] = defaultdict(list)
    for doc in documents:
        for finding in doc.findings:
            groups[finding.group_key].append(finding)
    order = sorted(groups, key=lambda k: tuple("" if v is None else v for v in k))
    return tuple(_agreement(key, groups[key]) for key in order)


# --- claims -------------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")


def claim_year(claim: Claim, corpus: Corpus) -> int | None:
    """The year a claim refers to: its own, else the publication year of the document it cites first."""
    if claim.year is not None:
        return claim.year
    for citation in claim.citations:
        doc = corpus.document(citation.document)
        if doc is not None:
            return document_year(doc)
    return None


def _claim_scope(claim: Claim, scopes: ScopeReader, seen: dict[str, tuple[bool, Scope | None]]) -> Scope | None:
    """The scope of a claim's figure, read from its first quote (the document's words), else from its text.

    ``seen`` keeps what each text gave (whether it has a figure, its scope): a text many claims share is read once.
    """
    for text in (*(c.quote for c in claim.citations[:1]), claim.text):
        if text not in seen:
            digit = _DIGIT.search(text)
            seen[text] = (digit is not None, scopes.scope(text, digit.start(), digit.start()) if digit else None)
        has_figure, found = seen[text]
        if has_figure and (found or text == claim.text):
            return found
    return None


def claim_verdict(
    claim: Claim,
    evidence: Mapping[str, Sequence[Finding]],
    scopes: ScopeReader,
    tolerance: float,
    unit: str | None,
    year: int | None,
    per: str | None = None,
    seen: dict[str, tuple[bool, Scope | None]] | None = None,
) -> ClaimVerdict:
    """Whether the corpus supports the claim's figure: supported, disputed, contradicted or not found.

    A document supports the claim when one of its findings of the same scope, unit and time allows the claim's
    figure; it contradicts it when it has such findings and none does. Findings of other years are not evidence.
    ``seen`` caches the scope of each claim text across calls (see ``_claim_scope``).
    """
    figure = claim.figure
    interval = interval_of(figure.value, figure.low, figure.high, figure.qualifier, tolerance) if figure else None
    claim_scope = _claim_scope(claim, scopes, {} if seen is None else seen)
    claim_unit = (figure.unit if figure and figure.unit else unit) or None
    claim_per = (figure.per if figure else None) or per
    supported: list[str] = []
    contradicted: list[str] = []
    figures: list[tuple[str, Finding]] = []
    for doc_id, findings in sorted(evidence.items()):
        relevant = [
            f
            for f in findings
            if f.scope == (str(claim_scope) if claim_scope else None)
            and (f.kind == "count" or claim_unit is None or f.unit == claim_unit)
            and (claim_per is None or f.per is None or f.per == claim_per)
            and (year is None or f.year is None or f.year == year)
        ]
        compared = [(f, iv) for f in relevant if (iv := interval_of(f.value, f.low, f.high, f.qualifier, tolerance))]
        if interval is None or not compared:
            continue
        fitting = [f for f, iv in compared if iv.overlaps(interval)]
        if fitting:
            supported.append(doc_id)
            figures.extend((doc_id, f) for f in fitting)
        else:
            contradicted.append(doc_id)
            figures.extend((doc_id, f) for f, _ in compared)
    if supported and contradicted:
        verdict = DISPUTED
    elif supported:
        verdict = SUPPORTED
    elif contradicted:
        verdict = CONTRADICTED
    else:
        verdict = NOT_FOUND
    return ClaimVerdict(claim.id, claim.text, verdict, tuple(supported), tuple(contradicted), tuple(figures))


# --- scoring every document ---------------------------------------------------------------------

# With at least this many candidate sentences, documents are scored in forked worker processes, one per core.
PARALLEL_MIN_SENTENCES = 4000
# Queries scored together by the commands that ask many (compare of every statistic, disputes): each document is
# read once for all of them; a progress bar moves after each batch.
BATCH_QUERIES = 8


@dataclass(frozen=True, slots=True)
class _Job:
    target: Target
    scopes: ScopeReader
    options: CompareOptions
    rivals: TargetGroup
    selected: Mapping[str, frozenset[int]] | None  # candidate sentences; None: every sentence
    within: frozenset[str] | None = None  # the only documents scored (the others answer nothing); None: all


def _score_documents(
    corpus: Corpus, docs: Sequence[Document], job: _Job, workers: int | None = None
) -> dict[str, tuple[Finding, ...]]:
    """find_in_document for every document, in worker processes when there is enough to score."""
    return _score_many(corpus, docs, (job,), workers)[0]


def _score_many(
    corpus: Corpus, docs: Sequence[Document], jobs: Sequence[_Job], workers: int | None = None
) -> list[dict[str, tuple[Finding, ...]]]:
    """find_in_document for every document and job (one dict per job), in worker processes when there is enough to
    score. Each document is read once for all the jobs (DocumentReading).

    ``workers``: how many processes (default: one per usable core, when forking is possible and pays).
    """
    from factcheck.corpus.processes import can_fork, usable_cores

    evidence: list[dict[str, tuple[Finding, ...]]] = [dict.fromkeys((d.id for d in docs), ()) for _ in jobs]
    work = {d.id: sum(_work(corpus, d, job) for job in jobs) for d in docs}
    work = {doc_id: n for doc_id, n in work.items() if n}
    if workers is None:
        import threading

        enough = sum(work.values()) >= PARALLEL_MIN_SENTENCES
        # Forking is safe only from a process with one thread (another could hold a lock the child needs).
        alone = threading.active_count() == 1
        workers = min(usable_cores(), len(work)) if can_fork() and enough and alone else 1
    if workers > 1 and work:
        try:
            for found in _in_processes(corpus, jobs, _balanced(work, workers)):
                for doc_id, per_job in found.items():
                    for by_doc, findings in zip(evidence, per_job, strict=True):
                        by_doc[doc_id] = findings
            return evidence
        except OSError:
            pass  # a worker failed (the index changed meanwhile, say): score here, in this snapshot
    for doc in docs:
        if doc.id in work:
            for by_doc, findings in zip(evidence, _find_all(corpus, doc, jobs), strict=True):
                by_doc[doc.id] = findings
    return evidence


def _work(corpus: Corpus, doc: Document, job: _Job) -> int:
    """The sentences ``job`` scores in ``doc``."""
    if job.within is not None and doc.id not in job.within:
        return 0
    return len(job.selected.get(doc.id, ())) if job.selected is not None else len(corpus.sentences(doc.id))


def _find(corpus: Corpus, doc: Document, job: _Job, shared: DocumentReading | None = None) -> tuple[Finding, ...]:
    if job.within is not None and doc.id not in job.within:
        return ()
    candidates = None if job.selected is None else job.selected.get(doc.id, frozenset())
    return find_in_document(corpus, doc, job.target, job.scopes, job.options, job.rivals, candidates, shared=shared)


def _find_all(corpus: Corpus, doc: Document, jobs: Sequence[_Job]) -> list[tuple[Finding, ...]]:
    """_find for each job, reading the document once for all of them."""
    if len(jobs) == 1:
        return [_find(corpus, doc, jobs[0])]
    shared = DocumentReading()
    return [_find(corpus, doc, job, shared) for job in jobs]


def _balanced(work: Mapping[str, int], parts: int) -> list[list[str]]:
    """Document ids in ``parts`` lists of about equal work (the largest first, each to the least loaded)."""
    chunks: list[list[str]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for doc_id, n in sorted(work.items(), key=lambda item: (-item[1], item[0])):
        k = loads.index(min(loads))
        chunks[k].append(doc_id)
        loads[k] += n
    return [c for c in chunks if c]


def _in_processes(
    corpus: Corpus, jobs: Sequence[_Job], chunks: Sequence[Sequence[str]]
) -> list[dict[str, list[tuple[Finding, ...]]]]:
    """Each chunk of documents scored (for every job) in a forked worker on its own handle on the corpus; every
    worker is stopped however this ends (Ctrl-C too).

    Raises OSError when a worker gives no answer (the caller then scores in this process and reports any error).
    """
    from factcheck.corpus.index import held_locks
    from factcheck.corpus.processes import Forked, answer_of, fork_answering, stop

    def scorer(doc_ids: Sequence[str]) -> Callable[[], dict[str, list[tuple[Finding, ...]]]]:
        def score() -> dict[str, list[tuple[Finding, ...]]]:
            own = corpus.reopen()
            found = {}
            for doc_id in doc_ids:
                doc = own.document(doc_id)
                if doc is None:
                    raise LookupError(doc_id)
                found[doc_id] = _find_all(own, doc, jobs)
            return found

        return score

    workers: list[Forked] = []
    try:
        for chunk in chunks:
            workers.append(fork_answering(scorer(chunk), held_locks()))
        results = []
        for worker in workers:
            answer = answer_of(worker)
            if answer is None:
                raise OSError(f"a scoring worker (pid {worker[0].pid}) ended without an answer")
            results.append(answer)
        return results
    finally:
        stop(workers)


# --- entry points -------------------------------------------------------------------------------


def preselect(
    corpus: Corpus, target: Target, options: CompareOptions, within: Collection[str] | None = None
) -> Mapping[str, frozenset[int]] | None:
    """The sentences whose figures can score at least ``min_score`` (any score with --all), if the corpus knows
    (of the documents ``within``, if given).

    A candidate's sentence and the sentences read before it hold at least the model's gate of a phrasing's words
    (its reach); its phrase score is at most 100 times the share of a phrasing's words in the sentence, and must
    be what the model needs to reach ``min_score`` (Model.phrase_needed; the larger of the two shares is asked).
    """
    scorer = options.model or model()
    floor = 0.0 if options.all_candidates else max(0.0, options.min_score - SCORE_ROUNDING)
    share = max(scorer.gate, scorer.phrase_needed(floor) / 100)
    return corpus.candidate_sentences(target.stems, share, context=True, documents=within)


def compare(
    corpus: Corpus, claims: ClaimsFile | None, query: str, options: CompareOptions = CompareOptions()
) -> Comparison:
    """What every document of the corpus says about ``query`` (free text or a statistic of ``claims``)."""
    from factcheck.corpus.claims import find_statistic

    statistic = find_statistic(claims, query) if claims else None
    resolved = "named" if statistic else None
    if statistic is None and claims:
        statistic = resolve_query(claims.statistics, query)  # free text that paraphrases a statistic
        resolved = "paraphrase" if statistic else None
    return _compare_for(corpus, claims, query, statistic, resolved, options)


def compare_query(
    corpus: Corpus, claims: ClaimsFile | None, query: str, options: CompareOptions = CompareOptions()
) -> tuple[Comparison, ...]:
    """What every document says about ``query``, once per statistic it fits: the one it names or paraphrases, or
    both of two that free text fits about equally (matching.scoring.fitting_statistics), best first."""
    return compare_queries(corpus, ((claims, query),), options)[0]


def compare_queries(
    corpus: Corpus,
    asked: Sequence[tuple[ClaimsFile | None, str]],
    options: CompareOptions = CompareOptions(),
    within: Sequence[Collection[str] | None] | None = None,
) -> tuple[tuple[Comparison, ...], ...]:
    """compare_query for each (claims file, query) asked, in order: every document is read once for all of them
    (its figures, the words before its sentences, its figures' contexts), in one set of worker processes.

    ``within``: for each query, the only documents to score (the others are listed with no findings), or None.
    """
    fitted = [
        (claims, query, query_statistics(claims, query), None if within is None else within[i])
        for i, (claims, query) in enumerate(asked)
    ]
    plans = [
        (claims, query, statistic, resolved, subset)
        for claims, query, fits, subset in fitted
        for statistic, resolved in fits
    ]
    jobs = [
        _job_for(corpus, claims, query, statistic, options, None if subset is None else frozenset(subset))
        for claims, query, statistic, _, subset in plans
    ]
    docs = sorted(corpus.documents(), key=lambda d: d.id)
    evidence = _score_many(corpus, docs, jobs) if jobs else []
    made = iter(
        _comparison(corpus, claims, query, statistic, resolved, job, docs, found)
        for (claims, query, statistic, resolved, _), job, found in zip(plans, jobs, evidence, strict=True)
    )
    return tuple(tuple(next(made) for _ in fits) for _, _, fits, _ in fitted)


def query_statistics(claims: ClaimsFile | None, query: str) -> tuple[tuple[Statistic | None, str | None], ...]:
    """The statistics ``query`` is answered for, each with how it was found (Comparison.resolved): the one it
    names, the one it paraphrases, both of two it fits about equally, or none (free text)."""
    from factcheck.corpus.claims import find_statistic

    named = find_statistic(claims, query) if claims else None
    if named is not None or not claims:
        return ((named, "named" if named else None),)
    fitting = fitting_statistics(claims.statistics, query)
    if len(fitting) < 2:
        statistic = fitting[0] if fitting else None
        return ((statistic, "paraphrase" if statistic else None),)
    return tuple((s, "one of several") for s in fitting)


def _job_for(
    corpus: Corpus,
    claims: ClaimsFile | None,
    query: str,
    statistic: Statistic | None,
    options: CompareOptions,
    within: frozenset[str] | None = None,
) -> _Job:
    """What scoring ``query`` (for ``statistic``, if any) takes: its target, scope cues, rivals and candidates (in
    the documents ``within``, if given)."""
    target = Target.build(query, statistic, options.aliases)
    scopes = ScopeReader(statistic.cues.cumulative if statistic else (), statistic.cues.current if statistic else ())
    rivals = TargetGroup(
        tuple(
            Target.build(s.label, s) for s in (claims.statistics if claims and statistic else ()) if s is not statistic
        )
    )
    return _Job(target, scopes, options, rivals, preselect(corpus, target, options, within), within)


def document_answer(
    corpus: Corpus, claims: ClaimsFile, statistic: Statistic, doc: Document, options: CompareOptions = CompareOptions()
) -> DocumentFindings:
    """What one document says about a statistic of ``claims``: the row ``compare`` shows for it, without scoring
    the other documents (``factcheck draft --document`` asks this for every statistic)."""
    job = _job_for(corpus, claims, statistic.id, statistic, options)
    return _answer(doc, _find(corpus, doc, job), options)


def _compare_for(
    corpus: Corpus,
    claims: ClaimsFile | None,
    query: str,
    statistic: Statistic | None,
    resolved: str | None,
    options: CompareOptions,
) -> Comparison:
    job = _job_for(corpus, claims, query, statistic, options)
    docs = sorted(corpus.documents(), key=lambda d: d.id)
    return _comparison(corpus, claims, query, statistic, resolved, job, docs, _score_documents(corpus, docs, job))


def _comparison(
    corpus: Corpus,
    claims: ClaimsFile | None,
    query: str,
    statistic: Statistic | None,
    resolved: str | None,
    job: _Job,
    docs: Sequence[Document],
    evidence: Mapping[str, tuple[Finding, ...]],
) -> Comparison:
    """The comparison made of every document's findings for ``job``: each document's answer, the agreement and the
    claims' verdicts (judged on every finding above the threshold, not only the few shown)."""
    options, scopes = job.options, job.scopes
    answers = tuple(_answer(d, evidence[d.id], options) for d in docs)
    verdicts: tuple[ClaimVerdict, ...] = ()
    if claims and statistic:
        seen: dict[str, tuple[bool, Scope | None]] = {}
        verdicts = tuple(
            claim_verdict(
                c, evidence, scopes, options.tolerance, statistic.unit, claim_year(c, corpus), statistic.per, seen
            )
            for c in claims.claims
            if c.statistic == statistic.id
        )
    return Comparison(
        query=query,
        statistic=statistic.id if statistic else None,
        label=statistic.label if statistic else None,
        documents=answers,
        without_figures=sum(1 for a in answers if not a.findings),
        agreement=agreements(answers),
        claims=verdicts,
        limit=options.limit,
        resolved=resolved,
    )


def compare_all(
    corpus: Corpus,
    claims: ClaimsFile,
    options: CompareOptions = CompareOptions(),
    step: Callable[[], None] | None = None,
) -> tuple[Comparison, ...]:
    """One comparison per statistic of the claims file, asked by its id; ``step`` is called after each (a progress
    bar's). The statistics are scored BATCH_QUERIES at a time (compare_queries)."""
    comparisons: list[Comparison] = []
    ids = [stat.id for stat in claims.statistics]
    for start in range(0, len(ids), BATCH_QUERIES):
        for answered in compare_queries(corpus, [(claims, i) for i in ids[start : start + BATCH_QUERIES]], options):
            comparisons.extend(answered)  # an id names its statistic: one comparison each
            if step is not None:
                step()
    return tuple(comparisons)


__all__ = [
    "CONTRADICTED",
    "DISPUTED",
    "NOT_FOUND",
    "SUPPORTED",
    "Agreement",
    "ClaimVerdict",
    "CompareOptions",
    "Comparison",
    "DocumentFindings",
    "DocumentReading",
    "Finding",
    "Scope",
    "compare",
    "compare_all",
    "compare_queries",
    "compare_query",
    "query_statistics",
    "document_answer",
    "Qualifier",
]
