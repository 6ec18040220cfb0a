"""Fuzzy matching of a statistic's phrasings against each figure's context: its noun, clause and sentence."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from factcheck.matching.families import members, related
from factcheck.model import Figure, Kind, Role, Sentence, Statistic
from factcheck.reading.sentences import block_cuts, sentence_part
from factcheck.reading.text import (
    ASKING_WORDS,
    GENERIC_WORDS,
    STOPWORDS,
    Token,
    content_stems,
    normalise_phrase,
    stem,
    tokens,
)
from factcheck.reading.units import CURRENCY_SIGNS, ISO_CODES

# Figures of these kinds are context (when something happened, a result), never the answer to "how many".
NEVER_ANSWERS = frozenset({Kind.YEAR, Kind.DATE, Kind.ORDINAL, Kind.SCORE})
# What a free-text query may be answered with when no statistic says which kind it takes.
DEFAULT_KINDS = frozenset(set(Kind) - NEVER_ANSWERS)

# Where a word stands relative to the figure, and how much a match there counts.
NOUN_WEIGHT = 1.0
NEAR_WEIGHT = 0.95  # within NEAR_WORDS words of the figure, in its clause ("grew by 4.1%", "deaths: 94")
NEAR_WORDS = 3
CLAUSE_WEIGHT = 0.9
# cues.exclude words rule a figure out when they stand in its clause or this many words either side of it.
EXCLUDE_WORDS = 8
SENTENCE_WEIGHT = 0.7
# A counted noun that matches none of the query's words says the figure counts something else.
OTHER_NOUN_FACTOR = 0.6
WORD_SIMILARITY = 85.0
# The least word-family weight that counts (factcheck.matching.families): looser links ("work" and "book", a hyponym
# away) add noise, and every word they add is looked for in the index.
FAMILY_MIN = 0.7
# "thousands of" answers "how many" less well than a figure.
VAGUE_FACTOR = 0.85
SMALL_WORD_NUMBER = 13

# A colon is no break: in "Confirmed deaths: 94" the label before it is what the figure counts.
_CLAUSE_BREAK = re.compile(r"[;()\[\]—–]|,\s|\s-\s|\s•\s")


@dataclass(frozen=True, slots=True)
class Target:
    """What a compare query looks for: phrasings, the kinds of figure that fit, and cue words."""

    query: str
    statistic: Statistic | None
    phrasings: tuple[str, ...]
    kinds: frozenset[Kind] = DEFAULT_KINDS
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    about_change: bool = False  # the statistic is itself a change ("population growth"): changes are answers
    stems: tuple[tuple[str, ...], ...] = field(default=(), compare=False, repr=False)  # content stems per phrasing
    # Every distinct stem of ``stems``, each phrasing's stems as indices into it, the cue phrases normalised,
    # and the word stems seen so far with the wanted stems they resemble (a cache: words repeat across figures).
    wanted: tuple[str, ...] = field(init=False, compare=False, repr=False)
    phrasing_index: tuple[tuple[int, ...], ...] = field(init=False, compare=False, repr=False)
    require_phrases: re.Pattern[str] = field(init=False, compare=False, repr=False)
    exclude_phrases: re.Pattern[str] = field(init=False, compare=False, repr=False)
    _similar: dict[str, tuple[tuple[int, float], ...]] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )
    _spelled: dict[str, frozenset[int]] = field(init=False, default_factory=dict, compare=False, repr=False)
    _reached: dict[frozenset[int], float] = field(init=False, default_factory=dict, compare=False, repr=False)
    solo: TargetGroup = field(init=False, compare=False, repr=False)  # this target alone, for score_figure

    def __post_init__(self) -> None:
        wanted = tuple(dict.fromkeys(word for phrase in self.stems for word in phrase))
        position = {word: i for i, word in enumerate(wanted)}
        object.__setattr__(self, "wanted", wanted)
        object.__setattr__(self, "phrasing_index", tuple(tuple(position[w] for w in phrase) for phrase in self.stems))
        object.__setattr__(self, "require_phrases", _padded(self.require))
        object.__setattr__(self, "exclude_phrases", _padded(self.exclude))
        object.__setattr__(self, "solo", TargetGroup((self,)))

    def similar(self, word_stem: str) -> tuple[tuple[int, float], ...]:
        """(index in ``wanted``, word_similarity) of every wanted stem that ``word_stem`` resembles."""
        found = self._similar.get(word_stem)
        if found is None:
            found = tuple(
                (i, score) for i, wanted in enumerate(self.wanted) if (score := word_similarity(wanted, word_stem))
            )
            self._similar[word_stem] = found
        return found

    def spelled(self, word_stem: str) -> frozenset[int]:
        """The wanted stems (indices) that ``word_stem`` is, nearly spells (a typo, a word form) or is a near
        member of the family of (GATE_SIMILARITY): what makes a figure a candidate, which the index can look up;
        farther members of a family only score (word_similarity)."""
        found = self._spelled.get(word_stem)
        if found is None:
            found = frozenset(
                i for i, wanted in enumerate(self.wanted) if word_similarity(wanted, word_stem) >= GATE_SIMILARITY
            )
            self._spelled[word_stem] = found
        return found

    def share_reached(self, reached: frozenset[int]) -> float:
        """The largest share of a phrasing's words (by index into ``wanted``) that ``reached`` holds."""
        share = self._reached.get(reached)
        if share is None:
            share = max((sum(i in reached for i in p) / len(p) for p in self.phrasing_index), default=0.0)
            self._reached[reached] = share
        return share

    def resembles(self, word_stem: str) -> bool:
        """Whether ``word_stem`` resembles a wanted stem (a figure with no such word near it scores 0)."""
        return bool(self.similar(word_stem))

    @classmethod
    def build(cls, query: str, statistic: Statistic | None, extra_aliases: Iterable[str] = ()) -> Target:
        phrasings: list[str] = []
        for phrase in (query, *(statistic.phrasings if statistic else ()), *extra_aliases):
            if phrase.strip() and normalise_phrase(phrase) not in {normalise_phrase(p) for p in phrasings}:
                phrasings.append(phrase)
        stems = tuple(_asked(p) for p in phrasings)
        kinds = kinds_of(statistic, phrasings)
        return cls(
            query=query,
            statistic=statistic,
            phrasings=tuple(phrasings),
            kinds=kinds,
            require=statistic.cues.require if statistic else (),
            exclude=statistic.cues.exclude if statistic else (),
            about_change=any(word in CHANGE_WORDS for phrase in stems for word in phrase),
            stems=tuple(s for s in stems if s),
        )


