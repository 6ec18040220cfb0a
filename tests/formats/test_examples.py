"""examples/formats/corpus/ (PDF and HTML versions of bundled documents): compare finds the figures of the text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "formats" / "corpus"
# Statistics of the bundled claims.yaml with figures in both PDFs and in the saved page.
STATISTICS = ("workers-abroad", "countries-now", "annual-revenue")

runner = CliRunner()


def figures(corpus: Path) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """Each statistic's figures per document: text, value, range and year, as compare gives them in JSON."""
    command = [
        "compare",
        "--format",
        "json",
        "--no-index",
        "--corpus",
        str(corpus),
        "--claims",
        str(ROOT / "claims.yaml"),
    ]
    result = runner.invoke(app, command, env={"FACTCHECK_CORPUS": ""})
    assert result.exit_code == 0, result.output
    return {
        c["statistic"]: {
            d["id"]: [(f["text"], f["value"], f["low"], f["high"], f["year"]) for f in d["findings"]]
            for d in c["documents"]
        }
        for c in json.loads(result.stdout)
        if c["statistic"] in STATISTICS
    }


def test_the_pdf_and_html_versions_give_the_figures_of_the_text_versions(tmp_path: Path) -> None:
    text = tmp_path / "text"
    text.mkdir()
    manifest = (EXAMPLES / "sources.yaml").read_text(encoding="utf-8")
    for document in EXAMPLES.iterdir():
        if document.suffix in (".pdf", ".html"):
            shutil.copy(ROOT / "corpus" / f"{document.stem}.txt", text)
            manifest = manifest.replace(document.name, f"{document.stem}.txt")
    (text / "sources.yaml").write_text(manifest, encoding="utf-8")
    from_text, from_formats = figures(text), figures(EXAMPLES)
    assert set(from_text) == set(STATISTICS)
    assert {d for found in from_text.values() for d in found} == {"king-2020", "report-2025", "aljazeera-2026"}
    assert from_formats == from_text
