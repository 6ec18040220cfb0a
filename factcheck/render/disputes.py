"""Renderers of the disputes found in a corpus: rich table with the evidence, JSON (schema 1) and Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.commands.compare import DocumentFindings, Finding
from factcheck.commands.disputes import Dispute, DisputesReport, Slip
from factcheck.render import format_ratio, markdown_table, md, printable, printable_spans, to_json
from factcheck.render.compare import agreement_dict, evidence, finding_dict, markdown_evidence

EVIDENCE_CHARS = 160


def dispute_dict(dispute: Dispute) -> dict[str, Any]:
    c = dispute.comparison
    return {
        "id": dispute.id,
        "label": dispute.label,
        "verdict": dispute.verdict,
        "documents": dispute.documents,
        "in_conflict": dispute.in_conflict,
        "spread": dispute.spread,
        "statistic": dispute.statistic,
        "also_about": dispute.also_about,
        "reviewed": dispute.reviewed,
        "figures": [{"document": d.id, **finding_dict(f)} for d in c.with_figures for f in d.findings],
        "agreement": [agreement_dict(a) for a in c.agreement],
        "slips": [
            {
                "document": s.document,
                "text": s.text,
                "other": s.other,
                "other_text": s.other_text,
                "suspicion": s.suspicion,
            }
            for s in dispute.slips
        ],
    }


def render_json(report: DisputesReport, files: Mapping[str, str | None] = {}) -> str:
    """The report as JSON; ``files`` (the corpus and the claims file read) are added at the top."""
    return to_json(
        {
            "schema": report.schema,
            **files,
            "figures": report.figures,
            "phrases": report.phrases,
            "disputes": [dispute_dict(d) for d in report.disputes],
        }
    )


def _verdict(dispute: Dispute) -> str:
    if dispute.verdict == "conflict":
        return f"conflict ({dispute.in_conflict} documents)"
    if dispute.verdict == "apart":
        return "apart (units, rates or scopes differ)"
    return "time line" if dispute.verdict == "timeline" else dispute.verdict


def _spread(dispute: Dispute) -> str:
    return "" if dispute.spread is None else format_ratio(dispute.spread)


def _covered(dispute: Dispute) -> str:
    text = dispute.statistic or (f"also about {dispute.also_about}" if dispute.also_about else "new")
    return text + (" · reviewed" if dispute.reviewed else "")


def render_table(report: DisputesReport) -> RenderableType:
    """One block per group: its label, verdict and spread, then each document's figure with its sentence."""
    parts: list[RenderableType] = []
    for rank, dispute in enumerate(report.disputes, 1):
        title = Text(f"{rank}. {printable(dispute.label)}", style="bold")
        title.append(f"  {_verdict(dispute)}", style="red" if dispute.verdict == "conflict" else "")
        if dispute.spread is not None:
            title.append(f" · spread {_spread(dispute)}")
        title.append(f" · {_covered(dispute)} · {dispute.id}", style="dim")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
        table.add_column("document", no_wrap=True, overflow="fold")
        table.add_column("figure", no_wrap=True)
        table.add_column("line", justify="right")
        table.add_column("evidence", overflow="fold", ratio=1)
        for doc, finding in _firsts(dispute):
            cut, start, end = evidence(finding, EVIDENCE_CHARS)
            shown, spans = printable_spans(" ".join(cut.split("\n")), [(start, end)])
            sentence = Text(shown)
            sentence.stylize("bold", *spans[0])
            table.add_row(doc.id, finding.text, str(finding.line), sentence)
        parts.append(title)
        parts.append(table)
        for slip in dispute.slips:
            parts.append(Text(f"  probable slip: {_slip(slip)}", style="yellow"))
        parts.append(Text(""))
    groups = "1 group" if len(report.disputes) == 1 else f"{len(report.disputes)} groups"
    figures = "1 figure" if report.figures == 1 else f"{report.figures:,} figures"
    summary = f"{groups} from {figures} ({report.phrases} phrases and statistics compared)"
    parts.append(Text(summary, style="dim"))
    return Group(*parts)


def _slip(slip: Slip) -> str:
    return printable(f"{slip.document} {slip.text} against {slip.other} {slip.other_text}: {slip.suspicion}")


def _firsts(dispute: Dispute) -> list[tuple[DocumentFindings, Finding]]:
    """Each document of the group with its figure."""
    return list(zip(dispute.comparison.with_figures, dispute.figures, strict=True))


def render_markdown(report: DisputesReport) -> str:
    headers = ["#", "group", "verdict", "documents", "spread", "statistic", "id"]
    rows = [
        [
            str(rank),
            md(d.label),
            md(_verdict(d)),
            str(d.documents),
            md(_spread(d)),
            md(_covered(d)),
            f"`{md(d.id)}`",
        ]
        for rank, d in enumerate(report.disputes, 1)
    ]
    lines = ["# Disputes", "", markdown_table(headers, rows)]
    for rank, d in enumerate(report.disputes, 1):
        lines.append(f"## {rank}. {md(d.label)}\n")
        lines.append(
            markdown_table(
                ["document", "figure", "line", "evidence"],
                ([md(doc.id), md(f.text), str(f.line), markdown_evidence(f)] for doc, f in _firsts(d)),
            )
        )
        lines.extend(f"- probable slip: {md(_slip(slip))}" for slip in d.slips)
    return "\n".join(lines)