# The words of reporting that say which kind of figure a free-text query asks for (a closed vocabulary, no topic).
_MONEY_WORDS = frozenset(
    stem(w)
    for w in "price prices cost costs revenue revenues budget spending salary salaries wage wages income profit "
    "profits earnings turnover funding debt debts investment".split()
)
# "rate" and "share" are left out: "murder rate per 100,000" is read as a count, "shares sold" counts shares.
_PERCENT_WORDS = frozenset(stem(w) for w in "percentage percent proportion".split())
PEOPLE_UNITS = frozenset("people persons person individuals".split())
_AMOUNTS = frozenset({Kind.COUNT, Kind.MEASURE})
_PERCENT_UNITS = ("%", "percent", "per cent")


def kinds_of(statistic: Statistic | None, phrasings: Sequence[str]) -> frozenset[Kind]:
    """The kinds of figure that may answer: the statistic's ``kind``; else what its unit says (a currency: money;
    "%": a percentage; people: a count); else what the query's words say ("price", "revenue": money; "rate",
    "share": a percentage or ratio); else every kind that can answer (DEFAULT_KINDS)."""
    if statistic is not None and statistic.kind:
        if statistic.kind in _AMOUNTS and _noun_unit(statistic.unit):
            # Whether "206,000 barrels" or "400 tonnes" is a count or a measure is the reader's guess; the
            # statistic's unit says what it counts, and the unit features weigh it.
            return _AMOUNTS
        return frozenset({statistic.kind}) - NEVER_ANSWERS or DEFAULT_KINDS
    unit = (statistic.unit or "").strip() if statistic is not None else ""
    if unit:
        if unit.upper() in ISO_CODES or unit in CURRENCY_SIGNS:
            return frozenset({Kind.MONEY})
        if unit in _PERCENT_UNITS:
            return frozenset({Kind.PERCENT})
        if unit.lower() in PEOPLE_UNITS:
            return frozenset({Kind.COUNT})
    words = {w for phrase in phrasings for w in content_stems(phrase)}
    money, percent = bool(words & _MONEY_WORDS), bool(words & _PERCENT_WORDS)
    if money and not percent:
        return frozenset({Kind.MONEY})
    if percent and not money:
        return frozenset({Kind.PERCENT, Kind.RATIO})
    return DEFAULT_KINDS


def _noun_unit(unit: str | None) -> bool:
    """Whether a statistic's unit is a thing counted or measured ("barrels", "tonnes"), not a currency or "%"."""
    unit = (unit or "").strip()
    return bool(unit) and unit.upper() not in ISO_CODES and unit not in CURRENCY_SIGNS and unit not in _PERCENT_UNITS


def _asked(phrase: str) -> tuple[str, ...]:
    """The stems a phrasing asks for: its content words, without the generic words of reporting ("number of",
    "total", "people") unless nothing else is left ("people" alone asks for people)."""
    words = content_stems(phrase.replace("-", " ").replace("_", " "))
    specific = [w for w in words if w not in GENERIC_WORDS and w not in ASKING_WORDS]
    return tuple(specific or words)


# A free-text query resolves to the statistic whose words cover this share of its own (weighted by how few
# statistics share each word), when no other statistic comes within RESOLVE_MARGIN of it.
RESOLVE_SHARE = 0.45
RESOLVE_MARGIN = 0.15
# A question of three content words or more ("how many people the software maker laid off") says more than its
# statistic's words: a smaller share of it resolves. In a query of one or two words, a word the statistic lacks is
# half of what is asked ("homes destroyed" is no paraphrase of "fled their homes").
RESOLVE_SHARE_LONG = 0.35


def resolve_query(statistics: Sequence[Statistic], query: str) -> Statistic | None:
    """The statistic a free-text query paraphrases, or None when none fits or two fit about equally.

    Each content word of the query is looked for among each statistic's words (id, label, aliases and
    description), as matching compares words (equal, fuzzy-equal, or of one word family: "fatalities" finds
    "deaths"); a word found in many statistics says little and counts less (inverse document frequency over the
    statistics). "how many people were killed in the fighting" resolves to the statistic whose aliases say
    "people killed" and whose description says "fighting", not to the one about people displaced by it.
    """
    fitting = fitting_statistics(statistics, query)
    return fitting[0] if len(fitting) == 1 else None


