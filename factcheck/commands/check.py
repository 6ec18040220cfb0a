"""The citation gate: every claim cited, every quote standing in its document with the same numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from factcheck.corpus.claims import unknown_documents
from factcheck.corpus.documents import Corpus, Place, page_text_span, place_of
from factcheck.corpus.formats import is_paged, page_count
from factcheck.matching.quotes import PreparedText, match_quote, prepare
from factcheck.model import Citation, Claim, ClaimFigure, ClaimsFile, Document, Kind, Qualifier, Quantity

ERROR, WARNING = "error", "warning"
# A quote shorter than this (in words) is too short to be evidence of anything.
MIN_QUOTE_WORDS = 4
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of a document offered as evidence: where it stands and how well it matches."""

    document: str
    line: int
    start: int
    end: int
    text: str
    score: float
    page: int | None = None  # in a paged document (a PDF): the passage's page, ``line`` then the line within it


@dataclass(frozen=True, slots=True)
class CheckProblem:
    """One problem found by the check, located in the claims file."""

    severity: str  # error or warning
    code: str  # no-citation, draft, unknown-document, quote-not-found, number-mismatch, figure-mismatch, ...
    message: str
    path: str
    line: int
    column: int
    claim: str | None = None
    document: str | None = None
    closest: Passage | None = None
    diff: tuple[tuple[str, str, str], ...] = ()
    suggestions: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """Whether one claim passed, and its problems."""

    id: str
    line: int
    passed: bool
    problems: tuple[CheckProblem, ...]
    # Where each citation's quote stands, in the order of the claim's citations: its file, page (a PDF's, whether
    # or not the citation names it), line and column; None for a quote that does not stand or an unknown document.
    places: tuple[Place | None, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The whole check: one result per claim, plus problems of the file as a whole."""

    claims_path: str
    results: tuple[ClaimResult, ...]
    file_problems: tuple[CheckProblem, ...] = ()
    strict: bool = False
    schema: int = 1

    @property
    def problems(self) -> tuple[CheckProblem, ...]:
        every = [p for r in self.results for p in r.problems] + list(self.file_problems)
        return tuple(sorted(every, key=lambda p: (p.line, p.column, p.severity, p.code)))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if not r.passed)

    @property
    def passed(self) -> bool:
        return self.errors == 0


@dataclass(frozen=True, slots=True)
class CheckOptions:
    strict: bool = False
    suggest: bool = False


def prepared_document(corpus: Corpus, doc: Document) -> PreparedText:
    """``doc``'s text prepared for matching quotes; a quote's figures are compared with the figures the corpus reads
    in the document (the ones compare shows, taken from the index when there is one, not read again)."""
    return prepare(doc.text, lambda: tuple(f.quantity for f in corpus.figures(doc.id)))


@dataclass
class _Context:
    corpus: Corpus
    claims: ClaimsFile
    options: CheckOptions
    prepared: dict[str, PreparedText] = field(default_factory=dict)
    # A quote cited many times (YAML aliases, copies) is verified once per document it cites.
    verified: dict[tuple[str, str, int | None], _Verification] = field(default_factory=dict)
    suggested: dict[tuple[str, ClaimFigure | None, int], tuple[Passage, ...]] = field(default_factory=dict)

    def prepared_text(self, doc_id: str) -> PreparedText | None:
        if doc_id not in self.prepared:
            doc = self.corpus.document(doc_id)
            if doc is None:
                return None
            self.prepared[doc_id] = prepared_document(self.corpus, doc)
        return self.prepared[doc_id]

    def verification(self, citation: Citation) -> _Verification | None:
        """Whether the citation's quote stands in its document (None when the document is unknown), cached."""
        key = (citation.document, citation.quote, citation.page)
        if key not in self.verified:
            if citation.page is not None:
                doc = self.corpus.document(citation.document)
                if doc is None:
                    return None
                self.verified[key] = _verify_on_page(self, citation, doc, citation.page)
                return self.verified[key]
            prepared = self.prepared_text(citation.document)
            if prepared is None:
                return None
            self.verified[key] = _verify(self, citation, prepared)
        return self.verified[key]

    def place_of(self, doc_id: str, offset: int) -> Place:
        doc = self.corpus.document(doc_id)
        assert doc is not None, doc_id  # only a cited document that exists is looked into
        return place_of(self.corpus, doc, offset)

    def passage(self, doc_id: str, start: int, end: int, text: str, score: float) -> Passage:
        """A passage of a document, its line (within its page in a paged document) found."""
        where = self.place_of(doc_id, start)
        return Passage(doc_id, where.line, start, end, text, score, where.page)

    def place(self, doc_id: str, offset: int) -> str:
        """Where ``offset`` stands in the document: "line 12", or in a paged one its place, report.pdf:p3:4:7."""
        where = self.place_of(doc_id, offset)
        return f"line {where.line}" if where.page is None else str(where)

    def problem(self, severity: str, code: str, message: str, at: Claim | Citation, **extra: object) -> CheckProblem:
        if severity == WARNING and self.options.strict:
            severity = ERROR
        return CheckProblem(severity, code, message, self.claims.path, at.line, at.column, **extra)  # type: ignore[arg-type]


# --- figures ------------------------------------------------------------------------------------


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def figure_matches(figure: ClaimFigure, q: Quantity) -> bool:
    """Whether a quoted quantity states the claim's figure (either reading of an ambiguous one)."""
    readings = [(q.value, q.low, q.high)]
    if q.ambiguous:
        readings.append((q.alt_value, q.alt_low, q.alt_high))
    for value, low, high in readings:
        if figure.value is not None and (_same(figure.value, value) or (value is None and _same(figure.value, low))):
            return True
        if (
            figure.value is None
            and (figure.low is None or _same(figure.low, low))
            and (figure.high is None or _same(figure.high, high))
        ):
            return True
    return False


def describe_figure(figure: ClaimFigure) -> str:
    def num(v: float | None) -> str:
        return "" if v is None else f"{v:,.10g}"

    words = {
        Qualifier.EXACT: "",
        Qualifier.ABOUT: "about ",
        Qualifier.OVER: "over ",
        Qualifier.AT_LEAST: "at least ",
        Qualifier.UNDER: "under ",
        Qualifier.UP_TO: "up to ",
    }
    body = num(figure.value) if figure.value is not None else f"{num(figure.low)} to {num(figure.high)}"
    return words[Qualifier(figure.qualifier)] + body


def _quote_figures(ctx: _Context, citation: Citation, spans: Sequence[tuple[int, int]]) -> list[Quantity]:
    """The figures of the document that stand inside the quote's matched spans (read with the document's rules)."""
    return [
        f.quantity
        for f in ctx.corpus.figures(citation.document)
        if f.quantity.kind not in (Kind.YEAR, Kind.DATE)
        and any(s <= f.quantity.start and f.quantity.end <= e for s, e in spans)
    ]


# --- per claim ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Verification:
    """What the check found for one quote in one document: the figures it stands for, or why it does not stand."""

    figures: tuple[Quantity, ...] | None  # None when the quote does not stand
    code: str = ""
    message: str = ""
    closest: Passage | None = None
    diff: tuple[tuple[str, str, str], ...] = ()
    start: int = 0  # where the quote starts in the document, when it stands


def _verify_on_page(ctx: _Context, citation: Citation, doc: Document, page: int) -> _Verification:
    """Whether the quote stands on ``page`` of ``doc``: it starts there (and may run on into the next page)."""
    span = page_text_span(doc, page)
    if span is None:
        if not is_paged(doc.path):
            message = f"the citation names page {page}, but {doc.id} has no pages (only a PDF has)"
        else:
            message = f"the citation names page {page}, but {doc.id} has {page_count(doc.text)} pages"
        return _Verification(None, "page-not-found", message)
    start, end = span
    following = page_text_span(doc, page + 1)
    prepared = prepare(doc.text[start : following[1] if following is not None else end])
    found = _verify(ctx, citation, prepared, start)
    if found.figures is not None and found.start < end:
        return found
    anywhere = found if found.figures is not None else ctx.verification(replace(citation, page=None))
    if anywhere is None or anywhere.figures is None:
        return found
    elsewhere = ctx.place(doc.id, anywhere.start)
    return _Verification(None, "quote-not-found", f"quote not found on page {page} of {doc.id}: it is at {elsewhere}")


def _verify(ctx: _Context, citation: Citation, prepared: PreparedText, shift: int = 0) -> _Verification:
    """Whether the quote stands in ``prepared``: the document's text from offset ``shift`` on."""
    match = match_quote(citation.quote, prepared)
    if match.found:
        spans = tuple((s + shift, e + shift) for s, e in match.spans)
        return _Verification(tuple(_quote_figures(ctx, citation, spans)), start=spans[0][0])
    closest = None
    diff: tuple[tuple[str, str, str], ...] = ()
    where = ""
    if match.closest is not None:
        c = match.closest
        at = c.start + shift
        closest = ctx.passage(citation.document, at, c.end + shift, c.text, c.score)
        diff = tuple((op, " ".join(q), " ".join(d)) for op, q, d in c.diff if op != "equal")
        where = ctx.place(citation.document, at)
    if match.number_mismatches:
        changes = "; ".join(f"quote has {q!r} where the document has {d!r}" for q, d in match.number_mismatches)
        where = f" (closest passage: {where}, {closest.score:.0f}% similar)" if closest else ""
        message = f"quote differs from {citation.document} in its figures: {changes}{where}"
        code = "number-mismatch"
    elif closest is not None:
        message = (
            f"quote not found in {citation.document}; closest passage ({where}, "
            f"{closest.score:.0f}% similar): {closest.text!r}"
        )
        code = "quote-not-found"
    else:
        message = f"quote not found in {citation.document}, nor anything like it"
        code = "quote-not-found"
    return _Verification(None, code, message, closest, diff)


def _check_citation(
    ctx: _Context, claim: Claim, citation: Citation
) -> tuple[list[CheckProblem], list[Quantity] | None]:
    """The citation's problems, and the figures its quote stands for (None when the quote could not be checked)."""
    problems: list[CheckProblem] = []
    verification = ctx.verification(citation)
    if verification is None:
        return problems, None  # reported once per citation by unknown_documents
    words = len(citation.quote.split(maxsplit=MIN_QUOTE_WORDS))  # a long quote is not split word by word
    if words < MIN_QUOTE_WORDS:
        problems.append(
            ctx.problem(
                WARNING,
                "short-quote",
                f"quote of {words} words is too short to be evidence; quote the clause",
                citation,
                claim=claim.id,
                document=citation.document,
            )
        )
    if verification.figures is not None:
        return problems, list(verification.figures)
    problems.append(
        ctx.problem(
            ERROR,
            verification.code,
            verification.message,
            citation,
            claim=claim.id,
            document=citation.document,
            closest=verification.closest,
            diff=verification.diff,
        )
    )
    return problems, None


def check_claim(ctx: _Context, claim: Claim) -> ClaimResult:
    problems: list[CheckProblem] = []
    if not claim.citations:
        problems.append(
            ctx.problem(
                ERROR,
                "no-citation",
                "claim has no citation; add one with a verbatim quote",
                claim,
                claim=claim.id,
                suggestions=suggest(ctx, claim) if ctx.options.suggest else (),
            )
        )
    if claim.status == "draft":
        # A drafted claim stands in its source but no person has read it yet: --strict (CI, pre-commit) fails it.
        message = "claim is a draft (proposed by factcheck draft): review it, then remove its 'status: draft' line"
        problems.append(ctx.problem(WARNING, "draft", message, claim, claim=claim.id))
    if claim.statistic is None:
        problems.append(ctx.problem(WARNING, "no-statistic", "claim names no statistic", claim, claim=claim.id))
    quoted: list[Quantity] = []
    broken = False
    places: list[Place | None] = []
    for citation in claim.citations:
        found, figures = _check_citation(ctx, claim, citation)
        problems.extend(found)
        broken = broken or figures is None
        quoted.extend(figures or ())
        verification = ctx.verification(citation) if figures is not None else None
        places.append(ctx.place_of(citation.document, verification.start) if verification is not None else None)
    if claim.figure is not None and claim.citations and not broken:
        problems.extend(_check_figure(ctx, claim, claim.figure, quoted))
    first_error = next((i for i, p in enumerate(problems) if p.severity == ERROR), None)
    if broken and ctx.options.suggest and first_error is not None:
        problems[first_error] = replace(problems[first_error], suggestions=suggest(ctx, claim))
    passed = not any(p.severity == ERROR for p in problems)
    return ClaimResult(claim.id, claim.line, passed, tuple(problems), tuple(places))


def _check_figure(ctx: _Context, claim: Claim, figure: ClaimFigure, quoted: Sequence[Quantity]) -> list[CheckProblem]:
    matching = [q for q in quoted if figure_matches(figure, q)]
    if not matching:
        said = ", ".join(repr(q.text) for q in quoted) or "no figure"
        return [
            ctx.problem(
                ERROR,
                "figure-mismatch",
                f"claim says {describe_figure(figure)} but its quotes say {said}",
                claim,
                claim=claim.id,
            )
        ]
    if not any(Qualifier(q.qualifier) == Qualifier(figure.qualifier) for q in matching):
        q = matching[0]
        return [
            ctx.problem(
                WARNING,
                "qualifier-mismatch",
                f"claim's figure is '{Qualifier(figure.qualifier)}' but the quote says "
                f"'{Qualifier(q.qualifier)}' ({q.text!r})",
                claim,
                claim=claim.id,
            )
        ]
    return []


# --- suggestions --------------------------------------------------------------------------------


def suggest(ctx: _Context, claim: Claim, count: int = SUGGESTIONS) -> tuple[Passage, ...]:
    """The corpus sentences most like the claim, those carrying its figure first (once per text and figure)."""
    key = (claim.text, claim.figure, count)
    if key not in ctx.suggested:
        ctx.suggested[key] = _suggest(ctx, claim, count)
    return ctx.suggested[key]


def _suggest(ctx: _Context, claim: Claim, count: int) -> tuple[Passage, ...]:
    from rapidfuzz import fuzz

    scored: list[Passage] = []
    for doc in ctx.corpus.documents():
        figures_by_sentence: dict[int, list[Quantity]] = {}
        for f in ctx.corpus.figures(doc.id):
            figures_by_sentence.setdefault(f.sentence, []).append(f.quantity)
        for sentence in ctx.corpus.sentences(doc.id):
            score = fuzz.token_set_ratio(claim.text, sentence.text)
            if claim.figure is not None and any(
                figure_matches(claim.figure, q) for q in figures_by_sentence.get(sentence.index, ())
            ):
                score = min(100.0, score + 25)
            scored.append(Passage(doc.id, sentence.line, sentence.start, sentence.end, sentence.text, round(score, 1)))
    scored.sort(key=lambda p: (-p.score, p.document, p.start))
    # The file's line, as check and grep give it: a document's front matter counts; a PDF's page and line in it.
    return tuple(ctx.passage(p.document, p.start, p.end, p.text, p.score) for p in scored[:count])


# --- entry point --------------------------------------------------------------------------------


def check_claims(
    corpus: Corpus,
    claims: ClaimsFile,
    options: CheckOptions = CheckOptions(),
    step: Callable[[], None] | None = None,
) -> CheckReport:
    """Check every claim of ``claims`` against ``corpus``; ``step`` is called after each claim (a progress bar's)."""
    ctx = _Context(corpus, claims, options)
    known = [d.id for d in corpus.documents()]
    unknown = {(p.line, p.column): p for p in unknown_documents(claims, known)}
    results: list[ClaimResult] = []
    for claim in claims.claims:
        result = check_claim(ctx, claim)
        extra = tuple(
            CheckProblem(
                ERROR,
                "unknown-document",
                p.message + (f" ({p.hint})" if p.hint else ""),
                claims.path,
                c.line,
                c.column,
                claim=claim.id,
                document=c.document,
            )
            for c in claim.citations
            if (p := unknown.get((c.line, c.column))) is not None
        )
        if extra:
            result = replace(result, passed=False, problems=result.problems + extra)
        results.append(result)
        if step is not None:
            step()
    used = {c.statistic for c in claims.claims}
    file_problems = tuple(
        CheckProblem(
            ERROR if options.strict else WARNING,
            "unused-statistic",
            f"statistic {s.id!r} has no claim",
            claims.path,
            s.line,
            s.column,
        )
        for s in claims.statistics
        if s.id not in used
    )
    return CheckReport(claims.path, tuple(results), file_problems, options.strict)
