"""Splitting a document into sentences with offsets and 1-based line numbers.

The splitter works in two passes, both linear in the length of the text:

1. Lines are grouped into *blocks*. A blank line always ends a block; so does a line break before or after a
   Markdown heading (``# ...``), a table row (``| a | b |``), a rule (``---``) or before a list item. A line that
   does not end a sentence continues into the next one when the next line starts in lower case (a line wrapped
   mid-sentence). In a hard-wrapped text (most lines about as long as each other, at most ~100 characters) a long
   line also continues into the next, and a line ending in a full stop leaves the decision to pass 2. Anywhere
   else a line break ends the sentence, which is what headings, captions and list items without full stops need.
2. Each block is cut after sentence punctuation (``.``, ``!``, ``?``, ``…``) followed by white space and the start
   of a new sentence (a capital letter or a digit, possibly after an opening quote or bracket). Closing quotes
   and brackets and footnote markers (``claims.⁴,⁵``, ``says.[12]``, ``text.3``) stay with the sentence they
   follow. A full stop after a known abbreviation (``Dr.``, ``e.g.``, ``vs.``), an initial (``J. R. Smith``)
   or a dotted acronym (``U.N.``) does not end a sentence, unless an ambiguous one (``U.N.``, ``etc.``, ``Inc.``,
   ``Jan.``, an initial) is followed by a word that typically opens a sentence (``The``, ``It``, ``In`` ...).
   Numbers (``3.14``, ``7.000``) never split, since no white space follows their point.

A sentence longer than MAX_SENTENCE characters (a text with no full stop, a table row of a whole file) is cut
into pieces of at most that length, at the last space before the limit (at the limit itself where the text has no
space there), so that no later step spends time on one sentence out of proportion to its length; see
``long_sentence_lines``.

Table rows are one sentence each and are never cut inside (but for that limit). List bullets (``-``, ``*``,
``•``) and heading marks (``#``) are left out of the sentence; numbered list markers (``1.``) are kept. Rules and
table separator rows (``|---|---|``) belong to no sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import Final, NamedTuple

from factcheck.model import Sentence

__all__ = [
    "MAX_SENTENCE",
    "PART_CHARS",
    "WHOLE_SENTENCE",
    "block_cuts",
    "long_sentence_lines",
    "sentence_around",
    "sentence_part",
    "sentence_spans",
    "split_sentences",
]

# The longest sentence read as one: a longer one is cut into pieces (at a space in the last half of the limit).
MAX_SENTENCE: Final = 20_000
# A sentence longer than WHOLE_SENTENCE characters is scored and shown as evidence by the part around each figure
# (see sentence_part): PART_CHARS characters or more either side of it, about as much as a sentence or two.
WHOLE_SENTENCE: Final = 1_200
PART_CHARS: Final = 200

_CLOSERS = frozenset(")]\"'”’»›")
_OPENERS = frozenset("\"'“‘«‹([¿¡")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# The runs of sentence punctuation that may end a sentence: those followed by white space and more text, or by
# what can stand between a sentence end and white space (a closing quote or bracket, a footnote marker, plain
# digits after "word."). A decimal point ("2.5") or a full stop inside a word ("U.S.", "e.g") is never looked at.
# Group "next": where the next sentence may start, when white space follows the punctuation directly.
_SENTENCE_END = re.compile(rf"[.!?…]+(?:(?=\s+(?P<next>\S))|(?=[)\]\"'”’»›\[{_SUPERSCRIPTS}]|(?<=[^\W\d_]\.)\d))")
_FOOTNOTE = re.compile(
    rf"[{_SUPERSCRIPTS}]+(?:[,\-–][{_SUPERSCRIPTS}]+)*"  # claims.⁴,⁵
    r"|(?:\[\d{1,4}(?:[,\-–] ?\d{1,4})*\])+"  # says.[12] / says.[3][4]
)
_PLAIN_FOOTNOTE = re.compile(r"\d{1,3}(?:,\d{1,3})*")  # text.3 (only after a letter and a full stop)
_LINE_END = re.compile(
    r"[.!?…][)\]\"'”’»›]*"
    rf"(?:[{_SUPERSCRIPTS}]+(?:[,\-–][{_SUPERSCRIPTS}]+)*|(?:\[\d{{1,4}}(?:[,\-–] ?\d{{1,4}})*\])+)?"
    r"[)\]\"'”’»›]*$"
)
_HEADING_MARK = re.compile(r"#{1,6}(?:[ \t]+|$)")
_BULLET = re.compile(r"[-*+•·▪‣◦–—](?:[ \t]+|$)")
_NUMBERED = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-z][.)]|[A-Z]\)|[IVX]{1,4}\.|\(\d{1,3}\)|\([A-Za-z]\))[ \t]+")
_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.|[a-z]\.|[IVX]{1,4}\.")
_RULE_LINE = re.compile(r"(?:[-*_=~#][ \t]*){3,}")
# What a stripped line that is no table row starts with, in order of precedence: a rule (the whole line), a
# heading mark, a bullet or a list number.
_LINE_START = re.compile(
    rf"(?P<rule>{_RULE_LINE.pattern}\Z)|(?P<heading>{_HEADING_MARK.pattern})|(?P<bullet>{_BULLET.pattern})"
    rf"|(?P<numbered>{_NUMBERED.pattern})"
)
# The characters that may follow the sentence punctuation in a match of _LINE_END.
_LINE_END_TAIL = f")]\"'”’»›[,-– 0123456789{_SUPERSCRIPTS}"
_LETTERS_AND_DOT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."
_TABLE_SEPARATOR = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}")

# A full stop after these never ends a sentence (lower-cased, without the final full stop).
_NEVER_FINAL = frozenset(
    """e.g i.e cf viz vs v mr mrs ms mx dr drs prof messrs mme mlle rev hon rep reps sen gov gen col lt capt cmdr
    adm maj sgt cpl pres supt approx fig figs eq eqs""".split()
)
# A full stop after these ends a sentence only when a typical sentence opener follows (case-insensitive ...).
_MAYBE_FINAL = frozenset("etc inc ltd corp llc plc jr sr bros dept univ assn govt intl natl pp al eds vols".split())
# ... and (case-sensitive) these, which are also ordinary words when written in lower case.
_MAYBE_FINAL_CAPITALISED = frozenset(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    No Nos Vol Ch Ed Art Sec Est Co St Mt Ft Ave Rd Blvd
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa
    Penn Tenn Tex Va Vt Wash Wis Wyo""".split()
)
# Words that typically open a sentence: after an ambiguous abbreviation they mean the sentence ended.
_OPENER_WORDS = frozenset(
    """A An The This That These Those There Their They Then Thus Therefore It Its He His She Her We Our I You Your
    In On At By For From With Without As After Before During Since Until Under Over But And Or Yet So Nor However
    Meanwhile Moreover Furthermore Also Although Though While When Where Why How What Who Which If Because Some
    Many Most Much More One Each Every All Both Such Not Only Even Still Today Now Later According Instead Despite
    Among Other Another Last Next First Here My Let""".split()
)

