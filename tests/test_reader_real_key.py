"""The key of real portal sentences (eval/reader/real_sentences.yaml) stays well formed and true to its draw.

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

import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "eval" / "reader"
FIELDS = {"text", "value", "low", "high", "qualifier", "kind", "unit", "per", "role"}
KINDS = {"count", "money", "percent", "ratio", "duration", "measure", "year", "date", "ordinal", "score"}
QUALIFIERS = {"exact", "about", "over", "at_least", "under", "up_to"}


def _key() -> list[dict[str, object]]:
    cases = yaml.safe_load((FOLDER / "real_sentences.yaml").read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    return cases


def test_key_matches_the_draw_and_its_sources() -> None:
    cases = _key()
    drawn = [json.loads(line) for line in (FOLDER / "sample.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(c["id"], c["text"]) for c in cases] == [(d["id"], d["text"]) for d in drawn]
    assert len({c["id"] for c in cases}) == len(cases) == 280
    assert sum(1 for c in cases if str(c["id"]).startswith("real-neg-")) == 30
    sources = (FOLDER / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {c['id']} |" in sources for c in cases)
    assert (FOLDER / "licences" / "CC-BY-SA-4.0.txt").is_file()


def test_every_expected_figure_is_in_its_sentence_in_order() -> None:
    for case in _key():
        text = str(case["text"])
        figures = case["figures"]
        assert isinstance(figures, list)
        if str(case["id"]).startswith("real-neg-"):
            assert figures == [], case["id"]
        at = 0
        for fig in figures:
            assert set(fig) <= FIELDS, (case["id"], fig)
            assert fig.get("kind", "count") in KINDS, (case["id"], fig)
            assert fig.get("qualifier", "exact") in QUALIFIERS, (case["id"], fig)
            found = re.compile(r"(?<!\w)" + re.escape(str(fig["text"])) + r"(?!\w)").search(text, at)
            assert found is not None, (case["id"], fig["text"])
            at = found.end()


def test_the_measure_runs() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reader_real.py"), "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    ).stdout
    overall = json.loads(out)["overall"]["all"]
    assert overall["expected"] == sum(len(c["figures"]) for c in _key())
