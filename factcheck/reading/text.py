"""Word-level text helpers shared by matching, scope detection and grep: tokens, crude stems, stopwords."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer  # type: ignore[import-untyped]

# A word; an initialism written with full stops ("U.S.", "U.K.", "e.g.") is one word, its stem that of the letters
# ("us", "uk"): else "U.S. tariffs" would hold the words "u" and "s", and answer no query about "US tariffs".
_WORD = re.compile(r"[^\W\d_](?:\.[^\W\d_])+(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being has have had do does did
    it its this that these those there their they them he she his her we our you your i me my than then so such not no
    into onto over under about per each every all any some more most less fewer many much very also which who whom
    whose what when where how why will would can could may might shall should must said says say""".split()
)


# The closed vocabulary of reporting: words that say a figure is a number of something, never what it counts
# ("the number of deaths", "total revenue", "how many people"). A query keeps them only when nothing else is left.
_GENERIC_WORDS = "people person number total figure amount count tally sum individual".split()
# Words of a question about a figure that say when or how it was counted, never what ("so far", "recorded",
# "the latest estimate", "ever"): a query keeps them only when nothing else is left.
_ASKING_WORDS = "far still yet now currently latest recorded reported registered estimated official".split()


class Token(NamedTuple):
    """A word of a text: its stem for matching and its character span (a tuple: made by the hundred thousand)."""

    stem: str
    start: int
    end: int


# snowballstemmer gives PyStemmer's C implementation when it is installed (the same stems), else its own.
_STEMMER = snowballstemmer.stemmer("english")


def stemmer_identity() -> str:
    """Which stemmer implementation runs, and its version (the index reads everything again under another)."""
    module = type(_STEMMER).__module__
    if module == "Stemmer":
        import Stemmer  # type: ignore[import-not-found, import-untyped, unused-ignore]

        return f"PyStemmer {Stemmer.version()}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"snowballstemmer {version('snowballstemmer')}"
    except PackageNotFoundError:
        return module


# Irregular forms and derived nouns that the Porter stemmer leaves apart, mapped to one stem, so that
# "population growth" meets "grew by 4.1%" and "deaths" meets "died". General English, no topic words.
_SAME_STEM = {
    "grew": "grow",
    "grown": "grow",
    "growth": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "died": "die",
    "dying": "die",
    "death": "die",
    "dead": "die",
    "lost": "lose",
    "loss": "lose",
    "paid": "pay",
    "sold": "sell",
    "sale": "sell",
    "bought": "buy",
    "spent": "spend",
    "built": "build",
    "fought": "fight",
    "taught": "teach",
    "caught": "catch",
    "brought": "bring",
    "won": "win",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "made": "make",
    "held": "hold",
    "left": "leave",
    "sent": "send",
    "employment": "employ",
    "injury": "injur",
    "injuri": "injur",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English (Porter 2) stem of a word, lower case, without a possessive: "killing", "killed" → "kill"."""
    w = word.lower().replace("’", "'").replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _SAME_STEM:
        return _SAME_STEM[w]
    stemmed: str = _STEMMER.stemWord(w)
    return _SAME_STEM.get(stemmed, stemmed)


# Words are compared by their stems: a stopword's stem is a stopword too ("many" stems to "mani", "does" to "doe").
STOPWORDS = _STOPWORDS | frozenset(stem(w) for w in _STOPWORDS)
GENERIC_WORDS = frozenset(stem(w) for w in _GENERIC_WORDS)
ASKING_WORDS = frozenset(stem(w) for w in _ASKING_WORDS)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Every word of ``text`` as a Token, offsets shifted by ``offset``."""
    if offset == 0:
        return list(_tokens(text))
    return [Token(stem(m.group()), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    # Sentences are tokenised once however many statistics and figures are scored against them.
    return tuple(Token(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text))


def find_words(text: str, keep: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(start, stem) of the words of ``text`` whose stem passes ``keep``, in text order (perhaps a few more, never
    fewer).

    Each distinct word is judged once and the text is then searched by one pattern of the words kept: a long text
    is searched for a handful of words at the regular-expression engine's speed, not a Token per word.
    """
    # Words never hold white space: the distinct words are those of the distinct white-space-separated chunks.
    distinct = {word for chunk in set(text.split()) for word in _WORD.findall(chunk)}
    kept = sorted((word for word in distinct if keep(stem(word))), key=len, reverse=True)
    if not kept:
        return []
    # A word starts after a character that is not a letter or digit; after an apostrophe inside a word a kept
    # word may also match: a place too many, which costs a look, never a place missed.
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, kept)) + r")(?![^\W_])")
    return [(match.start(), stem(match.group())) for match in pattern.finditer(text)]


def content_stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning (no stopwords, no bare numbers)."""
    return [t.stem for t in tokens(text) if t.stem not in STOPWORDS and not t.stem.isdigit()]


@lru_cache(maxsize=8192)
def normalise_phrase(text: str) -> str:
    """A phrase reduced for exact comparison: stems of its words joined by single spaces."""
    return " ".join(t.stem for t in tokens(text.replace("-", " ").replace("_", " ")))
