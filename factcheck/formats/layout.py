"""A PDF page's text in reading order from pdfium's text boxes: lines, and a paragraph's wrapped lines run together.

pdfium gives the text of a page in the order it is drawn, a line break at every line of print. A paragraph wrapped
over five lines would then be five lines, and a line break followed by a capital ("the United\\nStates") reads as
the end of a sentence: the sentences, and so the figures' evidence, would differ from the same text in a file.
Here each box pdfium finds (``count_rects``/``get_rect``: a run of text on one line) is placed: the boxes that share
a line are one line, left to right (a table's row), and a line runs on into the next when the next line follows it
closely and its first word would not have fitted at the end of it (the line was wrapped, not ended).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# What the joined text marks for pdf.py: a line wrapped into the next (a space once hyphens are dealt with), and the
# hyphen pdfium found at a line end (U+0002 in a box's text).
WRAP = "\x1f"
SOFT_HYPHEN = "\x02"
# A line runs on into the next when the white space between them is less than this share of the line's height
# (a paragraph's lines are set closer than its paragraphs, and than lines set one by one).
RUN_ON_GAP = 0.7


@dataclass(frozen=True, slots=True)
class Line:
    """A line of print: its box (PDF points, y upwards) and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def char_width(self) -> float:
        return (self.right - self.left) / max(1, len(self.text))


def page_lines(textpage: object) -> list[Line]:
    """The lines of a page, top to bottom; the boxes of one line (a table's cells) left to right."""
    boxes: list[Line] = []
    for i in range(textpage.count_rects()):  # type: ignore[attr-defined]
        left, bottom, right, top = textpage.get_rect(i)  # type: ignore[attr-defined]
        text = textpage.get_text_bounded(left, bottom, right, top)  # type: ignore[attr-defined]
        text = " ".join(text.replace("\ufffe", SOFT_HYPHEN).split())
        if text:
            boxes.append(Line(left, bottom, right, top, text))
    boxes.sort(key=lambda b: -b.top)
    rows: list[list[Line]] = []
    for box in boxes:
        middle = (box.top + box.bottom) / 2
        if rows and rows[-1][0].bottom <= middle <= rows[-1][0].top:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [_merged(sorted(row, key=lambda b: b.left)) for row in rows]


def _merged(row: Sequence[Line]) -> Line:
    return Line(
        row[0].left,
        min(b.bottom for b in row),
        row[-1].right,
        max(b.top for b in row),
        " ".join(b.text for b in row),
    )


def paragraphs(lines: Sequence[Line]) -> str:
    """The lines as text: a line break between paragraphs, WRAP between the wrapped lines of one."""
    if not lines:
        return ""
    right_edge = max(line.right for line in lines)
    out = [lines[0].text]
    for before, line in zip(lines, lines[1:], strict=False):
        out.append(WRAP if _runs_on(before, line, right_edge) else "\n")
        out.append(line.text)
    return "".join(out)


def _runs_on(before: Line, line: Line, right_edge: float) -> bool:
    """Whether ``line`` goes on with the paragraph of the line ``before`` it (that line was wrapped)."""
    close = before.bottom - line.top < RUN_ON_GAP * before.height
    first_word = line.text.split(" ", 1)[0]
    would_not_fit = before.right + (len(first_word) + 1) * line.char_width() > right_edge
    return close and would_not_fit and line.left <= before.left + before.char_width()
