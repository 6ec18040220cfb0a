"""The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, nothing fetched.

Every text that comes from the corpus or the claims file goes through ``html.escape``; links are made only of
http(s) URLs, so a document that holds ``<script>`` or a ``javascript:`` URL shows as text and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from factcheck import __version__
from factcheck.axis import Axis, AxisMark
from factcheck.check import describe_figure
from factcheck.compare import Agreement, Finding
from factcheck.render import format_number, printable
from factcheck.render.compare import describe_value, describe_year, evidence, group_title, verdict_line, year_words
from factcheck.report import VERDICTS, ClaimEntry, Disagreement, Report, StatisticSection

# Chart geometry (SVG user units; the chart scales to the page width).
CHART_WIDTH = 960
LABEL_WIDTH = 170
PLOT_LEFT = LABEL_WIDTH + 14
FIGURE_WIDTH = 210  # the column of the figures as written, right of the plot
FIGURE_X = CHART_WIDTH - FIGURE_WIDTH + 12
PLOT_RIGHT = CHART_WIDTH - FIGURE_WIDTH - 12
ROW_HEIGHT = 30
TOP = 28
LABEL_CHARS = 24
FIGURE_CHARS = 30

# Colours of a document's mark, by its part in the group's verdict (legend order).
COLOURS = {
    "agrees": ("#2e7d32", "agrees with another document"),
    "conflicts": ("#c62828", "conflicts with another document"),
    "outlier": ("#7b1fa2", "outlier (possible scale or unit error)"),
    "alone": ("#1f5fa8", "not compared (only figure, or another year)"),
}
AGREEMENT_WORDS = {"agree": "agree", "conflict": "conflict", "single": "one document", "timeline": "time line"}


def e(text: object) -> str:
    """Escape any text for HTML content and attribute values; control characters show as escapes (``\\x1b``)."""
    return html.escape(printable(str(text)), quote=True)


def anchor(prefix: str, ident: str) -> str:
    """An id attribute value for a statistic or claim (ids are letters, digits, '.', '_', '-'; escaped anyway)."""
    return e(f"{prefix}-{ident}")


def link(url: str | None, text: str) -> str:
    """A link when ``url`` is http(s), else the text alone: no javascript: or data: URL ever becomes a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return f'<a href="{e(url.strip())}">{e(text)}</a>'
    return e(text)


# --- chart --------------------------------------------------------------------------------------


def _roles(agreement: Agreement) -> dict[str, str]:
    roles: dict[str, str] = {}
    for doc in agreement.agreeing:
        roles[doc] = "agrees"
    for a, b in agreement.conflicting:
        roles[a] = roles[b] = "conflicts"
    for outlier in agreement.outliers:
        roles[outlier.document] = "outlier"
    return roles


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


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _mark_svg(mark: AxisMark, axis: Axis, y: float, colour: str) -> list[str]:
    """The shapes of one mark: a dot, a bar with end caps, or a line with an arrow to the open end."""

    def x(value: float) -> float:
        return round(PLOT_LEFT + axis.position(value) * (PLOT_RIGHT - PLOT_LEFT), 1)

    parts: list[str] = []
    if mark.shape == "point" and mark.low is not None:
        cx = x(mark.low)
        parts.append(f'<circle cx="{cx}" cy="{y}" r="6" fill="{colour}"/>')
        return parts
    if mark.shape == "range" and mark.low is not None and mark.high is not None:
        a, b = x(mark.low), x(mark.high)
        width = max(b - a, 2.0)
        parts.append(f'<rect x="{a}" y="{y - 4}" width="{round(width, 1)}" height="8" rx="4" fill="{colour}"/>')
        parts.append(f'<line x1="{a}" y1="{y - 8}" x2="{a}" y2="{y + 8}" stroke="{colour}" stroke-width="2"/>')
        b2 = round(a + width, 1)
        parts.append(f'<line x1="{b2}" y1="{y - 8}" x2="{b2}" y2="{y + 8}" stroke="{colour}" stroke-width="2"/>')
        return parts
    if mark.shape == "open_high" and mark.low is not None:
        a, end = x(mark.low), PLOT_RIGHT
        parts.append(f'<line x1="{a}" y1="{y}" x2="{end - 8}" y2="{y}" stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<polygon points="{end},{y} {end - 10},{y - 6} {end - 10},{y + 6}" fill="{colour}"/>')
        parts.append(f'<circle cx="{a}" cy="{y}" r="6" fill="{colour}"/>')
        return parts
    high = mark.high if mark.high is not None else axis.low
    b, start = x(high), PLOT_LEFT
    parts.append(f'<line x1="{start + 8}" y1="{y}" x2="{b}" y2="{y}" stroke="{colour}" stroke-width="3"/>')
    parts.append(f'<polygon points="{start},{y} {start + 10},{y - 6} {start + 10},{y + 6}" fill="{colour}"/>')
    parts.append(f'<circle cx="{b}" cy="{y}" r="6" fill="{colour}"/>')
    return parts


