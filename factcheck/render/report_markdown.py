"""The report as Markdown (GitHub-flavoured), for pasting into a document or a pull request.

Every text from the corpus or the claims file is escaped (Markdown punctuation and HTML alike), so a quote that
holds ``<script>`` or ``**`` shows as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from factcheck import __version__
from factcheck.commands.check import describe_figure
from factcheck.commands.compare import Agreement, Finding
from factcheck.commands.report import ClaimEntry, Report, StatisticSection
from factcheck.render import UNPRINTABLE, format_ratio, markdown_table, md, printable
from factcheck.render.compare import (
    axis_caption,
    chart_lines,
    charted,
    describe_value,
    describe_year,
    group_title,
    markdown_evidence,
    verdict_line,
)


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


def _group(a: Agreement, figures: dict[str, str]) -> list[str]:
    out = [f"**{md(group_title(a))}**: {md(verdict_line(a))}", ""]
    if a.verdict == "single":
        out.append("- only: " + ", ".join(f"{md(d)} “{md(t)}”" for d, t in figures.items()))
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
    if a.axis is not None and charted(a):
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
                    _doc(doc.id),
                    md(f.text) + (" (ambiguous)" if f.ambiguous else ""),
                    md(describe_value(f)),
                    md(describe_year(f)),
                    md(f.scope or ""),
                    f"{f.score:.0f}",
                    f"{markdown_evidence(f)} ({'line' if f.page is None else f'page {f.page}, line'} {f.line})",
                ]
            )
    out = markdown_table(["document", "figure", "value", "year", "scope", "score", "evidence"], rows) if rows else ""
    silent = [_doc(doc.id) for doc in section.comparison.documents if not doc.findings]
    if silent:
        out += ("\n" if out else "") + f"No figure found in {', '.join(silent)}.\n"
    return out


def _check(entry: ClaimEntry) -> str:
    if entry.check is None:
        return "not checked"
    status = "✓ pass" if entry.passed else "✗ fail"
    problems = "; ".join(f"{md(p.severity)} \\[{md(p.code)}\\]: {md(p.message)}" for p in entry.check.problems)
    return status + (f": {problems}" if problems else "")


def _basis(entry: ClaimEntry, docs: Sequence[str]) -> str:
    """Documents with the figures that decided their part: "wikipedia: 67,000"."""
    out = []
    for doc in docs:
        figures = "; ".join(dict.fromkeys(md(describe_value(f)) for f in entry.figures_of(doc)))
        out.append(_doc(doc) + (f": {figures}" if figures else ""))
    return ", ".join(out)


def _claims(entries: Sequence[ClaimEntry]) -> str:
    rows = []
    for entry in entries:
        c = entry.claim
        claim = f"`{c.id}` {md(c.text)}"
        if c.figure is not None:
            claim += f" (figure: {md(describe_figure(c.figure))})"
        basis = []
        if entry.supported_by:
            basis.append("supported by " + _basis(entry, entry.supported_by))
        if entry.contradicted_by:
            basis.append("contradicted by " + _basis(entry, entry.contradicted_by))
        verdict = f"**{entry.verdict}**" + (f" ({'; '.join(basis)})" if basis else "")
        cited = zip(c.citations, entry.cited_pages(), strict=True)
        citations = (
            "; ".join(f"{_doc(x.document)}: “{md(x.quote)}”" + (f" (page {p})" if p else "") for x, p in cited)
            or "*no citation*"
        )
        rows.append([claim, verdict, citations, _check(entry)])
    return markdown_table(["claim", "verdict", "citations", "citation check"], rows)


def _section(section: StatisticSection) -> list[str]:
    """A statistic: what each document says first, then each group's verdict and chart, then its claims."""
    stat, c = section.statistic, section.comparison
    out = [f"## {md(stat.label)} (`{stat.id}`)", ""]
    if stat.description:
        out.extend([md(stat.description), ""])
    out.extend([f"{len(c.with_figures)} of {len(c.documents)} documents give a figure.", ""])
    out.extend(["### What each document says", "", _findings(section)])
    figures = _group_figures(section)
    for a in c.agreement:
        out.extend(_group(a, figures.get((a.scope, a.unit, a.per), {})))
    if section.claims:
        out.extend(["### Claims", "", _claims(section.claims)])
    return out