def fitting_statistics(statistics: Sequence[Statistic], query: str) -> tuple[Statistic, ...]:
    """The statistics a free-text query fits (see resolve_query): none; the one it names or clearly paraphrases;
    or two, best first, when it fits both about equally (within RESOLVE_MARGIN) or when the best has a sibling of
    the other scope that it also fits ("countries that hosted the fair": now, and since it began)."""
    named = normalise_phrase(query)
    exact = [s for s in statistics if named in {normalise_phrase(p) for p in (s.id, *s.phrasings)}]
    if len(exact) == 1:
        return (exact[0],)
    shares = _resolution_shares(statistics, query)
    least = RESOLVE_SHARE_LONG if len(set(_asked(query))) >= 3 else RESOLVE_SHARE
    if not shares or shares[0][0] < least:
        return ()
    (best, k), (runner, r) = shares[0], shares[1] if len(shares) > 1 else (0.0, -1)
    first = statistics[k]
    if r < 0:
        return (first,)
    second = statistics[r]
    siblings = {first.scope, second.scope} == {"current", "cumulative"} and runner >= RESOLVE_SHARE
    # The runner-up is a second answer when it fits too (RESOLVE_SHARE, whatever the query's length) and about as
    # well, or is a sibling.
    both = runner >= RESOLVE_SHARE and best - runner < RESOLVE_MARGIN
    return (first, second) if both or siblings else (first,)


def _resolution_shares(statistics: Sequence[Statistic], query: str) -> list[tuple[float, int]]:
    """(share, index) of every statistic, best first: the IDF-weighted share of the query's words that the
    statistic's words (id, label, aliases, description) hold, as resolve_query describes."""
    asked = list(dict.fromkeys(_asked(query)))
    if not asked or not statistics:
        return []
    vocabularies = [
        set(content_stems(" ".join((s.id.replace("-", " ").replace("_", " "), *s.phrasings, s.description or ""))))
        for s in statistics
    ]
    found = [
        [max((word_similarity(w, v) for v in vocabulary), default=0.0) / 100 for w in asked]
        for vocabulary in vocabularies
    ]
    n = len(statistics)
    weights = [math.log(1 + n / (1 + sum(1 for row in found if row[i] > 0))) + 0.1 for i in range(len(asked))]
    return sorted(
        ((sum(w * x for w, x in zip(weights, row, strict=True)) / sum(weights), k) for k, row in enumerate(found)),
        key=lambda pair: (-pair[0], pair[1]),
    )


def scoring_window(
    figure: Figure, sentence: Sentence, siblings: Sequence[Figure]
) -> tuple[tuple[int, int] | None, Sequence[Figure]]:
    """The part of ``sentence`` that scores ``figure`` (None: all of it; see sentence_part), and its siblings there.

    ``siblings``: the figures of the sentence, in text order. Scoring reads every word of its part and looks at
    every sibling there: in a sentence of MAX_SENTENCE characters, the whole would cost time in proportion to the
    sentence for each of its figures.
    """
    q = figure.quantity
    part = sentence_part(sentence.text, q.start - sentence.start, q.end - sentence.start)
    if part is None:
        return None, siblings
    start, end = sentence.start + part[0], sentence.start + part[1]
    first = bisect_left(siblings, start, key=_start_of)
    last = bisect_left(siblings, end, lo=first, key=_start_of)
    return part, [f for f in siblings[first:last] if f.quantity.end <= end]


def part_bound(target: Target, figure: Figure, part: tuple[int, int], resembling: Sequence[tuple[int, str]]) -> float:
    """An upper bound of score_figure for a figure of a long sentence, read without building its context.

    ``part``: the part of its sentence that scores it (see scoring_window); ``resembling``: (start, stem) of the
    words of the sentence that resemble a word of the target, in text order (see text.find_words and
    Target.resembles). A phrasing scores at most the share of its words that some word read (counted noun
    included) resembles, times 100 (_finish: every weight and factor is at most 1).
    """
    present: set[int] = set()
    for at, word_stem in resembling[bisect_left(resembling, (part[0], "")) :]:
        if at >= part[1]:
            break
        present.update(i for i, _ in target.similar(word_stem))
    for t in tokens(figure.quantity.unit or ""):
        present.update(i for i, _ in target.similar(t.stem))
    if not present:
        return 0.0
    return max(100.0 * sum(i in present for i in phrase) / len(phrase) for phrase in target.phrasing_index)


def part_spelled(target: Target, part: tuple[int, int], resembling: Sequence[tuple[int, str]]) -> frozenset[int]:
    """The wanted stems (indices) spelled (Target.spelled) by the words of ``part`` among ``resembling`` (see
    part_bound): at least those a figure of the part has in its context, for the reach gate."""
    spelled: set[int] = set()
    for at, word_stem in resembling[bisect_left(resembling, (part[0], "")) :]:
        if at >= part[1]:
            break
        spelled.update(target.spelled(word_stem))
    return frozenset(spelled)


def _start_of(figure: Figure) -> int:
    return figure.quantity.start


def clause_bounds(sentence: str, start: int, end: int, window: tuple[int, int] | None = None) -> tuple[int, int]:
    """The clause of ``sentence`` around ``[start, end)``: between the nearest breaks (";", ", ", dashes, brackets).

    ``window``: the part of the sentence to look in (see scoring_window); None: all of it.
    """
    begin, stop = window or (0, len(sentence))
    left = begin
    for match in _CLAUSE_BREAK.finditer(sentence, begin, start):
        left = match.end()
    right_match = _CLAUSE_BREAK.search(sentence, end, stop)
    right = right_match.start() if right_match else stop
    return left, right


