"""Splitting a document into sentences with offsets and 1-based line numbers (TODO: issue 3)."""

from __future__ import annotations

import re

from factcheck.model import Sentence

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n\s*\n|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Crude placeholder: split on sentence punctuation and line breaks."""
    result: list[Sentence] = []
    pos = 0
    for match in [*_BOUNDARY.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            s = pos + (len(chunk) - len(chunk.lstrip()))
            e = s + len(stripped)
            result.append(Sentence(len(result), s, e, text.count("\n", 0, s) + 1, stripped))
        pos = match.end() if match else len(text)
    return result