def _legend(y: float, roles: Iterable[str]) -> list[str]:
    """Shapes (point, range, open end) and the colours used, in one line under the axis."""
    parts = [f'<g class="legend" transform="translate({LABEL_WIDTH - 150},{y})">']
    x = 0.0
    grey = "#555"
    parts.append(f'<circle cx="{x + 6}" cy="0" r="5" fill="{grey}"/>')
    parts.append(f'<text x="{x + 16}" y="4">figure</text>')
    x += 66
    parts.append(f'<rect x="{x}" y="-4" width="26" height="8" rx="4" fill="{grey}"/>')
    parts.append(f'<text x="{x + 32}" y="4">range</text>')
    x += 76
    parts.append(f'<line x1="{x}" y1="0" x2="{x + 18}" y2="0" stroke="{grey}" stroke-width="3"/>')
    parts.append(f'<polygon points="{x + 26},0 {x + 16},-5 {x + 16},5" fill="{grey}"/>')
    parts.append(f'<text x="{x + 32}" y="4">open end (over, under)</text>')
    x += 168
    for role in roles:
        colour, words = COLOURS[role]
        parts.append(f'<rect x="{x}" y="-6" width="12" height="12" rx="2" fill="{colour}"/>')
        parts.append(f'<text x="{x + 17}" y="4">{e(words.split(" (")[0])}</text>')
        x += 17 + 6.2 * len(words.split(" (")[0]) + 16
    parts.append("</g>")
    return parts


