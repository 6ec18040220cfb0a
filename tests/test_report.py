"""`factcheck report`: the Report built from a corpus and claims, its HTML page and Markdown, and the command."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app
from factcheck.commands.axis import Axis, AxisMark
from factcheck.commands.compare import Agreement
from factcheck.commands.report import Report, build_report
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus
from factcheck.errors import UsageError
from factcheck.render import format_ratio
from factcheck.render.html import ChartRow, build_chart, charted, render_html, tick_label
from factcheck.render.report_markdown import md, md_url, render_markdown

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

SOURCES = """documents:
  - file: herald.txt
    id: herald
    title: "City grows <b>fast</b>"
    publisher: The Herald
    author: Ann Writer
    published: "2021-06-15"
    url: https://herald.example/city
  - file: gazette.txt
    id: gazette
    title: Census results
    publisher: The Gazette
    published: "2021-03"
    url: "javascript:alert(1)"
  - file: blog.txt
    id: blog
    title: Why I love the city
    published: "2022"
"""
CLAIMS = """meta:
  organisation: Example Fact Check
  url: https://factcheck.example/city
  title: Is the city growing?
statistics:
  - id: population
    label: city population
    aliases: [residents]
    kind: count
  - id: parks
    label: parks
    kind: count
    cues:
      require: [park, parks]
claims:
  - id: herald-population
    statistic: population
    text: The city has 1.2 million residents <img src=x onerror=alert(1)>.
    figure: {value: 1200000}
    citations:
      - document: herald
        quote: "The city has 1.2 million residents"
  - id: gazette-population
    statistic: population
    text: About 800,000 people live in the city.
    figure: {value: 800000, qualifier: about}
    citations:
      - document: gazette
        quote: "About 800,000 residents"
      - document: herald
        quote: "the statistics office said"
  - id: broken-population
    statistic: population
    text: The city has 2 million residents.
    figure: {value: 2000000}
    citations:
      - document: herald
        quote: "The city has 2 million residents"
  - id: parks-lovely
    text: The parks are lovely.
    citations:
      - document: blog
        quote: "The parks are lovely in spring"
"""


def make_city(tmp_path: Path) -> tuple[Path, Path]:
    """Three documents: two disagree on the population (1.2 million against about 800,000), one is silent."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (corpus / "herald.txt").write_text(
        "City grows\n\nThe city has 1.2 million residents, the statistics office said.\n", encoding="utf-8"
    )
    (corpus / "gazette.txt").write_text(
        "Census\n\nAbout 800,000 residents live in the city <script>alert('hi')</script>.\n", encoding="utf-8"
    )
    (corpus / "blog.txt").write_text("Why I love the city\n\nThe parks are lovely in spring.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS, encoding="utf-8")
    return corpus, claims


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Report]:
    corpus, claims = make_city(tmp_path_factory.mktemp("city"))
    report = build_report(load_corpus(corpus), load_claims(claims), date="2026-03-01")
    return corpus, claims, report


# --- the Report ---------------------------------------------------------------------------------


def test_summary_counts(city: tuple[Path, Path, Report]) -> None:
    report = city[2]
    s = report.summary
    assert (s.documents, s.statistics, s.claims) == (3, 2, 4)
    # broken-population quotes "2 million" where the herald says "1.2 million": the only claim that fails.
    assert (s.passed, s.failed) == (3, 1)
    # herald 1.2M (±50,000 rounding) and gazette "about" 800,000 (±5%) do not overlap: each population claim that
    # one fits, the other contradicts; 2 million fits neither; the claim without a statistic is not found.
    assert s.verdicts == (("supported", 0), ("disputed", 2), ("contradicted", 1), ("not found", 1))
    assert report.date == "2026-03-01"
    assert report.publisher.organisation == "Example Fact Check"
    assert [m.id for m in report.documents] == ["blog", "gazette", "herald"]


def test_claim_entries(city: tuple[Path, Path, Report]) -> None:
    report = city[2]
    by_id = {c.id: c for c in report.claims}
    assert [c.id for c in report.claims] == [
        "herald-population",
        "gazette-population",
        "broken-population",
        "parks-lovely",
    ]
    assert (by_id["herald-population"].verdict, by_id["herald-population"].supported_by) == ("disputed", ("herald",))
    assert by_id["herald-population"].contradicted_by == ("gazette",)
    assert by_id["broken-population"].contradicted_by == ("gazette", "herald")
    assert not by_id["broken-population"].passed
    assert [p.code for p in by_id["broken-population"].check.problems] == ["number-mismatch"]  # type: ignore[union-attr]
    assert [c.id for c in report.other_claims] == ["parks-lovely"]
    assert by_id["parks-lovely"].verdict == "not found"