_WRAPPED_MIN_WIDTH = 50  # a text whose lines are mostly shorter is not hard-wrapped prose
_WRAPPED_MAX_WIDTH = 100  # ... nor one whose lines are mostly longer (one paragraph per line)
_LONG_LINE_SHARE = 0.75  # in hard-wrapped text, a line this long (of the wrap width) was wrapped


class _LineKind(Enum):
    BLANK = "blank"
    TEXT = "text"
    LIST = "list"
    HEADING = "heading"
    TABLE = "table"
    RULE = "rule"


# The kinds as module constants: an enum member looked up on its class costs ten times as much as a global.
_BLANK: Final = _LineKind.BLANK
_TEXT: Final = _LineKind.TEXT
_LIST: Final = _LineKind.LIST
_HEADING: Final = _LineKind.HEADING
_TABLE: Final = _LineKind.TABLE
_RULE: Final = _LineKind.RULE


class _Line(NamedTuple):
    kind: _LineKind
    start: int  # first character of the content (after a bullet or heading mark)
    end: int  # end of the content, trailing white space excluded
    length: int  # length of the stripped line, marks included
    ends_sentence: bool  # the line ends with sentence punctuation
    starts_lower: bool


_BLANK_LINE = _Line(_BLANK, 0, 0, 0, False, False)  # where a blank line is, nothing needs to know


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: offsets into ``text``, 1-based line of each start *in text*.

    Each sentence's ``text`` is ``text[start:end]`` and has no white space at either end; sentences are in order
    and do not overlap. See the module docstring for the rules.
    """
    spans = sentence_spans(text)
    return [
        Sentence(index, start, end, line, text[start:end])
        for index, ((start, end), line) in enumerate(zip(spans, sentence_lines(text, spans), strict=True))
    ]


def sentence_lines(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The 1-based line of ``text`` on which each span (in order, as sentence_spans gives them) starts."""
    lines = []
    line = 1
    previous = 0
    count = text.count
    for start, _ in spans:
        line += count("\n", previous, start)  # spans are in order: count the line breaks since the last one
        previous = start
        lines.append(line)
    return lines


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the sentences ``split_sentences`` returns, without building them."""
    spans = _whole_sentence_spans(text)
    if any(end - start > MAX_SENTENCE for start, end in spans):
        spans = _bounded(text, spans)
    return spans


def long_sentence_lines(text: str) -> list[int]:
    """The 1-based lines of ``text`` on which a sentence longer than MAX_SENTENCE (one that is cut) starts."""
    # A blank line always ends a sentence: text with no longer stretch between blank lines needs no splitting.
    if len(text) <= MAX_SENTENCE or max(map(len, text.split("\n\n"))) <= MAX_SENTENCE:
        return []
    long = [(start, end) for start, end in _whole_sentence_spans(text) if end - start > MAX_SENTENCE]
    return sentence_lines(text, long)


def _whole_sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences' ``(start, end)`` offsets, the long ones not cut."""
    lines = []
    start = 0
    for raw in text.split("\n"):
        lines.append(_classify(raw, start))
        start += len(raw) + 1
    wrap_width = _wrap_width(lines)
    spans: list[tuple[int, int]] = []
    block_start = -1  # the block of lines being gathered runs from block_start to block_end (none if -1)
    block_end = 0
    previous: _Line | None = None
    for line in lines:
        kind = line.kind
        if kind is _BLANK or kind is _RULE:
            if block_start >= 0:
                _cut(text, block_start, block_end, spans)
            block_start, previous = -1, None
            continue
        if kind is _TABLE:
            if block_start >= 0:
                _cut(text, block_start, block_end, spans)
            spans.append((line.start, line.end))  # a table row is one sentence, never cut inside
            block_start, previous = -1, line
            continue
        if block_start >= 0 and previous is not None and _continues(previous, line, wrap_width):
            block_end = line.end
        else:
            if block_start >= 0:
                _cut(text, block_start, block_end, spans)
            block_start, block_end = line.start, line.end
        previous = line
    if block_start >= 0:
        _cut(text, block_start, block_end, spans)
    return spans