def chart_svg(axis: Axis, agreement: Agreement, caption: str, years: Mapping[str, str] | None = None) -> str:
    """One row per document on a shared axis: ● a figure, a bar a range, an arrow an open end.

    Beside each row, the figure as written and, from ``years`` (document → "2020", or "(2020)" when the year is
    the document's date), the year it is for.
    """
    years = years or {}
    roles = _roles(agreement)
    rows = len(axis.marks)
    axis_y = TOP + rows * ROW_HEIGHT + 4
    height = axis_y + 64
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" role="img" font-family="inherit" font-size="12">',
        f"<title>{e(caption)}</title>",
    ]
    head = f'y="{TOP - 10}" fill="#5d6677" font-size="11" letter-spacing=".5"'
    out.append(f'<text x="{LABEL_WIDTH}" {head} text-anchor="end">DOCUMENT</text>')
    out.append(f'<text x="{FIGURE_X}" {head}>FIGURE AS WRITTEN{" · YEAR" if years else ""}</text>')
    ticks = axis.ticks()
    for t in ticks:
        tx = round(PLOT_LEFT + axis.position(t) * (PLOT_RIGHT - PLOT_LEFT), 1)
        out.append(f'<line x1="{tx}" y1="{TOP}" x2="{tx}" y2="{axis_y}" stroke="#e3e6ea" stroke-width="1"/>')
    for i, mark in enumerate(axis.marks):
        y = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2
        if i % 2 == 0:
            out.append(
                f'<rect x="0" y="{TOP + i * ROW_HEIGHT}" width="{CHART_WIDTH}" height="{ROW_HEIGHT}" fill="#f6f7f9"/>'
            )
        colour = COLOURS[roles.get(mark.label, "alone")][0]
        out.append(f'<g class="mark" data-document="{e(mark.label)}"><title>{e(mark.label)}: {e(mark.text)}</title>')
        out.append(f'<text x="{LABEL_WIDTH}" y="{y + 4}" text-anchor="end" fill="#222">{e(_short(mark.label))}</text>')
        out.extend(_mark_svg(mark, axis, y, colour))
        year = years.get(mark.label)
        when = f' <tspan fill="#5d6677">· {e(year)}</tspan>' if year else ""
        figure = e(_short(mark.text, FIGURE_CHARS - (len(year) + 3 if year else 0)))
        out.append(f'<text x="{FIGURE_X}" y="{y + 4}" fill="{colour}">{figure}{when}</text>')
        out.append("</g>")
    out.append(f'<line x1="{PLOT_LEFT}" y1="{axis_y}" x2="{PLOT_RIGHT}" y2="{axis_y}" stroke="#333" stroke-width="1"/>')
    for t in ticks:
        tx = round(PLOT_LEFT + axis.position(t) * (PLOT_RIGHT - PLOT_LEFT), 1)
        out.append(f'<line x1="{tx}" y1="{axis_y}" x2="{tx}" y2="{axis_y + 5}" stroke="#333"/>')
        label = e(tick_label(t, agreement.unit))
        out.append(f'<text x="{tx}" y="{axis_y + 18}" text-anchor="middle" fill="#333">{label}</text>')
    scale = "logarithmic scale" if axis.log else "linear scale"
    out.append(f'<text x="{PLOT_RIGHT}" y="{axis_y + 34}" text-anchor="end" fill="#666" font-style="italic">')
    out.append(f"{e(scale)}</text>")
    used = [r for r in COLOURS if r in set(roles.values()) or (r == "alone" and len(roles) < rows)]
    out.extend(_legend(axis_y + 52, used))
    out.append("</svg>")
    return "".join(out)


def empty_chart(message: str) -> str:
    """The chart of a statistic no document gives a figure for: the message in an empty frame."""
    return (
        f'<svg class="chart empty" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} 48" '
        f'width="{CHART_WIDTH}" height="48" role="img" font-family="inherit" font-size="13">'
        f"<title>{e(message)}</title>"
        f'<rect x="0.5" y="0.5" width="{CHART_WIDTH - 1}" height="47" rx="6" fill="#f6f7f9" stroke="#d5d9de" '
        f'stroke-dasharray="4 3"/><text x="{CHART_WIDTH / 2}" y="29" text-anchor="middle" fill="#666">'
        f"{e(message)}</text></svg>"
    )


# --- page parts ---------------------------------------------------------------------------------


def _badge(kind: str, word: str, text: str | None = None) -> str:
    return f'<span class="badge {e(kind)}-{e(word.replace(" ", "-"))}">{e(text or word)}</span>'


def _evidence_html(f: Finding) -> str:
    cut, s, t = evidence(f)
    return f"{e(cut[:s])}<mark>{e(cut[s:t])}</mark>{e(cut[t:])}"


def _reasons(a: Agreement, texts: dict[str, str]) -> str:
    items: list[str] = []
    if a.agreeing:
        items.append("<li><strong>Agree:</strong> " + ", ".join(_doc_figure(d, texts) for d in a.agreeing) + "</li>")
    for x, y in a.conflicting:
        items.append(
            f'<li class="conflict"><strong>Conflict:</strong> {_doc_figure(x, texts)} ≠ {_doc_figure(y, texts)}</li>'
        )
    for o in a.outliers:
        items.append(f'<li class="outlier"><strong>Outlier:</strong> {e(o.document)} “{e(o.text)}”: {e(o.reason)}</li>')
    years = {t.year for t in a.timeline}
    if len(years) > 1:
        entries = dict.fromkeys((year_words(t.year, t.year_from), t.document, t.text) for t in a.timeline)
        steps = "; ".join(f"{e(year)} {e(doc)} “{e(text)}”" for year, doc, text in entries)
        items.append(f"<li><strong>Time line:</strong> {steps}</li>")
    return f'<ul class="reasons">{"".join(items)}</ul>' if items else ""


