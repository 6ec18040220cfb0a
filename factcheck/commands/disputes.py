"""Where the sources disagree, found before anyone asks: ``factcheck disputes``.

Every figure of the corpus that could answer a question (no year, date, ordinal, score, change, modifier, vague
amount or part of a whole: "22 of the dead", "of whom 2.2 million") is read for what it counts: its counted noun and
the nearest words of its clause, as word families, with its kind and unit. A group of counts counts one noun (or its
synonyms). A phrase that several documents use about their figures ("people killed", "death toll", "workers abroad")
is a question the corpus answers more than once; each such phrase is put to ``compare``, whose answer (each
document's best figure, split by scope, unit and rate, with its verdict: agree, conflict, time line) is the group.
Of each document's figures the phrase names, the one whose sentence shares the most rare words with the other
documents' (its place, its cause) stands for it; documents whose figures speak of different things (the deaths of a
heat wave, of a flu outbreak) are split into groups by those words, a document that speaks of both giving each
its figure. Groups that hold the same figures of the same documents are kept once (a narrower group that leaves out
a document is kept). A statistic of the claims file marks one group, its own reading (compare's choice); the phrases
are asked as they are written (as without a claims file), and a phrase's group that shows a figure of a statistic's
group, its phrase resolving to that statistic, is "also about" it. Then one rule ranks them: a conflict first (the
more documents in conflict, then the larger the spread, the earlier), then time lines, then agreement, then groups
apart.

Nothing here prints; ``disputes`` returns a frozen ``DisputesReport`` that the renderers turn into output.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from factcheck.commands.compare import (
    BATCH_QUERIES,
    Agreement,
    CompareOptions,
    Comparison,
    DocumentFindings,
    Finding,
    agreements,
    compare_queries,
    query_statistics,
)
from factcheck.corpus.documents import Corpus
from factcheck.matching.families import FAMILY_WEIGHT, members, related
from factcheck.matching.scoring import NEVER_ANSWERS, clause_bounds, is_vague
from factcheck.model import ClaimsFile, Figure, Kind, Role, Sentence
from factcheck.reading.text import GENERIC_WORDS, STOPWORDS, stem, tokens

__all__ = [
    "AGREE",
    "APART",
    "CONFLICT",
    "TIMELINE",
    "Dispute",
    "DisputesOptions",
    "DisputesReport",
    "Slip",
    "find_disputes",
    "slips",
]

SCHEMA_VERSION = 1
CONFLICT, TIMELINE, AGREE = "conflict", "timeline", "agree"

APART = "apart"  # every document's figure stands alone: different units, rates or scopes
# The one rule (conflicts, time lines, agreement); a group of figures that cannot be set side by side says
# none of these and comes last.
_RANK = {CONFLICT: 0, TIMELINE: 1, AGREE: 2, APART: 3}
KINDS = (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.MEASURE)
NEAR = 3  # content words either side of a figure, in its clause, that may name what it counts
# Phrases put to compare per group wanted: enough for duplicates and groups that compare does not confirm.
TRIED_PER_GROUP = 3
MIN_TRIED = 40
# Two groups whose shown figures overlap this much are one group (the better ranked is kept).
SAME_GROUP = 0.5
# Two sets of documents' figures speak of one thing when the words their sentences share (besides the group's
# phrase) weigh this much on average over their pairs: one word that at most 60% of the documents use, or two that
# at most 78% use (a word's weight: the log of the documents over those that use it).
LINK = 0.5
# A group named by one common word alone ("deaths", "tariff") is kept only when its documents' sentences share
# besides it, on average over their pairs, about one word (any word the documents use links them somewhat): the
# figures of a digest's unrelated events that share a word and nothing else do not form a group.
BARE_LINK = LINK / 2
# A group is of different places or bodies when this share of its pairs of documents that name something in their
# figures' clauses name nothing in common.
NAMED_APART = 0.5
NAME_LETTERS = 4  # the letters that name a place or a people alike ("Norway", "Norwegian")
# Groups of more documents keep compare's choice and are not split: weighing every pair costs the square of them.
MOST_WEIGHED = 150
# Findings asked of compare per document, of which those of the group's kind are kept.
WIDE_TOP = 8
_LETTERS = re.compile(r"[A-Za-z]")
_NOT_LEVELS = frozenset({Role.CHANGE.value, Role.MODIFIER.value, Role.FROM.value})
_YEAR_LIKE = re.compile(r"(?:18|19|20)\d\d(?:\s*[-–—]\s*(?:18|19|20)?\d\d)?")
# Words of a clause that never name what a figure counts: prepositions in -ing, hedges, and the periods of rates
# ("$8.2 million a year" is revenue, not years).
_NOT_NAMES = frozenset(
    stem(w)
    for w in "including according following regarding excluding during concerning nearly almost around roughly "
    "approximately estimated total least most year years month months week weeks day days annual annually "
    "monthly weekly daily".split()
)
# Verbs of change and of reaching a level say how a figure moved, never what it counts ("the death toll rises to
# 24": the toll is counted); they are passed over, so that the noun before them is near enough to name the figure.
_CHANGE_VERBS = frozenset(
    stem(w)
    for w in "rise rises rose risen rising increase increases increased increasing climb climbs climbed climbing "
    "jump jumps jumped jumping grow grows grew grown growing reach reaches reached reaching fall falls fell fallen "
    "falling drop drops dropped dropping decline declines declined declining surge surges surged surging soar soars "
    "soared soaring exceed exceeds exceeded exceeding surpass surpasses surpassed surpassing top tops topped "
    "double doubles doubled tripled".split()
)
# Verbs of reporting say who told of a figure, never what it counts or is about ("it is reported that", "officials
# said").
_REPORTING = frozenset(
    stem(w)
    for w in "say says said saying report reports reported reporting announce announces announced announcing tell "
    "tells told according".split()
)
# Words that stand where a counted noun stands but say no more than "people" do ("36,000 others", "20 more").
_NO_NOUNS = frozenset(stem(w) for w in "other others more".split())
# Words of time and order say when a figure stood, never what it counts ("killed since Friday", "at the end of
# June", "in the past 24 hours").
_WHEN = frozenset(stem(w) for w in "since after before past ago until till end start beginning".split())
# Months and weekdays date a figure, never name what it counts.
_CALENDAR = frozenset(
    stem(w)
    for w in "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# What comes right before a year used as a noun's modifier: a determiner or a possessive ("the 2011 floods").
_DETERMINED = re.compile(r"(?:\b(?:the|its|their|his|her|our|this|that|last|next)|['’]s)\s*$", re.IGNORECASE)
# A span of two years ("2022–2026 layoffs") is never a count.
_YEARS = re.compile(r"(?:18|19|20)\d\d\s*[-–—]\s*(?:18|19|20)\d\d")
# What may stand before a figure that opens its sentence or a list's item.
_BULLETS = " \t-–—*•·>#|"
# A count followed by "of the", "of them" ("22 of the dead", "9 of them in intensive care") is a part of a whole
# that the sentence counts or names: not a level of what it names ("the dead": their toll).
_PARTITIVE = re.compile(r"\s+of\s+(?:the|them|those|these|its|their|his|her|our|whom|which|all|each)\b", re.IGNORECASE)
# A count right after "of whom", "of which" ("3.4 million people, of whom 2.2 million live outside the city") is a
# part of the whole just named.
_PART_OF = re.compile(
    r"\bof\s+(?:whom|which|them|these|those)\s+(?:(?:some|about|around|roughly|nearly|almost|over|more\s+than|at\s+least|only|just)\s+)*$",
    re.IGNORECASE,
)
# A count joined to another by a dash ("a 3–2 victory", "drawing 1–1") is one side of a score, not a level.
_SCORE_AFTER = re.compile(r"\s*[-–—]\s*\d")
_SCORE_BEFORE = re.compile(r"\d\s*[-–—]\s*$")
# A figure right after "per" is a rate's denominator ("50 deaths per 1,000 births"), not a figure of its own.
_DENOMINATOR = re.compile(r"\b(?:per|every|each|out of)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DisputesOptions:
    """What to look for: groups of at least ``min_documents`` documents, of these kinds, at most ``limit``."""

    min_documents: int = 2
    limit: int = 20
    kinds: tuple[str, ...] = ()  # () = every kind that can answer
    compare: CompareOptions = CompareOptions()


@dataclass(frozen=True, slots=True)
class Dispute:
    """One group of figures of different documents that count the same thing, with compare's verdict."""

    id: str  # stable: the same corpus gives the same ids
    label: str  # the phrase the documents use most for what the figures count
    verdict: str  # conflict, timeline or agree (the most disputed part of the group)
    documents: int  # documents that give a figure
    in_conflict: int  # documents in a conflict with another
    spread: float | None  # highest over lowest figure of the most disputed part
    statistic: str | None  # the claims file's statistic that covers the group, if one does
    reviewed: bool  # listed under reviewed_disputes: in the claims file
    comparison: Comparison
    slips: tuple[Slip, ...] = ()  # figures that look like a slip against another document's
    # A statistic of the claims file that another group covers, read here another way (its phrase resolves to the
    # statistic, but a document's figure differs or a document is left out): not a new statistic.
    also_about: str | None = None

    @property
    def figures(self) -> tuple[Finding, ...]:
        """Each document's figure in the group, in the order of the documents."""
        return firsts(self.comparison)


