"""A PDF page's text in reading order from pdfium's text boxes: lines, and a paragraph's wrapped lines run together.

pdfium gives the text of a page in the order it is drawn, a line break at every line of print. A paragraph wrapped
over five lines would then be five lines, and a line break followed by a capital ("the United\\nStates") reads as
the end of a sentence: the sentences, and so the figures' evidence, would differ from the same text in a file.
Here each box pdfium finds (``count_rects``/``get_rect``: a run of text on one line) is placed: a page set in
columns of prose (two, three or more: white space down the page that no narrow line crosses) reads them left to
right, band by band between the lines that cross them, a margin's few words last (_column_blocks); else a page set
in two columns drawn in any order reads the left one, then the right one; the boxes that share a line are
one line, left to right (a table's row); and a line runs on into the next when the next line follows it closely
and its first word would not have fitted at the end of it (the line was wrapped, not ended).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

# What the joined text marks for pdf.py: a line wrapped into the next (a space once hyphens are dealt with), and the
# hyphen pdfium found at a line end (U+0002 in a box's text).
WRAP = "\x1f"
SOFT_HYPHEN = "\x02"
# A line runs on into the next when the white space between them is less than this share of the line's height
# (a paragraph's lines are set closer than its paragraphs, and than lines set one by one).
RUN_ON_GAP = 0.7
# Two columns: rows that share a gap of at least MIN_GUTTER points, at least MIN_COLUMN_LINES lines on each side,
# filling on average PROSE_FILL of their column's width.
MIN_GUTTER = 10.0
ALIGN = 3.0  # points: lines of one column start within this of one another
MIN_COLUMN_LINES = 3
PROSE_FILL = 0.6
# Columns of a page (two, three or more, as in a gazette): white space of at least COLUMN_GUTTER points that no line
# narrower than NARROW of the page's text width crosses, each column holding MIN_COLUMN_LINES lines filling
# PROSE_FILL of its width. Lines that cross a gutter (a title, a rule across the page) end one band of columns.
COLUMN_GUTTER = 6.0
NARROW = 0.5


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


def page_lines(textpage: object) -> list[list[Line]]:
    """The lines of a page in blocks read one after the other: top to bottom, and where rows of the page are set in
    two columns, the left column's lines before the right's; the boxes of one line (a table's row) left to right."""
    boxes: list[Line] = []
    for i in range(textpage.count_rects()):  # type: ignore[attr-defined]
        left, bottom, right, top = textpage.get_rect(i)  # type: ignore[attr-defined]
        text = textpage.get_text_bounded(left, bottom, right, top)  # type: ignore[attr-defined]
        text = " ".join(text.replace("\ufffe", SOFT_HYPHEN).split())
        if text:
            boxes.append(Line(left, bottom, right, top, text))
    boxes.sort(key=lambda b: -b.top)
    columns = _column_blocks(boxes)
    if columns is not None:
        return columns
    blocks: list[list[Line]] = []
    for run, gutter in _runs(_rows(boxes)):
        sides = (
            [b for row in run for b in row if b.right <= gutter],
            [b for row in run for b in row if b.left >= gutter],
        )
        if gutter and all(len(side) >= MIN_COLUMN_LINES and _fill(side) >= PROSE_FILL for side in sides):
            blocks += [[_merged([b]) for b in side] for side in sides]
        else:
            blocks.append([_merged(row) for row in run])
    return blocks


def _column_blocks(boxes: Sequence[Line]) -> list[list[Line]] | None:
    """The page's lines in blocks when it is set in columns of prose (None when it is not): band by band from the
    top, each band's columns left to right, each column top to bottom; a line across the gutters is a band of its
    own. Boxes come top to bottom."""
    if not boxes:
        return None
    left, right = min(b.left for b in boxes), max(b.right for b in boxes)
    narrow = [b for b in boxes if b.right - b.left < NARROW * (right - left)]
    gutters = _gutters(narrow)
    if not gutters:
        return None
    edges = [left, *(x for gutter in gutters for x in gutter), right]
    spans = list(zip(edges[0::2], edges[1::2], strict=True))  # each column's (left, right)

    def column_of(box: Line) -> int | None:
        for k, (low, high) in enumerate(spans):
            if box.left >= low - ALIGN and box.right <= high + ALIGN:
                return k
        return None  # across a gutter

    placed = [column_of(b) for b in boxes]
    counts = [placed.count(k) for k in range(len(spans))]
    real = [k for k, n in enumerate(counts) if n >= MIN_COLUMN_LINES]  # a margin's few words are no column
    if len(real) < 2:
        return None
    for column in real:
        if _fill([b for b, c in zip(boxes, placed, strict=True) if c == column]) < PROSE_FILL:
            return None  # a table's cells: not columns of prose
    blocks: list[list[Line]] = []
    band: dict[int, list[Line]] = {k: [] for k in real}
    across: list[Line] = []
    stray: list[Line] = []  # words in a margin (a printer's slug, a page number beside the text): read last

    def flush() -> None:
        blocks.extend([_merged(row) for row in _rows(column)] for column in band.values() if column)
        for column in band.values():
            column.clear()

    for box, at in zip(boxes, placed, strict=True):
        if at is not None and at not in band:
            stray.append(box)
        elif at is None:
            flush()
            across.append(box)
        else:
            if across:
                blocks.append([_merged(row) for row in _rows(across)])
                across.clear()
            band[at].append(box)
    flush()
    for rest in (across, stray):
        if rest:
            blocks.append([_merged(row) for row in _rows(rest)])
    return blocks


def _gutters(boxes: Sequence[Line]) -> list[tuple[float, float]]:
    """The x-intervals (left, right) of white space, COLUMN_GUTTER wide at least, between the boxes' extents."""
    found: list[tuple[float, float]] = []
    spans = sorted((b.left, b.right) for b in boxes)
    if not spans:
        return found
    reach = spans[0][1]
    for low, high in spans[1:]:
        if low - reach >= COLUMN_GUTTER:
            found.append((reach, low))
        reach = max(reach, high)
    return found


def _rows(boxes: Sequence[Line]) -> list[list[Line]]:
    """Boxes (top to bottom) in rows: those that share a line, left to right."""
    rows: list[list[Line]] = []
    for box in boxes:
        middle = (box.top + box.bottom) / 2
        if rows and rows[-1][0].bottom <= middle <= rows[-1][0].top:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.left) for row in rows]