def _doc_figure(doc: str, texts: dict[str, str]) -> str:
    figure = texts.get(doc)
    return f"{e(doc)} (“{e(figure)}”)" if figure else e(doc)


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


def _group_html(section: StatisticSection, a: Agreement, best: dict[tuple[str, GroupKey], Finding]) -> str:
    key = (a.scope, a.unit, a.per)
    texts = {doc: f.text for (doc, k), f in best.items() if k == key}
    years = {doc: describe_year(f) for (doc, k), f in best.items() if k == key and f.year is not None}
    title = group_title(a)
    word = AGREEMENT_WORDS[a.verdict]
    out = [f'<div class="group verdict-{e(a.verdict)}">']
    out.append(f"<h3>{e(title)} {_badge('agreement', word)}</h3>")
    out.append(f'<p class="verdict-line">{e(verdict_line(a))}</p>')
    out.append(_reasons(a, texts))
    if a.axis is not None:
        units = (f"in {a.unit}" if a.unit and a.unit != "%" else "") + (f" per {a.per}" if a.per else "")
        caption = f"{section.statistic.label} ({title}): each document's figure on one axis" + (
            f", {units.strip()}" if units else ""
        )
        out.append(f'<figure class="chart-box">{chart_svg(a.axis, a, caption, years)}')
        out.append(f"<figcaption>{e(caption)}</figcaption></figure>")
    out.append("</div>")
    return "".join(out)


def _findings_table(section: StatisticSection) -> str:
    """The findings of the documents that give a figure, and one line naming those that give none."""
    rows: list[str] = []
    silent = [doc.id for doc in section.comparison.documents if not doc.findings]
    for doc in section.comparison.with_figures:
        for i, f in enumerate(doc.findings):
            head = f'<th scope="row" rowspan="{len(doc.findings)}">{e(doc.id)}</th>' if i == 0 else ""
            ambiguous = ' <span class="note">(ambiguous)</span>' if f.ambiguous else ""
            value = e(describe_value(f)).replace("–", "–<wbr>")  # a range may wrap after its dash
            rows.append(
                f"<tr>{head}<td class='figure'>{e(f.text)}{ambiguous}</td><td class='value'>{value}</td>"
                f"<td>{e(describe_year(f))}</td><td>{e(f.scope or '')}</td><td class='num'>{f.score:.0f}</td>"
                f"<td class='evidence'>{_evidence_html(f)} <span class='line'>line {f.line}</span></td></tr>"
            )
    head = (
        "<thead><tr><th>document</th><th>figure</th><th>value</th><th>year</th><th>scope</th>"
        '<th title="how well the figure matches the statistic, 0-100">score</th><th>evidence</th></tr></thead>'
    )
    table = f'<table class="findings">{head}<tbody>{"".join(rows)}</tbody></table>' if rows else ""
    note = f'<p class="note no-figure">No figure found in {e(", ".join(silent))}.</p>' if silent else ""
    return table + note


def _check_html(entry: ClaimEntry) -> str:
    if entry.check is None:
        return '<span class="check unknown">not checked</span>'
    status = (
        '<span class="check pass">✓ citations stand</span>'
        if entry.passed
        else '<span class="check fail">✗ citation check fails</span>'
    )
    problems = "".join(
        f'<li class="{e(p.severity)}"><strong>{e(p.severity)}</strong> [{e(p.code)}]: {e(p.message)}</li>'
        for p in entry.check.problems
    )
    return status + (f'<ul class="problems">{problems}</ul>' if problems else "")