@dataclass(frozen=True, slots=True)
class Slip:
    """A figure that probably holds a slip: a scale word wrong, digits swapped, a decimal point moved, or a rate per
    day set against one per year. A flag for a person to look at; it never changes a verdict."""

    document: str
    text: str
    other: str  # the document it is set against
    other_text: str
    suspicion: str  # in plain words


@dataclass(frozen=True, slots=True)
class DisputesReport:
    """The groups found, ranked, and how many phrases were put to compare to find them."""

    disputes: tuple[Dispute, ...]
    phrases: int
    figures: int
    schema: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A phrase that names what a figure counts: its key (word families, kind, unit), its words as written, and how
    far its farther word stands from the figure (0: the nearest content word)."""

    key: tuple[str, ...]
    words: str
    distance: int = 0


def find_disputes(
    corpus: Corpus,
    claims: ClaimsFile | None,
    options: DisputesOptions = DisputesOptions(),
    progress: Callable[[int, int], None] | None = None,
) -> DisputesReport:
    """The groups of figures the documents of ``corpus`` disagree (or agree) about, most disputed first.

    ``progress(done, total)`` is called after each phrase put to compare (a progress bar's update).
    """
    kinds = frozenset(Kind(k) for k in options.kinds) if options.kinds else frozenset(KINDS)
    answering: list[tuple[str, Figure, Sentence]] = []
    stems_used: Counter[str] = Counter()  # the documents whose figures' sentences use each stem
    used_of: list[set[str]] = []
    for doc in corpus.documents():
        sentences = corpus.sentences(doc.id)
        used: set[str] = set()
        for figure in corpus.figures(doc.id):
            if _can_answer(figure, sentences[figure.sentence], kinds):
                answering.append((doc.id, figure, sentences[figure.sentence]))
                used |= _content_stems(sentences[figure.sentence].text)
        stems_used.update(used)
        used_of.append(used)
    names = _family_names(stems_used)
    used_by = Counter(w for used in used_of for w in {names.get(s, s) for s in used})  # the same, by family
    documents = len(used_of)
    weight = {w: math.log(documents / n) for w, n in used_by.items()}
    vocabulary = _Vocabulary(names, weight, _family_names(stems_used, FAMILY_WEIGHT), documents)
    documents_of: dict[tuple[str, ...], set[str]] = defaultdict(set)
    distance: Counter[tuple[str, ...]] = Counter()
    places: dict[tuple[str, ...], set[tuple[str, int]]] = defaultdict(set)  # the figures each phrase names
    written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for doc_id, figure, sentence in answering:
        for phrase in _phrases(figure, sentence, vocabulary):
            documents_of[phrase.key].add(doc_id)
            written[phrase.key][phrase.words] += 1
            distance[phrase.key] += phrase.distance
            places[phrase.key].add((doc_id, figure.quantity.start))
    figures = len(answering)
    shared = [key for key, docs in documents_of.items() if len(docs) >= options.min_documents]
    # The phrases most documents use first; among those, the ones whose words stand nearest their figures.
    shared.sort(key=lambda key: (-len(documents_of[key]), distance[key] / sum(written[key].values()), key))
    tried = shared[: max(MIN_TRIED, TRIED_PER_GROUP * options.limit)]
    reviewed = frozenset(claims.reviewed_disputes if claims else ())
    wide = replace(options.compare, top=max(options.compare.top, WIDE_TOP))
    found: list[Dispute] = []
    own: set[str] = set()  # the groups asked by a statistic's id: the claims file's reading of the corpus
    written_as: dict[str, str] = {}  # each group's phrase as the documents write it
    given: dict[str, set[tuple[str, int]]] = {}  # each statistic's figures in its own answer
    vague: set[str] = set()  # the groups named by one common word alone
    # The claims file's statistics are asked first: the groups they cover are marked with them.
    questions: list[tuple[tuple[str, ...], str]] = [
        (("statistic", s.id), s.id) for s in (claims.statistics if claims else ()) if _wanted(s.kind, kinds)
    ]
    questions += [(key, _label(written[key])) for key in tried]
    for (key, label), answers in zip(
        questions, _answers(corpus, claims, questions, documents_of, wide, progress), strict=True
    ):
        for comparison, about in answers:
            # A statistic's answer is the claims file's reading of the corpus: its figures are kept as compare chose.
            # A phrase's answer is read as a phrase's, whether or not the phrase resolves to a statistic (``about``).
            told = key[0] == "statistic"
            kind = None if told else key[0]
            narrowed = _narrowed(comparison, kind, options.compare.top, kinds, places.get(key, set()), vocabulary)
            parts = [narrowed] if told else _split(narrowed, key[1:], options.compare.top, vocabulary)
            if told and about is not None:
                given[about] = {(d.id, f.start) for d in narrowed.with_figures for f in d.findings}
            for rank, part in enumerate(parts):
                # A part of a split group is named by its place and documents too: the parts' ids differ (a
                # document that speaks of two things may come first in two parts).
                named_by = [*key, str(rank), *(d.id for d in part.with_figures)] if len(parts) > 1 else key
                # A phrase is about the statistic it resolves to when its group shows a figure the statistic's own
                # answer gives: a short phrase may resolve to a statistic it shares a word with ("countries").
                confirmed = about if told or _shown(part) & given.get(about or "", set()) else None
                answer = replace(part, statistic=confirmed)
                bare = not told and _bare(key, label)
                if bare and _link(part, key[1:], vocabulary) < BARE_LINK:
                    continue  # one common word, and sentences that share nothing else: nothing says it is one thing
                if not told and _named_apart(part, key[1:], vocabulary):
                    continue  # the figures of different places or bodies, named in their clauses
                dispute = _dispute(named_by, comparison.label or label, answer, reviewed, options)
                if dispute is not None:
                    if bare:
                        vague.add(dispute.id)
                    found.append(dispute)
                    if told:
                        own.add(dispute.id)
                    written_as[dispute.id] = label
    kept = _marked(_distinct(found, own), own, written_as)
    # A group named precisely (two words, a name, a statistic) is more often about one thing than one named by a
    # common word alone ("deaths", "tariff"): the precise ones come first, each kind by the one rule.
    kept.sort(key=lambda d: (d.reviewed, d.id in vague, _rank(d)))
    return DisputesReport(tuple(kept[: options.limit]), len(questions), figures)


def _answers(
    corpus: Corpus,
    claims: ClaimsFile | None,
    questions: Sequence[tuple[Sequence[str], str]],
    documents_of: Mapping[tuple[str, ...], Collection[str]],
    options: CompareOptions,
    progress: Callable[[int, int], None] | None,
) -> list[tuple[tuple[Comparison, str | None], ...]]:
    """compare's answers to each question (key, label), each with the statistic it is about: a statistic's, asked by
    its id (the claims file's reading of the corpus); a phrase's, asked as the phrase itself (what the documents say
    of it, as without a claims file), about the statistic the phrase resolves to, if any. Asked BATCH_QUERIES at a
    time (compare_queries reads each document once for a batch); ``progress(done, total)`` after each batch."""
    found: list[tuple[tuple[Comparison, str | None], ...]] = []
    for start in range(0, len(questions), BATCH_QUERIES):
        batch = questions[start : start + BATCH_QUERIES]
        told = [key[0] == "statistic" for key, _ in batch]
        asked = [(claims if by_id else None, label) for (_, label), by_id in zip(batch, told, strict=True)]
        # A phrase's group holds only the figures the phrase names (_narrowed): only its documents are scored.
        within = [
            None if by_id else documents_of.get(tuple(key), ()) for (key, _), by_id in zip(batch, told, strict=True)
        ]
        for (_, label), by_id, comparisons in zip(
            batch, told, compare_queries(corpus, asked, options, within), strict=True
        ):
            if by_id:
                found.append(tuple((c, c.statistic) for c in comparisons))
                continue
            about = next((s.id for s, _ in query_statistics(claims, label) if s is not None), None)
            found.append(tuple((c, about) for c in comparisons))
        if progress is not None:
            progress(len(found), len(questions))
    return found


def _can_answer(figure: Figure, sentence: Sentence, kinds: frozenset[Kind]) -> bool:
    """Whether a figure may state a level two documents could disagree about."""
    q = figure.quantity
    if q.kind in NEVER_ANSWERS or q.kind not in kinds:
        return False
    if q.role.value in _NOT_LEVELS:
        return False
    before, after = sentence.text[: q.start - sentence.start], sentence.text[q.end - sentence.start :]
    if _is_year_like(q.kind.value, q.unit, q.text, before):
        return False  # "2026 outbreak" in a heading: a year the reader could not tell from a count
    if q.kind == Kind.COUNT and (_PARTITIVE.match(after) or _PART_OF.search(before)):
        return False
    if q.kind == Kind.COUNT and (_SCORE_AFTER.match(after) or _SCORE_BEFORE.search(before)):
        return False
    return not is_vague(figure)


def _phrases(figure: Figure, sentence: Sentence, vocabulary: _Vocabulary) -> Iterable[_Phrase]:
    """The phrases that may name what ``figure`` counts: its counted noun (if it says more than "people": else the
    content word nearest the figure on either side), and that noun or the nearest content word with each of the
    other content words near it in its clause. Words of reporting ("say", "reported") never name it."""
    q = figure.quantity
    text = sentence.text
    start, end = q.start - sentence.start, q.end - sentence.start
    if _DENOMINATOR.search(text, max(0, start - 12), start):
        return
    c_start, c_end = clause_bounds(text, start, end)
    words = [
        t
        for t in tokens(text[c_start:c_end], c_start)
        if t.stem not in STOPWORDS
        and t.stem not in _NOT_NAMES
        and t.stem not in _CHANGE_VERBS
        and t.stem not in _CALENDAR
        and t.stem not in _WHEN
        and t.stem not in _REPORTING
        and _LETTERS.search(t.stem)
        and not (start <= t.start < end)
    ]
    before = [t for t in words if t.start < start][-NEAR:][::-1]
    after = [t for t in words if t.start >= end][:NEAR]
    noun = [t for t in after if q.unit and t.stem in {u.stem for u in tokens(q.unit)}] if q.kind == Kind.COUNT else []
    kind = _kind_key(figure)
    near = sorted(before + after, key=lambda t: min(abs(t.start - start), abs(t.start - end)))
    head = noun[-1] if noun else (near[0] if near else None)
    if head is None:
        return
    if noun and (head.stem in GENERIC_WORDS or head.stem in _NO_NOUNS):
        # A noun that says nothing ("people", "others") names no group alone; the nearest word either side of the
        # figure may ("people were wounded", "killed 80 people", "36,000 others missing"), written with the noun.
        said = [t for t in near if t.stem not in GENERIC_WORDS and t.stem not in _NO_NOUNS]
        sides = [t for t in said if t.start < start][:1] + [t for t in said if t.start >= end][:1]
        for side in sides:
            first, second = sorted((head, side), key=lambda t: t.start)
            written = f"{text[first.start : first.end]} {text[second.start : second.end]}"
            yield _Phrase((kind, vocabulary.counted(side.stem)), written)
    else:
        for single in [head] if noun else near[:2]:
            if single.stem not in GENERIC_WORDS:
                yield _Phrase((kind, vocabulary.counted(single.stem)), text[single.start : single.end])
    for rank, other in enumerate(near):
        if other.stem == head.stem:
            continue
        first, second = sorted((head, other), key=lambda t: t.start)
        key = (kind, *sorted({vocabulary.counted(head.stem), vocabulary.counted(other.stem)}))
        if len(key) == 3:
            yield _Phrase(key, f"{text[first.start : first.end]} {text[second.start : second.end]}", rank)


def _narrowed(
    comparison: Comparison,
    kind: str | None,
    top: int,
    kinds: frozenset[Kind],
    named: Collection[tuple[str, int]],
    vocabulary: _Vocabulary,
) -> Comparison:
    """``comparison`` with only the findings that may state a level, of the group's kind (and unit or currency;
    None: any of ``kinds``), ``top`` a document, and its agreement judged again on them. A finding that the
    group's phrase names (``named``: document and offset) goes before those it does not."""
    wanted = {k.value for k in kinds}

    def fits(f: Finding) -> bool:
        if f.role in _NOT_LEVELS or f.vague or _year_like(f) or _partitive(f) or _score_side(f):
            return False
        return _finding_kind(f) == kind if kind is not None else f.kind in wanted

    def candidates(d: DocumentFindings) -> list[Finding]:
        kept = [f for f in d.findings if fits(f)]
        if named:
            kept = [f for f in kept if (d.id, f.start) in named]
        return kept

    found = {d.id: candidates(d) for d in comparison.documents}
    if comparison.statistic is None:
        found = _one_noun(found)
    return _chosen(comparison, found, top, vocabulary)


def _noun(finding: Finding) -> str | None:
    """The stem of the noun a count counts ("1,700 ground personnel": personnel), or None (no noun, or one that
    says nothing: "people")."""
    if finding.kind != Kind.COUNT.value or not finding.unit:
        return None
    words = [t.stem for t in tokens(finding.unit) if _LETTERS.search(t.stem)]
    if not words or words[-1] in GENERIC_WORDS or words[-1] in STOPWORDS or words[-1] in _NO_NOUNS:
        return None
    return words[-1]


def _same_noun(a: str | None, b: str) -> bool:
    """Whether a count's noun (None: none) may count what ``b`` counts: the same word or a synonym ("injured" and
    "wounded"; not "inhabitants" and "homes", which a looser family joins)."""
    return a is None or related(a, b) >= FAMILY_WEIGHT


def _one_noun(candidates: Mapping[str, Sequence[Finding]]) -> dict[str, list[Finding]]:
    """Each document's candidates without the counts of another noun than the one most documents' candidates
    count (or a synonym of it): a group named by a word near its figures ("city") does not set households against
    inhabitants. A count without a noun may count anything and is kept."""
    nouns = {doc: {n for f in found if (n := _noun(f)) is not None} for doc, found in candidates.items()}
    written = sorted(set().union(*nouns.values()))
    if not written:
        return {doc: list(found) for doc, found in candidates.items()}
    noun = max(written, key=lambda n: sum(any(_same_noun(m, n) for m in used) for used in nouns.values()))
    return {doc: [f for f in found if _same_noun(_noun(f), noun)] for doc, found in candidates.items()}


def _chosen(
    comparison: Comparison, candidates: Mapping[str, Sequence[Finding]], top: int, vocabulary: _Vocabulary
) -> Comparison:
    """``comparison`` with each document's ``candidates`` (coherent ones first, ``top`` of them) as its findings,
    and its agreement judged again on them."""
    chosen = _coherent(candidates, vocabulary) if comparison.statistic is None else candidates
    documents = tuple(replace(d, findings=tuple(chosen.get(d.id, ())[:top]), vague=()) for d in comparison.documents)
    return replace(
        comparison,
        documents=documents,
        without_figures=sum(1 for d in documents if not d.findings),
        agreement=agreements(documents),
    )


def _split(comparison: Comparison, phrase: Collection[str], top: int, vocabulary: _Vocabulary) -> list[Comparison]:
    """A group whose documents speak of different things, split into the groups of those that speak of one.

    Two documents' figures speak of one thing when their sentences share words besides the group's phrase, enough
    of them or rare enough (``LINK``). The documents linked directly or through others form a core; when two or
    more cores are found ("deaths" in sentences on a heat wave, and in others on a flu outbreak) the group is
    split, one group a core. A document linked to none joins the core whose sentences one of its figures' shares
    most with, if it shares LINK on average with them, or else leaves the group (a fire's injured beside an
    earthquake's, even when one core is found); each group's figures are chosen again among its documents. A group
    of two documents is left as it is: nothing tells which of them speaks of another thing.
    """
    found = {d.id: d.findings for d in comparison.with_figures}
    if len(found) < 3 or len(found) > MOST_WEIGHED:
        return [comparison]

    said = frozenset(vocabulary.name(p) for p in phrase)  # the phrase's words, named as topic words are
    words_of: dict[str, frozenset[str]] = {}  # a sentence's topic words without the phrase's (sentences repeat)

    def words(f: Finding) -> frozenset[str]:
        found_words = words_of.get(f.sentence)
        if found_words is None:
            found_words = words_of[f.sentence] = vocabulary.topic(f.sentence) - said
        return found_words

    def shared(a: frozenset[str], b: frozenset[str]) -> float:
        return sum(vocabulary.weight.get(w, 0.0) for w in a & b)

    firsts = {doc: words(findings[0]) for doc, findings in found.items()}
    clusters = _average_linkage(sorted(found), lambda a, b: shared(firsts[a], firsts[b]))
    linked = {docs[0]: docs for docs in clusters}
    cores = sorted(docs for docs in linked.values() if len(docs) >= 2)
    if not cores:
        return [comparison]
    left = False
    for doc in (d for docs in linked.values() if len(docs) == 1 for d in docs):
        fits = [
            max(sum(shared(words(f), firsts[other]) for other in core) for f in found[doc]) / len(core)
            for core in cores
        ]
        best = max(fits)
        if best >= LINK:
            cores[fits.index(best)].append(doc)
        else:
            left = True
    if len(cores) == 1:  # one thing, and documents whose figures share too little with it speak of another
        return [_chosen(comparison, {doc: found[doc] for doc in cores[0]}, top, vocabulary)] if left else [comparison]
    # A document that speaks of two things (a digest of the week's news) gives each core its figure for that core.
    members = [list(core) for core in cores]
    for core, joined in zip(cores, members, strict=True):
        for doc in sorted(found.keys() - set(core)):
            if any(
                sum(shared(words(f), firsts[other]) for other in core) / len(core) >= LINK
                for f in found[doc]
                if f is not found[doc][0]
            ):
                joined.append(doc)
    return [_chosen(comparison, {doc: found[doc] for doc in core}, top, vocabulary) for core in members]


def _bare(key: Sequence[str], label: str) -> bool:
    """Whether a phrase's group is named by one common word alone: one content word (its key: its kind and one word
    family), not a name (a capital that only opens a sentence is dropped from the label)."""
    return len(key) == 2 and not any(w[:1].isupper() for w in label.split())


def _link(comparison: Comparison, phrase: Collection[str], vocabulary: _Vocabulary) -> float:
    """How much the sentences of a group's figures (each document's first) share besides the group's phrase: the
    weight of the words two of them share, on average over their pairs (a group of more than MOST_WEIGHED documents
    is taken as linked)."""
    shown = [d.findings[0] for d in comparison.with_figures]
    if len(shown) > MOST_WEIGHED:
        return math.inf
    said = frozenset(vocabulary.name(p) for p in phrase)
    words = [vocabulary.topic(f.sentence) - said for f in shown]
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]
    if not pairs:
        return math.inf
    return sum(sum(vocabulary.linking(w) for w in a & b) for a, b in pairs) / len(pairs)