def sentence_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The part of a long sentence ``text`` around ``[start, end)``, as offsets into it; None when it is short.

    A sentence of more than WHOLE_SENTENCE characters is cut at the first space after every multiple of PART_CHARS
    into blocks; the part is the block holding ``start`` and one either side. Figures of one block share their part.
    """
    if len(text) <= WHOLE_SENTENCE:
        return None
    block = start // PART_CHARS
    return _block_start(text, block - 1), max(_block_start(text, block + 2), end)


def block_cuts(text: str, begin: int, stop: int) -> tuple[int, ...]:
    """Where the blocks of a long sentence ``text`` (see sentence_part) start strictly between ``begin`` and
    ``stop``: a part's blocks, which the parts of neighbouring figures share, can be read once each."""
    cuts: list[int] = []
    block = begin // PART_CHARS + 1
    while block * PART_CHARS < stop:
        at = _block_start(text, block)
        if begin < at < stop and (not cuts or at > cuts[-1]):
            cuts.append(at)
        block += 1
    return tuple(cuts)


def sentence_around(sentence: Sentence, start: int, end: int) -> Sentence:
    """The sentence, or the part of a long one around the document offsets ``[start, end)`` (see sentence_part),
    with its own offsets and line: what is shown as a figure's evidence."""
    part = sentence_part(sentence.text, start - sentence.start, end - sentence.start)
    if part is None:
        return sentence
    begin, stop = part
    line = sentence.line + sentence.text.count("\n", 0, begin)
    return Sentence(sentence.index, sentence.start + begin, sentence.start + stop, line, sentence.text[begin:stop])


