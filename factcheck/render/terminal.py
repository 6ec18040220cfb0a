"""What reaches a terminal: control characters from files shown escaped, never written raw.

A claims file or a document can hold terminal escape sequences (ESC, OSC, CSI), other C0 and C1 controls, and
bidirectional overrides; written raw, they retitle the terminal, move the cursor or hide text. ``SafeConsole``
escapes them (``factcheck.render.printable``) in every string it is given and, as a last resort, in whatever a
renderable produces, so that nothing from a file reaches the terminal raw even where a renderer forgot it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
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


__all__ = ["SafeConsole"]