def _names(text: str, vocabulary: _Vocabulary, skip: int = -1) -> frozenset[str]:
    """The names a text writes (words with a capital; ``skip``: the offset of a word that opens its sentence, whose
    capital says nothing), by their first letters: the place, body or person a figure is of."""
    return frozenset(
        _name_key(vocabulary.name(t.stem))
        for t in tokens(text)
        if t.start != skip
        and t.end - t.start > 1  # a capital alone is a unit's ("°C") or an initial
        and text[t.start : t.end][:1].isupper()
        and t.stem not in STOPWORDS
        and t.stem not in _CALENDAR
        and t.stem not in _REPORTING
        and _LETTERS.search(t.stem)
    )


def _name_key(stem: str) -> str:
    """What two names share when they name one place or people: their first letters ("Norway" and "Norwegian",
    "Chile" and "Chilean", "Iceland" and "Icelandic")."""
    return stem[:NAME_LETTERS]


def _named_apart(comparison: Comparison, phrase: Collection[str], vocabulary: _Vocabulary) -> bool:
    """Whether a group's figures are of different places or bodies: of the pairs of its documents whose figures'
    clauses both name something (besides the group's phrase), NAMED_APART or more are named apart, neither clause
    naming what the other's sentence names ("a temperature of 44.3°C in Arden" and "38°C in Brill"; "deaths in
    the north" of one country and "deaths in Tarvo"). A clause that names nothing tells nothing."""
    shown = [d.findings[0] for d in comparison.with_figures]
    if len(shown) > MOST_WEIGHED:
        return False
    said = frozenset(_name_key(vocabulary.name(p)) for p in phrase)
    named: list[tuple[frozenset[str], frozenset[str]]] = []  # (the clause's names, the sentence's)
    for f in shown:
        clause = _clause(f)
        opens = len(f.sentence) - len(f.sentence.lstrip(_BULLETS))
        left = f.sentence.find(clause)
        if own := _names(clause, vocabulary, opens - left) - said:
            named.append((own, _names(f.sentence, vocabulary)))
    pairs = [(a, b) for i, a in enumerate(named) for b in named[i + 1 :]]
    apart = sum(1 for a, b in pairs if not a[0] & b[1] and not b[0] & a[1])
    return bool(pairs) and apart >= NAMED_APART * len(pairs)


