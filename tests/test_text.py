"""The word stemmer: the C implementation (PyStemmer) that snowballstemmer picks must stem as the pure one does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from snowballstemmer.english_stemmer import EnglishStemmer  # type: ignore[import-untyped]

from factcheck.reading.text import _STEMMER, _WORD, find_words, stem, stemmer_identity, tokens

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


def test_an_initialism_with_full_stops_is_one_word() -> None:
    # "U.S. tariffs" must answer a query about "US tariffs": not the words "u" and "s"
    assert [(t.stem, t.start, t.end) for t in tokens("U.S. tariffs on U.K. goods")] == [
        ("us", 0, 3),
        ("tariff", 5, 12),
        ("on", 13, 15),
        ("uk", 16, 19),
        ("good", 21, 26),
    ]
    assert [t.stem for t in tokens("the US and 3.5 e.g. a.m")] == ["the", "us", "and", "3", "5", "eg", "am"]
    assert find_words("Tariffs of the U.S. and the US", lambda s: s == "us") == [(15, "us"), (28, "us")]


def test_stemmer_identity_names_the_implementation() -> None:
    identity = stemmer_identity()
    assert identity
    if type(_STEMMER).__module__ == "Stemmer":
        assert identity.startswith("PyStemmer ")
    else:
        pytest.skip("PyStemmer is not installed: the pure Python stemmer runs")


_WORDS = st.sampled_from(["people", "peoples", "people's", "o'people", "affected", "unaffected", "_people", "x", "9"])
_GAPS = st.sampled_from([" ", ", ", "-", "_", "'", "’", "\n", ". "])


@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=40))
def test_find_words_finds_every_word_whose_stem_is_kept(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    kept = {"peopl", "affect"}
    found = find_words(text, kept.__contains__)
    expected = [(m.start(), stem(m.group())) for m in _WORD.finditer(text) if stem(m.group()) in kept]
    assert set(expected) <= set(found)  # a place or two too many is allowed, a place missed never
    assert [at for at, _ in found] == sorted(at for at, _ in found)
    assert all(word_stem in kept for _, word_stem in found)


def test_find_words_on_a_plain_sentence() -> None:
    text = "Affected people, and the people's homes: 400 affected."
    assert find_words(text, {"peopl", "affect"}.__contains__) == [
        (0, "affect"),
        (9, "peopl"),
        (25, "peopl"),
        (45, "affect"),
    ]
    assert find_words(text, {"nobodi"}.__contains__) == []
