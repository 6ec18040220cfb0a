"""Renderers of extracted figures and of the corpus's documents (sources)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from factcheck.commands.extract import ExtractedFigure
from factcheck.corpus.documents import SourceRow
from factcheck.render import format_number, jsonable, markdown_table, md, place, to_csv, to_json
from factcheck.render.terminal import Fitted

EXTRACT_FIELDS = (
    "path",
    "document",
    "line",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "role",
    "unit",
    "per",
    "year",
    "scale",
    "ambiguous",
    "alt_value",
    "alt_low",
    "alt_high",
    "linked_to",
    "start",
    "end",
    "sentence",
    "page",  # the page of a paged document (a PDF), whose line is then the line within that page; else null
)
SOURCE_FIELDS = (
    "id",
    "title",
    "publisher",
    "author",
    "published",
    "kind",
    "url",
    "licence",
    "sentences",
    "figures",
    "path",
    "sha256",
    "format",
    "pages",
)


def figure_dict(f: ExtractedFigure) -> dict[str, Any]:
    q = f.quantity
    row: dict[str, Any] = {"path": f.path, "document": f.document, "page": f.page, "line": f.line}
    row.update(jsonable(q))
    row["sentence"] = f.sentence
    return {k: row.get(k) for k in EXTRACT_FIELDS}


def value_text(f: ExtractedFigure) -> str:
    q = f.quantity
    if q.value is None and q.low is not None and q.high is not None:
        return f"{format_number(q.low)} – {format_number(q.high)}"
    if q.value is not None:
        return format_number(q.value)
    return ""


def render_extract_table(figures: Sequence[ExtractedFigure]) -> Fitted:
    table = Table()
    columns = ("document", "line", "figure", "value", "qualifier", "kind", "role", "unit", "per", "year", "sentence")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in ("document", "figure", "value"))
    for f in figures:
        q = f.quantity
        table.add_row(
            f.document,
            place(f.page, f.line),
            q.text + (" (ambiguous)" if q.ambiguous else ""),
            value_text(f),
            str(q.qualifier),
            str(q.kind),
            str(q.role),
            q.unit or "",
            q.per or "",
            str(q.year or ""),
            f.sentence,
        )
    return Fitted(table, body=("sentence",), unlabelled=("figure",))


def render_extract_markdown(figures: Sequence[ExtractedFigure]) -> str:
    headers = ["document", "line", "figure", "value", "qualifier", "kind", "role", "unit", "per", "year", "sentence"]
    rows = []
    for f in figures:
        q = f.quantity
        figure = q.text + (" (ambiguous)" if q.ambiguous else "")
        cells = (
            f.document,
            place(f.page, f.line),
            figure,
            value_text(f),
            q.qualifier,
            q.kind,
            q.role,
            q.unit,
            q.per,
            q.year,
        )
        rows.append([md(cell or "") for cell in (*cells, f.sentence)])
    return markdown_table(headers, rows)


def render_extract_json(figures: Sequence[ExtractedFigure]) -> str:
    return to_json([figure_dict(f) for f in figures])


def render_extract_csv(figures: Sequence[ExtractedFigure]) -> str:
    return to_csv((figure_dict(f) for f in figures), EXTRACT_FIELDS)


def render_sources_table(rows: Sequence[SourceRow]) -> Fitted:
    table = Table()
    for column in ("id", "title", "publisher", "published", "kind", "sentences", "figures"):
        right = column in ("sentences", "figures")
        table.add_column(column, overflow="fold", justify="right" if right else "left", no_wrap=column == "id")
    for r in rows:
        table.add_row(
            r.id,
            r.title or "",
            r.publisher or r.author or "",
            r.published or "",
            r.kind or "",
            str(r.sentences),
            str(r.figures),
        )
    return Fitted(table, body=("title",), unlabelled=("publisher", "published", "kind"))


def render_sources_markdown(rows: Sequence[SourceRow]) -> str:
    headers = ["id", "title", "publisher", "published", "kind", "sentences", "figures"]
    cells = [
        [md(r.id), md(r.title or ""), md(r.publisher or r.author or ""), md(r.published or ""), md(r.kind or "")]
        + [str(r.sentences), str(r.figures)]
        for r in rows
    ]
    return markdown_table(headers, cells)


def render_sources_json(rows: Sequence[SourceRow]) -> str:
    return to_json({"schema": 1, "documents": [{k: getattr(r, k) for k in SOURCE_FIELDS} for r in rows]})


def render_sources_csv(rows: Sequence[SourceRow]) -> str:
    return to_csv(({k: getattr(r, k) for k in SOURCE_FIELDS} for r in rows), SOURCE_FIELDS)