def _average_linkage(docs: Sequence[str], similarity: Callable[[str, str], float]) -> list[list[str]]:
    """Average linkage: two sets of documents join while their pairs share, on average, LINK or more (the pair of
    sets that shares most first; of equal ones, the later pair in the documents' order). Each pair of documents is
    weighed once; a set keeps its sums with the others as sets join, and the links wait in a heap (a link of a set
    that has grown since is passed over), so that the whole costs about the square of the documents, not their
    fourth power. Averages are rounded to 9 decimals: a link of exactly LINK that adds up to 0.4999999999999999
    joins (the first version, comparing raw sums, left such sets apart)."""
    n = len(docs)
    sums = [[0.0] * n for _ in range(n)]  # sums[a][b]: the similarities of every pair of the sets a and b
    for a in range(n):
        for b in range(a + 1, n):
            sums[a][b] = sums[b][a] = similarity(docs[a], docs[b])
    members = {a: [docs[a]] for a in range(n)}  # a set is known by the place of its first document: order holds
    grown = [0] * n  # how many times each set has grown: a link weighed before is out of date

    def entry(a: int, b: int) -> tuple[float, int, int, int, int]:
        # heapq pops the least: the highest link, then the later pair, first
        value = round(sums[a][b] / (len(members[a]) * len(members[b])), 9)
        return (-value, -a, -b, grown[a], grown[b])

    waiting = [entry(a, b) for a in range(n) for b in range(a + 1, n)]
    heapq.heapify(waiting)
    while waiting:
        value, a, b, grown_a, grown_b = heapq.heappop(waiting)
        a, b = -a, -b
        if b not in members or a not in members or (grown[a], grown[b]) != (grown_a, grown_b):
            continue
        if -value < LINK:
            break
        members[a] = sorted(members[a] + members.pop(b))
        grown[a] += 1
        for k in members:
            sums[a][k] += sums[b][k]
            sums[k][a] = sums[a][k]
        for k in members:
            if k != a:
                heapq.heappush(waiting, entry(min(a, k), max(a, k)))
    return [members[a] for a in sorted(members)]