def _padded(phrases: Iterable[str]) -> re.Pattern[str]:
    """Cue phrases, normalised and padded with spaces, as one pattern to search a text made by _phrase_of."""
    padded = sorted({f" {wanted} " for phrase in phrases if (wanted := normalise_phrase(phrase))})
    return re.compile("|".join(map(re.escape, padded)) if padded else "(?!)")  # (?!) never matches


def _has_any(padded_text: str, phrases: re.Pattern[str]) -> bool:
    """Whether a text (see _phrase_of) contains one of the phrases (see _padded) as whole words, by stems."""
    return phrases.search(padded_text) is not None


def _phrase_of(words: Iterable[Token]) -> str:
    """Words as normalise_phrase gives them (their stems, single spaces), padded with spaces for _has_any.

    normalise_phrase turns "-" and "_" into spaces, which separate words for tokens() already: the words of
    a text are the text's normalised phrase.
    """
    return " " + " ".join(t.stem for t in words) + " "


@lru_cache(maxsize=8192)
def _sentence_phrase(text: str) -> str:
    return _phrase_of(tokens(text))


@lru_cache(maxsize=256)
def _window_phrase(text: str, begin: int, stop: int) -> str:
    """_sentence_phrase of ``text[begin:stop]`` (a part of a long sentence, see scoring_window)."""
    return _phrase_of(_words_read(text, (begin, stop)).all)


# The least word_similarity of a word that makes a figure a candidate (Target.spelled): a typo, a word form, or a
# near member of the word's family ("wounded" for "injured", "residents" for "population"), which the index looks
# up too. Without them, a query with no statistic of the claims file behind it ("injured people") found nothing in
# "The blast wounded 43 people": only a statistic's aliases could say "wounded".
GATE_SIMILARITY = 70.0


def gate_family(word_stem: str) -> frozenset[str]:
    """The members of ``word_stem``'s family near enough to make a figure a candidate (GATE_SIMILARITY): what the
    index looks up besides the stem and its near spellings."""
    least = max(FAMILY_MIN, GATE_SIMILARITY / 100.0)
    return frozenset(m for m, weight in members(word_stem).items() if weight >= least)


def word_similarity(a: str, b: str, families: bool = True) -> float:
    """How alike two stems are, 0-100: 100 for the same stem, else rapidfuzz's ratio when both have 4+ letters
    and it reaches WORD_SIMILARITY (typos, word forms), else 100 times their word-family weight
    (factcheck.matching.families: "killed" and "dead", "jobless" and "unemployed"; below 100: a family match counts
    less than an exact one)."""
    if a == b:
        return 100.0
    if min(len(a), len(b)) >= 4:
        score = fuzz.ratio(a, b)
        if score >= WORD_SIMILARITY:
            return score
    family = related(a, b) if families else 0.0
    return 100.0 * family if family >= FAMILY_MIN else 0.0


@dataclass(frozen=True, slots=True)
class FigureContext:
    """The words around a figure, weighted by how near they stand to it (see score_figure)."""

    noun: tuple[Token, ...]  # the noun the figure counts (count figures only)
    # The stem of every other word of the sentence with the weight of the nearest place it stands in: within
    # NEAR_WORDS words in the clause, the clause, the sentence. Stopwords, numbers, the figure's own words and
    # the nouns other figures count are left out.
    weighted: tuple[tuple[str, float], ...]
    window_phrase: str  # the clause, widened to EXCLUDE_WORDS words either side of the figure (see _phrase_of)
    vague: bool  # is_vague(figure)
    part: tuple[int, int] | None = None  # the part of a long sentence read (see scoring_window); None: all of it