def _citations_html(entry: ClaimEntry, report: Report) -> str:
    if not entry.claim.citations:
        return '<span class="note">no citation</span>'
    items = []
    for c in entry.claim.citations:
        meta = report.document(c.document)
        name = link(meta.url if meta else None, c.document)
        note = f'<div class="note">{e(c.note)}</div>' if c.note else ""
        items.append(f"<li>{name}: <q>{e(c.quote)}</q>{note}</li>")
    return f'<ul class="citations">{"".join(items)}</ul>'


def _claims_table(entries: Sequence[ClaimEntry], report: Report) -> str:
    rows = []
    for entry in entries:
        c = entry.claim
        extra = []
        if c.figure is not None:
            extra.append(f"figure: {e(describe_figure(c.figure))}")
        if c.year is not None:
            extra.append(f"year: {c.year}")
        if c.tags:
            extra.append("tags: " + e(", ".join(c.tags)))
        details = f'<div class="note">{" · ".join(extra)}</div>' if extra else ""
        support = []
        if entry.supported_by:
            support.append("supported by " + e(", ".join(entry.supported_by)))
        if entry.contradicted_by:
            support.append("contradicted by " + e(", ".join(entry.contradicted_by)))
        basis = f'<div class="note">{"; ".join(support)}</div>' if support else ""
        rows.append(
            f'<tr id="{anchor("claim", c.id)}"><td class="claim"><code>{e(c.id)}</code><div>{e(c.text)}</div>'
            f"{details}</td><td>{_badge('verdict', entry.verdict)}{basis}</td>"
            f"<td>{_citations_html(entry, report)}</td><td>{_check_html(entry)}</td></tr>"
        )
    head = "<thead><tr><th>claim</th><th>verdict</th><th>citations</th><th>citation check</th></tr></thead>"
    return f'<table class="claims">{head}<tbody>{"".join(rows)}</tbody></table>'


def _section_html(section: StatisticSection, report: Report) -> str:
    stat = section.statistic
    c = section.comparison
    out = [f'<section class="statistic" id="{anchor("stat", stat.id)}">']
    out.append(f"<h2>{e(stat.label)} <code>{e(stat.id)}</code></h2>")
    if stat.description:
        out.append(f'<p class="description">{e(stat.description)}</p>')
    with_figures = len(c.with_figures)
    out.append(
        f'<p class="coverage">{with_figures} of {len(c.documents)} documents give a figure'
        + (f"; {len(section.claims)} claim{'s' if len(section.claims) != 1 else ''}" if section.claims else "")
        + ".</p>"
    )
    if c.agreement:
        best = _best_findings(section)
        out.extend(_group_html(section, a, best) for a in c.agreement)
    else:
        out.append(empty_chart("No document gives a figure for this statistic."))
    out.append("<h3>What each document says</h3>")
    out.append(_findings_table(section))
    if section.claims:
        out.append("<h3>Claims</h3>")
        out.append(_claims_table(section.claims, report))
    out.append("</section>")
    return "".join(out)


def _disagreement_html(d: Disagreement) -> str:
    a = d.agreement
    conflicts = "; ".join(f"{e(x)} ≠ {e(y)}" for x, y in a.conflicting)
    outliers = "; ".join(f"{e(o.document)} is an outlier" for o in a.outliers)
    extra = " — ".join(p for p in (conflicts, outliers) if p)
    return (
        f'<li><a href="#{anchor("stat", d.statistic)}">{e(d.label)}</a> <span class="note">({e(group_title(a))})'
        f"</span>: {e(verdict_line(a))}" + (f'<div class="note">{extra}</div>' if extra else "") + "</li>"
    )


