"""The commands on a corpus of a PDF, a saved web page and a Word file made here: quotes stand across a page break
and a hyphenated line, pages are cited and shown, and a file that cannot be read is a warning naming it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from tests.formats.makers import (
    SAVED_PAGE,
    blank_pages_pdf,
    bulletin_pdf,
    claimed_pages_pdf,
    deep_tree_pdf,
    report_docx,
)

pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")
pytest.importorskip("docx")
pytest.importorskip("fpdf")

runner = CliRunner()

CLAIMS = """statistics:
  - id: nurses
    label: nurses counted
  - id: clinics
    label: clinics
claims:
  - id: across-the-page-break
    statistic: nurses
    text: The agency counted 3,980 nurses in the north.
    citations:
      - document: bulletin
        quote: "the international agency counted 3,980 more in the northern provinces during 2023"
  - id: on-its-page
    statistic: clinics
    text: 214 clinics opened.
    citations:
      - document: bulletin
        page: 2
        quote: "Clinics opened: 214 in total."
  - id: from-the-web
    statistic: clinics
    text: The region has 412 clinics.
    citations:
      - document: clinics
        quote: "The region now has 412 clinics, up from 380 in 2020"
  - id: from-word
    statistic: clinics
    text: The census found 412 clinics.
    citations:
      - document: census
        quote: "The census found 412 clinics in the region in 2023."
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "bulletin.pdf").write_bytes(bulletin_pdf())
    (corpus / "clinics.html").write_text(SAVED_PAGE, encoding="utf-8")
    (corpus / "census.docx").write_bytes(report_docx())
    (root / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return root


def invoke(project: Path, *args: str, claims: str | None = None) -> tuple[int, str, str]:
    claims_path = project / "claims.yaml"
    if claims is not None:
        claims_path = project / "other-claims.yaml"
        claims_path.write_text(claims, encoding="utf-8")
    options = ["--corpus", str(project / "corpus")]
    if args[0] == "check":
        options += ["--claims", str(claims_path)]
    result = runner.invoke(app, [*args, *options], env={"COLUMNS": "200", "FACTCHECK_CORPUS": "", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_quotes_stand_across_a_page_break_a_hyphenated_line_and_in_every_format(project: Path) -> None:
    code, out, err = invoke(project, "check", "--strict")
    assert code == 0, out + err
    assert "PASS 4 claims: 4 passed, 0 failed" in out
    code, out, err = invoke(project, "check", "--format", "json")
    assert code == 0, out + err
    places = {r["id"]: r["citations"] for r in json.loads(out)["results"]}
    corpus = project / "corpus"
    # the quote across the break starts on page 1; the one that names page 2 stands on its second line, as "214"
    # does in compare's answer below; a web page and a Word file have no pages
    assert [(c["file"], c["page"]) for c in places["across-the-page-break"]] == [(str(corpus / "bulletin.pdf"), 1)]
    assert [(c["page"], c["line"], c["column"]) for c in places["on-its-page"]] == [(2, 2, 1)]
    assert [(c["file"], c["page"]) for c in places["from-the-web"]] == [(str(corpus / "clinics.html"), None)]
    assert [c["page"] for c in places["from-word"]] == [None]
    # a quote that does not stand, and a document that does not exist, stand nowhere
    broken = CLAIMS.replace("now has 412 clinics, up from 380", "now has 999 clinics, up from 380")
    broken = broken.replace("      - document: census\n", "      - document: no-such-document\n")
    code, out, _ = invoke(project, "check", "--format", "json", claims=broken)
    assert code == 1
    places = {r["id"]: r["citations"] for r in json.loads(out)["results"]}
    assert places["from-the-web"] == [None] and places["from-word"] == [None]
    assert places["on-its-page"][0]["page"] == 2


def test_a_quote_on_another_page_than_it_names_fails(project: Path) -> None:
    claims = CLAIMS.replace("        page: 2\n", "        page: 1\n")
    code, out, _ = invoke(project, "check", claims=claims)
    assert code == 1
    pdf = project / "corpus" / "bulletin.pdf"
    assert f"error: quote not found on page 1 of bulletin: it is at {pdf}:p2:2:1 [quote-not-found]" in out
    moved = CLAIMS.replace(
        'page: 2\n        quote: "Clinics opened: 214 in total."',
        'page: 2\n        quote: "The survey counted 4,512 nurses in the capital"',
    )
    code, out, _ = invoke(project, "check", claims=moved)
    assert code == 1
    assert f"error: quote not found on page 2 of bulletin: it is at {pdf}:p1:2:1 [quote-not-found]" in out


def test_a_pdf_quote_s_closest_passage_and_suggestions_name_its_page_line_and_column(project: Path) -> None:
    claims = CLAIMS.replace('quote: "Clinics opened: 214 in total."', 'quote: "Clinics opened: 215 in total."')
    code, out, _ = invoke(project, "check", "--format", "json", claims=claims)
    assert code == 1
    [problem] = [p for r in json.loads(out)["results"] for p in r["problems"]]
    assert (problem["closest"]["page"], problem["closest"]["line"]) == (2, 2)
    code, out, _ = invoke(project, "check", claims=claims)
    pdf = project / "corpus" / "bulletin.pdf"
    assert (
        f"quote differs from bulletin in its figures: quote has '215' where the document has '214' (closest "
        f"passage: {pdf}:p2:2:1," in out
    )


def test_compare_and_grep_give_a_pdf_figure_its_page_in_every_format(project: Path) -> None:
    code, out, _ = invoke(project, "compare", "clinics", "--format", "json")
    assert code == 0, out
    pages = {(d["id"], f["text"]): (f["page"], f["line"]) for d in json.loads(out)["documents"] for f in d["findings"]}
    assert pages[("bulletin", "214")] == (2, 2)
    assert pages[("clinics", "412")] == (None, 3)
    for form in ("table", "markdown"):
        code, out, _ = invoke(project, "compare", "clinics", "--format", form)
        assert code == 0 and "214 (p2:2)" in out and "412 (p" not in out, out
    code, out, _ = invoke(project, "grep", "--sentences", "clinics opened", "--format", "json")
    assert code == 0, out
    assert [(s["document"], s["page"], s["line"]) for s in json.loads(out)["sentences"]] == [("bulletin", 2, 2)]
    code, out, _ = invoke(project, "grep", "--sentences", "412 clinics", "--format", "json")
    assert {(s["document"], s["page"]) for s in json.loads(out)["sentences"]} == {("clinics", None), ("census", None)}
    for form in ("table", "markdown"):
        code, out, _ = invoke(project, "grep", "--sentences", "clinics opened", "--format", form)
        assert code == 0 and "p2:2" in out, out


def test_a_page_the_document_does_not_have_is_an_error_that_says_how_many_it_has(project: Path) -> None:
    code, out, _ = invoke(project, "check", claims=CLAIMS.replace("page: 2", "page: 9"))
    assert code == 1
    assert "the citation names page 9, but bulletin has 3 pages" in out
    code, out, _ = invoke(
        project, "check", claims=CLAIMS.replace("document: clinics\n", "document: clinics\n        page: 1\n")
    )
    assert code == 1
    assert "the citation names page 1, but clinics has no pages (only a PDF has)" in out


def test_extract_gives_each_figure_of_a_pdf_its_page_and_its_line_within_the_page(project: Path) -> None:
    code, out, _ = invoke(project, "extract", "--format", "json")
    assert code == 0
    rows = {(r["document"], r["text"]): (r["page"], r["line"]) for r in json.loads(out)}
    assert rows[("bulletin", "4,512")] == (1, 2)
    assert rows[("bulletin", "214")] == (2, 2)
    assert rows[("bulletin", "1,770")] == (2, 5)
    assert rows[("clinics", "412")] == (None, 3)
    code, out, _ = invoke(project, "extract", "--format", "table")
    assert code == 0
    assert "p2:2" in out and "p1:2" in out


def test_a_web_page_s_metadata_fills_the_document_s(project: Path) -> None:
    code, out, _ = invoke(project, "sources", "--format", "json")
    assert code == 0
    documents = {d["id"]: d for d in json.loads(out)["documents"]}
    clinics = documents["clinics"]
    assert (clinics["title"], clinics["author"], clinics["publisher"], clinics["published"]) == (
        "Clinic numbers rise",
        "Ana Ruiz",
        "The Daily Ledger",
        "2024-03-05",
    )
    assert documents["census"]["title"] == "Clinic census"
    formats = {d: (documents[d]["format"], documents[d]["pages"]) for d in documents}
    assert formats == {"bulletin": ("pdf", 3), "census": ("docx", None), "clinics": ("html", None)}


def test_compare_reads_figures_from_every_format(project: Path) -> None:
    code, out, _ = invoke(project, "compare", "clinics", "--format", "json")
    assert code == 0, out
    assert "412" in out and "clinics" in out and "census" in out


def test_a_file_that_cannot_be_read_is_a_warning_naming_it_and_the_rest_is_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "locked.pdf").write_bytes(bulletin_pdf(password="secret"))
    (corpus / "cut.pdf").write_bytes(bulletin_pdf()[:900])
    (corpus / "note.txt").write_text("The region has 400 clinics.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--corpus", str(corpus), "--format", "json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert [r["document"] for r in json.loads(result.stdout)] == ["note"]
    assert "locked.pdf: warning: skipped: it is an encrypted PDF that needs a password" in result.stderr
    assert "cut.pdf: warning: skipped: it is not a readable PDF (Data format error)" in result.stderr


def test_a_pdf_is_converted_once_and_its_text_kept_in_the_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = corpus / "bulletin.pdf"
    data = bulletin_pdf()  # made once: the PDF maker stamps the time of making, to the second
    pdf.write_bytes(data)
    command = ["index", "--corpus", str(corpus), "--format", "json"]
    first = json.loads(runner.invoke(app, command).stdout)
    assert (first["new"], first["figures"]) == (1, 5)
    pdf.write_bytes(data)  # the same bytes, written again: a new modification time, the same hash
    os.utime(pdf, ns=(pdf.stat().st_atime_ns, pdf.stat().st_mtime_ns + 5_000_000_000))
    second = json.loads(runner.invoke(app, command).stdout)
    assert (second["new"], second["changed"], second["unchanged"], second["figures"]) == (0, 0, 1, 5)


def test_the_report_links_a_pdf_s_evidence_to_its_page_and_claimreview_cites_the_page(
    project: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(project / "corpus", corpus, ignore=shutil.ignore_patterns(".factcheck"))
    (corpus / "sources.yaml").write_text(
        "documents:\n  - file: bulletin.pdf\n    url: https://stats.example/bulletin.pdf\n", encoding="utf-8"
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text("meta:\n  organisation: Example Check\n  url: https://check.example/\n" + CLAIMS, "utf-8")
    common = ["--corpus", str(corpus), "--claims", str(claims)]
    out = tmp_path / "site" / "report.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["report", "-o", str(out), *common], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<a class="line" href="../corpus/bulletin.pdf#page=2">page 2, line 2</a>' in html
    assert 'href="../corpus/clinics.html' not in html  # a text document's line has no link
    result = runner.invoke(app, ["export", "--format", "claimreview", "--date", "2026-01-01", *common])
    assert result.exit_code == 0, result.output
    urls = {
        r["claimReviewed"]: [w.get("url") for w in r["itemReviewed"]["appearance"]] for r in json.loads(result.stdout)
    }
    assert urls["214 clinics opened."] == ["https://stats.example/bulletin.pdf#page=2"]
    # no page named: the page its quote starts on, where the check found it (it runs on into page 2)
    assert urls["The agency counted 3,980 nurses in the north."] == ["https://stats.example/bulletin.pdf#page=1"]


FOUND_ON_A_PAGE = """meta:
  organisation: Example Check
  url: https://check.example/
statistics:
  - id: clinics
    label: clinics
claims:
  - id: page-not-named
    statistic: clinics
    text: 214 clinics opened.
    citations:
      - document: bulletin
        quote: "Clinics opened: 214 in total."
      - document: clinics
        quote: "The region now has 412 clinics, up from 380 in 2020"
  - id: not-in-the-pdf
    statistic: clinics
    text: 215 clinics opened.
    citations:
      - document: bulletin
        quote: "Clinics opened: 215 in total, the agency said."
"""


def test_a_quote_found_on_a_page_of_a_pdf_without_page_named_is_cited_at_that_page(
    project: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(project / "corpus", corpus, ignore=shutil.ignore_patterns(".factcheck"))
    (corpus / "sources.yaml").write_text(
        "documents:\n  - file: bulletin.pdf\n    url: https://stats.example/bulletin.pdf\n"
        "  - file: clinics.html\n    url: https://ledger.example/clinics\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(FOUND_ON_A_PAGE, encoding="utf-8")
    common = ["--corpus", str(corpus), "--claims", str(claims)]
    result = runner.invoke(app, ["export", "--format", "claimreview", "--date", "2026-01-01", *common])
    assert result.exit_code == 0, result.output
    reviews = {r["url"].split("#claim-")[1]: r for r in json.loads(result.stdout)}
    found = reviews["page-not-named"]["itemReviewed"]
    assert [w["url"] for w in found["appearance"]] == [
        "https://stats.example/bulletin.pdf#page=2",  # the page the quote stands on, though the citation names none
        "https://ledger.example/clinics",  # a web page has no pages
    ]
    # a quote that does not stand has no page to cite: the document alone
    missing = reviews["not-in-the-pdf"]["itemReviewed"]["appearance"]
    assert [w["url"] for w in missing] == ["https://stats.example/bulletin.pdf"]

    result = runner.invoke(app, ["export", "--format", "json", *common])
    assert result.exit_code == 0, result.output
    pages = {c["id"]: [x["page"] for x in c["citations"]] for c in json.loads(result.stdout)["claims"]}
    assert pages == {"page-not-named": [2, None], "not-in-the-pdf": [None]}

    out = tmp_path / "site" / "report.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["report", "-o", str(out), *common], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert (
        "<q>Clinics opened: 214 in total.</q>"
        ' <a class="line" href="../corpus/bulletin.pdf#page=2">page 2</a></li>' in html
    )
    assert "<q>Clinics opened: 215 in total, the agency said.</q></li>" in html
    markdown = tmp_path / "report.md"
    result = runner.invoke(app, ["report", "-f", "markdown", "-o", str(markdown), *common], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "“Clinics opened: 214 in total.” (page 2)" in markdown.read_text(encoding="utf-8")


def test_pdf_bombs_are_warnings_naming_them_and_the_rest_of_the_corpus_is_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "claims-a-billion-pages.pdf").write_bytes(claimed_pages_pdf(10**9, "The region has 300 clinics."))
    (corpus / "nested.pdf").write_bytes(deep_tree_pdf(100_000, "The region has 200 clinics."))
    (corpus / "blank.pdf").write_bytes(blank_pages_pdf(50_000))
    (corpus / "note.txt").write_text("The region has 400 clinics.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--corpus", str(corpus), "--format", "json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    # pdfium counts the page tree's leaves (the claimed /Count is not believed) and stops at its nesting limit.
    read = {(r["document"], r["text"]) for r in json.loads(result.stdout)}
    assert read == {("note", "400"), ("claims-a-billion-pages", "300")}
    assert "nested.pdf: warning: skipped: it is not a readable PDF (Failed to load page.)" in result.stderr
    assert "blank.pdf: warning: skipped: it has 50,000 pages, more than the 10,000 read from one PDF" in result.stderr