@dataclass(frozen=True, slots=True)
class _SentenceWords:
    """A sentence's words (all, and those that carry meaning) with their offsets, for bisecting."""

    all: tuple[Token, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    content: tuple[Token, ...]
    content_starts: tuple[int, ...]


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> _SentenceWords:
    return _words_of(tuple(tokens(text)))


@lru_cache(maxsize=4096)
def _part_words(text: str, begin: int, stop: int) -> _SentenceWords:
    """The words of ``text[begin:stop]`` with offsets in ``text``: a part of a long sentence is read alone.

    Parts start and end at a space or at the text's ends (see sentence_part), so its words are those of the
    whole text that stand in it. Reading the whole sentence for each part would cost time in proportion to it;
    the parts of neighbouring figures overlap, so each block of the part (see block_cuts) is read once.
    """
    bounds = (begin, *block_cuts(text, begin, stop), stop)
    return _words_of(tuple(t for a, b in zip(bounds, bounds[1:], strict=False) for t in _span_tokens(text, a, b)))


@lru_cache(maxsize=4096)
def _span_tokens(text: str, begin: int, stop: int) -> tuple[Token, ...]:
    return tuple(tokens(text[begin:stop], begin))


def _words_read(text: str, part: tuple[int, int] | None) -> _SentenceWords:
    """The words of the sentence ``text``, or of its part ``part`` (see scoring_window)."""
    return _sentence_words(text) if part is None else _part_words(text, *part)


def _words_of(words: tuple[Token, ...]) -> _SentenceWords:
    content = tuple(t for t in words if t.stem not in STOPWORDS and not t.stem.isdigit())
    return _SentenceWords(
        words, tuple(t.start for t in words), tuple(t.end for t in words), content, tuple(t.start for t in content)
    )


def _owned_by_others(
    sentence: Sentence, figure: Figure, siblings: Sequence[Figure], part: tuple[int, int] | None
) -> set[int]:
    """Positions of words that are the counted noun of another figure of the sentence (or of the part read).

    In "22,000 staff work in over 50 countries", "countries" is what 50 counts: it says nothing about 22,000.
    """
    owned: set[int] = set()
    for other in siblings:
        q = other.quantity
        if other is figure or q.start == figure.quantity.start or not q.unit:
            continue
        owned.update(_owned_by(sentence.text, part, q.end - sentence.start, q.unit))
    return owned


@lru_cache(maxsize=4096)
def _owned_by(text: str, part: tuple[int, int] | None, end: int, unit: str) -> tuple[int, ...]:
    """Positions of the words of the sentence ``text`` (or of its part ``part``) that are the counted noun ``unit``
    of the figure ending at ``end`` (kept: each figure of a sentence is the sibling of every other)."""
    words = _words_read(text, part)
    unit_stems = {t.stem for t in tokens(unit)}
    first = bisect_left(words.content_starts, end)
    looked = words.content[first : first + len(unit_stems) + 3]
    if not looked:
        return ()
    # Not past the next clause: the search ends with the words looked at, not with the sentence.
    found = _SEPARATOR.search(text, end, looked[-1].end + 1)
    stop = found.start() if found else len(text)
    return tuple(t.start for t in looked if t.stem in unit_stems and t.start < stop)


def figure_context(
    figure: Figure, sentence: Sentence, siblings: Sequence[Figure] = (), part: tuple[int, int] | None = None
) -> FigureContext:
    """The figure's counted noun and the other words of its sentence, weighted by where they stand.

    ``part``: the offsets in the sentence's text of the only part of it to read (see scoring_window).
    """
    q = figure.quantity
    rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
    words = _words_read(sentence.text, part)
    owned = _owned_by_others(sentence, figure, siblings, part) if siblings else set()
    # Words between this figure and the next figure either side are split between the two at the last
    # separator of the gap ("920 people killed and over 3,360 injured": "killed" is 920's, "injured" 3,360's);
    # words beyond the next figure speak of it first and weigh as the rest of the sentence.
    far_before, far_after = -1, len(sentence.text) + 1
    own = (rel_start, rel_end)
    competing = _competing(figure, siblings, sentence.start)
    before, chain, after = _neighbours(own, competing, sentence.text)
    if before is not None:
        far_before = before[0]  # in another clause ("killing 23 and injuring five"), not one ("rose 20% to £1.2bn")
        cut = _split(sentence.text, before[1], chain[0])
        owned.update(_starts_between(words, before[1], cut))
    if after is not None:
        far_after = after[1]  # words after the next figure are its own first ("920 killed and 3,360 injured")
        cut = _split(sentence.text, chain[1], after[0])
        owned.update(_starts_between(words, cut, after[0]))
    mine: frozenset[int] = frozenset()
    if "respectively" in sentence.text:
        others, mine = _respective(sentence.text, words.all, own, competing)
        owned.update(others)
    c_start, c_end = clause_bounds(sentence.text, rel_start, rel_end, part)
    content = words.content
    outside = [t for t in content if (t.start < rel_start or t.start >= rel_end) and t.start not in owned]
    near_side = [t for t in outside if far_before <= t.start < far_after]
    near = {t.start for t in [t for t in near_side if c_start <= t.start < rel_start][-NEAR_WORDS:]}
    near.update(t.start for t in [t for t in near_side if rel_end <= t.start < c_end][:NEAR_WORDS])

    def weight(at: int) -> float:
        """The weight of the word starting at ``at``: near the figure, in its clause, or elsewhere."""
        if at in mine or at in near:
            return NEAR_WEIGHT
        if c_start <= at < c_end and at < far_after:
            return CLAUSE_WEIGHT  # beyond the figure before: in the clause, but not near
        return SENTENCE_WEIGHT

    weighted = tuple((t.stem, weight(t.start)) for t in outside)
    noun = tuple(t for t in tokens(q.unit or "") if t.stem not in STOPWORDS) if q.kind == Kind.COUNT else ()
    window = _window_of(words, rel_start, rel_end, c_start, c_end)
    return FigureContext(noun, weighted, window, is_vague(figure), part)


def _window_of(words: _SentenceWords, rel_start: int, rel_end: int, c_start: int, c_end: int) -> str:
    """FigureContext.window_phrase: the clause (``c_start``, ``c_end``), or EXCLUDE_WORDS words either side of the
    figure at (``rel_start``, ``rel_end``) if they reach further, as _phrase_of gives it."""
    first, last = 0, len(words.all)
    left = bisect_right(words.ends, rel_start, first, last)  # words[first:left] end before the figure
    right = bisect_left(words.starts, rel_end, first, last)  # words[right:last] start after it
    w_start = min(c_start, words.starts[max(first, left - EXCLUDE_WORDS)] if left > first else rel_start)
    w_end = max(c_end, words.ends[min(last, right + EXCLUDE_WORDS) - 1] if right < last else rel_end)
    window = words.all[bisect_left(words.starts, w_start, first, last) : bisect_right(words.ends, w_end, first, last)]
    return _phrase_of(window)


def excluded_by_cue(target: Target, figure: Figure, sentence: Sentence, part: tuple[int, int] | None = None) -> bool:
    """Whether an exclude cue of the target stands in the figure's window (FigureContext.window_phrase), read
    without building the rest of its context: then score_figure is 0 (see _admits)."""
    if not target.exclude:
        return False
    q = figure.quantity
    rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
    c_start, c_end = clause_bounds(sentence.text, rel_start, rel_end, part)
    window = _window_of(_words_read(sentence.text, part), rel_start, rel_end, c_start, c_end)
    return _has_any(window, target.exclude_phrases)


# Figures that compete for the words around them; years, dates, ordinals and modifiers ("a 40-year low") describe
# another figure's noun rather than count one of their own.
_COMPETING = frozenset({Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.MEASURE, Kind.RATIO, Kind.DURATION})
_SEPARATOR = re.compile(r",\s|;\s|\s(?:and|but|while|whereas|with|or|against|compared with)\s", re.IGNORECASE)


def _competing(figure: Figure, siblings: Sequence[Figure], offset: int) -> list[tuple[int, int]]:
    """The offsets (start, end) in its sentence, which starts at document offset ``offset``, of the sibling figures
    that compete with ``figure`` for the words around them, in text order."""
    q = figure.quantity
    return sorted(
        (o.start - offset, o.end - offset)
        for o in (other.quantity for other in siblings)
        if o.start != q.start and o.linked_to is None and o.kind in _COMPETING and o.role != Role.MODIFIER
    )


def _neighbours(
    own: tuple[int, int], competing: Sequence[tuple[int, int]], text: str
) -> tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int] | None]:
    """The chain of the figure at ``own`` (the start of its first figure and the end of its last: figures with no
    separator between them, "falling 6.2% to $92.94", share their words) and the offsets (start, end) in ``text``
    of the nearest ``competing`` figure before the chain and after it (None: none)."""
    spans = sorted([own, *competing])
    i = spans.index(own)
    a = b = i
    while a > 0 and _split(text, spans[a - 1][1], spans[a][0]) == spans[a - 1][1]:
        a -= 1
    while b + 1 < len(spans) and _split(text, spans[b][1], spans[b + 1][0]) == spans[b][1]:
        b += 1
    left = spans[a - 1] if a > 0 else None
    right = spans[b + 1] if b + 1 < len(spans) else None
    return left, (spans[a][0], spans[b][1]), right


