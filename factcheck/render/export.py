"""Exports of the claims with their citations, verdicts and check results: ClaimReview JSON-LD, CSV and JSON.

One object (or row) per claim. ClaimReview follows schema.org's ClaimReview type as Google's fact-check
structured-data documentation describes it: ``claimReviewed``, ``reviewRating`` (a Rating whose ``alternateName``
is the verdict), ``url``, ``author`` (the Organization of claims.yaml's ``meta``) and ``datePublished``, with
``itemReviewed`` a Claim whose ``appearance`` lists the cited documents and ``firstAppearance`` the earliest.
"""

from __future__ import annotations

from typing import Any

from factcheck.commands.check import describe_figure
from factcheck.commands.report import ClaimEntry, Report
from factcheck.errors import ClaimsError, Problem
from factcheck.model import Citation, DocumentMeta
from factcheck.render import jsonable, to_csv, to_json

SCHEMA_VERSION = 1
SCHEMA_ORG = "https://schema.org"
# Numeric ratings of the verdicts (a 1-3 scale, 3 best). "not found" is no rating on that scale: the corpus says
# nothing about the figure, so that review carries only its textual rating (alternateName).
RATING_VALUES = {"supported": 3, "disputed": 2, "contradicted": 1}
BEST_RATING, WORST_RATING = 3, 1
CSV_FIELDS = (
    "id",
    "statistic",
    "text",
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "per",
    "year",
    "tags",
    "verdict",
    "supported_by",
    "contradicted_by",
    "citation_check",
    "problems",
    "documents",
    "quotes",
    "claims_line",
)


# --- JSON and CSV -------------------------------------------------------------------------------


def _citation_dict(report: Report, citation: Citation, page: int | None) -> dict[str, Any]:
    document = citation.document
    meta = report.document(document)
    return {
        "document": document,
        "page": page,
        "quote": citation.quote,
        "note": citation.note,
        "title": meta.title if meta else None,
        "url": meta.url if meta else None,
        "published": meta.published if meta else None,
        "in_corpus": meta is not None,
    }


def claim_record(report: Report, entry: ClaimEntry) -> dict[str, Any]:
    """Everything known about one claim, as plain data."""
    c = entry.claim
    f = c.figure
    check = entry.check
    return {
        "id": c.id,
        "statistic": c.statistic,
        "text": c.text,
        "figure": None
        if f is None
        else {
            "text": describe_figure(f),
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": str(f.qualifier),
            "unit": f.unit,
            "per": f.per,
        },
        "year": c.year,
        "tags": list(c.tags),
        "verdict": entry.verdict,
        "supported_by": list(entry.supported_by),
        "contradicted_by": list(entry.contradicted_by),
        "citation_check": {
            "passed": entry.passed,
            "problems": [
                {
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                    "line": p.line,
                    "column": p.column,
                    "document": p.document,
                }
                for p in (check.problems if check else ())
            ],
        },
        "citations": [_citation_dict(report, x, p) for x, p in zip(c.citations, entry.cited_pages(), strict=True)],
        "claims_file": {"path": report.claims_path, "line": c.line, "column": c.column},
    }


def export_json(report: Report) -> str:
    """Every claim of the report as a JSON object, with the report's date, sources and publisher."""
    return to_json(
        {
            "schema": SCHEMA_VERSION,
            "claims_file": report.claims_path,
            "corpus": report.corpus,
            "date": report.date,
            "publisher": {"organisation": report.publisher.organisation, "url": report.publisher.url},
            "summary": {
                "claims": report.summary.claims,
                "passed": report.summary.passed,
                "failed": report.summary.failed,
                "verdicts": dict(report.summary.verdicts),
            },
            "claims": [claim_record(report, entry) for entry in report.claims],
        }
    )


def export_csv(report: Report) -> str:
    """One row per claim; several citations or problems share a cell, one per line."""
    rows: list[dict[str, Any]] = []
    for entry in report.claims:
        c, f = entry.claim, entry.claim.figure
        problems = entry.check.problems if entry.check else ()
        rows.append(
            {
                "id": c.id,
                "statistic": c.statistic,
                "text": c.text,
                "figure": describe_figure(f) if f else None,
                "value": f.value if f else None,
                "low": f.low if f else None,
                "high": f.high if f else None,
                "qualifier": str(f.qualifier) if f else None,
                "unit": f.unit if f else None,
                "per": f.per if f else None,
                "year": c.year,
                "tags": "; ".join(c.tags),
                "verdict": entry.verdict,
                "supported_by": "; ".join(entry.supported_by),
                "contradicted_by": "; ".join(entry.contradicted_by),
                "citation_check": "pass" if entry.passed else "fail",
                "problems": "\n".join(f"{p.severity} [{p.code}]: {p.message}" for p in problems),
                "documents": "\n".join(x.document for x in c.citations),
                "quotes": "\n".join(x.quote for x in c.citations),
                "claims_line": c.line,
            }
        )
    return to_csv(rows, CSV_FIELDS)


