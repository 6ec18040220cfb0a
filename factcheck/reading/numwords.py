"""English number words: the lexicon and a small parser from a run of words to numbers.

``parse_run`` takes the words of one run (as found by ``NUMBER_WORD_RUN``) and splits it into
the numbers it holds: "two thousand and nineteen" is one number (2019), "two and three" is two,
"twenty-first" is an ordinal, "two-thirds" a fraction, "tens of thousands" a vague count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

UNITS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS: Final[dict[str, int]] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
HUNDRED: Final = "hundred"
MULTIPLIERS: Final[dict[str, float]] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Plural multipliers used vaguely: "hundreds", "tens of thousands", "dozens".
VAGUE: Final[dict[str, float]] = {
    "dozens": 12.0,
    "tens": 10.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
ORDINALS: Final[dict[str, int]] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1000000,
}
# Denominators of fractions ("one third", "two-thirds", "a quarter", "three-fifths").
FRACTIONS: Final[dict[str, int]] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
FOLDS: Final[dict[str, int]] = {
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "hundredfold": 100,
    "thousandfold": 1000,
}

_ALL_WORDS: Final[frozenset[str]] = frozenset(
    [*UNITS, *TEENS, *TENS, HUNDRED, *MULTIPLIERS, *VAGUE, *ORDINALS, *FRACTIONS, *FOLDS, "dozen"]
)


def _trie_pattern(words: frozenset[str]) -> str:
    """A regex matching any of ``words``, as a trie so each position is rejected after one character.

    Every branch starts with a literal, which lets the regex engine skip positions quickly.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)


_W = _trie_pattern(_ALL_WORDS)
# One run of number words in LOWERCASED text: joined by spaces, hyphens, "and", "a" (half a
# million, and a half), "of" (tens of thousands). ``parse_run`` splits a run into numbers.
_JOIN = r"-and-(?:a-)?|[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]+(?:(?:and|of)[ \t\u00a0]+)?(?:a[ \t\u00a0]+)?"
NUMBER_WORD_RUN: Final[re.Pattern[str]] = re.compile(rf"{_W}(?:(?:{_JOIN}){_W})*(?![a-z])")
_TOKEN = re.compile(r"[A-Za-z]+")

# Finding the runs fast. Every number word in a run ends where a word (a run of letters a-z) ends, so a run
# can only start where the rest of a word is a number word: at the start of "two", or inside "often" ("ten").
# In the text reversed, with everything but letters blanked out, such a place is a number word spelled
# backwards right after a blank, which the regex engine finds by looking only at the blanks. The text is
# read as bytes, one a character (Latin-1, "?" for the rest), with ASCII letters lowercased: the same to these
# patterns as the lowercased text, but for the Kelvin sign, which lowercases to "k".
_LOWER_ASCII: Final = bytes(c + 32 if 65 <= c <= 90 else c for c in range(256))
_LETTERS_ONLY: Final = bytes(c | 32 if 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256))
_REVERSED_WORD: Final = re.compile(b" (" + _trie_pattern(frozenset(w[::-1] for w in _ALL_WORDS)).encode() + b")")
_NUMBER_WORD_RUN_BYTES: Final = re.compile(NUMBER_WORD_RUN.pattern.replace("\\u00a0", "\\xa0").encode())