def _coherent(candidates: Mapping[str, Sequence[Finding]], vocabulary: _Vocabulary) -> dict[str, list[Finding]]:
    """Each document's candidates with those that speak of what the other documents' candidates speak of first.

    Documents that give a figure for one thing tell of it in shared words (its place, its cause, its agent), so a
    candidate is scored by the words of its sentence, and again by those of its clause, that the other documents'
    candidate sentences use too, each word weighted by how few documents of the corpus use it (``weight``: a word
    all of them use tells nothing); each other document adds its best-fitting candidate's share. Ties keep
    compare's order (a stable sort).
    """
    if sum(1 for found in candidates.values() if found) > MOST_WEIGHED:
        return {doc: list(found) for doc, found in candidates.items()}
    words = {doc: [vocabulary.topic(f.sentence) for f in found] for doc, found in candidates.items()}
    weight = vocabulary.weight
    # word → the candidates (document, place among its distinct word sets) whose sentences use it: a candidate's
    # fit reads the candidates that share a word with it, not every candidate of every other document
    users: dict[str, list[tuple[str, int]]] = {}
    for doc, found in words.items():
        for i, theirs in enumerate(dict.fromkeys(found)):
            for w in theirs:
                if weight.get(w, 0.0):
                    users.setdefault(w, []).append((doc, i))

    def fit(doc: str, mine: frozenset[str]) -> float:
        shares: dict[tuple[str, int], float] = {}
        for w in mine:
            if share := weight.get(w, 0.0):
                for user in users.get(w, ()):
                    if user[0] != doc:
                        shares[user] = shares.get(user, 0.0) + share
        best: dict[str, float] = {}
        for (other, _), share in shares.items():
            if share > best.get(other, 0.0):
                best[other] = share
        return round(sum(best.values()), 9)

    def score(doc: str, i: int, f: Finding) -> float:
        # The words of its own clause count twice: of two figures of one sentence ("the Ridge Fire is 50%
        # contained, while the Creek Fire is 80% contained"), the one whose clause speaks of the group's thing.
        return fit(doc, words[doc][i]) + fit(doc, vocabulary.topic(_clause(f)))

    return {
        doc: [f for _, f in sorted(enumerate(found), key=lambda pair: -score(doc, *pair))]
        for doc, found in candidates.items()
    }


