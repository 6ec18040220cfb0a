"""`factcheck export`: ClaimReview JSON-LD checked against the fields the ClaimReview documentation requires,
and the CSV and JSON exports, one row or object per claim."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.commands.report import Report, build_report
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus
from factcheck.errors import ClaimsError
from factcheck.render.export import export_claimreview, export_csv, export_json

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
VERDICTS = {"supported", "disputed", "contradicted", "not found"}

SOURCES = """documents:
  - file: herald.txt
    id: herald
    title: City grows
    publisher: The Herald
    author: Ann Writer
    published: "2021-06-15"
    url: https://herald.example/city
  - file: gazette.txt
    id: gazette
    title: Census results
    publisher: The Gazette
    published: "2021-03"
    url: https://gazette.example/census
  - file: blog.txt
    id: blog
"""
META = """meta:
  organisation: Example Fact Check
  url: https://factcheck.example/city
"""
CLAIMS = """statistics:
  - id: population
    label: city population
    aliases: [residents]
    kind: count
claims:
  - id: herald-population
    statistic: population
    text: The city has 1.2 million residents </script>.
    figure: {value: 1200000}
    citations:
      - document: herald
        quote: "The city has 1.2 million residents"
  - id: gazette-population
    statistic: population
    text: About 800,000 people live in the city.
    figure: {value: 800000, qualifier: about}
    citations:
      - document: herald
        quote: "residents, the statistics office said"
      - document: gazette
        quote: "About 800,000 residents live in the city"
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


