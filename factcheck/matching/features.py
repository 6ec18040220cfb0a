"""What compare knows about a candidate figure, as numbers, and the fitted linear model that scores them.

A candidate is a figure whose own sentence holds at least one word of the query or the statistic (the phrase score
of factcheck.matching.scoring is above 0): context may lift a figure, never invent one. Each candidate is described by
the FEATURES below, every one between 0 and 1, and scored

    score = 100 * sigmoid(bias + sum(weight[name] * feature[name]))

with the weights fitted by logistic regression on the repository's answer keys (tools/fit_weights.py, which also
reports scores cross-validated by leaving one cluster of documents out at a time). The weights ship as
factcheck/data/weights.json; nothing is trained at run time. The model is linear so that a figure index can answer
a query by summing indexed features (docs/matching.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from factcheck.matching.scoring import PEOPLE_UNITS, FigureContext, Target
from factcheck.model import Figure, Kind, Qualifier, Role
from factcheck.reading.text import GENERIC_WORDS, content_stems

__all__ = [
    "FEATURES",
    "REACH",
    "Explanation",
    "Model",
    "ReadBefore",
    "Term",
    "describe",
    "explain",
    "model",
    "reach_of",
    "seen_before",
    "topic_stems",
]

FEATURES: tuple[str, ...] = (
    "phrase",  # the best phrasing's weighted word match (matching.scoring.score_figure) / 100
    "cover",  # share of all the words the query and statistic ask for that stand in the part of the sentence read
    "topic",  # share of the statistic's description words (its subject) in the sentence
    "context",  # share of the asked-for and subject words found in the title, headings and sentences before
    "context_only",  # 1 when the context holds asked-for words that the sentence lacks
    "noun_match",  # the figure's counted noun is a word asked for
    "other_noun",  # it counts a noun asked for by nothing (not a generic one: people, number, total)
    "generic_noun",  # it counts a generic noun
    "vague",  # "thousands", "dozens", or a small number in words
    "change",  # a change ("rose by 6") where the statistic is a level
    "modifier",  # "a 40-year low", "a two-door car": the figure describes a noun, it does not count
    "share",  # a part of a whole ("12% of the workforce")
    "qualified",  # "more than", "about", "up to"
    "percent",  # the figure is a percentage
    "money",  # the figure is an amount of money
    "rival",  # how well the best other statistic of the claims file describes the figure / 100
    "rival_above",  # 1 when that rival describes it better than the statistic asked for
    "early",  # the figure stands in the first sentences of its document (1 in the first, falling to 0 by the tenth)
    "best_in_document",  # no candidate of the document has a higher phrase score
    "phrase_gap",  # how far the phrase score falls below the document's best candidate's / 100
    "unit_match",  # the statistic gives a unit and the figure has it ("barrels", "USD", "%")
    "unit_other",  # the statistic gives a unit and the figure has another
    "topic_any",  # some word of the statistic's description stands in the sentence
    "topic_context",  # share of the description's words in the title, headings and sentences before
    "rival_gap",  # how much better the best rival statistic describes the figure / 100 (0 when it does not)
    "reach",  # share of the best phrasing's words spelled in the sentence and the sentences always read before it
    "tally",  # a running total the sentence reaches ("bringing the toll to 52,243", "totalling 1,225")
    "before_tally",  # a figure before a running total of its sentence: the day's increment or a part of it
    "fraction",  # a count with no scale word that is no whole number ("magnitude 7.1", "2.31 people"): no head count
)
REACH = FEATURES.index("reach")

_EARLY_SENTENCES = 10


def topic_stems(target: Target) -> frozenset[str]:
    """The stems of the statistic's description that its phrasings do not have: what the figure is about."""
    statistic = target.statistic
    if statistic is None or not statistic.description:
        return frozenset()
    wanted = set(target.wanted)
    return frozenset(s for s in content_stems(statistic.description) if s not in wanted and s not in GENERIC_WORDS)


def _share(found: int, of: int) -> float:
    return found / of if of else 0.0


@dataclass(frozen=True, slots=True)
class ReadBefore:
    """What a reader saw before a sentence, as far as the target cares: read once per sentence, not per figure."""

    wanted: frozenset[int]  # the target's wanted stems (indices) in the title, headings and sentences before
    topic: int  # how many of the statistic's description words stand there
    always: frozenset[int]  # the wanted stems spelled in the sentences always read before it (context.read_before)


