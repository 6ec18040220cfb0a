"""The quantity reader: every figure in English prose, read as a typed Quantity (TODO: issue 2)."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.model import Quantity

READER_VERSION = "0"


def read_quantities(text: str, *, sentences: Sequence[tuple[int, int]] | None = None) -> list[Quantity]:
    """Return every figure of ``text`` in order of position (stub until issue 2 lands)."""
    return []
