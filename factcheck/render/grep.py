"""Renderers of grep hits: rich table with the keyword highlighted, JSON, CSV and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from factcheck.commands.grep import ClaimHit, SentenceHit, Span
from factcheck.model import ClaimFigure
from factcheck.render import format_number, jsonable, markdown_table, md, place, printable_spans, to_csv, to_json
from factcheck.render.terminal import Fitted

CLAIM_FIELDS = ("id", "statistic", "figure", "year", "text", "documents", "tags", "line")
SENTENCE_FIELDS = ("document", "path", "line", "sentence", "figures", "page")
# How much of a claim's text a table row shows, around the first match (JSON and CSV give it whole): a terminal
# table of thousands of claims sharing a 100 KB text (YAML aliases) would take minutes to lay out.
TABLE_TEXT_LIMIT = 2_000


def figure_text(figure: ClaimFigure | None) -> str:
    if figure is None:
        return ""
    sign = {"about": "≈", "over": ">", "at_least": "≥", "under": "<", "up_to": "≤"}.get(str(figure.qualifier), "")
    if figure.value is not None:
        body = format_number(figure.value)
    else:
        body = f"{format_number(figure.low)}–{format_number(figure.high)}"
    return sign + body + (f" {figure.unit}" if figure.unit else "") + (f"/{figure.per}" if figure.per else "")


def highlighted(text: str, spans: Sequence[Span]) -> Text:
    """``text`` with ``spans`` in reverse video, control characters escaped (rich would drop some silently)."""
    escaped, moved = printable_spans(text, spans)
    out = Text(escaped)
    for start, end in moved:
        out.stylize("bold reverse", start, end)
    return out


def excerpt(text: str, spans: Sequence[Span], limit: int = TABLE_TEXT_LIMIT) -> tuple[str, list[Span]]:
    """At most ``limit`` characters of ``text`` from a little before its first span, cut with '…', spans moved."""
    if len(text) <= limit:
        return text, list(spans)
    first = min((s for s, _ in spans), default=0)
    start = max(0, min(first - limit // 4, len(text) - limit))
    end = start + limit
    prefix, suffix = ("…" if start else ""), ("…" if end < len(text) else "")
    shift = len(prefix) - start
    kept = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start]
    return prefix + text[start:end] + suffix, kept


def md_highlighted(text: str, spans: Sequence[Span]) -> str:
    """``text`` as Markdown on one line, escaped, with ``spans`` in bold."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:  # overlapping matches: the first one is bold already
            continue
        out += [md(text[at:start], False), f"**{md(text[start:end], False)}**"]
        at = end
    out.append(md(text[at:], False))
    return "".join(out).strip()


def claim_row(hit: ClaimHit) -> dict[str, Any]:
    c = hit.claim
    return {
        "id": c.id,
        "statistic": c.statistic,
        "figure": figure_text(c.figure),
        "year": c.year,
        "text": c.text,
        "documents": sorted({x.document for x in c.citations}),
        "tags": list(c.tags),
        "line": c.line,
    }


def render_claims_table(hits: Sequence[ClaimHit]) -> Fitted:
    table = Table()
    for column in ("claim", "statistic", "figure", "text", "cited in"):
        table.add_column(column, overflow="fold", no_wrap=column == "claim")
    for hit in hits:
        row = claim_row(hit)
        text_spans = [s for f in hit.fields if f.field == "text" for s in f.spans]
        id_spans = [s for f in hit.fields if f.field == "id" for s in f.spans]
        claim_id = highlighted(row["id"], id_spans)
        if hit.claim.status:  # "draft": not yet reviewed (factcheck draft)
            claim_id.append(f" ({hit.claim.status})", style="dim")
        table.add_row(
            claim_id,
            row["statistic"] or "",
            row["figure"],
            highlighted(*excerpt(row["text"], text_spans)),
            ", ".join(row["documents"]),
        )
    return Fitted(table, body=("text",))


def render_claims_json(hits: Sequence[ClaimHit]) -> str:
    data = []
    for hit in hits:
        row = claim_row(hit)
        row["figure"] = jsonable(hit.claim.figure)
        row["status"] = hit.claim.status
        row["citations"] = [{"document": c.document, "quote": c.quote, "line": c.line} for c in hit.claim.citations]
        row["matches"] = [{"field": f.field, "text": f.text, "spans": f.spans} for f in hit.fields]
        data.append(row)
    return to_json({"schema": 1, "claims": data})


def render_claims_csv(hits: Sequence[ClaimHit]) -> str:
    return to_csv((claim_row(h) for h in hits), CLAIM_FIELDS)


def render_claims_markdown(hits: Sequence[ClaimHit]) -> str:
    rows = []
    for hit in hits:
        row = claim_row(hit)
        text_spans = [s for f in hit.fields if f.field == "text" for s in f.spans]
        id_spans = [s for f in hit.fields if f.field == "id" for s in f.spans]
        rows.append(
            [
                md_highlighted(row["id"], id_spans),
                md(row["statistic"] or ""),
                md(row["figure"]),
                md_highlighted(row["text"], text_spans),
                md(", ".join(row["documents"])),
            ]
        )
    return markdown_table(["claim", "statistic", "figure", "text", "cited in"], rows)


def sentence_row(hit: SentenceHit) -> dict[str, Any]:
    return {
        "document": hit.document,
        "path": hit.path,
        "line": hit.line,
        "sentence": hit.sentence,
        "figures": [q.text for q in hit.figures],
        "page": hit.page,
    }


def render_sentences_table(hits: Sequence[SentenceHit]) -> Fitted:
    table = Table()
    for column in ("document", "line", "sentence", "figures"):
        table.add_column(column, overflow="fold", no_wrap=column == "document")
    for hit in hits:
        table.add_row(
            hit.document,
            place(hit.page, hit.line),
            highlighted(hit.sentence, hit.spans),
            ", ".join(q.text for q in hit.figures),
        )
    return Fitted(table, body=("sentence",))


def render_sentences_json(hits: Sequence[SentenceHit]) -> str:
    data = []
    for hit in hits:
        row = sentence_row(hit)
        row["figures"] = [jsonable(q) for q in hit.figures]
        row["spans"] = hit.spans
        data.append(row)
    return to_json({"schema": 1, "sentences": data})


def render_sentences_csv(hits: Sequence[SentenceHit]) -> str:
    return to_csv((sentence_row(h) for h in hits), SENTENCE_FIELDS)


def render_sentences_markdown(hits: Sequence[SentenceHit]) -> str:
    rows = [
        [
            md(h.document),
            place(h.page, h.line),
            md_highlighted(h.sentence, h.spans),
            md(", ".join(q.text for q in h.figures)),
        ]
        for h in hits
    ]
    return markdown_table(["document", "line", "sentence", "figures"], rows)
