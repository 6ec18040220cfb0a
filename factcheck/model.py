"""Typed, frozen records shared by every part of factcheck: quantities, sentences, documents."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Qualifier(StrEnum):
    """How a figure is hedged in its text."""

    EXACT = "exact"
    ABOUT = "about"  # about, around, approximately, roughly, some, an estimated, nearly, almost, ~
    OVER = "over"  # more than, over, in excess of, upwards of, -plus, trailing +
    AT_LEAST = "at_least"  # at least, no fewer than
    UNDER = "under"  # less than, fewer than, below, under
    UP_TO = "up_to"  # up to, as many as, at most


class Kind(StrEnum):
    """What sort of figure a quantity is."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RATIO = "ratio"
    DURATION = "duration"
    MEASURE = "measure"
    YEAR = "year"
    DATE = "date"
    ORDINAL = "ordinal"
    SCORE = "score"  # a result or a vote ("won 3-1", "passed 219-212"): its text, no value


class Role(StrEnum):
    """What a figure says in its sentence: a level, or a change, or the ends of a change, a share, a modifier."""

    LEVEL = "level"  # a figure as it stands ("1.52 million people", "fell to 3.2%" with no "from")
    CHANGE = "change"  # the size of a change ("rose 12%", "up 3%", "by more than 80,000", "a 7% increase")
    FROM = "from"  # the level a change starts from ("rose from 139 to 179": 139)
    TO = "to"  # the level a change ends at, when its start is given ("rose from 139 to 179": 179)
    SHARE = "share"  # a percentage or fraction of a whole ("12% of the workforce", "a third of the schools")
    MODIFIER = "modifier"  # a figure that describes a noun ("a 40-year low", "a 10-year plan", "the 3-day festival")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure read from a text.

    ``start``/``end`` are 0-based character offsets into the text that was read (end exclusive).
    Values are in base units ("$2.5bn" is 2.5e9, "28%" is 28). A point figure has ``value`` and
    ``low == high == value``; a range has ``low`` and ``high`` and ``value`` None; an open figure
    keeps its open end None ("more than 28,000": value = low = 28000, high None).
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier = Qualifier.EXACT
    kind: Kind = Kind.COUNT
    unit: str | None = None
    per: str | None = None
    year: int | None = None
    scale: float = 1.0
    ambiguous: bool = False
    # The other reading of an ambiguous figure ("42.000" read as 42 rather than 42000).
    alt_value: float | None = None
    alt_low: float | None = None
    alt_high: float | None = None
    # Index (in the same result list) of the figure this one restates, e.g. the "$3.4bn"
    # of "€3.1bn ($3.4bn)" links to the euro figure.
    linked_to: int | None = None
    # What the figure says in its sentence (see Role).
    role: Role = Role.LEVEL

    @property
    def is_range(self) -> bool:
        return self.value is None and self.low is not None and self.high is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: offsets into the document's text, 1-based line of its start."""

    index: int
    start: int
    end: int
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a corpus says about a document besides its text."""

    id: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601, as precise as known: 2020, 2020-04, 2020-04-30
    kind: str | None = None  # encyclopedia, opinion, report, news, ...
    url: str | None = None
    licence: str | None = None  # the terms the text may be kept and shared under ("CC BY-SA 4.0")


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded document: its metadata, where it came from, and its text.

    ``text`` is the body without any front matter; ``line_offset`` is the number of file lines
    before the body, so a line computed in ``text`` plus ``line_offset`` is the file's line.
    """

    meta: DocumentMeta
    path: str
    text: str
    sha256: str
    encoding: str = "utf-8"
    line_offset: int = 0

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity located in the corpus: which document, which sentence, which file line."""

    document: str  # document id
    sentence: int  # index into the document's sentences
    line: int  # 1-based file line of the figure's start
    quantity: Quantity


# --- claims.yaml ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cues:
    """Words that tell a statistic's figures from look-alikes.

    ``require``: at least one must stand near the figure (in its sentence); ``exclude``: none may.
    ``cumulative``/``current``: extra scope cue words for this statistic, added to the package's
    general list.
    """

    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cumulative: tuple[str, ...] = ()
    current: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statistic:
    """A thing users compare across documents ("people displaced", "annual revenue")."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: Kind | None = None
    unit: str | None = None
    per: str | None = None
    cues: Cues = Cues()
    description: str | None = None
    line: int = 0
    column: int = 0
    # "current" or "cumulative": what every figure of the statistic counts, whatever cue words its sentence has
    # (factcheck.reading.scope tells them apart by cue words when this is not given).
    scope: str | None = None

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """The figure a claim states: a value, or a low/high range, with a qualifier."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    per: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a claim stands: a document id and a verbatim quote of it (on ``page`` of a paged document, if given)."""

    document: str
    quote: str
    note: str | None = None
    line: int = 0
    column: int = 0
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of the claims file, with its citations and where it stands in the file."""

    id: str
    text: str
    statistic: str | None = None
    figure: ClaimFigure | None = None
    year: int | None = None
    tags: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    line: int = 0
    column: int = 0
    status: str | None = None  # "draft": proposed by `factcheck draft`, not yet reviewed by a person


@dataclass(frozen=True, slots=True)
class PublisherMeta:
    """Who publishes the fact-check, and its title (used by the report and exports)."""

    organisation: str | None = None
    url: str | None = None
    title: str | None = None  # the report's heading ("Fact-check report" when not given)


@dataclass(frozen=True, slots=True)
class ClaimsFile:
    """A loaded, validated claims file."""

    path: str
    statistics: tuple[Statistic, ...] = ()
    claims: tuple[Claim, ...] = ()
    meta: PublisherMeta = PublisherMeta()
    warnings: tuple[str, ...] = ()
    # Ids of `factcheck disputes` groups a person has looked at: listed after the others.
    reviewed_disputes: tuple[str, ...] = ()

    def statistic(self, stat_id: str) -> Statistic | None:
        for stat in self.statistics:
            if stat.id == stat_id:
                return stat
        return None