def seen_before(target: Target, topic: frozenset[str], seen: frozenset[str], always: frozenset[str]) -> ReadBefore:
    """ReadBefore from the stems of what a reader saw (context.Outline.before) and of the sentences always read
    before the sentence (context.read_before)."""
    return ReadBefore(
        frozenset(i for word_stem in seen for i, _ in target.similar(word_stem)),
        len(topic & seen),
        frozenset(i for word_stem in always for i in target.spelled(word_stem)),
    )


def reach_of(target: Target, ctx: FigureContext, before: ReadBefore) -> float:
    """The share of the best phrasing's words spelled (Target.spelled) in the figure's sentence and the sentences
    always read before it, 0 when none stands in the sentence itself: what the index checks (Model.gate)."""
    spelled = {i for word_stem, _ in ctx.weighted for i in target.spelled(word_stem)}
    spelled.update(i for t in ctx.noun for i in target.spelled(t.stem))
    if not spelled:
        return 0.0
    return target.share_reached(frozenset(spelled | before.always))


def describe(
    target: Target,
    topic: frozenset[str],
    figure: Figure,
    ctx: FigureContext,
    phrase: float,
    rival: float,
    before: ReadBefore,
    reach: float,
    change: bool,
    best_phrase: float,
    tally: int = 0,
) -> tuple[float, ...]:
    """The FEATURES of a candidate figure (every value between 0 and 1).

    ``phrase`` and ``rival``: score_figure of the target and the best of the rival statistics (0-100);
    ``before``: what a reader saw before the sentence (seen_before); ``reach``: reach_of, which the caller has
    computed to gate the candidate; ``change``: matching.scoring.is_change;
    ``best_phrase``: the highest phrase score among the document's candidates.
    """
    q = figure.quantity
    wanted_here = {i for word_stem, _ in ctx.weighted for i, _ in target.similar(word_stem)}
    noun = [t.stem for t in ctx.noun]
    noun_hits = {i for word_stem in noun for i, _ in target.similar(word_stem)}
    wanted_here |= noun_hits
    unit = _unit_fit(target, figure)
    # The statistic's unit, when a noun, is what it counts: "barrels" in "206,000 barrels" is its head noun.
    head = unit == 1 and bool(set(noun) & _stems_of(target.statistic.unit if target.statistic else None))
    generic = bool(noun) and all(n in GENERIC_WORDS for n in noun)
    sentence_words = {word_stem for word_stem, _ in ctx.weighted} | set(noun)
    wanted_before = before.wanted
    subject = len(target.wanted) + len(topic)
    in_context = len(wanted_before) + before.topic
    values = {
        "phrase": phrase / 100.0,
        "cover": _share(len(wanted_here), len(target.wanted)),
        "topic": _share(len(topic & sentence_words), len(topic)),
        "context": _share(in_context, subject),
        "context_only": float(bool(wanted_before - wanted_here)),
        "noun_match": float(bool(noun_hits) or head),
        "other_noun": float(bool(noun) and not noun_hits and not head and not generic),
        "generic_noun": float(generic),
        "vague": float(ctx.vague),
        "change": float(change and not target.about_change),
        "modifier": float(q.role == Role.MODIFIER),
        "share": float(q.role == Role.SHARE),
        "qualified": float(q.qualifier != Qualifier.EXACT),
        "percent": float(q.kind == Kind.PERCENT),
        "money": float(q.kind == Kind.MONEY),
        "rival": rival / 100.0,
        "rival_above": float(rival > phrase),
        "early": max(0.0, 1.0 - figure.sentence / _EARLY_SENTENCES),
        "best_in_document": float(phrase >= best_phrase),
        "phrase_gap": max(0.0, best_phrase - phrase) / 100.0,
        "unit_match": float(unit == 1),
        "unit_other": float(unit == -1),
        "topic_any": float(bool(topic & sentence_words)),
        "topic_context": _share(before.topic, len(topic)),
        "rival_gap": max(0.0, rival - phrase) / 100.0,
        "reach": reach,
        "tally": float(tally > 0),
        "before_tally": float(tally < 0),
        "fraction": float(
            q.kind == Kind.COUNT
            and q.scale == 1
            and q.value is not None
            and math.isfinite(q.value)
            and not float(q.value).is_integer()
        ),
    }
    return tuple(values[name] for name in FEATURES)


@lru_cache(maxsize=256)
def _stems_of(unit: str | None) -> frozenset[str]:
    """The content stems of a statistic's unit ("barrels" → {"barrel"})."""
    return frozenset(content_stems(unit or ""))