# --- ClaimReview --------------------------------------------------------------------------------


def _creative_work(doc_id: str, meta: DocumentMeta | None, page: int | None = None) -> dict[str, Any]:
    """The work a claim appears in; the page of a PDF the quote stands on (named by the citation, or where the
    check found it) is linked: ``report.pdf#page=14`` (the PDF fragment of RFC 8118, which schema.org's ``url``
    carries as it is: CreativeWork has no page property)."""
    work: dict[str, Any] = {"@type": "CreativeWork", "name": (meta.title if meta else None) or doc_id}
    if meta is None:
        return work
    if meta.url:
        work["url"] = meta.url if page is None else f"{meta.url.split('#')[0]}#page={page}"
    if meta.published:
        work["datePublished"] = meta.published
    if meta.author:
        work["author"] = {"@type": "Person", "name": meta.author}
    if meta.publisher:
        work["publisher"] = {"@type": "Organization", "name": meta.publisher}
    return work


def _rating(entry: ClaimEntry) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": entry.verdict}
    if entry.verdict in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[entry.verdict], bestRating=BEST_RATING, worstRating=WORST_RATING)
    reasons = []
    if entry.supported_by:
        reasons.append("supported by " + ", ".join(entry.supported_by))
    if entry.contradicted_by:
        reasons.append("contradicted by " + ", ".join(entry.contradicted_by))
    if not reasons:
        reasons.append("no document of the corpus gives a comparable figure")
    reasons.append("its citations stand in their documents" if entry.passed else "its citation check fails")
    explanation = "; ".join(reasons)
    rating["ratingExplanation"] = explanation[0].upper() + explanation[1:] + "."
    return rating


def claim_review(report: Report, entry: ClaimEntry, url: str, organisation: str, org_url: str) -> dict[str, Any]:
    """The ClaimReview of one claim."""
    c = entry.claim
    cited = list(dict.fromkeys(zip((x.document for x in c.citations), entry.cited_pages(), strict=True)))
    works = [(_creative_work(d, report.document(d), page), report.document(d)) for d, page in cited]
    item: dict[str, Any] = {"@type": "Claim", "name": c.text}
    if works:
        item["appearance"] = [w for w, _ in works]
        dated = [(m.published, i) for i, (_, m) in enumerate(works) if m is not None and m.published]
        first = works[min(dated)[1]][0] if dated else works[0][0]
        item["firstAppearance"] = first
        if "datePublished" in first:
            item["datePublished"] = first["datePublished"]
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": f"{url}#claim-{c.id}",
        "claimReviewed": c.text,
        "datePublished": report.date,
        "author": {"@type": "Organization", "name": organisation, "url": org_url},
        "reviewRating": _rating(entry),
        "itemReviewed": item,
    }


def export_claimreview(report: Report, url: str | None = None) -> str:
    """A JSON array of ClaimReview objects, one per claim; ``url`` is the page of the fact-check (default: meta.url).

    A ClaimReview needs its publisher: a claims file without ``meta: organisation`` and ``url`` is a ClaimsError.
    """
    meta = report.publisher
    missing = [name for name, value in (("organisation", meta.organisation), ("url", meta.url)) if not value]
    if missing or meta.organisation is None or meta.url is None:
        problem = Problem(
            report.claims_path,
            f"ClaimReview needs the publisher of the fact-check, but `meta:` has no {' and no '.join(missing)}",
            hint="add to the claims file: meta: {organisation: Your Fact Check, url: https://your.site}",
        )
        raise ClaimsError(f"{report.claims_path}: cannot export ClaimReview", (problem,))
    page = (url or meta.url).strip().split("#")[0]
    reviews = [claim_review(report, entry, page, meta.organisation, meta.url) for entry in report.claims]
    return embeddable(to_json(jsonable(reviews)))


def embeddable(json_text: str) -> str:
    """JSON that can go inside an HTML ``<script type="application/ld+json">`` as it is.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` and the like mean the same characters;
    escaped, a claim that holds ``</script>`` cannot end the script element it is pasted into.
    """
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = [
    "CSV_FIELDS",
    "RATING_VALUES",
    "claim_record",
    "claim_review",
    "embeddable",
    "export_claimreview",
    "export_csv",
    "export_json",
]