def test_largest_disagreement(city: tuple[Path, Path, Report]) -> None:
    (d,) = city[2].summary.disagreements
    assert (d.statistic, d.label) == ("population", "city population")
    assert d.agreement.conflicting == (("gazette", "herald"),)
    # the figures as written: "about 800,000" to "1.2 million", 1.5×
    assert (d.agreement.low, d.agreement.high, d.agreement.spread) == (800000, 1200000, 1.5)


def test_statistic_selection(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path)
    c, k = load_corpus(corpus), load_claims(claims)
    report = build_report(c, k, ["Parks"])
    assert [s.id for s in report.sections] == ["parks"]
    assert (report.summary.statistics, report.summary.claims) == (1, 0)
    assert report.other_claims == ()
    with pytest.raises(UsageError, match="no statistic 'rainfall'.*ids: population, parks"):
        build_report(c, k, ["rainfall"])


# --- HTML ---------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Sections by id with the tags inside them, every attribute of every tag, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.current: str | None = None
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "section":
            self.current = dict(attrs).get("id") or ""
            self.sections[self.current] = []
        elif self.current is not None:
            self.sections[self.current].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.current = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _section(text: str, ident: str) -> str:
    return text.split(f'id="{ident}"')[1].split("</section>")[0]


def test_html_order_evidence_then_chart_then_claims(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    page = _parsed(text)
    # sources come before the legend ("how to read"), after every statistic
    assert list(page.sections) == ["summary", "stat-population", "stat-parks", "other-claims", "sources", "legend"]
    population = _section(text, "stat-population")
    # what each document says, then the group with its chart, then the claims
    table, chart, claims = (
        population.index(m) for m in ('<table class="findings', '<figure class="chart"', "<h3>Claims")
    )
    assert table < chart < claims
    assert page.sections["stat-population"].count("figure") == 1  # herald and gazette in one group: one chart
    # parks: no document gives a figure, so no table and no chart
    assert "figure" not in page.sections["stat-parks"] and "table" not in page.sections["stat-parks"]


def test_html_chart_only_where_two_documents_give_a_figure(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path)
    (corpus / "gazette.txt").write_text("Census\n\nNothing to count here.\n", encoding="utf-8")
    report = build_report(load_corpus(corpus), load_claims(claims), ["population"], date="2026-03-01")
    text = render_html(report)
    assert "one document only" in text and "<strong>Only:</strong>" in text
    assert '<figure class="chart"' not in text  # herald alone: its figure in the table and the group, no chart
    assert 'href="#source-herald">herald</a> (“1.2 million”)' in text


def test_html_documents_without_figure(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    blog = '<a class="doc" href="#source-blog">blog</a>'
    assert f'<p class="note no-figure">No figure found in {blog}.</p>' in _section(text, "stat-population")
    parks = _section(text, "stat-parks")
    assert "No figure found in " + blog + ", " in parks and 'href="#source-herald">herald</a>.</p>' in parks
    assert "No document gives a figure for this statistic." in parks


def test_html_header_names_documents_and_publisher_paths_in_footer(city: tuple[Path, Path, Report]) -> None:
    corpus, claims, report = city
    text = render_html(report)
    header = text.split("<header>")[1].split("</header>")[0]
    assert "<h1>Is the city growing?</h1>" in header  # meta: title
    assert (
        'Claims by <a href="https://factcheck.example/city">Example Fact Check</a>, checked against 3 documents'
        " · 2 statistics · 4 claims · 2026-03-01" in header
    )
    assert str(corpus) not in header and "claims.yaml" not in header
    footer = text.split("<footer>")[1]
    assert f"<code>{corpus}</code>" in footer and f"<code>{claims}</code>" in footer


def test_html_document_ids_link_to_sources(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    page = _parsed(text)
    targets = {v for tag, k, v in page.attrs if tag == "a" and k == "href" and v and v.startswith("#source-")}
    rows = {f"#{v}" for tag, k, v in page.attrs if tag == "tr" and k == "id" and v and v.startswith("source-")}
    assert targets == rows == {"#source-blog", "#source-gazette", "#source-herald"}
    sources = _section(text, "sources")
    assert '<a href="https://herald.example/city">City grows &lt;b&gt;fast&lt;/b&gt;</a>' in sources
    assert "The Herald" in sources and "2021-06-15" in sources


def test_html_names_the_figure_that_contradicts(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    row = text.split('id="claim-herald-population"')[1].split("</tr>")[0]
    # herald says 1.2 million (supports it); the gazette's "About 800,000" does not fit it
    assert 'supported by <a class="doc" href="#source-herald">herald</a>: 1.2 million' in row
    assert 'contradicted by <a class="doc" href="#source-gazette">gazette</a>: ≈800,000' in row
    row = text.split('id="claim-broken-population"')[1].split("</tr>")[0]
    assert "gazette</a>: ≈800,000, " in row and "herald</a>: 1.2 million</div>" in row


def test_html_numbers_read_like_numbers(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    assert "documents conflict; figures from 800,000 to 1.2 million, spread 1.5×" in text
    assert ".00×" not in text and "…" not in _section(text, "stat-population").split("<h3>Claims")[0]


def test_format_ratio() -> None:
    assert [format_ratio(v) for v in (155.0, 10.0, 2.2727, 1.5, 1234.0)] == ["155×", "10×", "2.27×", "1.5×", "1,234×"]


HOSTILE_SOURCES = """documents:
  - file: evil.txt
    id: evil
    title: "<script>alert('title')</script> in red: \\x1b[31m"
    url: "javascript:alert(1)"
  - file: plain.txt
    id: plain
    url: "https://plain.example/"
"""
HOSTILE_CLAIMS = """meta:
  organisation: "<script>alert('org')</script>"
  url: "javascript:alert(2)"
  title: "<script>alert('heading')</script>"
statistics:
  - id: visitors
    label: "visitors <script>alert('label')</script>"
    aliases: [visitors]
    description: "<script>alert('description')</script>"
    kind: count
claims:
  - id: evil-visitors
    statistic: visitors
    text: "We had 5,000 visitors <script>alert('claim')</script>"
    figure: {value: 5000}
    citations:
      - document: evil
        quote: "5,000 visitors came <script>alert('quote')</script>"
        note: "<script>alert('note')</script>"
"""


def test_html_never_lets_a_tag_through(tmp_path: Path) -> None:
    """A <script> in a document, claim, quote, statistic label or source title shows as text, never as a tag."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text(HOSTILE_SOURCES, encoding="utf-8")
    (corpus / "evil.txt").write_text("Evil\n\n5,000 visitors came <script>alert('quote')</script> today.\n")
    (corpus / "plain.txt").write_text("Plain\n\nSome 7,000 visitors came <img src=x onerror=alert(3)>.\n")
    claims = tmp_path / "claims.yaml"
    claims.write_text(HOSTILE_CLAIMS, encoding="utf-8")
    report = build_report(load_corpus(corpus), load_claims(claims), date="2026-03-01")
    assert report.claims[0].passed  # the quote, <script> and all, stands in its document
    text = render_html(report)
    page = _parsed(text)
    assert not {"script", "img"} & set(page.tags)
    assert not [k for _, k, _ in page.attrs if k.startswith("on")]
    shown = "".join(page.text)
    for where in ("title", "org", "heading", "label", "description", "claim", "quote", "note"):
        assert f"<script>alert('{where}')</script>" in shown, where  # read as text
    assert "<img src=x onerror=alert(3)>" in shown
    assert "\x1b" not in text and "in red: \\x1b[31m" in shown  # a control character shows as an escape
    hrefs = [v for tag, k, v in page.attrs if k == "href"]
    assert not [h for h in hrefs if h and "javascript" in h]  # neither the source's nor the publisher's URL
    assert "https://plain.example/" in hrefs
    markdown = render_markdown(report)
    assert not re.search(r"(?<!\\)<(script|img)\b", markdown)


def _attrs(text: str) -> list[tuple[str, str, str | None]]:
    return _parsed(text).attrs


def test_html_is_self_contained(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    tags = {tag for tag, _, _ in _attrs(text)} | set(_parsed(text).tags)
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "svg"}
    assert not [k for _, k, _ in _attrs(text) if k == "src" or k.startswith("on")]
    assert "url(" not in text and "@import" not in text
    # and the page forbids itself scripts and fetches, should anything slip through
    policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    assert ("meta", "content", policy) in _attrs(text)
    # every URL in an attribute is a link's target: nothing the browser fetches
    urls = {(tag, k) for tag, k, v in _attrs(text) if v and "://" in v}
    assert urls == {("a", "href")}
    # the phone layout and the printed page have rules of their own
    assert "@media (max-width:640px)" in text and "@media print" in text


def test_claim_anchors_match_claimreview_urls(city: tuple[Path, Path, Report]) -> None:
    ids = [v for tag, k, v in _attrs(render_html(city[2])) if tag == "tr" and k == "id" and v and "claim-" in v]
    assert ids == [
        "claim-herald-population",
        "claim-gazette-population",
        "claim-broken-population",
        "claim-parks-lovely",
    ]


def test_chart_geometry() -> None:
    """Positions in percent of the plot on a linear 0..100 axis, checked by hand."""
    marks = (
        AxisMark("alpha", "10", 10, 10),
        AxisMark("beta", "between 20 and 40", 20, 40),
        AxisMark("gamma", "more than 50", 50, None),
        AxisMark("delta", "under 90", None, 90),
    )
    axis = Axis(0.0, 100.0, False, marks)
    agreement = Agreement(
        None, None, None, "conflict", 10, 90, 9.0, ("beta", "gamma"), (("alpha", "beta"),), (), (), axis
    )
    chart = build_chart(axis, agreement, "a chart", {"alpha": "2020", "beta": "(2021)"})
    assert chart.rows == (
        ChartRow("alpha", "10", "2020", "conflicts", "point", 10.0, 0.0),
        ChartRow("beta", "between 20 and 40", "(2021)", "conflicts", "range", 20.0, 20.0),  # agrees, then conflicts
        ChartRow("gamma", "more than 50", "", "agrees", "open_high", 50.0, 50.0),  # to the right end
        ChartRow("delta", "under 90", "", "alone", "open_low", 0.0, 90.0),  # from the left end
    )
    assert [(t.left, t.label) for t in chart.ticks] == [(0, "0"), (25, "25"), (50, "50"), (75, "75"), (100, "100")]
    assert (chart.scale, chart.roles) == ("linear scale", ("agrees", "conflicts", "alone"))
    assert charted(agreement)
    single = Agreement(None, None, None, "single", 10, 10, None, (), (), (), (), Axis(9, 11, False, marks[:1]))
    assert not charted(single)


def test_chart_in_the_page(city: tuple[Path, Path, Report]) -> None:
    figure = render_html(city[2]).split('<figure class="chart"')[1].split("</figure>")[0]
    # gazette "about 800,000" (±5%: 760,000 to 840,000) and herald 1.2 million (1,150,000 to 1,250,000) conflict
    gazette = (
        '<div class="chart-row role-conflicts"><span class="doc"><a class="doc" href="#source-gazette">gazette</a>'
    )
    assert gazette in figure
    # the figure as written, whole, and the year it is for (here the document's date)
    assert '<span class="figure">1.2 million <span class="year">· (2021)</span></span>' in figure
    assert figure.count('class="mark ') == 2


def test_tick_labels() -> None:
    assert tick_label(6e9, None) == "6 bn"
    assert tick_label(1.25e6, None) == "1.25 M"
    assert tick_label(28000, None) == "28,000"
    assert tick_label(75, "%") == "75%"
    assert tick_label(0.5, None) == "0.5"


def test_report_command_does_not_import_jinja2_for_help() -> None:
    """jinja2 is loaded by the report's renderer only: `factcheck --help` and other commands do not pay for it."""
    code = (
        "import runpy, sys\n"
        "sys.argv = ['factcheck', '--help']\n"
        "try:\n    runpy.run_module('factcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(str('jinja2' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stderr.endswith("False"), done.stderr


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_escaping() -> None:
    assert md("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md("a | b *c* _d_\n e") == r"a \| b \*c\* \_d\_ e"
    assert md_url("https://x.example/a b|c") == "<https://x.example/a%20b%7Cc>"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"


def test_markdown_report(city: tuple[Path, Path, Report]) -> None:
    corpus, claims, report = city
    text = render_markdown(report)
    assert text.startswith("# Is the city growing?\n")
    header = text.split("\n## ")[0]
    assert (
        "Claims by Example Fact Check (<https://factcheck.example/city>), checked against 3 documents · 2 statistics"
        " · 4 claims · 2026-03-01" in header
    )
    assert str(corpus) not in header
    assert text.rstrip().endswith(
        f"Corpus {md(str(corpus))} · claims {md(str(claims))} · made with factcheck {__version__}."
    )
    assert "| 3 | 2 | 4 | 3 of 4 claims pass |" in text
    assert "Claim verdicts: supported 0, disputed 2, contradicted 1, not found 1." in text
    assert "1. **city population** (scope not stated): documents conflict; figures from 800,000 to 1.2 million" in text
    assert ", spread 1.5×" in text
    assert "## city population (`population`)" in text and "## parks (`parks`)" in text
    assert "**800,000**" in text
    assert r"\<script\>alert('hi')\</script\>" in text
    assert not re.search(r"(?<!\\)<(script|img|b)\b", text)  # every tag backslash-escaped
    assert "No figure found in [blog](#sources).\n" in text  # under the population table
    assert "No figure found in [blog](#sources), [gazette](#sources), [herald](#sources).\n" in text  # parks
    assert "## Claims without a statistic" in text
    assert "<https://herald.example/city>" in text
    # the figure that contradicts a claim is named
    assert "contradicted by [gazette](#sources): ≈800,000)" in text


def test_markdown_order_matches_the_page(city: tuple[Path, Path, Report]) -> None:
    text = render_markdown(city[2])
    population = text.split("## city population")[1].split("\n## ")[0]
    table, group, chart, claims = (
        population.index(m) for m in ("### What each document says", "**scope not stated**", "```text", "### Claims")
    )
    assert table < group < chart < claims  # evidence first, then the verdict and its chart, then the claims
    headings = re.findall(r"^## (.*)$", text, re.M)
    assert headings[-2:] == ["Sources", "How to read this report"]
    assert "```" not in text.split("## parks")[1].split("\n## ")[0]  # no document gives a figure: no chart


# --- the command --------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    from factcheck.cli import app

    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, " ".join(result.stderr.split())  # stderr unwrapped


def test_command_writes_report_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, claims = make_city(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("report", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 0, err
    assert out == ""
    assert "wrote report.html: 2 statistics, 4 claims (3 pass the citation check), 3 documents" in err
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="stat-population"' in text


def test_command_markdown_and_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, claims = make_city(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _, _ = _run("report", "--format", "markdown", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 0
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Is the city growing?\n")
    code, out, _ = _run("report", "-o", "-", "-s", "parks", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 0
    assert 'id="stat-parks"' in out and 'id="stat-population"' not in out


def test_command_errors(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path)
    code, _, err = _run("report", "--corpus", str(corpus), "--claims", str(tmp_path / "missing.yaml"), "-o", "-")
    assert code == 2 and "missing.yaml" in err
    code, _, err = _run("report", "-s", "rainfall", "--corpus", str(corpus), "--claims", str(claims), "-o", "-")
    assert code == 2 and "no statistic 'rainfall'" in err
    target = tmp_path / "no-such-folder" / "r.html"
    code, _, err = _run("report", "--corpus", str(corpus), "--claims", str(claims), "-o", str(target))
    assert code == 2 and "cannot be written" in err and "Traceback" not in err


def test_bundled_report_markdown_one_statistic() -> None:
    corpus, claims = load_corpus(ROOT / "corpus"), load_claims(ROOT / "claims.yaml")
    report = build_report(corpus, claims, ["workers-abroad"], date="2026-03-01")
    text = render_markdown(report)
    assert [s.id for s in report.sections] == ["workers-abroad"]
    assert report.summary.claims == sum(1 for c in claims.claims if c.statistic == "workers-abroad")
    assert text.count("\n## ") == 4  # summary, the statistic, sources, how to read
    assert "```text\n" in text  # its chart


def test_the_disputes_found_come_first_and_can_be_left_out(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    where = ["--corpus", "corpus", "--claims", "claims.yaml", "--no-index"]
    assert runner.invoke(app, ["report", *where, "-o", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.index('id="disputes"') < page.index('id="summary"')
    disputes = page[page.index('id="disputes"') : page.index('id="summary"')]
    # the bundled revenue figures: a group its statistic covers (linked), with the millions-for-billions slip
    assert 'href="#stat-annual-revenue"' in disputes and "probable slip: wikipedia $8.2 million" in disputes
    assert disputes.count("<tr>") == 1 + 10  # the header and the ten groups shown by default
    markdown = tmp_path / "report.md"
    assert runner.invoke(app, ["report", *where, "-f", "markdown", "-o", str(markdown)]).exit_code == 0
    text = markdown.read_text(encoding="utf-8")
    assert text.index("## Disputes found") < text.index("## Summary")
    assert runner.invoke(app, ["report", *where, "--disputes", "0", "-o", str(out)]).exit_code == 0
    assert 'id="disputes"' not in out.read_text(encoding="utf-8")