def _unit_fit(target: Target, figure: Figure) -> int:
    """1 when the statistic's unit is the figure's, -1 when the figure has another, 0 when either has none."""
    statistic = target.statistic
    if statistic is None or not statistic.unit:
        return 0
    want = statistic.unit.strip().lower()
    q = figure.quantity
    if q.kind == Kind.PERCENT:
        return 1 if want in ("%", "percent", "per cent", "percentage") else -1
    have = (q.unit or "").strip().lower()
    if not have:
        return 0
    if want in PEOPLE_UNITS and q.kind == Kind.COUNT and not _stems_of(have) & _stems_of(want):
        return 0  # "people" asks for a head count: whether "civilians" or "residents" are people is not read
    if have == want or _stems_of(have) & _stems_of(want):
        return 1
    return -1


@dataclass(frozen=True, slots=True)
class Model:
    """A linear model over FEATURES: a bias and one weight per feature, and the gate of a candidate.

    ``gate``: the least ``reach`` of a candidate (0-1): a figure whose sentence, with the sentences always read
    before it, holds less than this share of some phrasing's words is no candidate. The index pre-selects
    sentences by the same rule (Corpus.candidate_sentences with context), so the gate is what keeps a warm
    query fast; it is fitted with the weights.
    """

    bias: float
    weights: tuple[float, ...]
    gate: float = 0.0
    # bound's parts: the bias with every positive weight but the phrase's, and the phrase's weight
    _rest: float = field(init=False, repr=False, compare=False)
    _phrase: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs = list(zip(FEATURES, self.weights, strict=True))
        object.__setattr__(self, "_rest", self.bias + sum(max(0.0, w) for name, w in pairs if name != "phrase"))
        object.__setattr__(self, "_phrase", max(0.0, dict(pairs)["phrase"]))

    @property
    def rivals_only_lower(self) -> bool:
        """Whether a rival statistic can only lower a score (its features' weights are not positive)."""
        return all(w <= 0 for name, w in zip(FEATURES, self.weights, strict=True) if name.startswith("rival"))

    def logit(self, features: Sequence[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))

    def score(self, features: Sequence[float]) -> float:
        """100 * sigmoid(logit), rounded to 0.1."""
        return round(100.0 / (1.0 + math.exp(-max(-60.0, min(60.0, self.logit(features))))), 1)

    def contributions(self, features: Sequence[float]) -> tuple[float, ...]:
        """What each feature adds to the logit."""
        return tuple(w * x for w, x in zip(self.weights, features, strict=True))

    def phrase_needed(self, floor: float) -> float:
        """The least phrase score (0-100) with which a candidate may still score ``floor`` (see bound)."""
        if floor <= 0:
            return 0.0
        target = math.log(floor / (100.0 - floor)) if floor < 100 else math.inf
        if self._phrase <= 0:
            return 0.0 if self._rest >= target else 100.0
        return max(0.0, min(100.0, 100.0 * (target - self._rest) / self._phrase))

    def bound(self, phrase: float) -> float:
        """The highest score a candidate can reach when its phrase score (0-100) is at most ``phrase``."""
        best = self._rest + self._phrase * phrase / 100.0  # every feature is in [0, 1]
        return 100.0 / (1.0 + math.exp(-max(-60.0, min(60.0, best))))


@dataclass(frozen=True, slots=True)
class Term:
    """One feature of a finding: its value and what it added to the logit."""

    name: str
    value: float
    contribution: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a finding scored what it did: the model's bias and every feature that added something."""

    bias: float
    terms: tuple[Term, ...]  # the largest contributions (either way) first
    logit: float
    score: float


def explain(features: Sequence[float], scorer: Model | None = None) -> Explanation | None:
    """The explanation of a finding's score (None for a finding scored without features)."""
    if len(features) != len(FEATURES):
        return None
    scorer = scorer or model()
    terms = [
        Term(name, value, contribution)
        for name, value, contribution in zip(FEATURES, features, scorer.contributions(features), strict=True)
        if contribution != 0
    ]
    terms.sort(key=lambda t: (-abs(t.contribution), t.name))
    return Explanation(scorer.bias, tuple(terms), scorer.logit(features), scorer.score(features))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (factcheck/data/weights.json)."""
    raw = json.loads(resources.files("factcheck").joinpath("data/weights.json").read_text("utf-8"))
    weights = raw["weights"]
    return Model(
        float(raw["bias"]), tuple(float(weights.get(name, 0.0)) for name in FEATURES), float(raw.get("gate", 0.0))
    )