def _clause(finding: Finding) -> str:
    """The clause of a finding's sentence around it (the sentence if the finding is not found in it)."""
    start = finding.start - finding.sentence_start
    if not 0 <= start <= len(finding.sentence):
        return finding.sentence
    left, right = clause_bounds(finding.sentence, start, start + len(finding.text))
    return finding.sentence[left:right]


@lru_cache(maxsize=65536)
def _content_stems(sentence: str) -> frozenset[str]:
    """The stems of a sentence's content words: what it may be about (words of reporting say who told it)."""
    return frozenset(
        t.stem
        for t in tokens(sentence)
        if t.stem not in STOPWORDS
        and t.stem not in GENERIC_WORDS
        and t.stem not in _REPORTING
        and t.stem not in _NOT_NAMES
        and t.stem not in _CHANGE_VERBS
        and _LETTERS.search(t.stem)
    )


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The words of a corpus's figures: one name for each word family (``names``: stem → the family's name; a stem
    not in it is its own name), and each family's weight (``weight``: the log of the documents over those whose
    figures' sentences use it; a word all of them use tells nothing)."""

    names: Mapping[str, str]
    weight: Mapping[str, float]
    synonyms: Mapping[str, str]  # the same, of families of synonyms only: what a figure counts
    documents: int = 1  # the documents of the corpus

    def linking(self, word: str) -> float:
        """How much a word two sentences share says they speak of one thing: its weight as if the corpus held one
        document more, one that does not use it (a word every document uses still tells the corpus's topic from
        any other; in a corpus of three documents about one flood, "valley" links their sentences)."""
        if word not in self.weight:
            return 0.0
        return self.weight[word] + math.log1p(1 / max(self.documents, 1))

    def name(self, stem: str) -> str:
        return self.names.get(stem, stem)

    def counted(self, stem: str) -> str:
        """The name of a word that may say what a figure counts: its synonyms', not its looser family's
        ("residents" and "inhabitants" are counted apart)."""
        return self.synonyms.get(stem, stem)

    def topic(self, sentence: str) -> frozenset[str]:
        """The content words of a sentence as word families: what it may be about."""
        return frozenset(self.names.get(s, s) for s in _content_stems(sentence))


