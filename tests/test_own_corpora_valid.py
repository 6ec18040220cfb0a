"""The hand-made corpora under tests/corpora: their YAML, quotes and answer keys hold together."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

CORPORA = Path(__file__).parent / "corpora"


def _load_validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpora_validate", CORPORA / "validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


validator = _load_validator()
ROOTS: list[Path] = validator.corpus_roots(CORPORA)


def test_three_corpora_on_different_subjects() -> None:
    assert [root.name for root in ROOTS] == ["city-population", "company-revenue", "flood-toll"]


@pytest.mark.parametrize("root", ROOTS, ids=[root.name for root in ROOTS])
def test_corpus_is_valid(root: Path) -> None:
    assert validator.validate(root) == []


def test_validator_reports_a_broken_quote_and_a_missing_gold_figure(tmp_path: Path) -> None:
    root = tmp_path / "flood-toll"
    shutil.copytree(CORPORA / "flood-toll", root)
    claims = root / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("Confirmed deaths: 94", "Confirmed deaths: 95"))
    gold = root / "gold.yaml"
    gold.write_text(gold.read_text(encoding="utf-8").replace('wire-0913: ["38"]', 'wire-0913: ["39"]'))

    problems = validator.validate(root)

    assert any("ncpa-deaths: quote not verbatim in ncpa-sitrep-9: 'Confirmed deaths: 95'" in p for p in problems)
    assert any("deaths wire-0913: figure '39' not verbatim" in p for p in problems)


def test_gold_figures_stand_as_whole_figures() -> None:
    # "94" must not be found inside "1994" or "94.5"; "4%" not inside "2.4%".
    assert validator.occurs("94", "in 1994, 94.5 and x94") == 0
    assert validator.occurs("4%", "2.4% and 14%") == 0
    assert validator.occurs("400", "400+ and over 400") == 2


def test_claim_figures_are_read_with_their_scale() -> None:
    assert {3.1e9, 3.4e9, 1.18e6, 55000.0} <= validator.numbers_in("€3.1bn ($3.4bn), 1.18m, 55,000")
