"""The bundled claims.yaml: well formed, and every quote stands word for word in the sample corpus."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_PATH = ROOT / "claims.yaml"
CORPUS = ROOT / "corpus"

ID = re.compile(r"^[A-Za-z0-9._-]+$")
KINDS = {"count", "money", "percent", "ratio", "duration", "measure"}
PERS = {"day", "week", "month", "year"}
QUALIFIERS = {"exact", "about", "over", "at_least", "under", "up_to"}
# Curly quote marks and apostrophes, and their straight forms.
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# Scale words that may follow a figure's mantissa ("$8 billion", "US$2.312m", "100k/mo").
SCALES: tuple[tuple[float, str], ...] = (
    (1e9, r"\bbillions?\b|(?<=\d)bn?\b|\bbn\b"),
    (1e6, r"\bmillions?\b|(?<=\d)m\b|\bmn\b"),
    (1e3, r"\bthousands?\b|(?<=\d)k\b"),
)


def normalise(text: str) -> str:
    """White space runs to one space, curly quote marks to straight ones; nothing else."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def digit_forms(number: float) -> set[str]:
    """The ways a number may be written: 28000 as 28000, 28,000, 28.000 (dot thousands), 28 000; 8.2 as 8.2."""
    if number != int(number):
        text = f"{number:.3f}".rstrip("0")
        return {text}
    plain = str(int(number))
    grouped = f"{int(number):,}"
    return {plain, grouped, grouped.replace(",", "."), grouped.replace(",", " ")}


def _written(form: str, text: str) -> bool:
    """``form`` stands in ``text`` as a whole number: not inside a longer one ("50" is not in "50,000")."""
    return re.search(rf"(?<![\d.,]){re.escape(form)}(?!\d|[.,]\d)", text) is not None


def number_in(number: float, text: str) -> bool:
    """Whether ``number`` is written in ``text`` in one of the common styles, with a scale word if scaled."""
    if any(_written(form, text) for form in digit_forms(number)):
        return True
    for scale, words in SCALES:
        mantissa = number / scale
        if mantissa >= 1 and math.isclose(mantissa, round(mantissa, 3)) and re.search(words, text):
            if any(_written(form, text) for form in digit_forms(round(mantissa, 3))):
                return True
    return False


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def claims_file() -> dict[str, Any]:
    data = load_yaml(CLAIMS_PATH)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """Document id to its normalised text, from corpus/sources.yaml."""
    sources = load_yaml(CORPUS / "sources.yaml")
    return {
        entry["id"]: normalise((CORPUS / entry["file"]).read_text(encoding="utf-8")) for entry in sources["documents"]
    }


def all_citations(claims_file: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(claim["id"], citation) for claim in claims_file["claims"] for citation in claim["citations"]]


# --- helpers of this test, checked on examples worked out by hand ------------------------------------


def test_normalise_changes_only_white_space_and_quote_marks() -> None:
    assert normalise("Cuba\u2019s  \u201cwhite coat\n army\u201d\u00a0x") == 'Cuba\'s "white coat army" x'


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (28000, "more than 28,000 medical personnel"),
        (42000, "Cuba has 42.000 workers"),
        (5000, "from about 5000 in 2003"),
        (8000000000, "between $6 billion and $8 billion"),
        (6000000000, "an estimated $6 to $8 billion a year"),
        (2312000000, "amounted to US$2.312m \u2013 28%"),
        (8200000, "revenue of $8.2 million that year"),
        (100000, "Approx. MXN 100k/mo per doctor"),
        (31000, "| 31,000+ |"),
        (10, "Doctors received ~10-25% of salary."),
        (25, "Doctors received ~10-25% of salary."),
    ],
)
def test_number_in_finds_the_written_figure(number: float, text: str) -> None:
    assert number_in(number, text)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (50, "between 22,000 and 50,000 health workers"),
        (2000, "In 2007, 42.000 workers"),
        (8000000000, "revenue of $8.2 million"),
        (3000, "3.350 health workers"),
        (6000000, "$6 billion"),
    ],
)
def test_number_in_rejects_other_figures(number: float, text: str) -> None:
    assert not number_in(number, text)


# --- the claims file --------------------------------------------------------------------------------


def test_top_level_sections(claims_file: dict[str, Any]) -> None:
    assert set(claims_file) == {"meta", "statistics", "claims"}
    assert claims_file["meta"]["url"] == "https://example.org/factcheck"
    assert "example" in claims_file["meta"]["organisation"]


def test_statistics_are_many_unique_and_have_aliases(claims_file: dict[str, Any]) -> None:
    stats = claims_file["statistics"]
    assert len(stats) >= 10
    ids = [s["id"] for s in stats]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for stat in stats:
        assert ID.match(stat["id"]), stat["id"]
        assert isinstance(stat["label"], str) and stat["label"].strip()
        assert stat["aliases"] and all(isinstance(a, str) and a.strip() for a in stat["aliases"]), stat["id"]
        assert stat.get("kind", "count") in KINDS
        assert stat.get("per", "year") in PERS
        for key, words in stat.get("cues", {}).items():
            assert key in {"require", "exclude", "cumulative", "current"}
            assert all(isinstance(w, str) and w.strip() for w in words)


def test_required_statistics_are_there(claims_file: dict[str, Any]) -> None:
    stats = {s["id"]: s for s in claims_file["statistics"]}
    for stat_id in ("workers-abroad", "workers-sent-total", "countries-now", "countries-total", "state-share"):
        assert stat_id in stats
    revenue = stats["annual-revenue"]
    assert (revenue["kind"], revenue["unit"], revenue["per"]) == ("money", "USD", "year")
    assert (stats["state-share"]["kind"], stats["state-share"]["unit"]) == ("percent", "%")
    for programme in ("venezuela-workers", "brazil-workers", "guatemala-workers"):
        assert stats[programme]["kind"] == "count"


