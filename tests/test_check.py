"""The citation gate on a small real corpus: every way a claim or quote can go wrong, and what it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.commands.check import CheckOptions, CheckReport, check_claims, prepared_document
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus

DOC = (
    "Harbour report\n\n"
    "The port handled more than 28,000 containers in 2023, up from 23,000 a year earlier.\n"
    "About 1,200 people work at the docks, according to the authority.\n\n"
    "A second paragraph says the berths are being dredged.\n"
)


def run_check(tmp_path: Path, claims_yaml: str, **options: bool) -> CheckReport:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "port.txt").write_text(DOC, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(claims_yaml, encoding="utf-8")
    return check_claims(load_corpus(corpus), load_claims(path), CheckOptions(**options))


def claim(quote: str, figure: str = "{value: 28000, qualifier: over}", doc: str = "port") -> str:
    return f"""statistics:
  - id: containers
    label: containers handled
claims:
  - id: c1
    statistic: containers
    text: The port handled more than 28,000 containers.
    figure: {figure}
    citations:
      - document: {doc}
        quote: "{quote}"
"""


def codes(report: CheckReport) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in report.problems]


def test_a_verbatim_quote_passes(tmp_path: Path) -> None:
    report = run_check(tmp_path, claim("The port handled more than 28,000 containers in 2023"))
    assert report.passed and codes(report) == []


@pytest.mark.parametrize(
    "quote",
    [
        "The port handled more than 28,000\\ncontainers in 2023",  # a line break inside the quote
        "The port handled more than 28,000 containers in 2023, up from 23,000",
        "The port handled more than 28,000 containers … up from 23,000 a year earlier",  # an ellipsis
        "[It] handled more than 28,000 containers in 2023",  # an editorial insertion for "The port"
    ],
)
def test_typographic_differences_pass(tmp_path: Path, quote: str) -> None:
    assert run_check(tmp_path, claim(quote)).passed


@pytest.mark.parametrize(
    ("quote", "code"),
    [
        ("The port handled more than 29,000 containers in 2023", "number-mismatch"),  # a changed figure
        ("The port handled 28,000 containers in 2023", "number-mismatch"),  # "more than" dropped
        ("The port handled well more than 28,000 containers in 2023", "quote-not-found"),  # a word added
        # two passages joined without an ellipsis
        ("The port handled more than 28,000 containers in 2023, according to the authority", "number-mismatch"),
        ("The port handled more than 28,000 containers … the berths are being dredged", "quote-not-found"),
    ],
)
def test_altered_quotes_fail(tmp_path: Path, quote: str, code: str) -> None:
    report = run_check(tmp_path, claim(quote))
    assert not report.passed
    assert ("error", code) in codes(report)


def test_claim_figure_must_be_the_quotes(tmp_path: Path) -> None:
    report = run_check(tmp_path, claim("The port handled more than 28,000 containers", "{value: 30000}"))
    assert ("error", "figure-mismatch") in codes(report)
    assert "claim says 30,000" in report.problems[0].message and "'28,000'" in report.problems[0].message


def test_a_qualifier_the_quote_does_not_carry_is_a_warning(tmp_path: Path) -> None:
    report = run_check(
        tmp_path, claim("The port handled more than 28,000 containers", "{value: 28000, qualifier: about}")
    )
    assert report.passed
    assert codes(report) == [("warning", "qualifier-mismatch")]
    strict = run_check(
        tmp_path, claim("The port handled more than 28,000 containers", "{value: 28000, qualifier: about}"), strict=True
    )
    assert not strict.passed


def test_unknown_document_fails_with_a_suggestion(tmp_path: Path) -> None:
    report = run_check(tmp_path, claim("The port handled more than 28,000 containers", doc="prot"))
    assert ("error", "unknown-document") in codes(report)
    assert "port" in report.problems[0].message


def test_short_quote_warns(tmp_path: Path) -> None:
    report = run_check(tmp_path, claim("28,000 containers"))
    assert ("warning", "short-quote") in codes(report)


def test_uncited_claim_fails_and_suggest_finds_the_passage(tmp_path: Path) -> None:
    text = """claims:
  - id: staff
    text: About 1,200 people work at the docks.
    figure: {value: 1200, qualifier: about}
"""
    report = run_check(tmp_path, text, suggest=True)
    assert ("error", "no-citation") in codes(report) and ("warning", "no-statistic") in codes(report)
    problem = next(p for p in report.problems if p.code == "no-citation")
    assert problem.suggestions[0].text == "About 1,200 people work at the docks, according to the authority."
    assert problem.suggestions[0].line == 4


def test_statistic_without_claims_is_a_warning(tmp_path: Path) -> None:
    text = claim("The port handled more than 28,000 containers").replace(
        "statistics:\n", "statistics:\n  - id: staff\n    label: dock workers\n"
    )
    report = run_check(tmp_path, text)
    assert ("warning", "unused-statistic") in codes(report)


def test_suggested_lines_count_the_front_matter(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "herald.md").write_text(
        "---\ntitle: Docks\npublisher: Herald\n---\n\nIntro.\n\nAbout 1,200 people work at the docks, it said.\n",
        encoding="utf-8",
    )
    (tmp_path / "claims.yaml").write_text(
        "claims:\n  - id: staff\n    text: About 1,200 people work at the docks.\n", encoding="utf-8"
    )
    report = check_claims(
        load_corpus(tmp_path / "corpus"), load_claims(tmp_path / "claims.yaml"), CheckOptions(suggest=True)
    )
    problem = next(p for p in report.problems if p.code == "no-citation")
    # Line 8 of the file: four lines of front matter and a blank line come before the body's line 3.
    assert problem.suggestions[0].line == 8


def test_quotes_are_compared_with_the_figures_the_corpus_reads_which_are_the_documents_own(tmp_path: Path) -> None:
    # check takes a document's figures from the corpus (the index's, not read again): they must be what reading
    # the document's text gives, in memory and through the index.
    from factcheck.corpus.index import open_index
    from factcheck.matching.quotes import prepare

    root = Path(__file__).resolve().parent.parent / "corpus"
    for corpus in (load_corpus(root), open_index(root, tmp_path / "index.sqlite3")):
        for doc in corpus.documents():
            given = prepared_document(corpus, doc).figures()
            assert len(given) > 5
            assert given == prepare(doc.text).figures()
