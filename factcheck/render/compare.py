"""Renderers of a comparison: rich table with a chart, JSON (schema 1), CSV and Markdown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from factcheck.commands.axis import Axis
from factcheck.commands.compare import Agreement, Comparison, DocumentFindings, Finding
from factcheck.matching import features
from factcheck.render import (
    format_number,
    format_ratio,
    markdown_table,
    md,
    place,
    printable,
    printable_spans,
    to_csv,
    to_json,
)
from factcheck.render.terminal import Fitted, Hanging, indented

CSV_FIELDS = (
    "query",
    "statistic",
    "document",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "role",
    "vague",
    "unit",
    "per",
    "year",
    "year_from",
    "scope",
    "scope_note",
    "ambiguous",
    "score",
    "line",
    "start",
    "end",
    "sentence",
    "page",  # a paged document's (a PDF's): ``line`` is then the line within that page; else null
)
FINDING_FIELDS = CSV_FIELDS[3:]
CHART_WIDTH = 40
# The narrowest bar beside its label; on a terminal narrower than that, each label stands on its own line.
MIN_BAR = 16
EVIDENCE_CHARS = 200


# --- data shapes --------------------------------------------------------------------------------


def finding_dict(finding: Finding, explain: bool = False) -> dict[str, Any]:
    found = {name: getattr(finding, name) for name in FINDING_FIELDS}
    if explain and (why := features.explain(finding.features)) is not None:
        found["explain"] = {
            "bias": round(why.bias, 4),
            "logit": round(why.logit, 4),
            "features": {t.name: round(t.value, 4) for t in why.terms},
            "contributions": {t.name: round(t.contribution, 4) for t in why.terms},
        }
    return found


def comparison_dict(comparison: Comparison, explain: bool = False) -> dict[str, Any]:
    return {
        "schema": comparison.schema,
        "query": comparison.query,
        "statistic": comparison.statistic,
        "resolved": comparison.resolved,
        "documents": [
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "published": d.published,
                "findings": [finding_dict(f, explain) for f in d.findings],
                "vague": [finding_dict(f, explain) for f in d.vague],
            }
            for d in comparison.with_figures
        ],
        "without_figures": comparison.without_figures,
        "agreement": [agreement_dict(a) for a in comparison.agreement],
        "claims": [
            {"id": c.id, "verdict": c.verdict, "supported_by": c.supported_by, "contradicted_by": c.contradicted_by}
            for c in comparison.claims
        ],
    }


def agreement_dict(a: Agreement) -> dict[str, Any]:
    return {
        "scope": a.scope,
        "unit": a.unit,
        "per": a.per,
        "verdict": a.verdict,
        "low": a.low,
        "high": a.high,
        "spread": a.spread,
        "agreeing": a.agreeing,
        "conflicting": a.conflicting,
        "outliers": [{"document": o.document, "text": o.text, "reason": o.reason} for o in a.outliers],
        "timeline": [
            {"year": t.year, "year_from": t.year_from, "document": t.document, "text": t.text} for t in a.timeline
        ],
    }


def render_json(
    comparisons: Sequence[Comparison], single: bool, explain: bool = False, files: Mapping[str, str | None] = {}
) -> str:
    """The comparisons as JSON: a list, or for one query an object; ``files`` (the corpus and the claims file read)
    are added to that object."""
    data = [comparison_dict(c, explain) for c in comparisons]
    if not single:
        return to_json(data)
    # One query: the first (best) statistic's answer at the top level, and every statistic it answers for.
    return to_json({**data[0], **files, "statistics": data})


def render_csv(comparisons: Sequence[Comparison]) -> str:
    rows: list[dict[str, Any]] = []
    for c in comparisons:
        for doc in c.documents:
            base = {"query": c.query, "statistic": c.statistic, "document": doc.id}
            rows.extend({**base, **finding_dict(f)} for f in (*doc.findings, *doc.vague))
            if not doc.findings:
                rows.append(base)
    return to_csv(rows, CSV_FIELDS)


# --- words shared by table and markdown -----------------------------------------------------------


def describe_value(f: Finding) -> str:
    prefix = {"about": "≈", "over": ">", "at_least": "≥", "under": "<", "up_to": "≤"}.get(f.qualifier, "")
    if f.value is None and f.low is not None and f.high is not None:
        body = f"{format_number(f.low)}–{format_number(f.high)}"
    else:
        body = format_number(f.value if f.value is not None else f.low if f.low is not None else f.high)
    unit = f" {f.unit}" if f.unit and f.kind in ("money", "measure", "duration") else "%" if f.kind == "percent" else ""
    per = f"/{f.per}" if f.per else ""
    return f"{prefix}{body}{unit}{per}"


def year_words(year: int | None, year_from: str | None) -> str:
    """A finding's year: 2020 as the sentence says it, (2020) from the document's date, or no year."""
    if year is None:
        return "(no year)"
    return str(year) if year_from == "sentence" else f"({year})"


def describe_year(f: Finding) -> str:
    return "" if f.year is None else year_words(f.year, f.year_from)


def group_title(a: Agreement) -> str:
    scope = a.scope or "scope not stated"
    parts = [scope]
    if a.unit:
        parts.append(a.unit)
    if a.per:
        parts.append(f"per {a.per}")
    return " · ".join(parts)


def verdict_line(a: Agreement) -> str:
    text = {
        "agree": "documents agree",
        "conflict": "documents conflict",
        "single": "one document only",
        "timeline": "figures for different years (a time line, not a contradiction)",
    }[a.verdict]
    if a.low is not None and a.high is not None and a.verdict != "single":
        text += f"; figures from {format_number(a.low)} to {format_number(a.high)}"
    if a.spread is not None and a.spread > 1 and a.verdict != "single":
        text += f", spread {format_ratio(a.spread)}"
    return text


def evidence(f: Finding, limit: int = EVIDENCE_CHARS) -> tuple[str, int, int]:
    """The sentence cut around the figure, and the figure's place in the cut text."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    text = f.sentence
    if len(text) <= limit:
        return text, start, end
    left = max(0, start - limit // 2)
    right = min(len(text), left + limit)
    left = max(0, right - limit)
    cut = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    shift = (1 if left else 0) - left
    return cut, start + shift, end + shift


def markdown_evidence(f: Finding) -> str:
    """The evidence as Markdown: the sentence cut around the figure, escaped, with the figure in bold."""
    cut, s, e = evidence(f)
    return f"{md(cut[:s], False)}**{md(cut[s:e])}**{md(cut[e:], False)}".strip()


def charted(agreement: Agreement) -> bool:
    """Whether a group gets a chart in a report: only where at least two documents give a figure in it."""
    return agreement.axis is not None and len({m.label for m in agreement.axis.marks}) >= 2


def chart_lines(axis: Axis, width: int = CHART_WIDTH) -> list[tuple[str, str]]:
    """(label, bar) rows: ● a point, ├──┤ a range, ●──→ open upwards, ←──● open downwards."""
    rows: list[tuple[str, str]] = []
    for mark in axis.marks:
        cells = [" "] * width

        def at(value: float) -> int:
            return min(width - 1, max(0, round(axis.position(value) * (width - 1))))

        if mark.shape == "point" and mark.low is not None:
            cells[at(mark.low)] = "●"
        elif mark.shape == "range" and mark.low is not None and mark.high is not None:
            a, b = at(mark.low), at(mark.high)
            for i in range(a, b + 1):
                cells[i] = "─"
            cells[a], cells[b] = "├", "┤"
        elif mark.shape == "open_high" and mark.low is not None:
            a = at(mark.low)
            for i in range(a, width):
                cells[i] = "─"
            cells[a], cells[-1] = "●", "→"
        elif mark.high is not None:
            b = at(mark.high)
            for i in range(0, b + 1):
                cells[i] = "─"
            cells[0], cells[b] = "←", "●"
        rows.append((mark.label, "".join(cells)))
    return rows


# --- rich table ---------------------------------------------------------------------------------


def axis_caption(axis: Axis) -> str:
    """The axis's ends and ticks in words, under the chart."""
    ticks = ", ".join(format_number(t) for t in axis.ticks())
    kind = "log axis" if axis.log else "axis"
    return f"{kind} {format_number(axis.low)} … {format_number(axis.high)}; ticks {ticks}"


def _documents_table(c: Comparison, shown: Sequence[DocumentFindings]) -> Fitted:
    table = Table(show_lines=False, expand=False, title=None, pad_edge=False)
    table.add_column("document", style="bold", no_wrap=True)
    table.add_column("figure", style="cyan", overflow="fold", max_width=16)
    for name in ("value", "year", "scope", "score"):
        table.add_column(name, no_wrap=True)
    table.add_column("evidence", overflow="fold", min_width=30, ratio=1)
    for doc in shown:
        if not doc.findings:
            table.add_row(doc.id, Text("no figure", style="dim"), "", "", "", "", "")
            continue
        for i, f in enumerate(doc.findings):
            cut, s, e = evidence(f)
            cut, [(s, e)] = printable_spans(cut, [(s, e)])
            ev = Text(cut)
            ev.stylize("bold reverse", s, e)
            amb = " (ambiguous)" if f.ambiguous else ""
            table.add_row(
                doc.id if i == 0 else "",
                f.text + amb + on_page(f),
                describe_value(f),
                describe_year(f),
                (f.scope or "") + (" *" if f.scope_note else ""),
                f"{f.score:.0f}",
                ev,
            )
        if doc.vague:
            mentions = ", ".join(f"{printable(f.text)} ({f.score:.0f})" for f in doc.vague)
            table.add_row("", Text("also mentions", style="dim"), "", "", "", "", Text(mentions, style="dim"))
    return Fitted(table, body=("evidence",), unlabelled=("figure", "value", "year", "scope"))


def on_page(f: Finding) -> str:
    """Where a figure of a paged document (a PDF) stands, " (p14:3)"; nothing for a text document."""
    return "" if f.page is None else f" ({place(f.page, f.line)})"


def _listed(items: Sequence[str], limit: int, sep: str = ", ") -> str:
    """The first ``limit`` items joined by ``sep``, and how many more there are."""
    return sep.join(items[:limit]) + (f"{sep}… and {len(items) - limit} more" if len(items) > limit else "")


def _agreement_renderable(a: Agreement, limit: int, shown: Collection[str]) -> RenderableType:
    """A group's verdict, lists and chart; past ``limit`` documents, lists are cut and the chart keeps ``shown``."""
    style = {"agree": "green", "conflict": "red", "single": "yellow", "timeline": "blue"}[a.verdict]
    parts: list[RenderableType] = [Text.assemble((printable(group_title(a)), "bold"), ": ", (verdict_line(a), style))]
    if a.agreeing:
        parts.append(Hanging(Text(printable("agree: " + _listed(a.agreeing, limit)))))
    for x, y in a.conflicting[:limit]:
        parts.append(Hanging(Text(printable(f"conflict: {x} ≠ {y}"), style="red")))
    if len(a.conflicting) > limit:
        more = len(a.conflicting) - limit
        parts.append(
            Hanging(Text(f"… and {more} more conflicting pairs (all of them with --format json)", style="red"))
        )
    for o in a.outliers[:limit]:
        parts.append(Hanging(Text(printable(f"outlier: {o.document} {o.text!r}: {o.reason}"), style="magenta")))
    if len(a.outliers) > limit:
        parts.append(Hanging(Text(f"… and {len(a.outliers) - limit} more outliers", style="magenta")))
    years = {t.year for t in a.timeline}
    if len(years) > 1:
        entries = [f"{year_words(t.year, t.year_from)} {t.document} {t.text}" for t in a.timeline]
        parts.append(Hanging(Text(printable("time line: " + _listed(entries, limit, "; ")))))
    if a.axis is not None and a.verdict != "single":
        axis = a.axis
        if len(axis.marks) > limit:  # the chart of the documents shown (on the whole group's scale)
            axis = replace(axis, marks=tuple(m for m in axis.marks if m.label in shown))
        if axis.marks:
            parts.append(Chart(axis))
    return Group(*parts)


class Chart:
    """The chart of a group, drawn to the terminal's width: a label and a bar per document, never wrapped.

    The bar is CHART_WIDTH wide where there is room, narrower down to MIN_BAR beside the labels; on a narrower
    terminal each label stands on its own line above its bar.
    """

    def __init__(self, axis: Axis) -> None:
        self.axis = axis

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        labels = [printable(m.label) for m in self.axis.marks]
        label_width = max(len(label) for label in labels)
        beside = width - label_width - 5  # "  label │bar│"
        caption = Text(axis_caption(self.axis), style="dim")
        if beside >= MIN_BAR:
            bars = chart_lines(self.axis, min(CHART_WIDTH, beside))
            for label, (_, bar) in zip(labels, bars, strict=True):
                yield Text(f"  {label:<{label_width}} │{bar}│")
            under = label_width + 4 if width - label_width - 4 >= caption.cell_len else 2
            yield from indented(console, caption, under, width)
            return
        bars = chart_lines(self.axis, max(1, min(CHART_WIDTH, width - 4)))
        for label, (_, bar) in zip(labels, bars, strict=True):
            yield from indented(console, Text(label), 2, width)
            yield Text(f"  │{bar}│")
        yield from indented(console, caption, 2, width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        label_width = max(len(printable(m.label)) for m in self.axis.marks)
        return Measurement(MIN_BAR + 4, min(options.max_width, label_width + 5 + CHART_WIDTH))


def explain_table(c: Comparison, terms: int = 6) -> Fitted:
    """Why each finding shown scored what it did: its largest contributions to the model's logit."""
    table = Table(title="why: each feature's value → what it added to the logit (score = 100 / (1 + e^-logit))")
    contributions = f"bias and largest contributions (of {len(features.FEATURES)})"
    for col in ("document", "figure", "score", "logit", contributions):
        table.add_column(col, no_wrap=col == "document")
    for d in c.with_figures:
        for f in d.findings:
            why = features.explain(f.features)
            if why is None:
                continue
            parts = [f"bias {why.bias:+.2f}"] + [
                f"{t.name} {t.value:.2f} → {t.contribution:+.2f}" for t in why.terms[:terms]
            ]
            table.add_row(printable(d.id), printable(f.text), f"{f.score:g}", f"{why.logit:+.2f}", "; ".join(parts))
    return Fitted(table, body=(contributions,), unlabelled=("figure",))


def render_table(c: Comparison, explain: bool = False) -> RenderableType:
    head = f'compare "{c.query}"'
    if c.statistic:
        head += f" → statistic {c.statistic} ({c.label})"
        head += {"paraphrase": ", read as a paraphrase", "one of several": ", one of the statistics it fits"}.get(
            c.resolved or "", ""
        )
    with_figs = sorted(c.with_figures, key=lambda d: -max(f.score for f in d.findings))
    shown_ids = {d.id for d in with_figs[: c.limit]}
    shown = [d for d in c.documents if d.id in shown_ids or (not d.findings and len(c.documents) <= c.limit)]
    parts: list[RenderableType] = [Text(printable(head), style="bold underline"), _documents_table(c, shown)]
    hidden = len(with_figs) - len(shown_ids)
    if hidden > 0:
        parts.append(
            Text(
                f"{hidden} more documents with figures not shown (--limit {c.limit}); "
                f"{c.without_figures} documents without a figure",
                style="dim",
            )
        )
    elif c.without_figures:
        parts.append(Text(f"{c.without_figures} of {len(c.documents)} documents give no figure", style="dim"))
    if any(f.scope_note for d in shown for f in d.findings):
        parts.append(
            Text(
                "* the statistic states its scope; cue words in the sentence say the other (see the JSON)", style="dim"
            )
        )
    if any(f.year_from == "document" for d in shown for f in d.findings):
        parts.append(Text("(year) in brackets: the document's date; the sentence names no year", style="dim"))
    for a in c.agreement:
        parts.append(_agreement_renderable(a, c.limit, shown_ids))
    if c.claims:
        claims = Table(title=None)
        for col in ("claim", "verdict", "supported by", "contradicted by"):
            claims.add_column(col, no_wrap=col == "claim")
        colours = {"supported": "green", "disputed": "yellow", "contradicted": "red", "not found": "dim"}
        for v in c.claims[: c.limit]:
            claims.add_row(  # past --limit documents, cut as the agreement lists are (all of them in the JSON)
                v.id,
                Text(v.verdict, style=colours[v.verdict]),
                _listed(v.supported_by, c.limit),
                _listed(v.contradicted_by, c.limit),
            )
        parts.append(Fitted(claims, unlabelled=("verdict",), title="claims on this statistic"))
        if len(c.claims) > c.limit:
            by_verdict = Counter(v.verdict for v in c.claims[c.limit :])
            counts = ", ".join(f"{n} {verdict}" for verdict, n in sorted(by_verdict.items()))
            more = len(c.claims) - c.limit
            noun = "claim" if more == 1 else "claims"
            note = f"… and {more} more {noun}: {counts} (--limit {c.limit}; all of them with --format json)"
            parts.append(Text(note, style="dim"))
    if explain:
        parts.append(explain_table(c))
    return Group(*parts)


# --- markdown -----------------------------------------------------------------------------------


def render_markdown(comparisons: Sequence[Comparison]) -> str:
    out: list[str] = []
    for c in comparisons:
        title = f"## {md(c.label or c.query)}" + (f" (`{c.statistic}`)" if c.statistic else "")
        out.append(title + "\n")
        rows = []
        for doc in c.documents:
            if not doc.findings:
                rows.append([md(doc.id), "no figure", "", "", "", "", ""])
            for f in doc.findings:
                rows.append(
                    [
                        md(doc.id),
                        md(f.text + on_page(f)),
                        md(describe_value(f)),
                        md(describe_year(f)),
                        md(f.scope or ""),
                        f"{f.score:.0f}",
                        markdown_evidence(f),
                    ]
                )
            if doc.vague:
                mentions = ", ".join(f"{md(f.text)} ({f.score:.0f})" for f in doc.vague)
                rows.append([md(doc.id), "*also mentions*", "", "", "", "", mentions])
        out.append(markdown_table(["document", "figure", "value", "year", "scope", "score", "evidence"], rows))
        for a in c.agreement:
            line = f"- **{md(group_title(a))}**: {md(verdict_line(a))}"
            if a.conflicting:
                line += "; conflicts: " + ", ".join(f"{md(x)} ≠ {md(y)}" for x, y in a.conflicting)
            if a.outliers:
                line += "; outliers: " + ", ".join(f"{md(o.document)} ({md(o.reason)})" for o in a.outliers)
            out.append(line)
        if c.claims:
            out.append("")
            out.append(
                markdown_table(
                    ["claim", "verdict", "supported by", "contradicted by"],
                    [
                        [md(v.id), md(v.verdict), md(", ".join(v.supported_by)), md(", ".join(v.contradicted_by))]
                        for v in c.claims
                    ],
                )
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["render_csv", "render_json", "render_markdown", "render_table"]
