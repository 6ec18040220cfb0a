"""What reaches a terminal: control characters from files shown escaped, never written raw.

A claims file or a document can hold terminal escape sequences (ESC, OSC, CSI), other C0 and C1 controls, and
bidirectional overrides; written raw, they retitle the terminal, move the cursor or hide text. ``SafeConsole``
escapes them (``factcheck.render.printable``) in every string it is given and, as a last resort, in whatever a
renderable produces, so that nothing from a file reaches the terminal raw even where a renderer forgot it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from factcheck.render import UNPRINTABLE, printable


class SafeConsole(Console):
    """A rich console that never writes a control character or bidi override of the text it is given.

    Strings (table cells, titles, messages) are escaped before rich lays them out, so widths stay right. A ``Text``
    is built by a renderer, which escapes its text with ``printable`` or ``printable_spans``: rich would otherwise
    drop BEL, BS, VT, FF and CR from it silently and keep the rest. Any segment that still holds a control character
    is escaped as it is written; rich's own colour codes are added after that, so they are untouched.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text), **kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and UNPRINTABLE.search(segment.text):
                yield Segment(printable(segment.text), segment.style)
            else:
                yield segment


# Below this width a table is shown as one block per row (a table of six or more columns there cuts its words).
NARROW_WIDTH = 100
UNBOUNDED = 1_000_000


class Fitted:
    """A table that fits the terminal: as it is where it has room, else one block per row.

    A block is the row's first cell as a heading (not repeated for the rows that follow with the same one or none),
    the short cells on one line below it, each after its column's name unless the column is ``unlabelled``, and the
    ``body`` cells (evidence, sentences) wrapped beneath. The table is kept when the width is at least NARROW_WIDTH and
    takes every word of its cells whole; nothing is cut or lost in either form.
    """

    def __init__(
        self, table: Table, body: Collection[str] = (), unlabelled: Collection[str] = (), title: str | None = None
    ) -> None:
        self.table = table
        self.body = body
        self.unlabelled = unlabelled
        self.title = title  # said above the blocks, where no header row says what they are

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= NARROW_WIDTH and self.fits(console, options):
            yield self.table
        else:
            yield from self.blocks(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)

    def fits(self, console: Console, options: ConsoleOptions) -> bool:
        """Whether the table takes every word of its cells whole in the width (measured unbounded: a measure within
        the width is clamped to it)."""
        unbounded = options.update_width(UNBOUNDED)
        return Measurement.get(console, unbounded, self.table).minimum <= options.max_width

    def blocks(self, console: Console, width: int) -> Iterable[RenderableType]:
        columns = self.table.columns
        if title := self.table.title or self.title:
            yield _text(title, "bold")
        rows = [[_text(cell) for cell in row] for row in zip(*(column.cells for column in columns), strict=True)]
        headers = [str(column.header) for column in columns]
        heading: str | None = None
        for i, row in enumerate(rows):
            if row[0].plain and row[0].plain != heading:
                if heading is not None:
                    yield Text("")
                yield _text(row[0], "bold")
                heading = row[0].plain
            fields = Text(" · ").join(
                cell if header in self.unlabelled else Text.assemble(f"{header} ", cell)
                for header, cell in zip(headers[1:], row[1:], strict=True)
                if cell.plain and header not in self.body
            )
            if fields.plain:
                yield from indented(console, fields, 2, width)
            following = rows[i + 1] if i + 1 < len(rows) else None
            for j, (header, cell) in enumerate(zip(headers, row, strict=True)):
                if j == 0 or header not in self.body or not cell.plain:
                    continue
                # A text the next row of the same heading shows too (figures of one sentence) is shown once, after it.
                if following is not None and following[0].plain in ("", heading) and following[j].plain == cell.plain:
                    continue
                yield from indented(console, cell, 4, width)


class Hanging:
    """A line of text that wraps with a hanging indent: ``indent`` spaces before its first line, ``hanging`` before
    the others."""

    def __init__(self, text: Text, indent: int = 2, hanging: int = 4) -> None:
        self.text = text
        self.indent = indent
        self.hanging = hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        hanging = min(self.hanging, max(0, width - 20))
        first, *rest = self.text.wrap(console, max(1, width - hanging)) or [Text("")]
        yield Text(" " * self.indent) + first if self.indent + first.cell_len <= width else first
        for line in rest:
            yield Text(" " * hanging) + line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def indented(console: Console, text: Text, indent: int, width: int) -> Iterable[Text]:
    """``text`` wrapped to ``width`` with every line indented (less on a terminal too narrow for it)."""
    indent = min(indent, max(0, width - 20))
    for line in text.wrap(console, max(1, width - indent)):
        line.rstrip()
        yield Text(" " * indent) + line


def _text(cell: object, style: str = "") -> Text:
    """A table cell as Text, control characters escaped (a ``Text`` made by a renderer is escaped already)."""
    if isinstance(cell, Text):
        text = cell.copy()
        if style:
            text.stylize(style)
        return text
    return Text(printable(str(cell)), style=style)


__all__ = ["NARROW_WIDTH", "Fitted", "SafeConsole"]
