"""Finding claims (or corpus sentences) by keyword: substring, regular expression or fuzzy."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from factcheck.corpus.documents import Corpus, place_of
from factcheck.errors import PatternTimeout, UsageError
from factcheck.model import Claim, ClaimsFile, Kind, Quantity

DEFAULT_FUZZY_THRESHOLD = 80.0
# The time a user's regular expression may take: a second, and a second more for every megabyte it searches. A
# normal pattern searches a megabyte in milliseconds; one that backtracks without end would hang the command.
REGEX_SECONDS = 1.0

Span = tuple[int, int]
Matcher = Callable[[str], list[Span]]


class Mode(StrEnum):
    SUBSTRING = "substring"
    REGEX = "regex"
    FUZZY = "fuzzy"


@dataclass(frozen=True, slots=True)
class FieldHit:
    """Where keywords matched in one field of a claim (spans are offsets into ``text``)."""

    field: str  # id, text, statistic, label, tag, quote
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ClaimHit:
    claim: Claim
    fields: tuple[FieldHit, ...]


@dataclass(frozen=True, slots=True)
class SentenceHit:
    document: str
    path: str
    line: int
    sentence: str
    spans: tuple[Span, ...]
    figures: tuple[Quantity, ...]
    page: int | None = None  # in a paged document (a PDF): the sentence's page, ``line`` then the line within it


@dataclass(frozen=True, slots=True)
class GrepOptions:
    mode: Mode = Mode.SUBSTRING
    threshold: float = DEFAULT_FUZZY_THRESHOLD
    statistic: str | None = None
    source: str | None = None
    tag: str | None = None
    timeout: float = REGEX_SECONDS  # --regex: seconds, and as many again per megabyte searched


def checked_filters(
    options: GrepOptions, claims: ClaimsFile | None, documents: Callable[[], Sequence[str]]
) -> GrepOptions:
    """``options`` with its filters checked and resolved: a statistic named by id, label or alias becomes its id;
    an unknown statistic, tag or document is a UsageError with a did-you-mean (never a silent empty answer).

    ``documents``: the corpus's document ids, asked for only when a document is not one a claim cites.
    """
    from dataclasses import replace

    from factcheck.corpus.claims import closest_hint, find_statistic, statistic_hint

    statistic = options.statistic
    if statistic is not None and claims is not None:
        found = find_statistic(claims, statistic)
        if found is None:
            hint = statistic_hint(statistic, claims.statistics)
            raise UsageError(f"--statistic {statistic!r}: no such statistic; {hint}")
        statistic = found.id
    if options.tag is not None and claims is not None:
        tags = sorted({t for c in claims.claims for t in c.tags}, key=str.lower)
        if options.tag.lower() not in (t.lower() for t in tags):
            raise UsageError(f"--tag {options.tag!r}: no claim has this tag; {closest_hint(options.tag, tags, 'tags')}")
    source = options.source
    if source is not None:
        cited = {c.document for claim in (claims.claims if claims else ()) for c in claim.citations}
        if source not in cited:
            known = sorted(set(documents()) | cited)
            if source not in known:
                raise UsageError(f"--source {source!r}: no such document; {closest_hint(source, known)}")
    return replace(options, statistic=statistic)


def matcher(keyword: str, options: GrepOptions) -> Matcher:
    """A function giving the spans of ``keyword`` in a text, for the chosen mode (case-insensitive)."""
    if options.mode is Mode.REGEX:
        return _regex_matcher(keyword, options.timeout)
    if options.mode is Mode.FUZZY:
        wanted = keyword.lower()

        def fuzzy(text: str) -> list[Span]:
            if not text:
                return []
            alignment = fuzz.partial_ratio_alignment(wanted, text.lower())
            if alignment is None or alignment.score < options.threshold:
                return []
            return [(alignment.dest_start, alignment.dest_end)]

        return fuzzy
    pattern = re.compile(re.escape(keyword), re.IGNORECASE)
    return lambda text: [m.span() for m in pattern.finditer(text)]


def _regex_matcher(keyword: str, seconds: float) -> Matcher:
    """Spans of a user's regular expression, searched in a time that stays linear in the text searched.

    A pattern such as ``(a+)+$`` can backtrack for ever; the ``regex`` module (the syntax of Python's ``re``, and its
    ``\\p{...}`` classes) stops a search at a time limit, and the command ends with a message naming the pattern.
    """
    import regex

    try:
        pattern = regex.compile(keyword, regex.IGNORECASE)
    except regex.error as error:
        raise UsageError(f"--regex: {keyword!r} is not a valid regular expression: {error}") from None
    budget = _RegexBudget(keyword, seconds)

    def spans(text: str) -> list[Span]:
        with budget.search(text) as timeout:
            return [m.span() for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]

    return spans


class _RegexBudget:
    """The time one pattern may still take: ``seconds``, and as many again for every megabyte searched.

    A normal pattern spends a small part of it; one that backtracks without end runs out of it on its first long
    text, and many texts that each take a little less than a limit per text cannot add up to a hang either.
    """

    def __init__(self, keyword: str, seconds: float) -> None:
        self.keyword = keyword
        self.seconds = seconds
        self.left = seconds
        self.spent = 0.0

    @contextmanager
    def search(self, text: str) -> Iterator[float]:
        self.left += len(text) * self.seconds / 1e6
        start = time.perf_counter()
        try:
            yield max(self.left, 0.0)
        except TimeoutError:
            raise PatternTimeout(
                f"--regex: {self.keyword!r} was stopped after {self.spent + time.perf_counter() - start:.1f} s: "
                "it backtracks without end (a nested repetition such as (a+)+ does: write it as a+; or give it more "
                "time with --timeout)"
            ) from None
        finally:
            elapsed = time.perf_counter() - start
            self.left -= elapsed
            self.spent += elapsed


def _claim_fields(claim: Claim, claims: ClaimsFile) -> list[tuple[str, str]]:
    fields = [("id", claim.id), ("text", claim.text)]
    if claim.statistic:
        fields.append(("statistic", claim.statistic))
        stat = claims.statistic(claim.statistic)
        if stat:
            fields.append(("label", stat.label))
    fields.extend(("tag", t) for t in claim.tags)
    fields.extend(("quote", c.quote) for c in claim.citations)
    return fields


def _passes_filters(claim: Claim, options: GrepOptions) -> bool:
    if options.statistic and claim.statistic != options.statistic:
        return False
    if options.tag and options.tag.lower() not in (t.lower() for t in claim.tags):
        return False
    return not options.source or any(c.document == options.source for c in claim.citations)


def grep_claims(
    claims: ClaimsFile, keywords: Sequence[str], options: GrepOptions = GrepOptions()
) -> tuple[ClaimHit, ...]:
    """Claims in which every keyword matches some field, in file order."""
    # A text many claims share (YAML aliases, copies of a quote) is searched once per keyword.
    matchers = [_remembering(matcher(k, options)) for k in keywords]
    hits: list[ClaimHit] = []
    for claim in claims.claims:
        if not _passes_filters(claim, options):
            continue
        fields = _claim_fields(claim, claims)
        found: dict[int, list[Span]] = {}
        try:
            matched = all(any(_record(found, i, m(text)) for i, (_, text) in enumerate(fields)) for m in matchers)
        except PatternTimeout as error:
            raise error.at(f"{claims.path}:{claim.line}: claim {claim.id}") from None
        if matched:
            hits.append(
                ClaimHit(
                    claim,
                    tuple(FieldHit(fields[i][0], fields[i][1], tuple(sorted(s))) for i, s in sorted(found.items())),
                )
            )
    return tuple(hits)


def _remembering(match: Matcher) -> Matcher:
    """``match``, searching each distinct text once."""
    seen: dict[str, list[Span]] = {}

    def remembered(text: str) -> list[Span]:
        if text not in seen:
            seen[text] = match(text)
        return list(seen[text])

    return remembered


def _record(found: dict[int, list[Span]], index: int, spans: list[Span]) -> bool:
    if spans:
        found.setdefault(index, []).extend(spans)
    return bool(spans)


def grep_sentences(
    corpus: Corpus, keywords: Sequence[str], options: GrepOptions = GrepOptions()
) -> tuple[SentenceHit, ...]:
    """Corpus sentences in which every keyword matches, with the figures each holds."""
    matchers = [matcher(k, options) for k in keywords]
    # Pre-selection (an index): only the sentences that may contain every keyword are searched.
    selected = corpus.sentences_containing(keywords) if options.mode is Mode.SUBSTRING else None
    hits: list[SentenceHit] = []
    for doc in corpus.documents():
        if options.source and doc.id != options.source:
            continue
        wanted = None if selected is None else selected.get(doc.id)
        if selected is not None and not wanted:
            continue
        figures: dict[int, list[Quantity]] = {}
        for f in corpus.figures(doc.id):
            if f.quantity.kind not in (Kind.YEAR, Kind.DATE):
                figures.setdefault(f.sentence, []).append(f.quantity)
        for sentence in corpus.sentences(doc.id):
            if wanted is not None and sentence.index not in wanted:
                continue
            spans: list[Span] = []
            try:
                matched = all(_extend(spans, m(sentence.text)) for m in matchers)
            except PatternTimeout as error:
                raise error.at(str(place_of(corpus, doc, sentence.start))) from None
            if matched:
                where = place_of(corpus, doc, sentence.start)
                hits.append(
                    SentenceHit(
                        doc.id,
                        doc.path,
                        where.line,
                        sentence.text,
                        tuple(sorted(spans)),
                        tuple(figures.get(sentence.index, ())),
                        where.page,
                    )
                )
    return tuple(hits)


def _extend(spans: list[Span], found: list[Span]) -> bool:
    spans.extend(found)
    return bool(found)
