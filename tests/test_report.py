"""`factcheck report`: the Report built from a corpus and claims, its HTML page and Markdown, and the command."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.axis import Axis, AxisMark
from factcheck.claims import load_claims
from factcheck.compare import Agreement
from factcheck.corpus import load_corpus
from factcheck.errors import UsageError
from factcheck.render.html import chart_svg, render_html, tick_label
from factcheck.render.report_markdown import md, md_url, render_markdown
from factcheck.report import Report, build_report

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
    """Sections by id with the tags inside them, and every attribute of every tag."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.current: str | None = None
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "section":
            self.current = dict(attrs).get("id") or ""
            self.sections[self.current] = []
        elif self.current is not None:
            self.sections[self.current].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.current = None


def test_html_sections_and_charts(city: tuple[Path, Path, Report]) -> None:
    page = _Page()
    page.feed(render_html(city[2]))
    assert list(page.sections) == ["summary", "stat-population", "stat-parks", "other-claims", "sources"]
    assert "svg" in page.sections["stat-population"]
    assert "svg" in page.sections["stat-parks"]  # the empty chart: no document gives a figure
    assert "mark" in page.sections["stat-population"]


def test_html_documents_without_figure(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    population = text.split('id="stat-population"')[1].split("</section>")[0]
    assert '<p class="note no-figure">No figure found in blog.</p>' in population
    parks = text.split('id="stat-parks"')[1].split("</section>")[0]
    assert "<table" not in parks and "No figure found in blog, gazette, herald." in parks
    assert "No document gives a figure for this statistic." in parks  # the empty chart


def test_html_escapes_corpus_and_claims_text(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "<b>fast</b>" not in text
    # the evidence sentence with its figure highlighted, and the script tag shown as text
    assert "<mark>800,000</mark> residents live in the city &lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;." in text
    assert "1.2 million residents &lt;img src=x onerror=alert(1)&gt;." in text
    assert "City grows &lt;b&gt;fast&lt;/b&gt;" in text
    # a javascript: URL is never a link; an https one is
    assert "javascript:" not in [v for _, k, v in _attrs(text) if k == "href"]
    assert ("a", "href", "https://herald.example/city") in _attrs(text)


def _attrs(text: str) -> list[tuple[str, str, str | None]]:
    page = _Page()
    page.feed(text)
    return page.attrs


def test_html_is_self_contained(city: tuple[Path, Path, Report]) -> None:
    text = render_html(city[2])
    tags = {tag for tag, _, _ in _attrs(text)}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [k for _, k, _ in _attrs(text) if k == "src" or k.startswith("on")]
    assert "url(" not in text and "@import" not in text
    # and the page forbids itself scripts and fetches, should anything slip through
    policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    assert ("meta", "content", policy) in _attrs(text)
    # every URL in an attribute is a link's target or the SVG namespace: nothing the browser fetches
    urls = {(tag, k) for tag, k, v in _attrs(text) if v and "://" in v}
    assert urls == {("a", "href"), ("svg", "xmlns")}


def test_claim_anchors_match_claimreview_urls(city: tuple[Path, Path, Report]) -> None:
    ids = [v for tag, k, v in _attrs(render_html(city[2])) if tag == "tr" and k == "id"]
    assert ids == [
        "claim-herald-population",
        "claim-gazette-population",
        "claim-broken-population",
        "claim-parks-lovely",
    ]


def test_chart_geometry() -> None:
    """Positions on a linear 0..100 axis; the plot runs from x=184 to x=738 (554 units)."""
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
    svg = chart_svg(axis, agreement, "a chart", {"alpha": "2020", "beta": "(2021)"})
    assert '<circle cx="239.4" cy="43.0" r="6" fill="#c62828"/>' in svg  # 10% of 554 = 55.4; alpha conflicts: red
    assert '<rect x="294.8" y="69.0" width="110.8" height="8" rx="4"' in svg  # 20%..40%: 110.8 wide
    assert 'fill="#c62828"' in svg.split('data-document="beta"')[1].split("</g>")[0]  # beta conflicts with alpha
    gamma = svg.split('data-document="gamma"')[1].split("</g>")[0]
    assert '<polygon points="738,103.0 728,97.0 728,109.0" fill="#2e7d32"/>' in gamma  # arrow to the right end
    assert '<circle cx="461.0"' in gamma  # 50%: 184 + 277
    delta = svg.split('data-document="delta"')[1].split("</g>")[0]
    assert '<polygon points="184,133.0 194,127.0 194,139.0"' in delta  # arrow to the left end
    assert '<circle cx="682.6"' in delta  # 90%: 184 + 498.6
    assert "linear scale" in svg and "agrees with another document" in svg and "conflicts with another" in svg
    assert ">FIGURE AS WRITTEN · YEAR</text>" in svg
    assert '>10 <tspan fill="#5d6677">· 2020</tspan></text>' in svg  # the year beside alpha's figure
    assert ">more than 50</text>" in gamma  # no year known: the figure alone


def test_tick_labels() -> None:
    assert tick_label(6e9, None) == "6 bn"
    assert tick_label(1.25e6, None) == "1.25 M"
    assert tick_label(28000, None) == "28,000"
    assert tick_label(75, "%") == "75%"
    assert tick_label(0.5, None) == "0.5"


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_escaping() -> None:
    assert md("<script>alert(1)</script>") == r"\<script\>alert(1)\</script\>"
    assert md("a | b *c* _d_\n e") == r"a \| b \*c\* \_d\_ e"
    assert md_url("https://x.example/a b|c") == "<https://x.example/a%20b%7Cc>"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"


def test_markdown_report(city: tuple[Path, Path, Report]) -> None:
    text = render_markdown(city[2])
    assert text.startswith("# Fact-check report\n")
    assert "| 3 | 2 | 4 | 3 of 4 claims pass |" in text
    assert "Claim verdicts: supported 0, disputed 2, contradicted 1, not found 1." in text
    assert "1. **city population** (scope not stated): documents conflict" in text
    assert "## city population (`population`)" in text and "## parks (`parks`)" in text
    assert "**800,000**" in text
    assert r"\<script\>alert('hi')\</script\>" in text
    assert not re.search(r"(?<!\\)<(script|img|b)\b", text)  # every tag backslash-escaped
    assert "No figure found in blog.\n" in text  # under the population table
    assert "No figure found in blog, gazette, herald.\n" in text  # parks: no table at all
    assert "## Claims without a statistic" in text
    assert "<https://herald.example/city>" in text


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
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# Fact-check report")
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
    assert text.count("\n## ") == 3  # summary, the statistic, sources
    assert "```text\n" in text  # its chart