_LIST_GAP = re.compile(r"^[^.;:]{0,40}?(?:,\s*|\s)and\s[^.;:]{0,25}$|^[^.;:]{0,25}?,\s[^.;:]{0,25}$")
_RESPECTIVELY = re.compile(r"[^.;:,]{0,30},?\s*respectively\b", re.IGNORECASE)


def _respective(
    text: str, words: Sequence[Token], figure: tuple[int, int], competing: Sequence[tuple[int, int]]
) -> tuple[frozenset[int], frozenset[int]]:
    """For a figure of a list that ends in "respectively" ("Gold and silver rose to $78 and $74, respectively"),
    the starts of the words of the other items of the list of names before it (not this figure's), and of this
    figure's item (its own); empty sets when the sentence does not pair two lists so."""
    spans = sorted([*competing, figure])
    i = spans.index(figure)
    first = last = i  # the run of figures joined by "and" or commas around this one
    while first > 0 and _LIST_GAP.match(text[spans[first - 1][1] : spans[first][0]]):
        first -= 1
    while last + 1 < len(spans) and _LIST_GAP.match(text[spans[last][1] : spans[last + 1][0]]):
        last += 1
    count = last - first + 1
    if count < 2 or not _RESPECTIVELY.match(text, spans[last][1]):
        return frozenset(), frozenset()
    items = _named_items(text, words, spans[first][0], count)
    if items is None:
        return frozenset(), frozenset()
    own = i - first
    others = frozenset(start for k, item in enumerate(items) if k != own for start in item)
    return others, frozenset(items[own])


def _named_items(text: str, words: Sequence[Token], before: int, count: int) -> list[list[int]] | None:
    """The word starts of the ``count`` items of the last list "A, B and C" before offset ``before``: each item
    a run of capitalised words, else one word. None when there is no such list."""
    ahead = [t for t in words if t.end <= before]
    joins = [k for k, t in enumerate(ahead) if text[t.start : t.end].lower() == "and" and k + 1 < len(ahead)]
    # A list of names ("Northern Light and Eastern Blend"), the last before the figures; else a list that
    # opens the sentence ("Exports and imports rose 5% and 3%"); an "and" between verbs ("rose and settled") or
    # deep in the sentence pairs nothing.
    named = [k for k in joins if text[ahead[k + 1].start].isupper()]
    if named:
        j = named[-1]
    elif joins and joins[0] == 1 and not text[: ahead[0].start].strip(" \"'“‘("):
        j = joins[0]
    else:
        return None

    def run(at: int, step: int) -> list[int]:
        taken = [at]
        while (
            0 <= at + step < len(ahead) and text[ahead[at + step].start].isupper() and text[ahead[at].start].isupper()
        ):
            gap = text[min(ahead[at].end, ahead[at + step].end) : max(ahead[at].start, ahead[at + step].start)]
            if gap.strip():
                break
            at += step
            taken.append(at)
        return taken

    items = [run(j + 1, 1)]
    at = j - 1
    while at >= 0 and len(items) < count:
        item = run(at, -1)
        items.insert(0, item)
        at = min(item) - 1
        if len(items) < count:
            if at < 0 or text[ahead[at].end : ahead[at + 1].start].strip() != ",":
                return None
    if len(items) != count:
        return None
    return [[ahead[k].start for k in item] for item in items]


