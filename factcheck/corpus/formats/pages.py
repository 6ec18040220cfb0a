"""Pages of an extracted document: its text holds them joined by PAGE_BREAK; an offset's page and line in it."""

from __future__ import annotations

from bisect import bisect_right

PAGE_BREAK = "\n\f"  # ends every page but the last: a line break, then a form feed that starts the next page
_PAGED_SUFFIXES = (".pdf",)


def is_paged(path: str) -> bool:
    """Whether the document file at ``path`` has pages (a PDF): its text's form feeds start them."""
    return path.lower().endswith(_PAGED_SUFFIXES)


def page_starts(text: str) -> list[int]:
    """The offset at which each page of ``text`` starts (the first is 0)."""
    starts = [0]
    at = text.find("\f")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\f", at + 1)
    return starts


def page_count(text: str) -> int:
    return text.count("\f") + 1


def page_position(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """The 1-based page of ``offset`` in ``text`` and its 1-based line within that page."""
    starts = page_starts(text) if starts is None else starts
    page = bisect_right(starts, offset)
    return page, text.count("\n", starts[page - 1], offset) + 1


def page_span(text: str, page: int) -> tuple[int, int] | None:
    """The start and end offsets of 1-based ``page`` in ``text``, or None if the text has no such page."""
    starts = page_starts(text)
    if not 1 <= page <= len(starts):
        return None
    end = starts[page] - len(PAGE_BREAK) if page < len(starts) else len(text)
    return starts[page - 1], end
