"""`factcheck disputes`: groups of figures that several documents give for the same thing, disputes first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()

DOCUMENTS = {
    "herald": "Floods in the valley\n\nSome 12,000 people were displaced by the floods in 2024, officials said.\n"
    "About 40 schools closed across the region.\n",
    "courier": "Valley floods: the count grows\n\nThe floods displaced 31,000 people, a charity said on Monday.\n"
    "Some 40 schools closed for a week.\n",
    "gazette": "Relief effort under way\n\nAid groups say 30,500 people were displaced by the floods.\n"
    "The region's 40 schools closed and 3 bridges collapsed.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def disputes(corpus: Path, *args: str, claims: Path | None = None) -> dict[str, object]:
    where = ["--corpus", str(corpus), "--no-index"] + (["--claims", str(claims)] if claims else [])
    result = runner.invoke(app, ["disputes", *where, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and data["schema"] == 1
    return data


def figures_of(group: dict[str, object]) -> dict[str, str]:
    figures = group["figures"]
    assert isinstance(figures, list)
    return {f["document"]: f["text"] for f in figures}


def test_the_conflict_comes_first_then_the_agreement(corpus: Path) -> None:
    data = disputes(corpus)
    groups = data["disputes"]
    assert isinstance(groups, list) and len(groups) == 2
    first, second = groups
    assert first["verdict"] == "conflict" and first["in_conflict"] == 3 and "displaced" in first["label"]
    assert figures_of(first) == {"herald": "12,000", "courier": "31,000", "gazette": "30,500"}
    assert first["spread"] == pytest.approx(31000 / 12000, rel=1e-3)
    assert second["verdict"] == "agree" and "schools" in second["label"]
    assert figures_of(second) == {"herald": "40", "courier": "40", "gazette": "40"}
    # Years never form groups, and a figure of one document (3 bridges) is no group.
    texts = {t for g in groups for t in figures_of(g).values()}
    assert "2024" not in texts and "3" not in texts


def test_ids_are_stable_and_reviewed_groups_go_last(corpus: Path, tmp_path: Path) -> None:
    first_run = [g["id"] for g in disputes(corpus)["disputes"]]  # type: ignore[union-attr]
    assert first_run == [g["id"] for g in disputes(corpus)["disputes"]]  # type: ignore[union-attr]
    assert len(set(first_run)) == len(first_run)
    claims = tmp_path / "claims.yaml"
    claims.write_text(f"claims: []\nreviewed_disputes: [{first_run[0]}]\n", encoding="utf-8")
    reviewed = disputes(corpus, claims=claims)["disputes"]
    assert isinstance(reviewed, list)
    assert [g["id"] for g in reviewed] == [first_run[1], first_run[0]] and reviewed[1]["reviewed"] is True


def test_a_statistic_of_the_claims_file_marks_its_group(corpus: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n  - id: displaced\n    label: people displaced by the floods\n    kind: count\nclaims: []\n",
        encoding="utf-8",
    )
    groups = disputes(corpus, claims=claims)["disputes"]
    assert isinstance(groups, list)
    assert groups[0]["statistic"] == "displaced" and groups[0]["verdict"] == "conflict"
    assert sum(1 for g in groups if g["statistic"] == "displaced") == 1  # the same figures are one group


def test_nothing_found_is_exit_1(corpus: Path) -> None:
    result = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index", "--min-documents", "4"])
    assert result.exit_code == 1
    money = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index", "--kind", "money"])
    assert money.exit_code == 1


def test_table_and_markdown(corpus: Path) -> None:
    table = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index"], env={"COLUMNS": "120"})
    assert table.exit_code == 0
    assert table.stdout.lstrip().startswith("1. ") and "conflict (3 documents)" in table.stdout
    assert "The floods displaced 31,000 people" in table.stdout
    markdown = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index", "--format", "markdown"])
    assert markdown.exit_code == 0
    lines = markdown.stdout.splitlines()
    assert lines[0] == "# Disputes" and "| # | group | verdict |" in markdown.stdout
    assert "**31,000**" in markdown.stdout


def test_reviewed_disputes_must_be_a_list_of_ids(corpus: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims: []\nreviewed_disputes: 5\n", encoding="utf-8")
    result = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index", "--claims", str(claims)])
    assert result.exit_code == 2 and "claims.yaml:2" in result.stderr


@pytest.fixture(scope="module")
def bundled() -> dict[str, object]:
    """disputes of the bundled corpus and claims file (asked once: it compares every statistic)."""
    return disputes(Path("corpus"), claims=Path("claims.yaml"))


def test_the_bundled_corpus_groups_its_statistics(bundled: dict[str, object]) -> None:
    groups = bundled["disputes"]
    assert isinstance(groups, list)
    covered = {g["statistic"] for g in groups}
    assert {"workers-abroad", "countries-now", "annual-revenue"} <= covered
    abroad = next(g for g in groups if g["statistic"] == "workers-abroad")
    assert figures_of(abroad)["king-2020"] == "28,000"


def test_draft_prints_new_groups_as_statistics_with_draft_claims_that_check_passes(
    corpus: Path, tmp_path: Path
) -> None:
    import yaml

    result = runner.invoke(app, ["disputes", "--corpus", str(corpus), "--no-index", "--draft"])
    assert result.exit_code == 0, result.output
    drafted = yaml.safe_load(result.stdout)
    labels = {s["label"] for s in drafted["statistics"]}
    assert "people displaced" in labels
    displaced = next(s["id"] for s in drafted["statistics"] if s["label"] == "people displaced")
    figures = {
        c["citations"][0]["document"]: c["figure"]["value"] for c in drafted["claims"] if c["statistic"] == displaced
    }
    assert figures == {"herald": 12000, "courier": 31000, "gazette": 30500}
    assert all(c["status"] == "draft" for c in drafted["claims"])
    claims = tmp_path / "claims.yaml"
    claims.write_text(result.stdout, encoding="utf-8")
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims)]
    assert runner.invoke(app, ["check", *where]).exit_code == 0  # drafts only warn
    assert runner.invoke(app, ["check", "--strict", *where]).exit_code == 1


def test_probable_slips_are_flagged_and_honest_differences_are_not(tmp_path: Path) -> None:
    slips = tmp_path / "slips"
    honest = tmp_path / "honest"
    for folder in (slips, honest):
        folder.mkdir()
    (slips / "alpha.txt").write_text(
        "The hospital treated 1,234 patients last year.\nInflation reached 4.5% in May, the bureau said.\n"
        "The mill produces 200 tonnes of flour a day.\n",
        encoding="utf-8",
    )
    (slips / "beta.txt").write_text(
        "The hospital treated 1,324 patients last year.\nInflation reached 45% in May, the bureau said.\n"
        "The mill produces 73,000 tonnes of flour a year.\n",
        encoding="utf-8",
    )
    (honest / "alpha.txt").write_text(
        "The hospital treated 12,000 patients last year.\nInflation reached 3.2% in May, the bureau said.\n",
        encoding="utf-8",
    )
    (honest / "beta.txt").write_text(
        "The hospital treated 12,500 patients last year.\nInflation reached 3.25% in May, the bureau said.\n",
        encoding="utf-8",
    )
    flagged = {
        (s["text"], s["other_text"]): s["suspicion"]
        for g in disputes(slips)["disputes"]  # type: ignore[union-attr]
        for s in g["slips"]
    }
    assert "two digits swapped" in flagged[("1,324", "1,234")]
    assert "decimal point moved" in flagged[("45%", "4.5%")]
    assert "per day set against one per year" in flagged[("73,000 tonnes", "200 tonnes")]
    assert all(not g["slips"] for g in disputes(honest)["disputes"])  # type: ignore[union-attr]


def test_the_bundled_revenue_figures_are_flagged_as_a_scale_slip(bundled: dict[str, object]) -> None:
    groups = bundled["disputes"]
    assert isinstance(groups, list)
    revenue = next(g for g in groups if g["statistic"] == "annual-revenue")
    (slip,) = revenue["slips"]
    assert slip["text"] == "$8.2 million" and "a thousand times off" in slip["suspicion"]


def test_a_group_whose_figures_cannot_be_set_side_by_side_comes_after_agreement(tmp_path: Path) -> None:
    # Silt carried per day and per year cannot be compared (compare sets them apart): the group says neither
    # conflict, time line nor agreement, and comes after the group that agrees (it came before it).
    folder = tmp_path / "apart"
    folder.mkdir()
    (folder / "herald.txt").write_text(
        "Valley budget\n\nThe valley's flood defences cost $40 million, and the river carries 300 tonnes of silt a "
        "day.\n",
        encoding="utf-8",
    )
    (folder / "courier.txt").write_text(
        "Valley works\n\nThe valley's flood defences cost $42 million; the river carries 90,000 tonnes of silt a "
        "year.\n",
        encoding="utf-8",
    )
    groups = disputes(folder)["disputes"]
    assert isinstance(groups, list)
    assert [(g["verdict"], sorted(figures_of(g).values())) for g in groups] == [
        ("agree", ["$40 million", "$42 million"]),
        ("apart", ["300 tonnes", "90,000 tonnes"]),
    ]


def test_the_bundled_groups_have_distinct_ids_and_each_other_reading_shares_a_figure_with_its_statistic(
    bundled: dict[str, object],
) -> None:
    # A document that speaks of two things may come first in two parts of a split group: the parts' ids differ.
    # A phrase's group is "also about" the statistic its phrase resolves to only when it shows a figure that the
    # statistic's own group gives ("countries", "active countries" resolve to a statistic of workers abroad, and
    # their figures are counts of countries: new groups).
    groups = bundled["disputes"]
    assert isinstance(groups, list)
    ids = [g["id"] for g in groups]
    assert len(ids) == len(set(ids))
    given = {(g["statistic"], f["document"], f["start"]) for g in groups if g["statistic"] for f in g["figures"]}
    others = [g for g in groups if g["also_about"]]
    assert others
    for group in others:
        assert any((group["also_about"], f["document"], f["start"]) in given for f in group["figures"]), group["label"]
