"""The keys of real portal sentences stay well formed and true to their draws.

The first key is eval/reader/real_sentences.yaml (January-February 2024, drawn into sample.jsonl); the second,
written blind after the reader was fixed on the first, is eval/reader/real_sentences_2.yaml (2025-2026, drawn
into sample_2.jsonl).

It is a measure, not a test of the reader: the scores are printed by bench/reader_real.py, and no floor is asserted
here (the reader's errors on it are listed in eval/reader/README.md).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "eval" / "reader"
FIELDS = {"text", "value", "low", "high", "qualifier", "kind", "unit", "per", "role"}
KINDS = {"count", "money", "percent", "ratio", "duration", "measure", "year", "date", "ordinal", "score"}
QUALIFIERS = {"exact", "about", "over", "at_least", "under", "up_to"}


# key file, its draw, its sources, id prefix, sentences, negatives
KEYS = {
    "first": ("real_sentences.yaml", "sample.jsonl", "SOURCES.md", "real", 280, 30),
    "second": ("real_sentences_2.yaml", "sample_2.jsonl", "SOURCES_2.md", "real2", 220, 20),
}


def _key(name: str = "first") -> list[dict[str, object]]:
    cases = yaml.safe_load((FOLDER / KEYS[name][0]).read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    return cases


@pytest.mark.parametrize("name", sorted(KEYS))
def test_key_matches_the_draw_and_its_sources(name: str) -> None:
    _, sample, sources_file, prefix, n_cases, n_negatives = KEYS[name]
    cases = _key(name)
    drawn = [json.loads(line) for line in (FOLDER / sample).read_text(encoding="utf-8").splitlines()]
    assert [(c["id"], c["text"]) for c in cases] == [(d["id"], d["text"]) for d in drawn]
    assert len({c["id"] for c in cases}) == len(cases) == n_cases
    assert all(str(c["id"]).startswith(f"{prefix}-") for c in cases)
    assert sum(1 for c in cases if str(c["id"]).startswith(f"{prefix}-neg-")) == n_negatives
    sources = (FOLDER / sources_file).read_text(encoding="utf-8")
    assert all(f"| {c['id']} |" in sources for c in cases)
    assert (FOLDER / "licences" / "CC-BY-SA-4.0.txt").is_file()


def test_the_second_key_holds_no_sentence_of_the_first_nor_a_day_the_clusters_use() -> None:
    first = {str(c["text"]) for c in _key("first")}
    assert not first & {str(c["text"]) for c in _key("second")}
    drawn = [json.loads(line) for line in (FOLDER / "sample_2.jsonl").read_text(encoding="utf-8").splitlines()]
    used = set()
    for sources in (ROOT / "eval" / "clusters").glob("*/SOURCES.md"):
        used.update(re.findall(r"docs/_posts/\d{4}-\d\d-\d\d-index\.md", sources.read_text(encoding="utf-8")))
    assert used
    for row in drawn:
        assert re.fullmatch(r"docs/_posts/202[56]-\d\d-\d\d-index\.md", row["path"]), row
        assert row["path"] not in used, row


@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_expected_figure_is_in_its_sentence_in_order(name: str) -> None:
    prefix = KEYS[name][3]
    for case in _key(name):
        text = str(case["text"])
        figures = case["figures"]
        assert isinstance(figures, list)
        if str(case["id"]).startswith(f"{prefix}-neg-"):
            assert figures == [], case["id"]
        at = 0
        for fig in figures:
            assert set(fig) <= FIELDS, (case["id"], fig)
            assert fig.get("kind", "count") in KINDS, (case["id"], fig)
            assert fig.get("qualifier", "exact") in QUALIFIERS, (case["id"], fig)
            found = re.compile(r"(?<!\w)" + re.escape(str(fig["text"])) + r"(?!\w)").search(text, at)
            assert found is not None, (case["id"], fig["text"])
            at = found.end()


@pytest.mark.parametrize("name", sorted(KEYS))
def test_the_measure_runs(name: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reader_real.py"), "--json", "--key", str(FOLDER / KEYS[name][0])],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    ).stdout
    overall = json.loads(out)["overall"]["all"]
    assert overall["expected"] == sum(len(c["figures"]) for c in _key(name))