def _starts_between(words: _SentenceWords, begin: int, stop: int) -> tuple[int, ...]:
    """The starts of the content words that start in [begin, stop)."""
    return words.content_starts[bisect_left(words.content_starts, begin) : bisect_left(words.content_starts, stop)]


def _split(text: str, begin: int, stop: int) -> int:
    """Where the gap ``text[begin:stop]`` between two figures divides: the end of its last separator (a comma,
    "and", "while" ...); ``begin`` when it has none (the gap's words are then both figures')."""
    cut = begin
    for match in _SEPARATOR.finditer(text, begin, stop):
        cut = match.end()
    return cut


_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|falls?|falling|increased?|increases|increasing|decreased?|decreases|grew|grows?|"
    r"growing|dropped|drops?|declined?|declines|jumped|jumps?|climbed|climbs?|gained?|gains|lost|loses?|shrank|shrunk|"
    r"up|down|higher|lower|more|fewer|less)\s+(?:by\s+)?(?:(?:about|around|some|nearly|almost|roughly|over|"
    r"more than|less than|just)\s+)?$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:more|fewer|less|higher|lower|increase|rise|drop|decline|fall)\b", re.IGNORECASE
)
CHANGE_WORDS = frozenset(stem(w) for w in "growth grow increase rise change decline drop fall gain loss".split())
# "rose by six", "46,607 more people": a change, not the level a statistic asks for.
CHANGE_FACTOR = 0.6


def is_change(figure: Figure, sentence: Sentence) -> bool:
    """Whether the figure is a change ("rose by 6", "up 7.9%", "4,000 more than") rather than a level."""
    q = figure.quantity
    if q.role == Role.CHANGE:
        return True
    before = sentence.text[max(0, q.start - sentence.start - 40) : q.start - sentence.start]
    after = sentence.text[q.end - sentence.start : q.end - sentence.start + 30]
    return bool(_CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after))


_QUALIFIERS = r"(?:(?:over|more than|at least|nearly|almost|about|around|some|roughly|approximately|just over)\s+)?"
# "bringing the death toll to 52,243", "totalling 1,225 deaths", "a total of 4,000", "taking the tally to 90"
_TALLY_BEFORE = re.compile(
    r"(?:\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|pushing|pushes|pushed|lifting|lifts)\b"
    r"[^.;:!?]{0,60}?\bto\s+|\b(?:totall?ing|totals?|totall?ed|cumulative(?:ly)?|(?:a|the|overall)\s+(?:total|tally|toll)"
    r"\s+(?:of|to|at|stands at|reaches|rises to)|in total|in all|overall)\s+)" + _QUALIFIERS + r"\S{0,4}$",
    re.IGNORECASE,
)


_TALLY_REACH = 200  # characters after a figure in which a running total makes it a part


@lru_cache(maxsize=4096)
def _reached_total(text: str, at: int) -> bool:
    """Whether the figure starting at offset ``at`` of the sentence ``text`` is a running total (_TALLY_BEFORE)."""
    return bool(_TALLY_BEFORE.search(text, max(0, at - 90), at))


def tally_of(figure: Figure, sentence: Sentence, siblings: Sequence[Figure] = ()) -> int:
    """1 when the figure is a running total that the sentence reaches ("bringing the toll to 52,243",
    "totalling 1,225"); -1 when a running total of the same kind follows it in the sentence, within _TALLY_REACH
    characters (the figure is then the day's increment or a part: "51 are killed ..., bringing the toll to
    52,243"); 0 otherwise. ``siblings``: the figures of the sentence in text order."""
    q = figure.quantity
    if _reached_total(sentence.text, q.start - sentence.start):
        return 1
    for other in siblings[bisect_right(siblings, q.start, key=_start_of) :]:  # siblings are in text order
        o = other.quantity
        if o.start - q.end > _TALLY_REACH:
            break
        if o.start > q.end and o.kind == q.kind and o.linked_to is None:
            if _reached_total(sentence.text, o.start - sentence.start):
                return -1
    return 0


def is_vague(figure: Figure) -> bool:
    """A weak answer to "how many": a quantity in words with no exact value ("thousands", "dozens of"), or a
    small number spelled out ("the two countries", "three ministers"), which reporting uses for references."""
    q = figure.quantity
    if any(ch.isdigit() for ch in q.text):
        return False
    return q.value is None or abs(q.value) < SMALL_WORD_NUMBER


def _admits(target: Target, figure: Figure, sentence: Sentence, ctx: FigureContext | None) -> bool:
    """Whether the figure's kind fits the target and no cue rules it out (exclude cues need the context)."""
    if figure.quantity.kind not in target.kinds:
        return False
    if target.require and not _has_any(_phrase_read(sentence, ctx), target.require_phrases):
        return False
    return not (ctx is not None and target.exclude and _has_any(ctx.window_phrase, target.exclude_phrases))


def admits_without_context(target: Target, figure: Figure, sentence: Sentence) -> bool:
    """What _admits checks before the figure's context is built (its kind and the required cues): False means
    score_figure is 0, so the context need not be built."""
    return _admits(target, figure, sentence, None)