def make_city(tmp_path: Path, meta: str = META) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (corpus / "herald.txt").write_text(
        "City grows\n\nThe city has 1.2 million residents, the statistics office said.\n", encoding="utf-8"
    )
    (corpus / "gazette.txt").write_text("Census\n\nAbout 800,000 residents live in the city.\n", encoding="utf-8")
    (corpus / "blog.txt").write_text("Why I love the city\n\nThe parks are lovely in spring.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(meta + CLAIMS, encoding="utf-8")
    return corpus, claims


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Report:
    corpus, claims = make_city(tmp_path_factory.mktemp("export"))
    return build_report(load_corpus(corpus), load_claims(claims), date="2026-03-01")


# --- ClaimReview validation ---------------------------------------------------------------------


def _is_date(text: Any) -> bool:
    """ISO 8601 as the documentation asks: a date (2021-06-15), or as precise as known (2021-03, 2021)."""
    if not isinstance(text, str):
        return False
    parts = text.split("-")
    try:
        dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return False
    return len(parts) <= 3 and len(parts[0]) == 4


def _url(text: Any) -> bool:
    return isinstance(text, str) and text.startswith(("https://", "http://")) and " " not in text


def validate_claim_review(review: dict[str, Any]) -> list[str]:
    """What a ClaimReview lacks by Google's fact-check documentation and schema.org (empty when valid).

    Required: claimReviewed (text), reviewRating (a Rating with alternateName; ratingValue between worstRating and
    bestRating, worstRating at least 1, when numbers are given), url. Recommended, and required by this project:
    author (an Organization with name and url), datePublished, itemReviewed (a Claim; its appearance and
    firstAppearance CreativeWorks).
    """
    errors: list[str] = []
    if review.get("@context") != "https://schema.org" or review.get("@type") != "ClaimReview":
        errors.append("not a schema.org ClaimReview")
    if not isinstance(review.get("claimReviewed"), str) or not review["claimReviewed"].strip():
        errors.append("claimReviewed missing")
    if not _url(review.get("url")):
        errors.append("url missing or not a URL")
    if not _is_date(review.get("datePublished")):
        errors.append("datePublished missing or not ISO 8601")
    author = review.get("author")
    if not isinstance(author, dict) or author.get("@type") != "Organization" or not author.get("name"):
        errors.append("author is not an Organization with a name")
    elif not _url(author.get("url")):
        errors.append("author has no url")
    rating = review.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        errors.append("reviewRating is not a Rating")
    else:
        if rating.get("alternateName") not in VERDICTS:
            errors.append(f"reviewRating.alternateName {rating.get('alternateName')!r} is not a verdict")
        if "ratingValue" in rating:
            best, worst, value = rating.get("bestRating"), rating.get("worstRating"), rating["ratingValue"]
            if not (isinstance(best, int) and isinstance(worst, int) and isinstance(value, int)):
                errors.append("numeric rating without integer bestRating/worstRating")
            elif not (1 <= worst <= value <= best and worst < best):
                errors.append("ratingValue outside worstRating..bestRating")
    item = review.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        errors.append("itemReviewed is not a Claim")
    else:
        for work in [*item.get("appearance", []), item.get("firstAppearance")]:
            if not isinstance(work, dict) or work.get("@type") != "CreativeWork" or not work.get("name"):
                errors.append("an appearance is not a named CreativeWork")
            elif "url" in work and not _url(work["url"]):
                errors.append("an appearance has a bad url")
            elif "datePublished" in work and not _is_date(work["datePublished"]):
                errors.append("an appearance has a bad datePublished")
    return errors


def test_validator_catches_missing_fields() -> None:
    assert "claimReviewed missing" in validate_claim_review({"@context": "https://schema.org", "@type": "ClaimReview"})
    bad = {"@type": "Rating", "alternateName": "true", "ratingValue": 5, "bestRating": 3, "worstRating": 1}
    errors = validate_claim_review({"reviewRating": bad})
    assert "reviewRating.alternateName 'true' is not a verdict" in errors
    assert "ratingValue outside worstRating..bestRating" in errors


def test_claimreview_fields(city: Report) -> None:
    text = export_claimreview(city)
    reviews = json.loads(text)
    assert len(reviews) == 4
    for review in reviews:
        assert validate_claim_review(review) == [], review
    first = reviews[0]
    assert first["url"] == "https://factcheck.example/city#claim-herald-population"
    assert first["claimReviewed"] == "The city has 1.2 million residents </script>."
    assert "</script>" not in text  # escaped as \u003c/script\u003e, so it can be pasted into a script element
    assert first["datePublished"] == "2026-03-01"
    assert first["author"] == {
        "@type": "Organization",
        "name": "Example Fact Check",
        "url": "https://factcheck.example/city",
    }
    assert first["reviewRating"]["alternateName"] == "disputed"  # the herald fits 1.2 million, the gazette does not
    assert (first["reviewRating"]["ratingValue"], first["reviewRating"]["bestRating"]) == (2, 3)
    assert first["itemReviewed"]["appearance"] == [
        {
            "@type": "CreativeWork",
            "name": "City grows",
            "url": "https://herald.example/city",
            "datePublished": "2021-06-15",
            "author": {"@type": "Person", "name": "Ann Writer"},
            "publisher": {"@type": "Organization", "name": "The Herald"},
        }
    ]


def test_claimreview_verdicts_and_first_appearance(city: Report) -> None:
    reviews = {r["url"].split("#claim-")[1]: r for r in json.loads(export_claimreview(city))}
    names = {k: r["reviewRating"]["alternateName"] for k, r in reviews.items()}
    assert names == {
        "herald-population": "disputed",
        "gazette-population": "disputed",
        "broken-population": "contradicted",  # 2 million fits neither document
        "parks-lovely": "not found",  # no statistic: nothing to compare
    }
    assert reviews["broken-population"]["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in reviews["parks-lovely"]["reviewRating"]  # not found is no point on the scale
    gazette = reviews["gazette-population"]["itemReviewed"]
    # cited herald (2021-06-15) first, then gazette (2021-03): the earlier one is the first appearance
    assert [w["name"] for w in gazette["appearance"]] == ["City grows", "Census results"]
    assert gazette["firstAppearance"]["url"] == "https://gazette.example/census"
    assert gazette["datePublished"] == "2021-03"
    blog = reviews["parks-lovely"]["itemReviewed"]
    assert blog["appearance"] == [{"@type": "CreativeWork", "name": "blog"}]  # no metadata: its id as name


def test_claimreview_url_option(city: Report) -> None:
    reviews = json.loads(export_claimreview(city, "https://factcheck.example/2026/city-population#top"))
    assert reviews[2]["url"] == "https://factcheck.example/2026/city-population#claim-broken-population"


def test_claimreview_needs_publisher(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path, meta="meta:\n  organisation: Example Fact Check\n")
    report = build_report(load_corpus(corpus), load_claims(claims))
    with pytest.raises(ClaimsError) as caught:
        export_claimreview(report)
    assert "`meta:` has no url" in str(caught.value)
    assert "meta: {organisation: Your Fact Check, url: https://your.site}" in str(caught.value)
    assert json.loads(export_json(report))["claims"]  # CSV and JSON need no publisher


# --- CSV and JSON -------------------------------------------------------------------------------


def test_csv_one_row_per_claim(city: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(city))))
    assert [r["id"] for r in rows] == ["herald-population", "gazette-population", "broken-population", "parks-lovely"]
    gazette = rows[1]
    assert gazette["documents"] == "herald\ngazette"
    assert gazette["quotes"] == "residents, the statistics office said\nAbout 800,000 residents live in the city"
    assert (gazette["verdict"], gazette["supported_by"], gazette["contradicted_by"]) == (
        "disputed",
        "gazette",
        "herald",
    )
    assert (gazette["figure"], gazette["value"], gazette["qualifier"]) == ("about 800,000", "800000", "about")
    broken = rows[2]
    assert broken["citation_check"] == "fail"
    assert broken["problems"].startswith("error [number-mismatch]: quote differs from herald in its figures")
    assert rows[3]["statistic"] == "" and rows[3]["verdict"] == "not found"
    assert rows[3]["problems"] == "warning [no-statistic]: claim names no statistic"