def _block_start(text: str, block: int) -> int:
    """Where block number ``block`` of a long sentence starts: after the first space from its multiple of
    PART_CHARS (0 before the first block, the text's length after the last)."""
    at = block * PART_CHARS
    if at <= 0:
        return 0
    if at >= len(text):
        return len(text)
    space = text.find(" ", at, at + PART_CHARS)
    return space + 1 if space >= 0 else at


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with every span longer than MAX_SENTENCE cut into pieces at spaces (see the module docstring)."""
    bounded: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            space = text.rfind(" ", start + MAX_SENTENCE // 2, limit + 1)
            cut, resume = (space, space + 1) if space >= 0 else (limit, limit)
            _add_piece(text, start, cut, bounded)
            start = resume
        _add_piece(text, start, end, bounded)
    return bounded


def _classify(raw: str, start: int) -> _Line:
    """The line ``raw`` (without its line break), which starts at offset ``start`` of the text."""
    content = raw.strip()
    if not content:
        return _BLANK_LINE
    begin = start if not raw[0].isspace() else start + len(raw) - len(raw.lstrip())
    stop = begin + len(content)
    kind = _TEXT
    body = content
    if content[0] == "|":
        kind = _RULE if _TABLE_SEPARATOR.fullmatch(content) else _TABLE
    elif match := _LINE_START.match(content):
        group = match.lastgroup
        if group == "rule":
            kind = _RULE
        elif group == "heading" or group == "bullet":
            kind = _HEADING if group == "heading" else _LIST
            begin += match.end()
            body = content[match.end() :]
        else:
            kind = _LIST
    if begin >= stop:  # a bare bullet or heading mark: nothing to say
        return _Line(_RULE, begin, stop, len(content), False, False)
    # _LINE_END can only match from the last character that cannot follow the punctuation in a match.
    tail = len(body.rstrip(_LINE_END_TAIL))
    if tail and body[tail - 1].isdecimal():  # a digit beyond ASCII (in a footnote mark?): search the whole line
        ends = _LINE_END.search(body) is not None
    else:
        ends = tail > 0 and _LINE_END.match(body, tail - 1) is not None
    return _Line(kind, begin, stop, len(content), ends, body[0].islower())


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width a hard-wrapped text is wrapped at (90th percentile of its prose lines), or None if not wrapped."""
    lengths = sorted(line.length for line in lines if line.kind in (_TEXT, _LIST))
    if len(lengths) < 3:
        return None
    width = lengths[min(len(lengths) - 1, len(lengths) * 9 // 10)]
    return width if _WRAPPED_MIN_WIDTH <= width <= _WRAPPED_MAX_WIDTH else None


def _continues(previous: _Line, line: _Line, wrap_width: int | None) -> bool:
    """Whether the sentence running at the end of ``previous`` may go on into ``line`` (no blank line between)."""
    if previous.kind in (_HEADING, _TABLE) or line.kind is not _TEXT:
        return False
    if line.starts_lower:
        return True  # wrapped mid-sentence (or after a full stop that does not end one)
    if previous.kind is _LIST or wrap_width is None:
        return False  # one paragraph, item or heading per line
    if previous.ends_sentence:
        return True  # the full stop decides
    return previous.length >= _LONG_LINE_SHARE * wrap_width


def _cut(text: str, start: int, stop: int, spans: list[tuple[int, int]]) -> None:
    """Cut the block ``text[start:stop]`` after every full stop that ends a sentence; add the pieces to ``spans``."""
    piece_start = start
    for match in _SENTENCE_END.finditer(text, start, stop):
        end = match.end()
        following = match.start("next")
        if following < 0:  # no white space right after the punctuation
            end = _after_sentence_end(text, match, stop)
            if end >= stop or not text[end].isspace():
                continue
            following = end + 1
            while following < stop and text[following].isspace():
                following += 1
            if following >= stop:
                continue
        first = text[following]
        if not (first.isupper() or first.istitle() or first.isdigit()) and (
            first not in _OPENERS or not _opens_sentence(text, following, stop)
        ):
            continue
        if match.group() == "." and not _full_stop_ends(text, match.start(), following, stop):
            continue
        if piece_start == start and _MARKER.fullmatch(text, start, end):
            continue  # "1.2. Heading", "IV. Heading": the number of a list item or heading, not a sentence
        _add_piece(text, piece_start, end, spans)
        piece_start = following
    _add_piece(text, piece_start, stop, spans)


def _add_piece(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Add ``text[start:end]`` to ``spans`` without white space at either end, unless nothing is left."""
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        spans.append((start, end))  # the usual case: nothing to strip
        return
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        begin = start + len(piece) - len(piece.lstrip())
        spans.append((begin, begin + len(stripped)))


def _after_sentence_end(text: str, match: re.Match[str], stop: int) -> int:
    """Where the sentence ending with ``match`` ends: after closing quotes, brackets and footnote markers."""
    end = match.end()
    while end < stop and text[end] in _CLOSERS:
        end += 1
    if footnote := _FOOTNOTE.match(text, end, stop):
        end = footnote.end()
    elif match.group() == "." and end == match.end() and match.start() > 0 and text[match.start() - 1].isalpha():
        plain = _PLAIN_FOOTNOTE.match(text, end, stop)
        if plain and plain.end() < stop and text[plain.end()].isspace():
            end = plain.end()
    while end < stop and text[end] in _CLOSERS:
        end += 1
    return end


def _opens_sentence(text: str, index: int, stop: int) -> bool:
    while index < stop and text[index] in _OPENERS:
        index += 1
    return index < stop and (text[index].isupper() or text[index].istitle() or text[index].isdigit())


def _full_stop_ends(text: str, dot: int, following: int, stop: int) -> bool:
    """Whether the full stop at ``dot`` ends its sentence, given that a new one could start at ``following``."""
    # The word before the dot: letters and dots, at most 24 characters. ASCII ones are stripped in one call.
    floor = dot - 24 if dot > 24 else 0
    begin = floor + len(text[floor:dot].rstrip(_LETTERS_AND_DOT))
    while begin > floor and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1  # a letter beyond ASCII
    word = text[begin:dot]
    if not word or (begin > 0 and text[begin - 1].isdigit()):
        return True
    lower = word.lower()
    if lower in _NEVER_FINAL:
        return False
    ambiguous = (
        lower in _MAYBE_FINAL
        or word in _MAYBE_FINAL_CAPITALISED
        or len(word) == 1
        or ("." in word and _DOTTED.fullmatch(word) is not None)
    )
    if not ambiguous:
        return True
    if text[following] in _OPENERS:
        return False
    word_end = following
    while word_end < stop and text[word_end].isalpha():
        word_end += 1
    if word_end - following == 1 and word_end < stop and text[word_end] == ".":
        return False  # another initial: "J. A. Smith"
    return text[following:word_end] in _OPENER_WORDS