def _runs(rows: Sequence[list[Line]]) -> list[tuple[list[list[Line]], float]]:
    """The rows in runs that share white space down the page (a gutter between columns, or between a table's
    cells), each with the middle of that space (0.0 for rows that share none)."""
    runs: list[tuple[list[list[Line]], float]] = []
    run: list[list[Line]] = []
    low, high = 0.0, 0.0  # the white space the run's rows share
    for row in rows:
        gaps = [(a.right, b.left) for a, b in itertools.pairwise(row)]
        # The space goes on down the page where the right side's lines start where the run's do (a column's
        # left edge) and it stays wide enough.
        shared = [(max(low, a), high) for a, b in gaps if abs(b - high) <= ALIGN and high - max(low, a) >= MIN_GUTTER]
        within = len(row) == 1 and (row[0].right <= low or row[0].left >= high)  # a column's line, the other's done
        if run and (shared or within):
            if shared:
                low, high = max(shared, key=lambda g: g[1] - g[0])
            run.append(row)
            continue
        if run:
            runs.append((run, (low + high) / 2 if len(run) >= MIN_COLUMN_LINES else 0.0))
        widest = max(gaps, key=lambda g: g[1] - g[0], default=(0.0, 0.0))
        run, (low, high) = [row], widest if widest[1] - widest[0] >= MIN_GUTTER else (0.0, 0.0)
    if run:
        runs.append((run, (low + high) / 2 if len(run) >= MIN_COLUMN_LINES else 0.0))
    return runs


def _fill(boxes: Sequence[Line]) -> float:
    """How much of their column's width the boxes fill, on average (prose: most of it; a table's cells: little)."""
    span = max(b.right for b in boxes) - min(b.left for b in boxes)
    return sum(b.right - b.left for b in boxes) / len(boxes) / max(span, 1e-9)


def _merged(row: Sequence[Line]) -> Line:
    return Line(
        row[0].left,
        min(b.bottom for b in row),
        row[-1].right,
        max(b.top for b in row),
        " ".join(b.text for b in row),
    )


def paragraphs(blocks: Sequence[Sequence[Line]]) -> str:
    """The blocks' lines as text: a line break between paragraphs, WRAP between the wrapped lines of one."""
    out: list[str] = []
    for lines in blocks:
        right_edge = max(line.right for line in lines)
        if out:
            out.append("\n")
        out.append(lines[0].text)
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
