"""Checking that a quote stands in its document, and finding the closest passage when it does not.

A quote matches when it appears in the document exactly, after normalising typography only, on both sides:

* runs of white space, line breaks, non-breaking and thin spaces become one space (a blank line ends a paragraph,
  and no passage may cross one); zero-width characters and soft hyphens are dropped;
* curly and straight quotes and apostrophes, primes and guillemets become ``'`` or ``"``;
* dashes (hyphen, en and em dash, figure dash, minus sign ...) become ``-``, with the spaces around them dropped, so
  that "Italy—the" and "Italy - the" are the same text;
* footnote markers are dropped: superscript digits (``nations.⁴,⁵``) and bracketed numbers after a word or a
  punctuation mark (``nations.[12]``).

Case is not normalised. In the quote, an ellipsis (``...``, ``…``, ``. . .``, ``[...]``, ``[…]``) joins passages that
must stand in that order within one paragraph, and ``[text]`` is an editorial insertion standing for at most five
words of the original. A quote never matches where it would change a figure: every figure of the quote is compared
with the figures the document reads at the matched place (in their context, so a quote that leaves out the "more
than" before a number, or cuts a range in two, does not stand), and an insertion that holds a figure must stand for
words holding the same figure.

Everything here is pure: no printing, no I/O. ``prepare`` a document once, then ``match_quote`` many quotes against it.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from factcheck.model import Kind, Quantity
from factcheck.reading.quantities import groups_thousands_with_dots, read_quantities

__all__ = [
    "MAX_INSERTION_WORDS",
    "ClosestPassage",
    "PreparedText",
    "QuoteMatch",
    "WordDiff",
    "compare_numbers",
    "match_quote",
    "normalise",
    "prepare",
]

MAX_INSERTION_WORDS = 5
"""How many words of the original an editorial insertion ``[text]`` may stand for."""

# --- typography ----------------------------------------------------------------------------------------------------

_SINGLE_QUOTES = "'‘’‚‛′‵ʼʹ`´＇"
_DOUBLE_QUOTES = '"“”„‟″‶«»〝〞＂'
_DASHES = "-‐‑‒–—―−⁃﹘﹣－"
_CHAR_MAP: dict[str, str] = {
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_DASHES, "-"),
}
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Characters dropped outright: zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Footnote markers: superscript digits, with commas between them ("⁴,⁵"), or a bracketed number right after a word
# or punctuation mark ("nations.[12]", "[3][4]", "[5, 6]", "[7–9]").
_FOOTNOTE = re.compile(
    rf"[{_SUPERSCRIPT_DIGITS}]+(?:[^\S\n]*,[^\S\n]*[{_SUPERSCRIPT_DIGITS}]+)*"
    r"|(?<=[^\s\[])\[\d{1,4}(?:[^\S\n]*[,;\u2013-][^\S\n]*\d{1,4})*\]"
)
# A blank line (only white space between two line breaks) or a paragraph separator ends a paragraph.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n|\u2029")
# In a (lightly normalised) quote: an ellipsis, and an editorial insertion.
_ELLIPSIS = re.compile(r"\[ ?(?:\. ?\. ?\.|…) ?\]|\. ?\. ?\.|…")
_INSERTION = re.compile(r"\[[^\[\]]*\]")
_TOKEN = re.compile(r"[^ \n]+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = r"[^ \n]+"


_INVISIBLE_CHARACTER = re.compile("[" + "".join(sorted(_INVISIBLE)) + "]")


def _removed_mask(text: str) -> bytearray:
    """1 for every character of ``text`` that normalisation drops outright (footnote markers, invisibles)."""
    mask = bytearray(len(text))
    for m in _FOOTNOTE.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _INVISIBLE_CHARACTER.finditer(text):
        mask[m.start()] = 1
    return mask


def _normalise_range(
    text: str,
    start: int,
    end: int,
    removed: bytearray,
    chars: list[str],
    offsets: list[int],
    *,
    dash_spaces: bool,
) -> None:
    """Append the normalised form of ``text[start:end]`` to ``chars``, with each character's original offset.

    White space runs become one space (none at either end); with ``dash_spaces`` the spaces around a dash are dropped
    and runs of dashes become one.
    """
    first = len(chars)
    pending = -1  # offset of the first white space character of a run not yet emitted
    for i in range(start, end):
        if removed[i]:
            continue
        ch = text[i]
        if ch.isspace():
            if pending < 0:
                pending = i
            continue
        c = _CHAR_MAP.get(ch, ch)
        has_prev = len(chars) > first
        if dash_spaces and c == "-":
            pending = -1
            if has_prev and chars[-1] == "-":
                continue
        elif pending >= 0:
            if has_prev and not (dash_spaces and chars[-1] == "-"):
                chars.append(" ")
                offsets.append(pending)
            pending = -1
        chars.append(c)
        offsets.append(i)


_TRANSLATION = str.maketrans({**_CHAR_MAP, **dict.fromkeys(_INVISIBLE)})
_WHITE_SPACE = re.compile(r"\s+")
_DASH_RUN = re.compile(r" ?-(?: ?-)* ?")


def normalise(text: str, *, dash_spaces: bool = True) -> str:
    """The typography-normalised form of ``text`` as one paragraph (see the module's docstring).

    The same as ``prepare(text).text`` for a text without blank lines, without the offset map (and faster).
    """
    text = _WHITE_SPACE.sub(" ", _FOOTNOTE.sub("", text).translate(_TRANSLATION)).strip()
    return _DASH_RUN.sub("-", text) if dash_spaces else text


def _token_key(token: str) -> str:
    """The case-folded core of a white-space token, without the punctuation around it."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    return token[start:end].casefold()


# --- prepared documents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PreparedText:
    """A document normalised once for matching many quotes against it.

    ``text`` is the normalised text: each paragraph normalised to one line, paragraphs joined by ``"\\n"``.
    ``offsets[i]`` is the offset in ``original`` of ``text[i]``; ``paragraphs`` holds each paragraph's
    ``(start, end)`` in ``text``; ``tokens`` the ``(start, end)`` in ``text`` of every white-space separated token,
    and ``index`` maps a token's case-folded core to the indices of the tokens that have it.
    """

    original: str
    text: str
    offsets: tuple[int, ...]
    paragraphs: tuple[tuple[int, int], ...]
    tokens: tuple[tuple[int, int], ...]
    index: Mapping[str, tuple[int, ...]]
    _token_starts: tuple[int, ...] = field(repr=False)
    dots_group: bool = False  # the document groups thousands with dots: its quotes are read the same way
    _figures: list[tuple[Quantity, ...]] = field(default_factory=list, repr=False)
    # The figures of ``original`` as a corpus read them already (the same reader, the document's convention), asked
    # on first use instead of reading the text again; None: read them here.
    _read: Callable[[], Sequence[Quantity]] | None = field(default=None, repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty span of ``text`` to the span of ``original`` it was made from."""
        if end <= start:
            at = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` made from ``original[start:end]`` (the inverse of ``to_original``)."""
        s = bisect.bisect_left(self.offsets, start)
        e = bisect.bisect_left(self.offsets, end)
        return s, max(s, e)

    def figures(self) -> tuple[Quantity, ...]:
        """Every figure of the original text (offsets into ``original``) but footnote markers, read on first use."""
        if not self._figures:
            kept = []
            read = (
                self._read() if self._read is not None else read_quantities(self.original, dots_group=self.dots_group)
            )
            for q in read:
                i = bisect.bisect_left(self.offsets, q.start)
                if i < len(self.offsets) and self.offsets[i] < q.end:
                    kept.append(q)
            self._figures.append(tuple(kept))
        return self._figures[0]

    def figures_overlapping(self, start: int, end: int) -> list[Quantity]:
        """The figures of the original text that overlap ``original[start:end]``."""
        return [q for q in self.figures() if q.start < end and q.end > start]

    def token_at(self, pos: int) -> int:
        """Index of the last token starting at or before ``pos`` in ``text`` (0 if none)."""
        return max(0, bisect.bisect_right(self._token_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """The ``(start, end)`` in ``text`` of the paragraph holding ``pos``."""
        i = bisect.bisect_right(self.paragraphs, (pos, len(self.text) + 1)) - 1
        return self.paragraphs[max(0, i)] if self.paragraphs else (0, 0)


def prepare(document_text: str, figures: Callable[[], Sequence[Quantity]] | None = None) -> PreparedText:
    """Normalise ``document_text`` once (with an offset map and paragraph bounds) for matching quotes against it.

    ``figures``: gives the quantities of ``document_text`` as a corpus read them (read_quantities with the
    document's convention), called when a quote's figures are first compared; None: they are read then.
    """
    removed = _removed_mask(document_text)
    chars: list[str] = []
    offsets: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    bounds = [0]
    for m in _BLANK_LINE.finditer(document_text):
        bounds += [m.start(), m.end()]
    bounds.append(len(document_text))
    for k in range(0, len(bounds), 2):
        start, end = bounds[k], bounds[k + 1]
        mark = len(chars)
        if chars:  # the separator stands for the blank line before this paragraph
            chars.append("\n")
            offsets.append(bounds[k - 1])
        para_start = len(chars)
        _normalise_range(document_text, start, end, removed, chars, offsets, dash_spaces=True)
        if len(chars) == para_start:  # an empty paragraph: take back its separator
            del chars[mark:]
            del offsets[mark:]
            continue
        paragraphs.append((para_start, len(chars)))
    text = "".join(chars)
    tokens = tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))
    index: dict[str, list[int]] = {}
    for i, (s, e) in enumerate(tokens):
        key = _token_key(text[s:e])
        if key:
            index.setdefault(key, []).append(i)
    return PreparedText(
        original=document_text,
        text=text,
        offsets=tuple(offsets),
        paragraphs=tuple(paragraphs),
        tokens=tokens,
        index={k: tuple(v) for k, v in index.items()},
        _token_starts=tuple(s for s, _ in tokens),
        dots_group=groups_thousands_with_dots(document_text),
        _read=figures,
    )


# --- results ---------------------------------------------------------------------------------------------------------


class WordDiff(NamedTuple):
    """One step of a word-level diff from a quote to a document passage.

    ``op`` is ``equal``, ``replace`` (the quote's words stand where the document has others), ``delete`` (words of the
    quote the document does not have) or ``insert`` (words of the document the quote leaves out).
    """

    op: str
    quote_words: tuple[str, ...]
    document_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClosestPassage:
    """The passage of a document most like a quote that does not stand in it (offsets into the original text)."""

    start: int
    end: int
    text: str
    score: float  # rapidfuzz ratio, 0-100, of the normalised quote against the normalised passage
    diff: tuple[WordDiff, ...]


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Whether a quote stands in a document, and if not, where the document comes closest.

    ``spans`` are the ``(start, end)`` offsets in the original document text of each passage the quote joins
    (one unless it has ellipses). ``number_mismatches`` pairs a figure of the quote with the document's figure at
    the same place (``""`` where one side has none). ``reason`` says in words why a quote was not found.
    """

    found: bool
    spans: tuple[tuple[int, int], ...] = ()
    closest: ClosestPassage | None = None
    number_mismatches: tuple[tuple[str, str], ...] = ()
    reason: str = ""


# --- figures ------------------------------------------------------------------------------------------------------


def _readings(q: Quantity) -> list[tuple[float | None, float | None, float | None]]:
    readings = [(q.value, q.low, q.high)]
    if q.ambiguous and (q.alt_value is not None or q.alt_low is not None or q.alt_high is not None):
        readings.append((q.alt_value, q.alt_low, q.alt_high))
    return readings


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


_UNIT_KINDS = frozenset({Kind.PERCENT, Kind.MONEY})


def _same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures say the same: value, low, high and qualifier (and kind, for percentages and money)."""
    if a.qualifier != b.qualifier:
        return False
    if (a.kind in _UNIT_KINDS or b.kind in _UNIT_KINDS) and a.kind != b.kind:
        return False
    return _same_numbers(a, b)


def _align(
    a: Sequence[Quantity], b: Sequence[Quantity], same: Callable[[Quantity, Quantity], bool]
) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of ``a`` and ``b`` under ``same``."""
    n, m = len(a), len(b)
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            lcs[i][j] = lcs[i + 1][j + 1] + 1 if same(a[i], b[j]) else max(lcs[i + 1][j], lcs[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if same(a[i], b[j]) and lcs[i][j] == lcs[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _same_numbers(a: Quantity, b: Quantity) -> bool:
    """Whether two figures have the same numbers, whatever their qualifiers.

    Where both are written the same ("42.000" and "42.000"), either reading of an ambiguous one will do: the reader
    may take the same words one way alone and the other way in the document's context. Written differently ("42"
    and "42.000"), only their first readings count.
    """
    same_text = " ".join(a.text.split()) == " ".join(b.text.split())
    readings_a = _readings(a) if same_text else _readings(a)[:1]
    readings_b = _readings(b) if same_text else _readings(b)[:1]
    return any(all(_same_number(x, y) for x, y in zip(ra, rb, strict=True)) for ra in readings_a for rb in readings_b)


def _figure_differences(
    quote_figures: Sequence[Quantity], doc_figures: Sequence[Quantity], *, paired_only: bool = False
) -> list[tuple[str, str]]:
    """Pairs (quote figure, document figure) that differ, aligned in order; ``""`` stands for a missing figure.

    Figures that say the same are aligned first; between them, figures with the same numbers (a qualifier
    differs), then the rest in order. With ``paired_only``, a figure one side has and the other lacks is left out
    (where both sides are the same words, that is the reader seeing a figure in context and not alone).
    """
    pairs: list[tuple[str, str]] = []

    def unmatched(qs: Sequence[Quantity], ds: Sequence[Quantity]) -> None:
        for k in range(max(len(qs), len(ds))):
            if k < len(qs) and k < len(ds):
                pairs.append(_describe_pair(qs[k], ds[k]))
            elif not paired_only:
                pairs.append((qs[k].text if k < len(qs) else "", ds[k].text if k < len(ds) else ""))

    def gap(qs: Sequence[Quantity], ds: Sequence[Quantity]) -> None:
        pi = pj = 0
        for ai, aj in [*_align(qs, ds, _same_numbers), (len(qs), len(ds))]:
            unmatched(qs[pi:ai], ds[pj:aj])
            if ai < len(qs) and aj < len(ds):
                pairs.append(_describe_pair(qs[ai], ds[aj]))
            pi, pj = ai + 1, aj + 1

    pi = pj = 0
    for ai, aj in [*_align(quote_figures, doc_figures, _same_figure), (len(quote_figures), len(doc_figures))]:
        gap(quote_figures[pi:ai], doc_figures[pj:aj])
        pi, pj = ai + 1, aj + 1
    return pairs


def _describe_pair(a: Quantity, b: Quantity) -> tuple[str, str]:
    """The texts of two differing figures, told apart by their readings where the texts are the same ("28,000"
    read as exact in a quote, as "more than 28,000" in the document)."""
    if a.text != b.text:
        return a.text, b.text
    if a.qualifier != b.qualifier:
        return f"{a.text} ({a.qualifier.value})", f"{b.text} ({b.qualifier.value})"
    return f"{a.text} ({_reading_text(a)})", f"{b.text} ({_reading_text(b)})"


def _reading_text(q: Quantity) -> str:
    def number(x: float | None) -> str:
        return "?" if x is None else f"{x:g}"

    if q.value is not None:
        return f"{q.kind.value} {number(q.value)}"
    return f"{q.kind.value} {number(q.low)} to {number(q.high)}"


@lru_cache(maxsize=4096)
def _read(text: str, dots_group: bool | None = None) -> tuple[Quantity, ...]:
    """The figures of a quote or passage; ``dots_group`` is the convention of the document it is checked against."""
    return tuple(read_quantities(text, dots_group=dots_group))


def compare_numbers(quote_text: str, passage_text: str) -> tuple[tuple[str, str], ...]:
    """The figures in which ``quote_text`` and ``passage_text`` differ, as (quote figure, passage figure) pairs.

    Figures are read from each text on its own (typography normalised as for matching, but for the spaces around
    dashes) and aligned in order; two figures are the same when their value,
    low, high (either reading of an ambiguous one) and qualifier agree. A figure one side lacks pairs with ``""``.
    """
    return tuple(
        _figure_differences(
            _read(normalise(quote_text, dash_spaces=False)), _read(normalise(passage_text, dash_spaces=False))
        )
    )


# --- parsed quotes ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edge:
    """An editorial insertion, set off by a space, at the start or end of a segment: resolved after the match."""

    text: str  # the insertion's words, without brackets
    leading: bool
    digits: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Segment:
    """A passage of a quote between ellipses: a literal to find, or a pattern when it holds editorial insertions."""

    reading_text: str  # the segment as the quote says it, insertions unbracketed: its figures are read from this
    literal: str  # the fully normalised literal (when ``pattern`` is None, the exact text to find)
    pattern: re.Pattern[str] | None
    edges: tuple[_Edge, ...]
    inner: tuple[tuple[str, tuple[str, ...]], ...]  # (group name, digits) of each insertion inside the pattern


@dataclass(frozen=True, slots=True)
class _ParsedQuote:
    plain: str  # the whole quote normalised, ellipses as spaces, insertions unbracketed (for the closest search)
    reading: str  # the same, lightly normalised (spaces around dashes kept), for reading its figures
    segments: tuple[_Segment, ...]
    problem: str = ""


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` neither starts nor ends inside a word or a number ("28,000" in "128,000")."""
    first, last = text[start], text[end - 1]
    if start > 0 and _is_word(first):
        before = text[start - 1]
        if _is_word(before) or (first.isdigit() and before in ".," and start > 1 and text[start - 2].isdigit()):
            return False
    if end < len(text) and _is_word(last):
        after = text[end]
        if _is_word(after) or (last.isdigit() and after in ".," and end + 1 < len(text) and text[end + 1].isdigit()):
            return False
    return True


def _boundary_pattern(literal: str, *, at_start: bool) -> str:
    """Look-arounds that keep a literal from starting (or ending) inside a word or a number."""
    if at_start:
        if not _is_word(literal[0]):
            return ""
        return r"(?<!\w)(?<!\d[.,])" if literal[0].isdigit() else r"(?<!\w)"
    if not _is_word(literal[-1]):
        return ""
    return r"(?!\w)(?![.,]\d)" if literal[-1].isdigit() else r"(?!\w)"


def _split_insertions(light: str) -> list[tuple[bool, str]]:
    """A segment's pieces as (is_insertion, text), insertions next to each other merged, empty literals dropped."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in _INSERTION.finditer(light):
        pieces.append((False, light[pos : m.start()]))
        pieces.append((True, m.group()[1:-1]))
        pos = m.end()
    pieces.append((False, light[pos:]))
    merged: list[tuple[bool, str]] = []
    for is_ins, text in pieces:
        if is_ins and merged and merged[-1][0]:
            merged[-1] = (True, f"{merged[-1][1]} {text}")
        elif is_ins and len(merged) >= 2 and merged[-2][0] and not merged[-1][1].strip():
            merged.pop()
            merged[-1] = (True, f"{merged[-1][1]} {text}")
        elif is_ins or text:
            merged.append((is_ins, text))
    return merged


def _parse_segment(light: str, number: int) -> _Segment | None:
    """One ellipsis-free segment of a quote (``light``: lightly normalised), or None when it has no literal text."""
    merged = _split_insertions(light)
    literal_indices = [k for k, (is_ins, _) in enumerate(merged) if not is_ins]
    if not literal_indices:
        return None
    first_lit, last_lit = literal_indices[0], literal_indices[-1]
    reading = _INSERTION.sub(lambda m: m.group()[1:-1], light).strip()
    parts: list[str] = []
    edges: list[_Edge] = []
    inner: list[tuple[str, tuple[str, ...]]] = []
    literals: list[str] = []
    for k, (is_ins, text) in enumerate(merged):
        if not is_ins:
            words = normalise(text)
            literals.append(words)
            lead_attached = k > 0 and merged[k - 1][0] and not text[:1].isspace()
            tail_attached = k + 1 < len(merged) and merged[k + 1][0] and not text[-1:].isspace()
            start_check = _boundary_pattern(words, at_start=True) if k == first_lit and not lead_attached else ""
            end_check = _boundary_pattern(words, at_start=False) if k == last_lit and not tail_attached else ""
            parts.append(start_check + re.escape(words) + end_check)
            continue
        digits = tuple(_DIGITS.findall(text))
        name = f"i{number}_{k}"
        if k < first_lit or k > last_lit:
            neighbour = merged[k + 1][1][:1] if k < first_lit else merged[k - 1][1][-1:]
            if neighbour.isspace():
                edges.append(_Edge(normalise(text), leading=k < first_lit, digits=digits))
            else:  # "[T]he ministry": the insertion is part of the first (or last) word
                parts.append(rf"(?P<{name}>[^ \n]*)")
                inner.append((name, digits))
            continue
        left, right = merged[k - 1][1], merged[k + 1][1]
        space_left = left[-1:].isspace() and not normalise(left).endswith("-")
        space_right = right[:1].isspace() and not normalise(right).startswith("-")
        if space_left and space_right:
            parts.append(rf" (?P<{name}>(?:{_WORD} ){{0,{MAX_INSERTION_WORDS}}})")
        elif space_left:
            parts.append(rf"(?P<{name}>(?: {_WORD}){{0,{MAX_INSERTION_WORDS}}})")
        elif space_right:
            parts.append(rf"(?P<{name}>(?:{_WORD} ){{0,{MAX_INSERTION_WORDS}}})")
        else:
            parts.append(rf"(?P<{name}>[^ \n]*(?: {_WORD}){{0,{MAX_INSERTION_WORDS - 1}}})")
        inner.append((name, digits))
    literal = " ".join(literals)
    pattern = re.compile("".join(parts)) if inner else None
    return _Segment(reading, literal, pattern, tuple(edges), tuple(inner))


@lru_cache(maxsize=4096)
def _parse_quote(quote: str) -> _ParsedQuote:
    light = normalise(quote, dash_spaces=False)
    reading = normalise(_INSERTION.sub(lambda m: m.group()[1:-1], _ELLIPSIS.sub(" ", light)), dash_spaces=False)
    plain = normalise(reading)
    segments: list[_Segment] = []
    problem = ""
    for piece in _ELLIPSIS.split(light):
        if not piece.strip():
            continue
        segment = _parse_segment(piece.strip(), len(segments))
        if segment is None:
            if _DIGITS.search(piece) or _read(piece):
                problem = f"the editorial insertion {piece.strip()!r} holds a figure but stands next to no quoted words"
            continue
        segments.append(segment)
    if not problem and (not segments or not any(unicodedata.category(c)[0] in "LNS" for c in plain)):
        problem = "the quote has no words to look for (only punctuation or editorial insertions)"
    return _ParsedQuote(plain, reading, tuple(segments), problem)


# --- matching ---------------------------------------------------------------------------------------------------------

_Hit = tuple[int, int, "re.Match[str] | None"]


def _find_segment(segment: _Segment, text: str, pos: int, limit: int) -> _Hit | None:
    """The first place at or after ``pos`` (ending by ``limit``) where ``segment`` stands in ``text``."""
    if segment.pattern is not None:
        m = segment.pattern.search(text, pos, limit)
        return (m.start(), m.end(), m) if m else None
    literal = segment.literal
    while True:
        i = text.find(literal, pos, limit)
        if i < 0:
            return None
        if _bounded(text, i, i + len(literal)):
            return i, i + len(literal), None
        pos = i + 1


_MAX_VERIFIED = 64  # textual matches whose figures are checked before giving up


def _textual_matches(prepared: PreparedText, parsed: _ParsedQuote) -> Iterator[list[_Hit]]:
    """Every place where the quote's segments stand in order within one paragraph (first segment leftmost first)."""
    text = prepared.text
    first, rest = parsed.segments[0], parsed.segments[1:]
    pos = 0
    while True:
        hit = _find_segment(first, text, pos, len(text))
        if hit is None:
            return
        para_end = text.find("\n", hit[1])
        para_end = len(text) if para_end < 0 else para_end
        chain = [hit]
        for segment in rest:
            nxt = _find_segment(segment, text, chain[-1][1], para_end)
            if nxt is None:
                break
            chain.append(nxt)
        else:
            yield chain
        pos = hit[0] + 1


def _edge_words(prepared: PreparedText, pos: int, *, before: bool, count: int) -> tuple[int, int] | None:
    """The span in ``prepared.text`` of ``count`` whole tokens right before (or after) ``pos``, within its paragraph.

    ``pos`` is a segment's start (``before``) or end; the token next to it must be separated by a space.
    """
    para_start, para_end = prepared.paragraph_of(pos)
    text = prepared.text
    if before:
        if pos - 1 <= para_start or text[pos - 1] != " ":
            return None
        first = prepared.token_at(pos - 2) - count + 1
        if first < 0 or prepared.tokens[first][0] < para_start:
            return None
        return prepared.tokens[first][0], pos - 1
    if pos + 1 >= para_end or text[pos] != " ":
        return None
    last = prepared.token_at(pos + 1) + count - 1
    if last >= len(prepared.tokens) or prepared.tokens[last][1] > para_end:
        return None
    return pos + 1, prepared.tokens[last][1]


def _resolve_edge(prepared: PreparedText, edge: _Edge, start: int, end: int) -> tuple[int, int] | None:
    """Extend a segment's span over the words an edge insertion stands for, when it holds a figure.

    Returns the new (start, end) in ``prepared.text``, or None when no run of one to five words next to the segment
    holds the same figures as the insertion.
    """
    figures = _read(edge.text, prepared.dots_group)
    if not edge.digits and not figures:
        return start, end
    # Try first as many words as the insertion has, then fewer, then more.
    size = min(max(1, len(edge.text.split())), MAX_INSERTION_WORDS)
    for count in sorted(range(1, MAX_INSERTION_WORDS + 1), key=lambda c: (abs(c - size), c)):
        words = _edge_words(prepared, start if edge.leading else end, before=edge.leading, count=count)
        if words is None:
            continue
        replaced = prepared.text[words[0] : words[1]]
        if tuple(_DIGITS.findall(replaced)) != edge.digits:
            continue
        if figures and _figure_differences(figures, _read(replaced, prepared.dots_group)):
            continue
        return (words[0], end) if edge.leading else (start, words[1])
    return None


def _verify(
    prepared: PreparedText, parsed: _ParsedQuote, chain: Sequence[_Hit]
) -> tuple[list[tuple[int, int]], list[tuple[str, str]]]:
    """Check the figures of a textual match: the segments' original spans, and the figure differences (none when
    the match stands)."""
    spans: list[tuple[int, int]] = []
    differences: list[tuple[str, str]] = []
    for segment, (start, end, m) in zip(parsed.segments, chain, strict=True):
        # Digits an insertion holds must be those of the words it stands for (a check that needs no reader).
        digit_differences: list[tuple[str, str]] = []
        for name, digits in segment.inner:
            replaced = (m.group(name) if m else None) or ""
            if tuple(_DIGITS.findall(replaced)) != digits:
                digit_differences.append((" ".join(digits), " ".join(_DIGITS.findall(replaced))))
        for edge in segment.edges:
            resolved = _resolve_edge(prepared, edge, start, end)
            if resolved is None:
                digit_differences.append((edge.text, ""))
                continue
            start, end = resolved
        span = prepared.to_original(start, end)
        spans.append(span)
        figure_differences = _figure_differences(
            _read(segment.reading_text, prepared.dots_group), prepared.figures_overlapping(*span), paired_only=True
        )
        differences += figure_differences or digit_differences
    return spans, differences


def match_quote(quote: str, document: str | PreparedText) -> QuoteMatch:
    """Whether ``quote`` stands in ``document`` (its text, or ``prepare``'d once for many quotes).

    When it does, ``spans`` locate each passage in the original text. When it does not, ``closest`` is the most
    similar passage with a word diff, ``number_mismatches`` the figures it differs in, and ``reason`` says why.
    """
    prepared = document if isinstance(document, PreparedText) else prepare(document)
    parsed = _parse_quote(quote)
    if parsed.problem:
        return QuoteMatch(False, closest=_closest(prepared, parsed), reason=parsed.problem)
    rejected: tuple[list[tuple[int, int]], list[tuple[str, str]]] | None = None
    for attempt, chain in enumerate(_textual_matches(prepared, parsed)):
        spans, differences = _verify(prepared, parsed, chain)
        if not differences:
            return QuoteMatch(True, spans=tuple(spans))
        rejected = rejected or (spans, differences)
        if attempt + 1 >= _MAX_VERIFIED:
            break
    if rejected is not None:
        spans, differences = rejected
        return QuoteMatch(
            False,
            closest=_passage(
                prepared, parsed.plain, _with_context(prepared, *prepared.from_original(spans[0][0], spans[-1][1]))
            ),
            number_mismatches=tuple(differences),
            reason="the words stand in the document, but a figure differs from what the document says there",
        )
    closest = _closest(prepared, parsed)
    mismatches: tuple[tuple[str, str], ...] = ()
    if closest is not None:
        mismatches = tuple(
            _figure_differences(
                _read(parsed.reading, prepared.dots_group), prepared.figures_overlapping(closest.start, closest.end)
            )
        )
    return QuoteMatch(False, closest=closest, number_mismatches=mismatches, reason=_why_not(prepared, parsed))


def _why_not(prepared: PreparedText, parsed: _ParsedQuote) -> str:
    if len(parsed.segments) > 1:
        text = prepared.text
        missing = [s.reading_text for s in parsed.segments if _find_segment(s, text, 0, len(text)) is None]
        if not missing:
            return "every passage the ellipses join stands in the document, but not in this order within one paragraph"
        return f"the passage {missing[0]!r} does not stand in the document"
    segment = parsed.segments[0]
    if segment.pattern is None and segment.literal in prepared.text.replace("\n", " "):
        return "the quote runs over a blank line: join passages of different paragraphs with separate citations"
    return "the quote does not stand in the document word for word"


# --- closest passage -----------------------------------------------------------------------------------------------

_CONTEXT_TOKENS = 3


def _with_context(prepared: PreparedText, start: int, end: int) -> tuple[int, int]:
    """A span of ``prepared.text`` widened by up to three words each side, within its paragraph and sentence, where
    a qualifier or the rest of a range would stand."""
    para_start, para_end = prepared.paragraph_of(start)
    tokens, text = prepared.tokens, prepared.text
    first = prepared.token_at(start)
    for _ in range(_CONTEXT_TOKENS):
        if first == 0 or tokens[first - 1][0] < para_start or text[tokens[first - 1][1] - 1] in ".!?:":
            break
        first -= 1
    last = prepared.token_at(max(start, end - 1))
    for _ in range(_CONTEXT_TOKENS):
        if last + 1 >= len(tokens) or tokens[last + 1][1] > para_end or text[tokens[last][1] - 1] in ".!?:":
            break
        last += 1
    return min(start, tokens[first][0]), max(end, tokens[last][1])


def _passage(prepared: PreparedText, plain: str, span: tuple[int, int]) -> ClosestPassage:
    """The closest passage for a span of ``prepared.text``, widened over any figure it cuts."""
    start, end = prepared.to_original(*span)
    for q in prepared.figures_overlapping(start, end):
        start, end = min(start, q.start), max(end, q.end)
    s, e = prepared.from_original(start, end)
    passage = prepared.text[s:e]
    quote_words, doc_words = plain.split(), passage.split()
    matcher = difflib.SequenceMatcher(None, quote_words, doc_words, autojunk=False)
    diff = tuple(
        WordDiff(op, tuple(quote_words[i1:i2]), tuple(doc_words[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    return ClosestPassage(
        start=start,
        end=end,
        text=prepared.original[start:end],
        score=round(fuzz.ratio(plain, passage.replace("\n", " ")), 2),
        diff=diff,
    )


def _word_starts(text: str, start: int, end: int) -> set[int]:
    """Where a passage may start in a token: at it, or after the punctuation it opens with."""
    inner = start
    while inner < end - 1 and not text[inner].isalnum():
        inner += 1
    return {start, inner}


def _word_ends(text: str, start: int, end: int) -> set[int]:
    """Where a passage may end in a token: with it, or before the punctuation it closes with."""
    inner = end
    while inner > start + 1 and not text[inner - 1].isalnum():
        inner -= 1
    return {end, inner}


_COMMON_CAP = 64  # tokens more frequent than this in a document do not vote for where a quote might stand
_VOTERS = 12  # the rarest words of a quote that vote
_CANDIDATES = 4  # places scored with rapidfuzz


def _closest(prepared: PreparedText, parsed: _ParsedQuote) -> ClosestPassage | None:
    """The passage of the document most similar to the quote.

    The quote's rarest words vote for where it would start (each occurrence of a word at position i of the quote,
    found at token t of the document, votes for t - i); the best few places are aligned with rapidfuzz's
    ``partial_ratio_alignment`` in a window around them, and the best alignment is trimmed to whole words.
    """
    plain = parsed.plain
    keys = [_token_key(t) for t in plain.split()]
    n = len(keys)
    if not n or not prepared.tokens:
        return None
    seen: set[str] = set()
    present: list[tuple[int, tuple[int, ...]]] = []
    for i, k in enumerate(keys):
        if k and k not in seen and k in prepared.index:
            seen.add(k)
            present.append((i, prepared.index[k]))
    if not present:
        return None
    present.sort(key=lambda p: len(p[1]))
    usable = [p for p in present if len(p[1]) <= _COMMON_CAP][:_VOTERS] or present[:3]
    votes: Counter[int] = Counter()
    for i, occurrences in usable:
        for t in occurrences:
            votes[t - i] += 1
    chosen: list[int] = []
    for diagonal, _count in votes.most_common():
        if all(abs(diagonal - c) > n for c in chosen):
            chosen.append(diagonal)
            if len(chosen) == _CANDIDATES:
                break
    slack = 2 + n // 4
    tokens, text = prepared.tokens, prepared.text
    best: tuple[float, int, int, int, int] | None = None  # score, aligned start and end, window's first/last token
    for diagonal in chosen:
        first = max(0, diagonal - slack)
        last = min(len(tokens) - 1, diagonal + n - 1 + slack)
        if first > last:
            continue
        window_start = tokens[first][0]
        window = text[window_start : tokens[last][1]]
        alignment = fuzz.partial_ratio_alignment(plain, window, score_cutoff=best[0] if best else 0)
        if alignment is None or (best is not None and alignment.score <= best[0]):
            continue
        if len(plain) <= len(window):
            a_start, a_end = window_start + alignment.dest_start, window_start + alignment.dest_end
        else:
            a_start, a_end = window_start, window_start + len(window)
        best = (alignment.score, a_start, a_end, first, last)
    if best is None:
        return None
    _score, a_start, a_end, first, last = best
    s0 = prepared.token_at(a_start)
    e0 = prepared.token_at(max(a_start, a_end - 1))
    # Trim to whole words, or to whole words without the punctuation around them, whichever is closest.
    starts = {p for s in range(max(first, s0 - 2), min(last, s0 + 2) + 1) for p in _word_starts(text, *tokens[s])}
    ends = {p for e in range(max(first, e0 - 2), min(last, e0 + 2) + 1) for p in _word_ends(text, *tokens[e])}
    # Most words in common whatever their case first (a passage that leaves out a quoted word's neighbours is not
    # closer for being shorter), then most characters in common.
    quote_words = plain.casefold().split()
    trimmed: tuple[float, float, int, int] | None = None
    for start in sorted(starts):
        for end in sorted(ends):
            if end <= start:
                continue
            candidate = text[start:end].replace("\n", " ")
            word_score = fuzz.ratio(quote_words, candidate.casefold().split())
            if trimmed is not None and word_score < trimmed[0]:
                continue
            score = fuzz.ratio(plain, candidate)
            if trimmed is None or (word_score, score) > trimmed[:2]:
                trimmed = (word_score, score, start, end)
    if trimmed is None:
        return None
    return _passage(prepared, plain, (trimmed[2], trimmed[3]))