def _summary_html(report: Report) -> str:
    s = report.summary
    pct = 100 * s.passed / s.claims if s.claims else 100.0
    cards = [
        ("documents", f"{s.documents}", "documents in the corpus"),
        ("statistics", f"{s.statistics}", "statistics compared"),
        ("claims", f"{s.claims}", "claims reviewed"),
        ("citations", f"{s.passed} of {s.claims}", "claims pass the citation check"),
    ]
    out = ['<section id="summary" class="summary"><h2>Summary</h2><div class="cards">']
    for name, value, words in cards:
        out.append(f'<div class="card {name}"><div class="value">{e(value)}</div><div class="label">{e(words)}</div>')
        if name == "citations":
            bar_class = "pass" if s.failed == 0 else "fail"
            out.append(f'<div class="bar"><span class="{bar_class}" style="width:{pct:.1f}%"></span></div>')
        out.append("</div>")
    out.append("</div>")
    out.append('<p class="verdicts">Claim verdicts: ')
    out.append(" ".join(_badge("verdict", v, f"{v}: {n}") for v, n in s.verdicts))
    out.append("</p>")
    out.append("<h3>Largest disagreements</h3>")
    if s.disagreements:
        out.append('<ol class="disagreements">' + "".join(_disagreement_html(d) for d in s.disagreements) + "</ol>")
    else:
        out.append('<p class="note">No conflict between documents.</p>')
    out.append("<h3>Statistics</h3>")
    rows = []
    for section in report.sections:
        groups = " ".join(
            _badge("agreement", AGREEMENT_WORDS[a.verdict], f"{AGREEMENT_WORDS[a.verdict]}: {group_title(a)}")
            for a in section.comparison.agreement
        )
        counts = {v: sum(1 for c in section.claims if c.verdict == v) for v in VERDICTS}
        verdicts = " ".join(_badge("verdict", v, f"{n} {v}") for v, n in counts.items() if n)
        rows.append(
            f'<tr><td><a href="#{anchor("stat", section.id)}">{e(section.statistic.label)}</a></td>'
            f"<td class='num'>{len(section.comparison.with_figures)}</td>"
            f"<td>{groups or '<span class=note>no figure</span>'}</td><td>{verdicts}</td></tr>"
        )
    out.append(
        '<table class="toc"><thead><tr><th>statistic</th><th>documents with a figure</th><th>agreement</th>'
        f"<th>claims</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    out.append("</section>")
    return "".join(out)


def _sources_html(report: Report) -> str:
    rows = []
    for m in report.documents:
        rows.append(
            f"<tr><th scope='row'>{e(m.id)}</th><td>{link(m.url, m.title or m.id)}</td>"
            f"<td>{e(m.author or '')}</td><td>{e(m.publisher or '')}</td><td>{e(m.published or '')}</td>"
            f"<td>{e(m.kind or '')}</td></tr>"
        )
    return (
        '<section id="sources" class="sources"><h2>Sources</h2><table class="sources"><thead><tr><th>id</th>'
        "<th>title</th><th>author</th><th>publisher</th><th>published</th><th>kind</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _header_html(report: Report) -> str:
    who = report.publisher
    by = ""
    if who.organisation:
        by = f"By {link(who.url, who.organisation)} · "
    return (
        f"<header><h1>{e(report.title)}</h1><p class='meta'>{by}{e(report.date)} · corpus <code>{e(report.corpus)}"
        f"</code> · claims <code>{e(report.claims_path)}</code></p></header>"
    )


CSS = """
:root{--ink:#1d2330;--muted:#5d6677;--line:#d9dde3;--soft:#f6f7f9;--accent:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;background:#eef0f3;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1120px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:30px;margin:0 0 4px}
h2{font-size:22px;margin:0 0 8px}
h3{font-size:16px;margin:22px 0 6px}
code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 4px;
border-radius:3px;color:var(--muted)}
h2 code{font-size:14px;vertical-align:middle}
a{color:var(--accent)}
.meta,.note,.coverage{color:var(--muted)}
.note{font-size:13px}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:22px 26px;margin:20px 0}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:8px 0 14px}
.card{background:var(--soft);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card .value{font-size:26px;font-weight:700}
.card .label{color:var(--muted);font-size:13px}
.bar{height:6px;background:#f3c9c9;border-radius:3px;margin-top:8px;overflow:hidden}
.bar span{display:block;height:100%;background:#2e7d32}
table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0 4px}
th,td{text-align:left;vertical-align:top;padding:7px 9px;border-bottom:1px solid var(--line)}
thead th{background:var(--soft);font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tbody tr:nth-child(even) td{background:#fafbfc}
tbody th{font-weight:600;white-space:nowrap}
table.findings td.evidence{width:50%;min-width:320px}
table.findings td.value{min-width:110px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.evidence{font-size:13.5px;color:#333}
.line{color:var(--muted);font-size:12px;white-space:nowrap}
p.no-figure{margin:4px 0 0}
mark{background:#ffe58a;padding:0 2px;border-radius:2px;font-weight:600}
q{font-style:italic}
.badge{display:inline-block;font-size:12px;font-weight:600;line-height:1;padding:4px 8px;border-radius:999px;
border:1px solid transparent;white-space:nowrap;vertical-align:middle}
.verdict-supported,.agreement-agree{background:#e3f3e4;color:#1b5e20;border-color:#a5d6a7}
.verdict-disputed{background:#fff4d6;color:#7a5200;border-color:#f2d17b}
.verdict-contradicted,.agreement-conflict{background:#fde4e4;color:#a01818;border-color:#f1a5a5}
.verdict-not-found,.agreement-one-document{background:#eceff3;color:#4a5362;border-color:#cfd5dd}
.agreement-time-line{background:#e3edf9;color:#174a86;border-color:#a9c4e8}
div.group{border-left:4px solid var(--line);padding:2px 0 4px 14px;margin:14px 0 18px}
div.group.verdict-conflict{border-left-color:#e57373}
div.group.verdict-agree{border-left-color:#81c784}
div.group.verdict-timeline{border-left-color:#90b4e0}
.verdict-line{margin:2px 0 4px;font-weight:600}
ul.reasons{margin:4px 0 8px;padding-left:20px}
ul.reasons li.conflict{color:#a01818}
ul.reasons li.outlier{color:#6a1b9a}
figure.chart-box{margin:8px 0 4px}
figure.chart-box figcaption{color:var(--muted);font-size:12.5px}
svg.chart{display:block;max-width:100%;height:auto;font-family:inherit}
svg.chart .legend text{fill:#444;font-size:11.5px}
ul.citations,ul.problems{margin:0;padding-left:18px}
ul.problems{font-size:13px}
ul.problems li.error{color:#a01818}
ul.problems li.warning{color:#7a5200}
.check{font-weight:600;white-space:nowrap}
.check.pass{color:#1b5e20}
.check.fail{color:#a01818}
table.claims td.claim{min-width:260px}
table.toc td:first-child{min-width:220px;font-weight:600}
table.toc td .badge{margin:1px 0}
ol.disagreements li{margin:4px 0}
footer{color:var(--muted);font-size:13px;padding-bottom:30px}
@media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}}
@media print{body{background:#fff}section{border:none;padding:0;break-inside:avoid-page}}
"""


# The page forbids itself every script and every fetch: only its own inline styles apply.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render_html(report: Report) -> str:
    """The whole report as one HTML page that needs nothing else: no script, no stylesheet, font or image to fetch."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="factcheck {e(__version__)}">',
        f"<title>{e(report.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        _header_html(report),
        "<main>",
        _summary_html(report),
    ]
    parts.extend(_section_html(s, report) for s in report.sections)
    if report.other_claims:
        parts.append('<section id="other-claims" class="other-claims"><h2>Claims without a statistic</h2>')
        parts.append(_claims_table(report.other_claims, report))
        parts.append("</section>")
    parts.append(_sources_html(report))
    parts.append("</main>")
    parts.append(
        "<footer><p>Made with factcheck "
        + e(__version__)
        + ". Claim verdicts: <strong>supported</strong> (documents give a figure that fits the claim), "
        "<strong>disputed</strong> (some documents fit it, others do not), <strong>contradicted</strong> (documents "
        "give figures that do not fit it), <strong>not found</strong> (no document gives a comparable figure). The "
        "citation check tests that every quote stands word for word in its document, with the same figures.</p>"
        "</footer></body></html>"
    )
    return "\n".join(parts) + "\n"


__all__ = ["chart_svg", "empty_chart", "render_html", "tick_label"]