def test_json_one_object_per_claim(city: Report) -> None:
    data = json.loads(export_json(city))
    assert data["schema"] == 1 and data["date"] == "2026-03-01"
    assert data["summary"] == {
        "claims": 4,
        "passed": 3,
        "failed": 1,
        "verdicts": {"supported": 0, "disputed": 2, "contradicted": 1, "not found": 1},
    }
    herald = data["claims"][0]
    assert herald["id"] == "herald-population"
    assert herald["figure"] == {
        "text": "1,200,000",
        "value": 1200000,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "unit": None,
        "per": None,
    }
    assert herald["citations"] == [
        {
            "document": "herald",
            "page": None,  # a text document has no pages (a PDF's: the page its quote stands on)
            "quote": "The city has 1.2 million residents",
            "note": None,
            "title": "City grows",
            "url": "https://herald.example/city",
            "published": "2021-06-15",
            "in_corpus": True,
        }
    ]
    assert herald["citation_check"] == {"passed": True, "problems": []}
    assert data["claims"][2]["citation_check"]["problems"][0]["code"] == "number-mismatch"
    assert data["claims"][2]["claims_file"]["line"] == 26  # "- id: broken-population": 3 lines of META + 23


# --- the command and the bundled claims ---------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    from factcheck.cli import app

    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def test_export_command(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path)
    paths = ("--corpus", str(corpus), "--claims", str(claims))
    code, out, err = _run("export", "--date", "2026-03-01", *paths)
    assert code == 0, err
    assert [r["datePublished"] for r in json.loads(out)] == ["2026-03-01"] * 4
    target = tmp_path / "claims.csv"
    code, out, _ = _run("export", "-f", "csv", "-o", str(target), *paths)
    assert code == 0 and out == ""
    assert len(list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))) == 4
    code, _, err = _run("export", "--date", "1 March", *paths)
    assert code == 2 and "not an ISO 8601 date" in err
    code, _, err = _run("export", "--corpus", str(tmp_path / "nowhere"), "--claims", str(claims))
    assert code == 2 and "nowhere" in err


def test_export_command_without_publisher(tmp_path: Path) -> None:
    corpus, claims = make_city(tmp_path, meta="")
    code, out, err = _run("export", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 2 and out == ""
    assert "cannot export ClaimReview" in err and "`meta:` has no organisation and no url" in err


def test_bundled_claims_export_valid_claimreview() -> None:
    claims = load_claims(ROOT / "claims.yaml")
    report = build_report(load_corpus(ROOT / "corpus"), claims, date="2026-03-01")
    reviews = json.loads(export_claimreview(report))
    assert len(reviews) == len(claims.claims)
    for review in reviews:
        assert validate_claim_review(review) == [], review["url"]
    assert {r["author"]["url"] for r in reviews} == {"https://example.org/factcheck"}
