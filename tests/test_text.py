"""The word stemmer: the C implementation (PyStemmer) that snowballstemmer picks must stem as the pure one does."""

from __future__ import annotations

from pathlib import Path

import pytest
from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]

from factcheck.text import _STEMMER, _WORD, stem, stemmer_identity

CORPUS = Path(__file__).parent.parent / "corpus"


def _corpus_words() -> list[str]:
    words: set[str] = set()
    for path in CORPUS.glob("*.txt"):
        words.update(w.lower().replace("’", "'") for w in _WORD.findall(path.read_text("utf-8")))
    return sorted(words)


@pytest.mark.skipif(type(_STEMMER).__module__ != "Stemmer", reason="PyStemmer is not installed: nothing to compare")
def test_the_stemmer_in_use_agrees_with_the_pure_snowball_stemmer_on_every_corpus_word() -> None:
    words = _corpus_words()
    assert len(words) > 1000
    pure = EnglishStemmer()
    differ = [(w, pure.stemWord(w), _STEMMER.stemWord(w)) for w in words if pure.stemWord(w) != _STEMMER.stemWord(w)]
    assert differ == []


def test_stems_of_word_forms() -> None:
    # Checked by hand against the Porter 2 rules (and factcheck's irregular forms).
    assert [stem(w) for w in ["doctors", "Cuba's", "killing", "grew", "countries", "abroad"]] == [
        "doctor",
        "cuba",
        "kill",
        "grow",
        "countri",
        "abroad",
    ]


def test_stemmer_identity_names_the_implementation() -> None:
    identity = stemmer_identity()
    assert identity
    if type(_STEMMER).__module__ == "Stemmer":
        assert identity.startswith("PyStemmer ")
    else:
        pytest.skip("PyStemmer is not installed: the pure Python stemmer runs")