def _family_names(used: Mapping[str, int], least: float = 0.0) -> dict[str, str]:
    """One name for each word family of a corpus ("killed" and "deaths" read alike), from the documents that use
    each stem (``used``). Family links are not transitive ("deaths" is a kind of change, "killed" is not), so a
    family is named by one of its words that the corpus uses: the stems are taken from the most used down, and each
    is named by the most used earlier name in its own family (its nearest of them first), or names itself if there
    is none. Every member of a named family is then a direct relative of its name: no chain of links joins two
    words. ``least``: the weight a link needs (FAMILY_WEIGHT: synonyms only)."""
    names: dict[str, str] = {}
    for word in sorted(used, key=lambda s: (-used[s], s)):
        family = members(word)
        roots = [r for r in family if names.get(r) == r and family[r] >= least]
        names[word] = max(roots, key=lambda r: (family[r], used[r], r)) if roots else word
    return names


def _wanted(kind: str | None, kinds: frozenset[Kind]) -> bool:
    """Whether a statistic of this kind (None: any) may have figures of the kinds asked for."""
    return kind is None or kind in {k.value for k in kinds}


def _is_year_like(kind: str, unit: str | None, text: str, before: str = "") -> bool:
    """A count written as a year of the last two centuries ("2026", "2022–2026" is a range of them) with no noun,
    or with one but used as a year is: a span of two years, after a determiner or a possessive ("the 2011 floods",
    "Veldane's 2011 floods"), or opening its sentence or list item ("2026 Arden earthquakes", "2025 attacks
    on ...", a heading; style spells out a count that opens a sentence). ``before``: the sentence's text before
    the figure."""
    if kind != Kind.COUNT.value or _YEAR_LIKE.fullmatch(text) is None:
        return False
    if not unit or _YEARS.fullmatch(text) is not None:
        return True
    opens = not before.strip(_BULLETS)
    return _DETERMINED.search(before) is not None or opens


def _partitive(finding: Finding) -> bool:
    """Whether a count is a part of a whole ("22 of the dead", "9 of them", "of whom 2.2 million")."""
    start = finding.start - finding.sentence_start
    end = start + len(finding.text)
    if finding.kind != Kind.COUNT.value or not 0 <= start < end <= len(finding.sentence):
        return False
    return _PARTITIVE.match(finding.sentence, end) is not None or _PART_OF.search(finding.sentence[:start]) is not None


def _score_side(finding: Finding) -> bool:
    """Whether a count is one side of a score ("the team's 3–2 victory": 3, or 2)."""
    start = finding.start - finding.sentence_start
    end = start + len(finding.text)
    if finding.kind != Kind.COUNT.value or not 0 <= start < end <= len(finding.sentence):
        return False
    text = finding.sentence
    return _SCORE_AFTER.match(text, end) is not None or _SCORE_BEFORE.search(text[:start]) is not None


def _year_like(finding: Finding) -> bool:
    start = finding.start - finding.sentence_start
    found = 0 <= start <= len(finding.sentence)
    # Where the figure is not found in its sentence, it is taken not to open it.
    return _is_year_like(finding.kind, finding.unit, finding.text, finding.sentence[:start] if found else "?")


def _finding_kind(finding: Finding) -> str:
    return _kind_of(finding.kind, finding.unit)


def _kind_key(figure: Figure) -> str:
    return _kind_of(figure.quantity.kind.value, figure.quantity.unit)


def _kind_of(kind: str, unit: str | None) -> str:
    """What figures must share to be compared: their kind, and the unit of a measure or the currency of money."""
    if kind in (Kind.MEASURE.value, Kind.MONEY.value):
        return f"{kind}:{(unit or '').lower()}"
    return kind


def _label(forms: Counter[str]) -> str:
    """The form of a phrase the documents write most (ties: the first alphabetically); a capital that only starts
    a sentence is dropped ("Workers abroad" → "workers abroad"), a name's is kept."""
    best = min(forms.items(), key=lambda item: (-item[1], item[0].lower()))[0]
    lower = {w for form in forms for w in form.split() if w.islower()}
    return " ".join(w.lower() if w.lower() in lower else w for w in best.split())


def _dispute(
    key: Sequence[str], label: str, comparison: Comparison, reviewed: frozenset[str], options: DisputesOptions
) -> Dispute | None:
    answering = comparison.with_figures
    if len(answering) < options.min_documents:
        return None
    parts = [a for a in comparison.agreement if a.verdict != "single"]
    if parts:
        worst = min(parts, key=lambda a: (_RANK.get(a.verdict, _RANK[AGREE]), -_in_conflict(a), -(a.spread or 0.0)))
        verdict, in_conflict, spread = (
            (worst.verdict if worst.verdict in _RANK else AGREE),
            _in_conflict(worst),
            worst.spread,
        )
    else:  # figures in different units, rates or scopes: nothing compare could set side by side
        verdict, in_conflict, spread = APART, 0, None
    digest = hashlib.sha1("\x1f".join([*key, comparison.statistic or ""]).encode("utf-8")).hexdigest()[:6]
    slug = "-".join(re.findall(r"[a-z0-9]+", label.lower()))[:40].strip("-") or "figures"
    ident = f"{slug}-{digest}"
    return Dispute(
        id=ident,
        label=label,
        verdict=verdict,
        documents=len(answering),
        in_conflict=in_conflict,
        spread=spread,
        statistic=comparison.statistic,
        reviewed=ident in reviewed,
        comparison=comparison,
        slips=slips(firsts(comparison)),
    )


