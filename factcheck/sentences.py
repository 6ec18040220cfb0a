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

Table rows are one sentence each and are never cut inside. List bullets (``-``, ``*``, ``•``) and heading marks
(``#``) are left out of the sentence; numbered list markers (``1.``) are kept. Rules and table separator rows
(``|---|---|``) belong to no sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum

from factcheck.model import Sentence

__all__ = ["split_sentences"]

_CLOSERS = frozenset(")]\"'”’»›")
_OPENERS = frozenset("\"'“‘«‹([¿¡")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

_TERMINAL = re.compile(r"[.!?…]+")
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
_CONTINUING_END = re.compile(r"[,;(\-–—]$")
_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_BULLET = re.compile(r"[-*+•·▪‣◦–—](?:[ \t]+|$)")
_NUMBERED = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-z][.)]|[A-Z]\)|[IVX]{1,4}\.|\(\d{1,3}\)|\([A-Za-z]\))[ \t]+")
_MARKER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.|[a-z]\.|[IVX]{1,4}\.")
_RULE = re.compile(r"(?:[-*_=~#][ \t]*){3,}")
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


@dataclass(frozen=True, slots=True)
class _Line:
    kind: _LineKind
    start: int  # first character of the content (after a bullet or heading mark)
    end: int  # end of the content, trailing white space excluded
    length: int  # length of the stripped line, marks included
    ends_sentence: bool  # the line ends with sentence punctuation
    starts_lower: bool


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: offsets into ``text``, 1-based line of each start *in text*.

    Each sentence's ``text`` is ``text[start:end]`` and has no white space at either end; sentences are in order
    and do not overlap. See the module docstring for the rules.
    """
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    lines = [_classify(text, start, _line_end(text, line_starts, i)) for i, start in enumerate(line_starts)]
    wrap_width = _wrap_width(lines)
    spans: list[tuple[int, int]] = []
    block: tuple[int, int] | None = None
    previous: _Line | None = None
    for line in lines:
        if line.kind in (_LineKind.BLANK, _LineKind.RULE):
            _flush(text, block, spans)
            block, previous = None, None
            continue
        if line.kind is _LineKind.TABLE:
            _flush(text, block, spans)
            spans.append((line.start, line.end))  # a table row is one sentence, never cut inside
            block, previous = None, line
            continue
        if block is not None and previous is not None and _continues(previous, line, wrap_width):
            block = (block[0], line.end)
        else:
            _flush(text, block, spans)
            block = (line.start, line.end)
        previous = line
    _flush(text, block, spans)
    return [
        Sentence(index, start, end, bisect_right(line_starts, start), text[start:end])
        for index, (start, end) in enumerate(spans)
    ]


def _line_end(text: str, line_starts: list[int], index: int) -> int:
    return line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)


def _classify(text: str, start: int, end: int) -> _Line:
    raw = text[start:end]
    content = raw.strip()
    if not content:
        return _Line(_LineKind.BLANK, start, start, 0, False, False)
    begin = start + len(raw) - len(raw.lstrip())
    stop = begin + len(content)
    kind = _LineKind.TEXT
    if content.startswith("|"):
        kind = _LineKind.RULE if _TABLE_SEPARATOR.fullmatch(content) else _LineKind.TABLE
    elif _RULE.fullmatch(content):
        kind = _LineKind.RULE
    elif match := _HEADING.match(content):
        kind, begin = _LineKind.HEADING, begin + match.end()
    elif match := _BULLET.match(content):
        kind, begin = _LineKind.LIST, begin + match.end()
    elif _NUMBERED.match(content):
        kind = _LineKind.LIST
    if begin >= stop:  # a bare bullet or heading mark: nothing to say
        return _Line(_LineKind.RULE, begin, stop, len(content), False, False)
    body = text[begin:stop]
    return _Line(kind, begin, stop, len(content), bool(_LINE_END.search(body)), body[0].islower())


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width a hard-wrapped text is wrapped at (90th percentile of its prose lines), or None if not wrapped."""
    lengths = sorted(line.length for line in lines if line.kind in (_LineKind.TEXT, _LineKind.LIST))
    if len(lengths) < 3:
        return None
    width = lengths[min(len(lengths) - 1, len(lengths) * 9 // 10)]
    return width if _WRAPPED_MIN_WIDTH <= width <= _WRAPPED_MAX_WIDTH else None


def _continues(previous: _Line, line: _Line, wrap_width: int | None) -> bool:
    """Whether the sentence running at the end of ``previous`` may go on into ``line`` (no blank line between)."""
    if previous.kind in (_LineKind.HEADING, _LineKind.TABLE) or line.kind is not _LineKind.TEXT:
        return False
    if line.starts_lower:
        return True  # wrapped mid-sentence (or after a full stop that does not end one)
    if previous.kind is _LineKind.LIST or wrap_width is None:
        return False  # one paragraph, item or heading per line
    if previous.ends_sentence:
        return True  # the full stop decides
    return previous.length >= _LONG_LINE_SHARE * wrap_width


def _flush(text: str, block: tuple[int, int] | None, spans: list[tuple[int, int]]) -> None:
    if block is None:
        return
    start, stop = block
    for piece_start, piece_end in _cut(text, start, stop):
        piece = text[piece_start:piece_end]
        stripped = piece.strip()
        if stripped:
            begin = piece_start + len(piece) - len(piece.lstrip())
            spans.append((begin, begin + len(stripped)))


def _cut(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Cut ``text[start:stop]`` after every full stop that ends a sentence."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for match in _TERMINAL.finditer(text, start, stop):
        end = _after_sentence_end(text, match, stop)
        if end >= stop or not text[end].isspace():
            continue
        following = end
        while following < stop and text[following].isspace():
            following += 1
        if following >= stop or not _opens_sentence(text, following, stop):
            continue
        if match.group() == "." and not _full_stop_ends(text, match.start(), following, stop):
            continue
        if piece_start == start and _MARKER.fullmatch(text, start, end):
            continue  # "1.2. Heading", "IV. Heading": the number of a list item or heading, not a sentence
        pieces.append((piece_start, end))
        piece_start = following
    pieces.append((piece_start, stop))
    return pieces


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
    begin = dot
    while begin > 0 and dot - begin < 24 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:dot]
    if not word or (begin > 0 and text[begin - 1].isdigit()):
        return True
    if word.lower() in _NEVER_FINAL:
        return False
    ambiguous = (
        word.lower() in _MAYBE_FINAL
        or word in _MAYBE_FINAL_CAPITALISED
        or len(word) == 1
        or _DOTTED.fullmatch(word) is not None
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
