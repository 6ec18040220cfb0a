"""Reports fit the terminal: at 60, 80 and 160 columns no line is longer than the width, every id stands whole, no
word of the evidence is lost, and the chart never wraps; piped output is as wide as COLUMNS says, else 120."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# Ids longer than a table column would be given at 60 or 80 columns, and sentences that wrap several times there.
LONG_ID = "national-statistics-office-annual-report-2021"
DOCUMENTS = {
    LONG_ID: (
        "Annual report\n\nThe national statistics office counted 1,204,000 residents in the city at the end of "
        "the year, after a decade in which the suburbs grew faster than the old town.\n"
    ),
    "evening-gazette-census-feature": (
        "Census feature\n\nAbout 1.18 million residents live in the city, according to the census takers "
        "who walked every street of the old town and the new suburbs last spring.\n"
    ),
    "blog": "Why I love the city\n\nThe parks are lovely in spring.\n",
}
SENTENCES = [text.split("\n\n")[1].strip() for text in DOCUMENTS.values() if "residents" in text]
CLAIM_IDS = ["statistics-office-population-end-of-year-2021", "gazette-population-about"]
CLAIMS = f"""statistics:
  - id: population
    label: city population
    aliases: [residents]
    kind: count
claims:
  - id: {CLAIM_IDS[0]}
    statistic: population
    text: The statistics office counted 1,204,000 residents at the end of the year.
    figure: {{value: 1204000}}
    citations:
      - document: {LONG_ID}
        quote: "The national statistics office counted 1,204,000 residents in the city"
  - id: {CLAIM_IDS[1]}
    statistic: population
    text: About 1.18 million residents live in the city.
    figure: {{value: 1180000, qualifier: about}}
    citations:
      - document: evening-gazette-census-feature
        quote: "About 1.18 million residents live in the city"
"""
CHART_ROW = re.compile(r"^  (?:\S.* )?│ *[─●├┤←→][─●├┤←→ ]*│$")  # a bar with a mark, after its label or alone


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


def run(project: Path, columns: int | None, *args: str) -> tuple[int, str]:
    env = {"COLUMNS": str(columns)} if columns else {}
    where = ["--corpus", str(project / "corpus")] + (["--no-index"] if args[0] != "extract" else [])
    claims = ["--claims", str(project / "claims.yaml")] if args[0] in ("compare", "grep") else []
    result = runner.invoke(app, [*args, *where, *claims], env=env)
    return result.exit_code, result.stdout


def too_long(text: str, width: int) -> list[str]:
    """The lines wider than ``width``, but a line that is one word longer than the width itself."""
    return [line for line in text.splitlines() if cell_len(line) > width and len(line.split()) > 1]


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w.,']+", text))


def missing_words(sentence: str, output: str) -> set[str]:
    """The words of ``sentence`` that the output does not show (tables and blocks cut lines only at spaces)."""
    return set(sentence.split()) - set(re.sub("[│┃]", " ", output).split())


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_compare_fits_the_width_with_ids_whole_and_evidence_complete(project: Path, columns: int) -> None:
    code, out = run(project, columns, "compare", "city population")
    assert code == 0
    assert too_long(out, columns) == []
    for name in [LONG_ID, "evening-gazette-census-feature", "blog", *CLAIM_IDS]:
        assert name in out
    for sentence in SENTENCES:
        assert missing_words(sentence, out) == set()
    chart = [line for line in out.splitlines() if CHART_ROW.search(line)]
    assert len(chart) == 2, out  # one row per document with a figure, each whole on its line
    narrow = columns < 100
    assert ("┏" not in out) is narrow  # one block per finding below 100 columns, a table above


def test_compare_blocks_give_the_document_then_its_figure_then_the_evidence(project: Path) -> None:
    _, out = run(project, 60, "compare", "city population")
    lines = out.splitlines()
    at = lines.index(LONG_ID)
    assert lines[at + 1].startswith("  1,204,000 · 1.204 million · score ")
    assert lines[at + 2] == "    The national statistics office counted 1,204,000"
    assert lines[at + 3] == "    residents in the city at the end of the year, after a"
    assert lines[lines.index(CLAIM_IDS[1]) + 1] == "  supported · supported by evening-gazette-census-feature,"


@pytest.mark.parametrize("columns", [60, 80, 160])
@pytest.mark.parametrize(
    "args",
    [
        ("grep", "residents"),
        ("grep", "--sentences", "residents"),
        ("extract",),
        ("sources",),
    ],
)
def test_every_wide_report_fits_the_width(project: Path, columns: int, args: tuple[str, ...]) -> None:
    code, out = run(project, columns, *args)
    assert code == 0, out
    assert too_long(out, columns) == []
    if args[0] == "grep" and "--sentences" not in args:
        assert all(claim in out for claim in CLAIM_IDS)
        assert missing_words("The statistics office counted 1,204,000 residents at the end of the year.", out) == set()
    else:
        assert LONG_ID in out and "evening-gazette-census-feature" in out
    if args[0] == "extract" or "--sentences" in args:
        for sentence in SENTENCES:
            assert missing_words(sentence, out) == set()
    assert ("┏" not in out) is (columns < 100)


def test_a_sentence_of_several_figures_is_shown_once_in_blocks(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("The town had 1,200 residents in 1990 and 3,400 residents by 2020.\n")
    result = runner.invoke(app, ["extract", str(corpus)], env={"COLUMNS": "60"})
    assert result.exit_code == 0
    assert result.stdout.count("The town had") == 1
    assert "1,200" in result.stdout and "3,400" in result.stdout


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_evaluate_fits_the_width(columns: int) -> None:
    key = str(ROOT / "tests" / "corpora" / "flood-toll")
    result = runner.invoke(app, ["evaluate", key, "--no-index"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert too_long(result.stdout, columns) == []
    assert "flood-toll" in result.stdout and "recall" in result.stdout


def test_piped_output_is_120_wide_unless_columns_says(project: Path) -> None:
    _, piped = run(project, None, "compare", "city population")
    assert max(cell_len(line) for line in piped.splitlines()) <= 120
    assert piped == run(project, 120, "compare", "city population")[1]
    _, wide = run(project, 200, "compare", "city population")
    assert max(cell_len(line) for line in wide.splitlines()) > 120
    assert too_long(wide, 200) == []


@pytest.mark.parametrize("columns", [24, 40, 60])
def test_the_chart_never_wraps(project: Path, columns: int) -> None:
    _, out = run(project, columns, "compare", "city population")
    chart = [line for line in out.splitlines() if CHART_ROW.search(line)]
    assert len(chart) == 2
    assert all(cell_len(line) <= columns for line in chart)
    assert "axis" in out