def _group_figures(section: StatisticSection) -> dict[tuple[str | None, str | None, str | None], dict[str, str]]:
    """Group key → document → its best figure in that group, as written (the one compare charts)."""
    best: dict[tuple[str | None, str | None, str | None], dict[str, Finding]] = {}
    for doc in section.comparison.documents:
        for f in doc.findings:
            group = best.setdefault(f.group_key, {})
            if doc.id not in group or f.score > group[doc.id].score:
                group[doc.id] = f
    return {key: {doc: f.text for doc, f in docs.items()} for key, docs in best.items()}


def _doc(doc_id: str) -> str:
    """A document id that links to the sources table."""
    return f"[{md(doc_id)}](#sources)"


LEGEND = (
    "## How to read this report",
    "",
    "- **Charts**: one row per document on one axis shared by a group (the same scope, unit and rate), drawn only "
    "where at least two documents give a figure: `●` a figure, `├──┤` a range, `●──→` more than, `←──●` up to.",
    "- **Claim verdicts**: **supported** (documents give a figure that fits the claim), **disputed** (some documents "
    "fit it, others do not), **contradicted** (documents give figures that do not fit it; each is named with its "
    "figure), **not found** (no document gives a comparable figure).",
    "- **Citation check**: every quote of a claim stands word for word in its document, with the same figures.",
    "- **Score**: how well a figure matches the statistic, 0 to 100.",
    "",
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, one section per statistic, the sources, how to read it, the paths used."""
    s = report.summary
    who = report.publisher
    if who.organisation:
        by = f"Claims by {md(who.organisation)}" + (f" ({md_url(who.url)})" if who.url else "") + ", checked"
    else:
        by = "Claims checked"
    counts = " · ".join(
        (_plural(s.documents, "document"), _plural(s.statistics, "statistic"), _plural(s.claims, "claim"))
    )
    out = [
        f"# {md(report.title)}",
        "",
        f"{by} against {counts} · {md(report.date)}",
        "",
        *_disputes(report),
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
            ["id", "title", "publisher", "author", "published", "kind", "url"],
            [
                [md(m.id), md(m.title or ""), md(m.publisher or ""), md(m.author or ""), md(m.published or "")]
                + [md(m.kind or ""), md_url(m.url) if m.url else ""]
                for m in report.documents
            ],
        )
    )
    out.extend(LEGEND)
    out.append(f"Corpus {md(report.corpus)} · claims {md(report.claims_path)} · made with factcheck {__version__}.")
    return "\n".join(out).rstrip() + "\n"


def _disputes(report: Report) -> list[str]:
    """The "Disputes found" section: what ``factcheck disputes`` finds, conflicts first (none: no section)."""
    if not report.disputes:
        return []
    rows = []
    for rank, d in enumerate(report.disputes, 1):
        if d.statistic:
            group = f"{md(d.label)} (statistic `{md(d.statistic)}`)"
        elif d.also_about:
            group = f"{md(d.label)} (also about `{md(d.also_about)}`)"
        else:
            group = f"{md(d.label)} (new)"
        verdict = d.verdict.replace("timeline", "time line") + (
            f" · spread {format_ratio(d.spread)}" if d.spread else ""
        )
        figures = "; ".join(f"{md(f.document)}: {md(f.text)}" for f in d.figures)
        slips = "".join(f"; probable slip: {md(s.document)} {md(s.text)}: {md(s.suspicion)}" for s in d.slips)
        rows.append([str(rank), group, md(verdict), figures + slips])
    return ["## Disputes found", "", markdown_table(["#", "group", "verdict", "figures"], rows)]


__all__ = ["md", "md_url", "render_markdown"]
