"""The PDF reader on a real document (tests/formats/real/SOURCES.md): a gazette set in three columns, with footnotes,
a running header and a printer's slug in the margin. The expected sentences were typed from the printed page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

pytest.importorskip("pypdfium2")

from factcheck.corpus.formats.convert import extract_here  # noqa: E402

REAL = Path(__file__).resolve().parent / "real"
GAZETTE = REAL / "fr-2020-17221-p1-2.pdf"


def _pages() -> list[str]:
    return [" ".join(page.split()) for page in extract_here("pdf", GAZETTE.read_bytes()).text.split("\f")]


def test_a_three_column_gazette_reads_column_by_column_with_its_sentences_whole() -> None:
    first, second = _pages()
    # A sentence that runs over two lines of the first page's first column, its numbers broken at line ends
    # ("737–" / "8", "2018–" / "23–51"): whole, the dashes kept and no space added.
    assert (
        "The FAA proposes to supersede Airworthiness Directive (AD) 2018–23–51, which applies to all The Boeing"
        " Company Model 737–8 and 737–9 (737 MAX) airplanes." in first
    )
    assert "Docket No. FAA–2020–0686" in first
    # The second page's first column: a sentence over five lines, then the next; the second column starts after
    # the first column's last line, not beside it.
    assert (
        "Investigation of the accident has been completed by the Indonesian authorities (Komite Nasional Keselamatan"
        " Transportasi (KNKT)) with assistance from the National Transportation Safety Board (NTSB) and the FAA of"
        " the United States, the manufacturer, and the operator." in second
    )
    assert second.index("resulting in 189 fatalities") < second.index("These effects include stall warning")
    # lines of the three columns are never run together side by side
    assert "To ensure the docket purpose of these notices" not in first


def test_a_figure_of_the_gazette_has_its_page_and_its_sentence(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / GAZETTE.name).write_bytes(GAZETTE.read_bytes())
    result = CliRunner().invoke(app, ["extract", str(corpus / GAZETTE.name), "--format", "json"])
    assert result.exit_code == 0, result.output
    [fatalities] = [f for f in json.loads(result.stdout) if f["text"] == "189"]
    assert fatalities["page"] == 2 and "resulting in 189 fatalities" in " ".join(fatalities["sentence"].split())
