"""The harness itself: a valid corpus passes, and the snapshot sees a changed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import Snapshot, raw_controls, run_cli


def test_a_valid_corpus_checks_and_nothing_changes(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    snap = Snapshot(corpus, claims)
    result = run_cli("check", "--corpus", corpus, "--claims", claims)
    assert result.code == 0, result.stderr
    snap.assert_unchanged()


def test_the_snapshot_sees_a_change(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    snap = Snapshot(corpus, claims)
    claims.write_text("changed", encoding="utf-8")
    with pytest.raises(AssertionError):
        snap.assert_unchanged()


def test_raw_controls_are_found() -> None:
    assert raw_controls("a\x1b]0;title\x07b\tc\n") == {"\x1b", "\x07"}
    assert raw_controls("plain text\twith tab\n") == set()