def _inside_word(text: str, start: int) -> bool:
    """Whether ``start`` is inside a word ("ten" of "often", "one" of "someone's"), not at its beginning."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’")


def number_word_runs(text: str, latin1: bytes) -> list[tuple[int, int]]:
    """The spans of ``NUMBER_WORD_RUN`` matches in ``text`` lowercased that start at a word boundary.

    A match starting inside a word ("ten" in "often") is no number and must not swallow the words after it
    ("often two hundred people" has the run "two hundred").

    ``latin1`` is ``text.encode("latin-1", "replace")``.
    """
    if "\u212a" in text:  # the Kelvin sign: read the lowercased text itself
        low = text.lower()
        if len(low) != len(text):  # as the reader does: a few characters lowercase to two; keep offsets
            low = text.translate({c: c + 32 for c in range(65, 91)})
        found: list[tuple[int, int]] = []
        at = 0
        while (hit := NUMBER_WORD_RUN.search(low, at)) is not None:
            if _inside_word(text, hit.start()):
                at = hit.start() + 1
                while at < len(text) and text[at].isalpha():
                    at += 1  # on from the end of the word it stands in
                continue
            found.append(hit.span())
            at = hit.end()
        return found
    n = len(text)
    reversed_words = b" " + latin1.translate(_LETTERS_ONLY)[::-1]
    # The longest number word that ends a word is where a match may start in it (a shorter one is inside that
    # match); the reversed offset of its end is its start.
    starts = [n + 1 - m.end(1) for m in _REVERSED_WORD.finditer(reversed_words)]
    starts.reverse()
    lowered = latin1.translate(_LOWER_ASCII)
    runs = []
    match = _NUMBER_WORD_RUN_BYTES.match
    pos = 0
    for start in starts:
        if _inside_word(text, start):
            continue  # inside a word ("ten" of "often"): no run, and the words after it may start one
        if start >= pos:  # as finditer: a match does not start inside the one before
            m = match(lowered, start)
            if m is not None:  # always, but the type checker cannot know
                runs.append(m.span())
                pos = m.end()
    return runs


@dataclass(frozen=True, slots=True)
class WordNumber:
    """One number read from a run of words; ``start``/``end`` are offsets in the text."""

    start: int
    end: int
    value: float
    form: str  # "cardinal", "ordinal", "fraction", "vague", "fold"
    scale: float = 1.0
    low: float | None = None  # vague forms only
    high: float | None = None
    single: str | None = None  # the word, when the number is one bare word ("one", "second")


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    word = text[start:end]
    if word.isascii() and word.isalpha():  # one word (the usual run)
        word = word.lower()
        return [] if word in _JOINERS else [(word, start, end)]
    toks = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    return [t for t in toks if t[0] not in _JOINERS]


_JOINERS: Final = frozenset({"and", "a", "of"})


def vague_bounds(base: float) -> tuple[float, float]:
    """The range given to a vague plural: "tens of thousands" (base 10,000) is 20,000 to 90,000."""
    return 2 * base, 9 * base


def parse_run(text: str, start: int, end: int, *, after_a: bool = False) -> list[WordNumber]:
    """Split the run of number words at ``text[start:end]`` into the numbers it holds.

    ``after_a``: the run follows "a"/"an", so a leading "hundred", "million", "dozen" or fraction
    word counts one of it ("a million", "a dozen", "a third").
    """
    toks = _tokens(text, start, end)
    out: list[WordNumber] = []
    i = 0
    n = len(toks)
    while i < n:
        got = _parse_one(text, toks, i, after_a=after_a and i == 0)
        if got is None:
            i += 1
            continue
        j, number = got
        out.append(number)
        i = j
    return out


def _parse_one(text: str, toks: list[tuple[str, int, int]], i: int, *, after_a: bool) -> tuple[int, WordNumber] | None:
    n = len(toks)
    word, s, e = toks[i]
    if word in VAGUE:
        # "tens of thousands", "hundreds of millions", "hundreds", "dozens"
        base = VAGUE[word]
        j = i + 1
        end = e
        top = base
        if j < n and toks[j][0] in VAGUE and VAGUE[toks[j][0]] >= 1000 and text[e : toks[j][1]].split() == ["of"]:
            top = VAGUE[toks[j][0]]
            base *= top
            end = toks[j][2]
            j += 1
        elif word == "tens":
            return None
        low, high = vague_bounds(base)
        return j, WordNumber(s, end, base, "vague", scale=top if top >= 1000 else 1.0, low=low, high=high)
    if word in FOLDS:
        return i + 1, WordNumber(s, e, float(FOLDS[word]), "fold")
    if word == "half":
        if i + 1 < n and toks[i + 1][0] in MULTIPLIERS and text[e : toks[i + 1][1]].split() == ["a"]:
            mult = MULTIPLIERS[toks[i + 1][0]]  # "half a million"
            return i + 2, WordNumber(s, toks[i + 1][2], 0.5 * mult, "cardinal", scale=mult)
        return i + 1, WordNumber(s, e, 0.5, "fraction", single="half")
    if after_a and word in FRACTIONS:
        of_a = _fraction_of_a(text, toks, i, 1.0 / FRACTIONS[word], s)
        if of_a is not None:
            return of_a
        return i + 1, WordNumber(s, e, 1.0 / FRACTIONS[word], "fraction", single=word)
    if word in ORDINALS:
        return i + 1, WordNumber(s, e, float(ORDINALS[word]), "ordinal", single=word)
    if word in FRACTIONS:
        return None
    if word in UNITS:
        return _cardinal(text, toks, i, float(UNITS[word]), "unit")
    if word in TEENS:
        return _cardinal(text, toks, i, float(TEENS[word]), "teen")
    if word in TENS:
        return _cardinal(text, toks, i, float(TENS[word]), "tens")
    if word == HUNDRED:
        return _cardinal(text, toks, i, 100.0, "hundred", bare=True)
    if word == "dozen":
        return i + 1, WordNumber(s, e, 12.0, "cardinal", single="dozen")
    if word in MULTIPLIERS:
        return _cardinal(text, toks, i, MULTIPLIERS[word], "mult", bare=True)
    return None


_INF = float("inf")


def _fraction_of_a(
    text: str, toks: list[tuple[str, int, int]], i: int, fraction: float, start: int
) -> tuple[int, WordNumber] | None:
    """ "a quarter of a million", "three quarters of a billion": the fraction of the multiplier."""
    if i + 1 < len(toks) and toks[i + 1][0] in MULTIPLIERS and text[toks[i][2] : toks[i + 1][1]].split() == ["of", "a"]:
        mult = MULTIPLIERS[toks[i + 1][0]]
        return i + 2, WordNumber(start, toks[i + 1][2], fraction * mult, "cardinal", scale=mult)
    return None


def _cardinal(
    text: str, toks: list[tuple[str, int, int]], i: int, first: float, last: str, *, bare: bool = False
) -> tuple[int, WordNumber]:
    """Read a cardinal starting at token ``i`` (worth ``first``) as far as the grammar allows.

    ``bare``: the number starts on "hundred" or a multiplier with no count before it ("a hundred").
    """
    n = len(toks)
    start, end = toks[i][1], toks[i][2]
    total, cur, top = 0.0, first, _INF
    if last == "mult":
        total, cur, top = first, 0.0, first
    single = None if bare else toks[i][0]
    j = i + 1
    while j < n:
        word = toks[j][0]
        between = text[toks[j - 1][2] : toks[j][1]]
        hyphen = "-" in between
        joiner = " ".join(between.replace("-", " ").split()).lower()
        if joiner == "and a":
            if word == "half" and last == "mult" and cur == 0:  # "a million and a half"
                total += top / 2
                end = toks[j][2]
                single = None
                j += 1
                break
            # "one and a half (million)", "two and a half", "two and a quarter"
            if word not in ("half", "quarter") or last not in ("unit", "teen", "tens", "hundred") or total:
                break
            cur += 1 / FRACTIONS[word]
            last = "half"
        elif (
            joiner == "and"
            and word in UNITS
            and j + 1 < n
            and toks[j + 1][0] in FRACTIONS
            and last in ("unit", "teen", "tens")
            and not total
            and 0 < UNITS[word] < FRACTIONS[toks[j + 1][0]]
            and text[toks[j][2] : toks[j + 1][1]] in ("-", " ")
        ):
            cur += UNITS[word] / FRACTIONS[toks[j + 1][0]]  # "four and three-quarter miles"
            last = "half"
            j += 1
        elif joiner == "and":
            # "two thousand and nineteen", "a hundred and twenty"; not "two and three"
            if last not in ("hundred", "mult") or word not in UNITS and word not in TEENS and word not in TENS:
                break
            if word == "zero":
                break
            cur += UNITS.get(word, 0) + TEENS.get(word, 0) + TENS.get(word, 0)
            last = "unit" if word in UNITS else ("teen" if word in TEENS else "tens")
        elif joiner != "":
            break
        elif word in UNITS:
            if last not in ("tens", "hundred", "mult") or word == "zero":
                break
            cur += UNITS[word]
            last = "unit"
        elif word in TEENS or word in TENS:
            if last not in ("hundred", "mult"):
                break
            cur += TEENS.get(word, 0) + TENS.get(word, 0)
            last = "teen" if word in TEENS else "tens"
        elif word == HUNDRED:
            if last not in ("unit", "teen", "tens") or cur >= 100:
                break
            cur *= 100
            last = "hundred"
        elif word in MULTIPLIERS:
            mult = MULTIPLIERS[word]
            if last not in ("unit", "teen", "tens", "hundred", "half") or mult >= top or cur == 0:
                break
            total += cur * mult
            cur = 0.0
            top = mult
            last = "mult"
        elif word == "dozen":
            if last not in ("unit", "teen", "tens"):
                break
            cur *= 12
            end = toks[j][2]
            j += 1
            single = None
            break
        elif word in ORDINALS and last == "tens" and hyphen and ORDINALS[word] < 10:
            return j + 1, WordNumber(start, toks[j][2], cur + ORDINALS[word], "ordinal")
        elif word in FRACTIONS and last in ("unit", "teen") and total == 0 and cur <= 10:
            plural = word.endswith("s")
            if (cur == 1) == plural:
                break  # "one third", "two-thirds"; not "one thirds", "three third"
            of_a = _fraction_of_a(text, toks, j, cur / FRACTIONS[word], start)
            if of_a is not None:
                return of_a
            return j + 1, WordNumber(start, toks[j][2], cur / FRACTIONS[word], "fraction")
        else:
            break
        end = toks[j][2]
        single = None
        j += 1
    scale = top if last == "mult" and top != _INF else 1.0
    return j, WordNumber(start, end, total + cur, "cardinal", scale=scale, single=single)