# A ratio this close (as a factor) to 1,000 or 1,000,000 reads as a scale word slipped (millions for billions).
_SCALE_SLACK = 3.0
_DAYS_A_YEAR = 365.0
# A scale written with the figure: only a figure written so can have its scale slip.
_SCALE_WORD = re.compile(r"(?i)\d\s*(?:thousand|million|billion|trillion)\b|\d(?:mn|bn|tn|m|k)\b")


def slips(findings: Sequence[Finding]) -> tuple[Slip, ...]:
    """The probable slips among the figures of different documents for one thing (each flagged once, against the
    first figure it looks slipped from)."""
    found: list[Slip] = []
    flagged: set[str] = set()
    for i, a in enumerate(findings):
        for b in findings[i + 1 :]:
            if a.document == b.document or b.document in flagged:
                continue
            suspicion = _suspicion(a, b)
            if suspicion is not None:
                found.append(Slip(b.document, b.text, a.document, a.text, suspicion))
                flagged.add(b.document)
    return tuple(found)


def _suspicion(a: Finding, b: Finding) -> str | None:
    """What looks slipped between two figures of one thing, in plain words, or None."""
    x, y = _point(a), _point(b)
    if x is None or y is None or x <= 0 or y <= 0:
        return None
    high, low = max(x, y), min(x, y)
    ratio = high / low
    scaled = _SCALE_WORD.search(a.text) is not None or _SCALE_WORD.search(b.text) is not None
    for size, words in ((1e6, "a million"), (1e3, "a thousand")):
        if scaled and size / _SCALE_SLACK <= ratio <= size * _SCALE_SLACK:
            return f"about {words} times off: a scale word may have slipped"
    pers = {a.per, b.per}
    if pers == {"day", "year"} and _DAYS_A_YEAR / 1.5 <= ratio <= _DAYS_A_YEAR * 1.5:
        return "a figure per day set against one per year"
    da, db = _digits(a.text), _digits(b.text)
    if da and db and da != db and len(da) == len(db) >= 3 and sorted(da) == sorted(db) and ratio < 2:
        return "the same digits in another order: perhaps two digits swapped"
    moved = "." in a.text + b.text  # a decimal point written in one of them
    if moved and da and da == db and any(math.isclose(ratio, shift) for shift in (10.0, 100.0)):
        return "the same digits with the decimal point moved"
    return None


def _point(f: Finding) -> float | None:
    """One number for a figure: its value, or the middle of its range."""
    if f.value is not None:
        return f.value
    if f.low is not None and f.high is not None:
        return (f.low + f.high) / 2
    return None


def _digits(text: str) -> str:
    """The significant digits of a figure as written ("1,234.50" → "12345")."""
    return "".join(ch for ch in text if ch.isdigit()).strip("0")


def firsts(comparison: Comparison) -> tuple[Finding, ...]:
    """Each answering document's first finding."""
    return tuple(d.findings[0] for d in comparison.with_figures)


def _in_conflict(agreement: Agreement) -> int:
    return len({doc for pair in agreement.conflicting for doc in pair})


def _rank(d: Dispute) -> tuple[int, int, float, int]:
    return (_RANK[d.verdict], -d.in_conflict, -(d.spread or 0.0), -d.documents)


def _distinct(found: Sequence[Dispute], own: set[str]) -> list[Dispute]:
    """The groups that show different figures: of groups that show the same, the one with the most documents stands
    for them all. A statistic's own group (``own``: the ids of the groups asked by a statistic's id) passes its
    statistic to the group that stands for it, which joins ``own``, if that group shows every figure it shows and
    speaks for no other statistic; else it is kept."""
    kept: list[Dispute] = []

    for dispute in sorted(found, key=lambda d: (-d.documents, _rank(d))):
        wider = next((k for k in kept if _same_group(dispute, k)), None)
        if wider is None or (
            dispute.id in own
            and (
                wider.statistic not in (None, dispute.statistic)
                or not _shown(dispute.comparison) <= _shown(wider.comparison)
            )
        ):
            kept.append(dispute)
        elif dispute.id in own:
            kept[kept.index(wider)] = replace(wider, statistic=dispute.statistic)
            own.add(wider.id)
    return kept


def _marked(groups: Sequence[Dispute], own: Collection[str], written_as: Mapping[str, str]) -> list[Dispute]:
    """``groups`` with each statistic marking one group only: its own reading of the corpus (``own``: the group
    asked by its id, or the group that stands for it), else the first group (of the most documents) whose phrase
    resolves to it. The others whose phrase resolves to it read it another way (another figure of some document,
    or without a document whose figure may count something else): kept, "also about" it, labelled by their phrase
    (``written_as``) rather than the statistic's label, and not offered as new statistics."""
    holder: dict[str, str] = {}
    for dispute in groups:
        if dispute.statistic is not None and (dispute.statistic not in holder or dispute.id in own):
            if holder.get(dispute.statistic) not in own:
                holder[dispute.statistic] = dispute.id
    return [
        d
        if d.statistic is None or holder[d.statistic] == d.id
        else replace(d, label=written_as.get(d.id, d.label), statistic=None, also_about=d.statistic)
        for d in groups
    ]


def _same_group(narrower: Dispute, wider: Dispute) -> bool:
    """Whether a group shows what a wider one shows: mostly the same figures, and every document of the wider one
    (a group that leaves out a document the wider one holds is another reading of the corpus, kept, unless it is
    named alike, shows only figures the wider one shows and is about no statistic: then it reads nothing another
    way; a statistic's other reading is kept, as it may leave out a figure the statistic's own reading holds)."""
    if (
        narrower.label == wider.label
        and narrower.statistic is None
        and _shown(narrower.comparison) <= _shown(wider.comparison)
    ):
        return True
    if _overlap(narrower.comparison, wider.comparison) < SAME_GROUP:
        return False
    return {d.id for d in wider.comparison.with_figures} <= {d.id for d in narrower.comparison.with_figures}


def _shown(comparison: Comparison) -> set[tuple[str, int]]:
    return {(d.id, f.start) for d in comparison.with_figures for f in d.findings[:1]}


def _overlap(a: Comparison, b: Comparison) -> float:
    """The share of the smaller group's top figures that the other group shows too."""
    left, right = _shown(a), _shown(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))
