"""The report as one self-contained HTML page (inline CSS, no script, nothing fetched), from a Jinja2 template.

The template (``factcheck/templates/report.html.j2``) escapes every value by default, so a document, claim, quote
or title that holds ``<script>`` shows as text; nothing here builds HTML by hand. What the template needs and
cannot say simply (a chart's positions, the figure inside its sentence, the figure that contradicts a claim) is
computed below as plain data. Links are made only of http(s) URLs. jinja2 is imported here, and this module only
by the report command, so other commands do not pay for it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

import jinja2
import markupsafe

from factcheck import __version__
from factcheck.commands.axis import Axis
from factcheck.commands.check import describe_figure
from factcheck.commands.compare import Agreement, Finding
from factcheck.commands.report import VERDICTS, ClaimEntry, Report, StatisticSection
from factcheck.render import format_number, format_ratio, printable
from factcheck.render.compare import (
    charted,
    describe_value,
    describe_year,
    evidence,
    group_title,
    verdict_line,
    year_words,
)

TEMPLATE = "report.html.j2"
# The page forbids itself every script and every fetch: only its own inline styles apply.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# A document's part in its group's verdict (the class of its chart row, and the legend's order and words).
ROLES = {
    "agrees": "agrees with another document",
    "conflicts": "conflicts with another document",
    "outlier": "outlier (possible scale or unit error)",
    "alone": "not compared (only figure, or another year)",
}
AGREEMENT_WORDS = {"agree": "agree", "conflict": "conflict", "single": "one document", "timeline": "time line"}
DISPUTE_WORDS = {**AGREEMENT_WORDS, "apart": "apart (units, rates or scopes differ)"}


# --- chart --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One document's mark: where it starts and how wide it is, in percent of the plot's width."""

    document: str
    text: str  # the figure as written, whole
    year: str  # "2020", "(2020)" from the document's date, or ""
    role: str  # a key of ROLES
    shape: str  # point, range, open_high, open_low
    left: float
    width: float


@dataclass(frozen=True, slots=True)
class Tick:
    left: float  # percent of the plot's width
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart of one group: one row per document on a shared axis, drawn by the template in HTML and CSS."""

    caption: str
    rows: tuple[ChartRow, ...]
    ticks: tuple[Tick, ...]
    scale: str  # "linear scale" or "logarithmic scale"

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles its rows have, in legend order."""
        used = {r.role for r in self.rows}
        return tuple(r for r in ROLES if r in used)


def roles(agreement: Agreement) -> dict[str, str]:
    """document → its part in the group: agrees, conflicts or outlier (absent: alone)."""
    found: dict[str, str] = {}
    for doc in agreement.agreeing:
        found[doc] = "agrees"
    for a, b in agreement.conflicting:
        found[a] = found[b] = "conflicts"
    for outlier in agreement.outliers:
        found[outlier.document] = "outlier"
    return found


def tick_label(value: float, unit: str | None) -> str:
    """A short axis label: 950; 28,000; 1.2 M; 6 bn; 75%."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        text = f"{value / 1e9:.3g} bn"
    elif magnitude >= 1e6:
        text = f"{value / 1e6:.3g} M"
    else:
        text = format_number(round(value, 6))
    return text + ("%" if unit == "%" else "")


def build_chart(axis: Axis, agreement: Agreement, caption: str, years: Mapping[str, str] | None = None) -> Chart:
    """The chart of one group: each mark's place on the axis, its colour's role, the figure as written and its year.

    ``years``: document → "2020", or "(2020)" when the year is the document's date.
    """
    years = years or {}
    parts = roles(agreement)

    def at(value: float) -> float:
        return round(axis.position(value) * 100, 1)

    rows = []
    for mark in axis.marks:
        if mark.shape == "open_low":
            left, right = 0.0, at(mark.high if mark.high is not None else axis.low)
        elif mark.shape == "open_high":
            left, right = at(mark.low if mark.low is not None else axis.low), 100.0
        else:
            left = at(mark.low if mark.low is not None else axis.low)
            right = at(mark.high) if mark.high is not None else left
        role = parts.get(mark.label, "alone")
        year = years.get(mark.label, "")
        rows.append(ChartRow(mark.label, mark.text, year, role, mark.shape, left, round(right - left, 1)))
    ticks = tuple(Tick(at(t), tick_label(t, agreement.unit)) for t in axis.ticks())
    scale = "logarithmic scale" if axis.log else "linear scale"
    return Chart(caption, tuple(rows), ticks, scale)


# --- what the template shows beside the report's own data ----------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """A finding's sentence (cut around the figure) in three parts, the figure in the middle."""

    before: str
    figure: str
    after: str


def evidence_parts(f: Finding) -> Evidence:
    cut, start, end = evidence(f)
    return Evidence(cut[:start], cut[start:end], cut[end:])


