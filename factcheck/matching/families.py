"""Word families: which word stems mean nearly the same, from an offline lexical resource (WordNet 3.0).

"killed", "died", "deaths" and "fatalities" spell different words for one thing; so do "unemployed" and
"jobless", "injured" and "wounded", "buy" and "purchase". This module says so, for the matcher, by stems
(factcheck.reading.text.stem):

* ``related(a, b) -> float``: 1.0 when ``a == b``, a weight in (0, 1) when ``b`` is in ``a``'s family (the
  nearer, the higher: FAMILY_WEIGHT for synonyms, less for words a derivation, a cause or a hypernym away),
  else 0.0. Symmetric.
* ``family(stem) -> frozenset[str]``: the stem and every member of its family.
* ``members(stem) -> Mapping[str, float]``: the family without the stem itself, each with its weight.
* ``stems() -> frozenset[str]``: every stem that has a family.

The table ships as ``factcheck/data/families.txt.gz`` (built by ``tools/build_families.py`` from Princeton
WordNet 3.0; its licence is ``factcheck/data/WORDNET-LICENSE``). It is read on the first call, once, and a
stem's line is parsed on the first question about that stem.

The relations used (see the builder for the costs and limits): synonyms (the same synset), derivationally
related forms, participles, pertainyms, "similar to", cause, entailment, and at most one hypernym or hyponym
link on a path of at most two links, never to a very general synset; a word stands for its main senses only.
Antonyms are never used, nor two hypernym links in a row: "exports" and "imports", "revenue" and "profit",
"births" and "deaths" stay apart. The words of measuring in MEASURE_WORDS ("number", "total", "amount",
"rate", "people") have no family; other words of reporting (change verbs such as "rise" and "fall") have
theirs, and the matcher decides how much they count.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

# The most a family member counts: a family match counts less than an exact one (1.0).
FAMILY_WEIGHT = 0.9

# The closed vocabulary of measuring, the one hand list here: words that say which kind of figure a text gives
# (a count, a sum, a share), never what it counts. They have no family and belong to none, so that "revenue"
# does not meet "amount" (a kind of sum in WordNet), nor "unemployment rate" meet "grade" and "rank".
MEASURE_WORDS = (
    "number total amount sum figure count quantity tally level people person rate share percent percentage proportion"
).split()

_EMPTY: Mapping[str, float] = MappingProxyType({})


def parse_table(raw: bytes) -> dict[str, str]:
    """The gzip'd table (see tools/build_families.py) as stem → the rest of its line, unparsed:
    "weight word word|weight word ...". Lines are "stem<TAB>rest<NEWLINE>", so one split gives keys and rests
    in turn: some 30 ms of CPU for 39,000 stems."""
    text = gzip.decompress(raw).decode("utf-8").rstrip("\n")
    if not text:
        return {}
    parts = text.replace("\n", "\t").split("\t")
    return dict(zip(parts[0::2], parts[1::2], strict=True))


def parse_members(rest: str) -> dict[str, float]:
    """One line's rest (see parse_table) as {member: weight}."""
    found: dict[str, float] = {}
    for group in rest.split("|"):
        weight, *words = group.split(" ")
        found.update(dict.fromkeys(words, float(weight)))
    return found


@cache
def _lines() -> dict[str, str]:
    return parse_table(files("factcheck").joinpath("data", "families.txt.gz").read_bytes())


@cache
def members(stem: str) -> Mapping[str, float]:
    """The members of ``stem``'s family other than itself, each with its weight (empty for a stem with none)."""
    rest = _lines().get(stem)
    return MappingProxyType(parse_members(rest)) if rest else _EMPTY


def related(a: str, b: str) -> float:
    """1.0 for the same stem, the family weight (below 1) when ``b`` is in ``a``'s family, else 0.0."""
    if a == b:
        return 1.0
    return members(a).get(b, 0.0)


def family(stem: str) -> frozenset[str]:
    """``stem`` and every stem of its family."""
    return frozenset(members(stem)) | {stem}


def stems() -> frozenset[str]:
    """Every stem that has a family (loads the table)."""
    return frozenset(_lines())