def sentence_spelled(target: Target, text: str) -> frozenset[int]:
    """The wanted stems (indices) that some word of ``text`` spells (Target.spelled): with the figure's counted
    noun (unit_spelled) and the sentences read before it, an upper bound of what reach_of counts."""
    return frozenset(i for t in tokens(text) for i in target.spelled(t.stem))


def unit_spelled(target: Target, figure: Figure) -> frozenset[int]:
    """The wanted stems (indices) that a word of the figure's unit spells (a counted noun is read from it)."""
    return sentence_spelled(target, figure.quantity.unit or "")


def _phrase_read(sentence: Sentence, ctx: FigureContext | None) -> str:
    """_sentence_phrase of the sentence, or of the part of it the context read."""
    part = ctx.part if ctx is not None else None
    return _sentence_phrase(sentence.text) if part is None else _window_phrase(sentence.text, *part)


def _finish(
    target: Target, in_noun: Sequence[float], around: Sequence[float], ctx: FigureContext, change: Callable[[], bool]
) -> float:
    """The score from each wanted stem's best match in the counted noun and (weighted) around the figure."""
    best = 0.0
    for phrase in target.phrasing_index:
        total = 0.0
        for i in phrase:
            total += max(in_noun[i] * NOUN_WEIGHT, around[i])
        best = max(best, total / len(phrase))
    if ctx.noun and not any(in_noun) and not all(t.stem in GENERIC_WORDS for t in ctx.noun):
        best *= OTHER_NOUN_FACTOR  # "people", "total": generic nouns neither match nor count against
    if ctx.vague:
        best *= VAGUE_FACTOR
    if not target.about_change and change():
        best *= CHANGE_FACTOR
    return round(best, 1)


def score_bound(target: Target, figure: Figure) -> float:
    """An upper bound of score_figure read from the figure alone (kind and counted noun), not its sentence.

    A counted noun that matches no word of the target caps the score at OTHER_NOUN_FACTOR times the best
    weight of any other place (NEAR_WEIGHT): "50 countries" barely answers "workers abroad" whatever surrounds it.
    """
    q = figure.quantity
    if q.kind not in target.kinds:
        return 0.0
    if q.kind != Kind.COUNT or not q.unit:
        return 100.0
    noun = [t.stem for t in tokens(q.unit) if t.stem not in STOPWORDS]
    if not noun or all(n in GENERIC_WORDS for n in noun) or any(target.similar(word_stem) for word_stem in noun):
        return 100.0
    return 100.0 * NEAR_WEIGHT * OTHER_NOUN_FACTOR


def score_figure(
    target: Target,
    figure: Figure,
    sentence: Sentence,
    siblings: Sequence[Figure] = (),
    context: FigureContext | None = None,
) -> float:
    """How well a figure answers the target, 0–100; 0 when its kind does not fit or a cue rules it out.

    ``context``: the figure's figure_context, when the caller scores it against several targets.
    """
    if not _admits(target, figure, sentence, context):  # with the context, exclude cues are checked here too
        return 0.0
    ctx = context or figure_context(figure, sentence, siblings)
    return target.solo.best_score(figure, sentence, ctx)  # 0 when an exclude cue rules it out


@dataclass(frozen=True, slots=True)
class TargetGroup:
    """Several targets scored together (the other statistics of a claims file, as rivals of the one asked for).

    Each word of a figure's context is looked up once for all of them, not once per target.
    """

    targets: tuple[Target, ...]
    _similar: dict[str, tuple[tuple[int, int, float], ...]] = field(default_factory=dict, compare=False, repr=False)

    def similar(self, word_stem: str) -> tuple[tuple[int, int, float], ...]:
        """(target, index in its ``wanted``, word_similarity) of every wanted stem ``word_stem`` resembles."""
        found = self._similar.get(word_stem)
        if found is None:
            found = tuple((k, i, score) for k, t in enumerate(self.targets) for i, score in t.similar(word_stem))
            self._similar[word_stem] = found
        return found

    def best_score(self, figure: Figure, sentence: Sentence, context: FigureContext) -> float:
        """The highest score_figure of the figure among the targets (0 when there are none)."""
        # For each wanted stem, its best match in the counted noun and, weighted by where the word stands, in the
        # sentence; max(s) * w equals max(s * w), so this is the best of the four places
        # (NOUN_WEIGHT, NEAR_WEIGHT, CLAUSE_WEIGHT, SENTENCE_WEIGHT).
        in_noun = [[0.0] * len(t.wanted) for t in self.targets]
        around = [[0.0] * len(t.wanted) for t in self.targets]
        for t in context.noun:
            for k, i, score in self.similar(t.stem):
                if score > in_noun[k][i]:
                    in_noun[k][i] = score
        for word_stem, weight in context.weighted:
            for k, i, score in self.similar(word_stem):
                if score * weight > around[k][i]:
                    around[k][i] = score * weight
        changed: list[bool] = []

        def change() -> bool:
            if not changed:
                changed.append(is_change(figure, sentence))
            return changed[0]

        # A target none of whose words is there scores 0 whatever its cues say: only the others are checked.
        return max(
            (
                _finish(t, in_noun[k], around[k], context, change)
                for k, t in enumerate(self.targets)
                if (any(in_noun[k]) or any(around[k])) and _admits(t, figure, sentence, context)
            ),
            default=0.0,
        )
