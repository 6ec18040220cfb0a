"""The report as Markdown (GitHub-flavoured), for pasting into a document or a pull request.

Every text from the corpus or the claims file is escaped (Markdown punctuation and HTML alike), so a quote that
holds ``<script>`` or ``**`` shows as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from factcheck.check import describe_figure
from factcheck.compare import Agreement
from factcheck.render import UNPRINTABLE, markdown_table, md, printable
from factcheck.render.compare import (
    axis_caption,
    chart_lines,
    describe_value,
    describe_year,
    group_title,
    markdown_evidence,
    verdict_line,
)
from factcheck.report import ClaimEntry, Report, StatisticSection


def md_url(url: str) -> str:
    """An http(s) URL as an autolink (characters that would end it percent-encoded); anything else as text."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return md(url)
    safe = "".join(quote(ch, safe="") if ch in " <>|`\\" or UNPRINTABLE.match(ch) else ch for ch in url)
    return f"<{safe}>"


def _fence(body: str) -> str:
    """``body`` as a fenced block of text, its control characters escaped (a fence keeps everything else as it is)."""
    body = printable(body)
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}text\n{body}\n{fence}"


def _group(a: Agreement) -> list[str]:
    out = [f"**{md(group_title(a))}**: {md(verdict_line(a))}", ""]
    if a.agreeing:
        out.append("- agree: " + ", ".join(md(d) for d in a.agreeing))
    out.extend(f"- conflict: {md(x)} ≠ {md(y)}" for x, y in a.conflicting)
    out.extend(f"- outlier: {md(o.document)} “{md(o.text)}”: {md(o.reason)}" for o in a.outliers)
    if len({t.year for t in a.timeline}) > 1:
        steps = "; ".join(
            f"{t.year if t.year_from == 'sentence' else f'({t.year})'} {md(t.document)} “{md(t.text)}”"
            for t in a.timeline
        )
        out.append(f"- time line: {steps}")
    if a.axis is not None and a.verdict != "single":
        rows = chart_lines(a.axis)
        width = max(len(label) for label, _ in rows)
        body = "\n".join(f"{label:<{width}} │{bar}│" for label, bar in rows)
        body += f"\n{'':<{width}}  {axis_caption(a.axis)}"
        out.extend(["", _fence(body)])
    out.append("")
    return out


def _findings(section: StatisticSection) -> str:
    """The findings of the documents that give a figure, and one line naming those that give none."""
    rows: list[list[str]] = []
    for doc in section.comparison.with_figures:
        for f in doc.findings:
            rows.append(
                [
                    md(doc.id),
                    md(f.text) + (" (ambiguous)" if f.ambiguous else ""),
                    md(describe_value(f)),
                    md(describe_year(f)),
                    md(f.scope or ""),
                    f"{f.score:.0f}",
                    f"{markdown_evidence(f)} (line {f.line})",
                ]
            )
    out = markdown_table(["document", "figure", "value", "year", "scope", "score", "evidence"], rows) if rows else ""
    silent = [md(doc.id) for doc in section.comparison.documents if not doc.findings]
    if silent:
        out += ("\n" if out else "") + f"No figure found in {', '.join(silent)}.\n"
    return out


def _check(entry: ClaimEntry) -> str:
    if entry.check is None:
        return "not checked"
    status = "✓ pass" if entry.passed else "✗ fail"
    problems = "; ".join(f"{md(p.severity)} \\[{md(p.code)}\\]: {md(p.message)}" for p in entry.check.problems)
    return status + (f": {problems}" if problems else "")


def _claims(entries: Sequence[ClaimEntry]) -> str:
    rows = []
    for entry in entries:
        c = entry.claim
        claim = f"`{c.id}` {md(c.text)}"
        if c.figure is not None:
            claim += f" (figure: {md(describe_figure(c.figure))})"
        basis = []
        if entry.supported_by:
            basis.append("supported by " + ", ".join(md(d) for d in entry.supported_by))
        if entry.contradicted_by:
            basis.append("contradicted by " + ", ".join(md(d) for d in entry.contradicted_by))
        verdict = f"**{entry.verdict}**" + (f" ({'; '.join(basis)})" if basis else "")
        citations = "; ".join(f"{md(x.document)}: “{md(x.quote)}”" for x in c.citations) or "*no citation*"
        rows.append([claim, verdict, citations, _check(entry)])
    return markdown_table(["claim", "verdict", "citations", "citation check"], rows)


def _section(section: StatisticSection) -> list[str]:
    stat, c = section.statistic, section.comparison
    out = [f"## {md(stat.label)} (`{stat.id}`)", ""]
    if stat.description:
        out.extend([md(stat.description), ""])
    out.extend([f"{len(c.with_figures)} of {len(c.documents)} documents give a figure.", ""])
    for a in c.agreement:
        out.extend(_group(a))
    out.extend(["### What each document says", "", _findings(section)])
    if section.claims:
        out.extend(["### Claims", "", _claims(section.claims)])
    return out


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, then one section per statistic, then the sources."""
    s = report.summary
    who = report.publisher
    by = f"By {md(who.organisation)}" + (f" ({md_url(who.url)})" if who.url else "") + " · " if who.organisation else ""
    out = [
        f"# {md(report.title)}",
        "",
        f"{by}{md(report.date)} · corpus {md(report.corpus)} · claims {md(report.claims_path)}",
        "",
        "## Summary",
        "",
        markdown_table(
            ["documents", "statistics", "claims", "citation check"],
            [[str(s.documents), str(s.statistics), str(s.claims), f"{s.passed} of {s.claims} claims pass"]],
        ),
        "Claim verdicts: " + ", ".join(f"{v} {n}" for v, n in s.verdicts) + ".",
        "",
        "### Largest disagreements",
        "",
    ]
    if s.disagreements:
        for i, d in enumerate(s.disagreements, 1):
            a = d.agreement
            line = f"{i}. **{md(d.label)}** ({md(group_title(a))}): {md(verdict_line(a))}"
            if a.conflicting:
                line += "; conflicts: " + ", ".join(f"{md(x)} ≠ {md(y)}" for x, y in a.conflicting)
            if a.outliers:
                line += "; outliers: " + ", ".join(md(o.document) for o in a.outliers)
            out.append(line)
    else:
        out.append("No conflict between documents.")
    out.append("")
    for section in report.sections:
        out.extend(_section(section))
    if report.other_claims:
        out.extend(["## Claims without a statistic", "", _claims(report.other_claims)])
    out.extend(["## Sources", ""])
    out.append(
        markdown_table(
            ["id", "title", "author", "publisher", "published", "kind", "url"],
            [
                [md(m.id), md(m.title or ""), md(m.author or ""), md(m.publisher or ""), md(m.published or "")]
                + [md(m.kind or ""), md_url(m.url) if m.url else ""]
                for m in report.documents
            ],
        )
    )
    return "\n".join(out).rstrip() + "\n"


__all__ = ["md", "md_url", "render_markdown"]