@dataclass(frozen=True, slots=True)
class Group:
    """One group of comparable figures of a statistic: its verdict, the figures behind it, and its chart."""

    agreement: Agreement
    title: str
    word: str  # agree, conflict, one document, time line
    line: str  # the verdict in words, with the range and spread
    figures: Mapping[str, str]  # document → its figure as written in this group
    timeline: tuple[tuple[str, str, str], ...]  # (year, document, figure) when the figures are for several years
    chart: Chart | None


GroupKey = tuple[str | None, str | None, str | None]


def _best_findings(section: StatisticSection) -> dict[tuple[str, GroupKey], Finding]:
    """(document, group key) → the document's best figure in that group (the one compare charts)."""
    best: dict[tuple[str, GroupKey], Finding] = {}
    for doc in section.comparison.documents:
        for f in doc.findings:
            key = (doc.id, f.group_key)
            if key not in best or f.score > best[key].score:
                best[key] = f
    return best


def groups(section: StatisticSection) -> tuple[Group, ...]:
    best = _best_findings(section)
    out = []
    for a in section.comparison.agreement:
        key = (a.scope, a.unit, a.per)
        texts = {doc: f.text for (doc, k), f in best.items() if k == key}
        years = {doc: describe_year(f) for (doc, k), f in best.items() if k == key and f.year is not None}
        title = group_title(a)
        timeline: tuple[tuple[str, str, str], ...] = ()
        if len({t.year for t in a.timeline}) > 1:
            timeline = tuple(dict.fromkeys((year_words(t.year, t.year_from), t.document, t.text) for t in a.timeline))
        chart = None
        if charted(a) and a.axis is not None:
            units = (f"in {a.unit}" if a.unit and a.unit != "%" else "") + (f" per {a.per}" if a.per else "")
            caption = f"{section.statistic.label} ({title}): each document's figure on one axis" + (
                f", {units.strip()}" if units else ""
            )
            chart = build_chart(a.axis, a, caption, years)
        out.append(Group(a, title, AGREEMENT_WORDS[a.verdict], verdict_line(a), texts, timeline, chart))
    return tuple(out)


def basis(entry: ClaimEntry, doc_ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(document, its figures in words) for documents that support or contradict a claim: ("wikipedia", "67,000")."""
    return tuple((doc, "; ".join(dict.fromkeys(describe_value(f) for f in entry.figures_of(doc)))) for doc in doc_ids)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None: no javascript: or data: URL ever becomes a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def claim_details(entry: ClaimEntry) -> str:
    c = entry.claim
    extra = []
    if c.figure is not None:
        extra.append(f"figure: {describe_figure(c.figure)}")
    if c.year is not None:
        extra.append(f"year: {c.year}")
    if c.tags:
        extra.append("tags: " + ", ".join(c.tags))
    return " · ".join(extra)


def _shown(value: Any) -> Any:
    """Every value printed by the template: None as nothing, control characters as escapes (``\\x1b``)."""
    if value is None:
        return ""
    if isinstance(value, (markupsafe.Markup, jinja2.Undefined)):  # the template's own markup (a macro's output)
        return value
    return printable(str(value))


@functools.cache
def environment() -> jinja2.Environment:
    """The one environment (compiling the template takes longer than rendering it: done once per process)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        number=format_number,
        value=describe_value,
        year=describe_year,
        safe_url=safe_url,
        evidence=evidence_parts,
        plural=lambda n, word: f"{n} {word}" + ("" if n == 1 else "s"),
        ratio=format_ratio,
    )
    env.globals.update(
        AGREEMENT_WORDS=AGREEMENT_WORDS,
        DISPUTE_WORDS=DISPUTE_WORDS,
        ROLES=ROLES,
        VERDICTS=VERDICTS,
        CSP=CSP,
        version=__version__,
        groups=groups,
        group_title=group_title,
        verdict_line=verdict_line,
        basis=basis,
        claim_details=claim_details,
    )
    return env


def render_html(report: Report, folder: str = ".") -> str:
    """The whole report as one HTML page that needs nothing else: no script, no stylesheet, font or image to fetch;
    ``folder`` is where it is written, from which a PDF's evidence links to ``report.pdf#page=14``."""
    return (
        environment()
        .get_template(TEMPLATE)
        .render(report=report, page_link=functools.partial(page_link, folder=folder))
    )


def page_link(path: str, page: int, folder: str) -> str:
    """A relative link from ``folder`` to ``page`` of the document at ``path``: ``../corpus/report.pdf#page=14``.
    Escaped (a colon too), it can only be a path: never a ``javascript:`` or other scheme."""
    relative = PurePath(os.path.relpath(path, folder)).as_posix()
    return f"{quote(relative, safe='/')}#page={page}"


__all__ = ["Chart", "ChartRow", "Tick", "build_chart", "charted", "render_html", "safe_url", "tick_label"]