def test_claims_are_many_unique_and_point_at_statistics(claims_file: dict[str, Any]) -> None:
    claims = claims_file["claims"]
    assert len(claims) >= 40
    ids = [c["id"] for c in claims]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    stat_ids = {s["id"] for s in claims_file["statistics"]}
    for claim in claims:
        assert ID.match(claim["id"]), claim["id"]
        assert claim["statistic"] in stat_ids, claim["id"]
        assert isinstance(claim["text"], str) and claim["text"].strip()
        assert len(claim["citations"]) >= 1, claim["id"]
        assert all(isinstance(t, str) for t in claim.get("tags", []))


def test_figures_are_well_formed(claims_file: dict[str, Any]) -> None:
    for claim in claims_file["claims"]:
        figure = claim.get("figure")
        if figure is None:
            continue
        assert set(figure) <= {"value", "low", "high", "qualifier"}, claim["id"]
        assert ("value" in figure) != ("low" in figure and "high" in figure), claim["id"]
        if "low" in figure:
            assert figure["low"] < figure["high"], claim["id"]
        assert figure.get("qualifier", "exact") in QUALIFIERS, claim["id"]


def test_every_document_exists_and_is_cited(claims_file: dict[str, Any], documents: dict[str, str]) -> None:
    cited = {citation["document"] for _, citation in all_citations(claims_file)}
    assert cited <= set(documents)
    assert set(documents) == cited
    assert set(documents) == {"wikipedia", "king-2020", "report-2025", "forced-labor-2025", "aljazeera-2026"}


def test_every_corpus_file_has_a_sources_entry() -> None:
    sources = load_yaml(CORPUS / "sources.yaml")
    assert {entry["file"] for entry in sources["documents"]} == {p.name for p in CORPUS.glob("*.txt")}


def test_every_quote_stands_in_its_document(claims_file: dict[str, Any], documents: dict[str, str]) -> None:
    missing = [
        (claim_id, citation["quote"])
        for claim_id, citation in all_citations(claims_file)
        if normalise(citation["quote"]) not in documents[citation["document"]]
    ]
    assert missing == []


def test_quotes_are_whole_clauses_without_ellipses(claims_file: dict[str, Any]) -> None:
    for claim_id, citation in all_citations(claims_file):
        quote = citation["quote"]
        assert "..." not in quote and "\u2026" not in quote, claim_id
        assert len(re.findall(r"[^\W_]+", quote)) >= 6, (claim_id, quote)


def test_every_figure_is_written_in_a_quote(claims_file: dict[str, Any]) -> None:
    for claim in claims_file["claims"]:
        figure = claim.get("figure")
        if figure is None:
            continue
        numbers = [figure["value"]] if "value" in figure else [figure["low"], figure["high"]]
        quotes = [normalise(c["quote"]) for c in claim["citations"]]
        for number in numbers:
            assert any(number_in(number, q) for q in quotes), (claim["id"], number)


def test_every_year_is_written_in_a_quote(claims_file: dict[str, Any]) -> None:
    for claim in claims_file["claims"]:
        if "year" in claim:
            assert any(_written(str(claim["year"]), c["quote"]) for c in claim["citations"]), claim["id"]


def test_the_disagreements_are_all_there(claims_file: dict[str, Any]) -> None:
    """One claim per document's figure where the documents disagree (values worked out from the texts)."""
    by_stat: dict[str, set[tuple[str, Any]]] = {}
    for claim in claims_file["claims"]:
        figure = claim.get("figure") or {}
        value = figure.get("value", (figure.get("low"), figure.get("high")))
        for citation in claim["citations"]:
            by_stat.setdefault(claim["statistic"], set()).add((citation["document"], value))
    assert {
        ("king-2020", 28000),
        ("report-2025", (22000, 50000)),
        ("forced-labor-2025", 22000),
        ("wikipedia", 30000),
    } <= by_stat["workers-abroad"]
    assert {("king-2020", 61), ("report-2025", 50), ("forced-labor-2025", 50)} <= by_stat["countries-now"]
    assert {("report-2025", 164), ("forced-labor-2025", 70), ("king-2020", 160)} <= by_stat["countries-total"]
    assert {("report-2025", (6e9, 8e9)), ("wikipedia", 2312000000)} <= by_stat["annual-revenue"]
    assert ("report-2025", (75, 95)) in by_stat["state-share"]


QUALIFIER_WORDS = {
    "over": r"\bmore than\b|\bover\b|\d\+|-plus\b|\bin excess of\b|\bupwards of\b",
    "about": r"\babout\b|\baround\b|\bapprox|~|\bestimated\b|\bnearly\b|\balmost\b|\broughly\b",
    "at_least": r"\bat least\b|\bno fewer than\b",
    "under": r"\bless than\b|\bfewer than\b|\bbelow\b|\bunder\b",
    "up_to": r"\bup to\b|\bas many as\b|\bat most\b",
}


def test_every_hedge_is_written_in_a_quote(claims_file: dict[str, Any]) -> None:
    """A claim whose figure is hedged ("more than", "~", "no fewer than") quotes the hedge."""
    for claim in claims_file["claims"]:
        qualifier = (claim.get("figure") or {}).get("qualifier", "exact")
        if qualifier != "exact":
            words = QUALIFIER_WORDS[qualifier]
            assert any(re.search(words, c["quote"], re.IGNORECASE) for c in claim["citations"]), claim["id"]
