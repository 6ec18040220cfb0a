"""A figure's document context: the words a reader has seen before reaching its sentence.

A careful reader of "At least 212 workers are now presumed dead." knows from the headline that the dead are those
of the mine collapse. The context of a sentence is

- the document's **title** (its metadata, else a short first line without a full stop),
- the **headings** it stands under: Markdown headings (``#``, ``##``, ...), and in an indented list the items
  it is nested in (``- Colombian conflict`` / ``  - 2025 attacks`` / ``    - Fourteen members ...``),
- the **sentences just before** it (PREVIOUS_SENTENCES of them, in the same document and the same block: no
  heading or list item begins between them, so that in a digest one item is no context of the next; a heading or
  item it stands under counts, "- Harbour fire" for the items below it).

Nothing here depends on the query: the outline of a document is read once per document and kept while the
document is (an LRU keyed by the document's hash).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from factcheck.model import Document

__all__ = ["PREVIOUS_CHARS", "PREVIOUS_SENTENCES", "Outline", "outline", "read_before"]

PREVIOUS_SENTENCES = 2
PREVIOUS_CHARS = 600  # of a long previous sentence, only its end is read
# A first line this short without a full stop is a headline.
HEADLINE_CHARS = 160
_HEADING = re.compile(r"[ \t]*(#{1,6})[ \t]+(.+?)[ \t#]*$")
_ITEM = re.compile(r"([ \t]*)(?:[-*+•–]|\d{1,3}[.)])[ \t]+(.+)$")


@dataclass(frozen=True, slots=True)
class Outline:
    """A document's title and, for each line, the headings it stands under."""

    title: str
    line_starts: tuple[int, ...]  # offset of each line of the text
    # For each line, the index into ``headings`` of the headings above it (a chain: each heading's parent).
    heading_of_line: tuple[int, ...]  # -1: none
    headings: tuple[tuple[str, int], ...]  # (text, index of the parent heading or -1)
    # For each line, its block: a number that changes at each heading and list item ("- ...", "1. ...").
    block_of_line: tuple[int, ...] = ()
    # For each line that is itself a heading or list item, its index into ``headings``; -1 for the others.
    own_heading_of_line: tuple[int, ...] = ()

    def same_block(self, first: int, second: int) -> bool:
        """Whether the text at offset ``first`` is read as context of the text at ``second``: they stand in one
        block (no heading or list item begins between them), or ``first`` is a heading or item that ``second``
        stands under. The items of a list (a digest of the day's news, a list of findings) are read one by one:
        the item before is no context of the next, as the sentence before is in a paragraph."""
        if not self.block_of_line:
            return True
        last = len(self.block_of_line) - 1
        lines = [min(last, max(0, bisect_right(self.line_starts, at) - 1)) for at in (first, second)]
        if self.block_of_line[lines[0]] == self.block_of_line[lines[1]]:
            return True
        # a heading the text at ``second`` stands under ("- Harbour fire" above its items) is read before it too
        own = self.own_heading_of_line[lines[0]] if self.own_heading_of_line else -1
        at = self.heading_of_line[lines[1]]
        while own >= 0 and at >= 0:
            if at == own:
                return True
            at = self.headings[at][1]
        return False

    def headings_at(self, offset: int) -> list[str]:
        """The headings that the text at ``offset`` stands under, the nearest first."""
        line = max(0, bisect_right(self.line_starts, offset) - 1)
        found: list[str] = []
        at = self.heading_of_line[line] if line < len(self.heading_of_line) else -1
        while at >= 0 and len(found) < 16:
            text, at = self.headings[at]
            found.append(text)
        return found

    def above(self, start: int) -> list[str]:
        """The texts a reader saw above the sentence at ``start`` besides the sentences before it: the title and
        the headings it stands under (the sentences are read_before's)."""
        return ([self.title] if self.title else []) + self.headings_at(start)


def read_before(index: int) -> list[int]:
    """The sentences before sentence ``index`` that a reader has always seen: the document's first (its headline
    or lead) and the PREVIOUS_SENTENCES just before it. What a candidate must reach (Model.gate) is counted in
    them and the sentence itself, which the index can check without reading the text (Corpus.candidate_sentences).
    """
    return sorted({0, *range(max(0, index - PREVIOUS_SENTENCES), index)} - {index}) if index > 0 else []


def outline(doc: Document) -> Outline:
    """The outline of a document (read once per document content)."""
    return _outline(doc.sha256, doc.text, doc.meta.title or "")


@lru_cache(maxsize=64)
def _outline(sha256: str, text: str, title: str) -> Outline:
    del sha256  # the cache key: hashing a long text for every lookup would cost as much as reading it
    lines = text.split("\n")
    starts: list[int] = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    if not title:
        first = next((line.strip() for line in lines if line.strip()), "")
        if len(first) <= HEADLINE_CHARS and not first.endswith((".", "!", "?", ":", ";", ",")):
            title = first.lstrip("#").strip()
    headings: list[tuple[str, int]] = []
    of_line: list[int] = []
    # The open headings: Markdown ones by level (1-6), list items by indentation (7 + width): (depth, heading index).
    stack: list[tuple[int, int]] = []
    blocks: list[int] = []
    own: list[int] = []
    block = 0
    for line in lines:
        heading = _HEADING.match(line)
        item = None if heading else _ITEM.match(line)
        block += bool(heading or item)
        blocks.append(block)
        own.append(len(headings) if heading or item else -1)
        if heading or item:
            depth = len(heading.group(1)) if heading else 7 + len(item.group(1).expandtabs(4))  # type: ignore[union-attr]
            while stack and stack[-1][0] >= depth:
                stack.pop()
            of_line.append(stack[-1][1] if stack else -1)  # the line stands under its parents, not under itself
            text = (heading or item).group(2).strip()  # type: ignore[union-attr]
            headings.append((text, stack[-1][1] if stack else -1))
            stack.append((depth, len(headings) - 1))
            continue
        if not line.strip():
            # A blank line ends a list: its items head nothing after it (Markdown headings stay open).
            while stack and stack[-1][0] >= 7:
                stack.pop()
        of_line.append(stack[-1][1] if stack else -1)
    return Outline(title, tuple(starts), tuple(of_line), tuple(headings), tuple(blocks), tuple(own))
