"""Renderers shared by every command: JSON, CSV and Markdown from plain data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from factcheck.corpus.documents import line_place

SCHEMA_VERSION = 1

# What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which reorder or hide the text around them.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_char(char: str) -> str:
    """One control character as an escape: ``\\x1b`` below U+0100, ``\\u202e`` above."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` for a terminal: every control character (but tab and newline) and bidi override as an escape."""
    if UNPRINTABLE.search(text) is None:
        return text
    return UNPRINTABLE.sub(lambda m: escape_char(m.group()), text)


def printable_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``printable(text)``, and ``spans`` (offsets into ``text``) moved to where their characters went."""
    if UNPRINTABLE.search(text) is None:
        return text, list(spans)
    shift = [0] * (len(text) + 1)  # shift[i]: how far offset i moves
    pieces: list[str] = []
    for i, char in enumerate(text):
        piece = escape_char(char) if UNPRINTABLE.match(char) else char
        pieces.append(piece)
        shift[i + 1] = shift[i] + len(piece) - 1
    end = len(text)
    return "".join(pieces), [(a + shift[min(a, end)], b + shift[min(b, end)]) for a, b in spans]


def jsonable(obj: Any) -> Any:
    """Turn dataclasses, enums, tuples and integral floats into plain JSON data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return None
        if obj.is_integer() and abs(obj) < 2**53:
            return int(obj)
        return obj
    return obj


def to_json(obj: Any) -> str:
    """Indented JSON that keeps letters as they are, with every control character and bidi override escaped.

    ``json`` escapes C0 controls itself; DEL, C1 controls and bidi overrides, left raw by ``ensure_ascii=False``, are
    escaped here too (they can only stand inside strings), so that the JSON is safe to show on a terminal.
    """
    text = json.dumps(jsonable(obj), ensure_ascii=False, indent=2)
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_csv(rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(jsonable(row.get(k))) for k in fieldnames})
    return buffer.getvalue()


# A cell that starts with one of these is run as a formula by spreadsheets (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A text that is only a number ("-20", "-3.5%", "+1,200") or a lone sign (the path "-" of standard input): no formula.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d[\d,]*(?:\.\d+)?%?)?")


def csv_cell(value: Any) -> str:
    """One CSV cell; a text that a spreadsheet would run as a formula is neutralised with a leading ``'``.

    Numbers (factcheck's own values) are written as they are, and so is a text that is only a number, so ``-5``
    stays a number; any other text that starts with ``=``, ``+``, ``-``, ``@``, tab or CR gets the ``'``. Control
    characters are escaped as on a terminal (CSV has no escape of its own; JSON keeps the text exactly).
    """
    text = printable(_cell(value))
    if isinstance(value, (int, float)) or not text.startswith(FORMULA_START) or _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")
_SPACE = re.compile(r"\s+")


def md(text: object, strip: bool = True) -> str:
    """Text as it reads, whatever Markdown or HTML it holds: on one line, controls and punctuation escaped.

    ``<script>`` shows as ``\\<script\\>``, which Markdown renders as the text ``<script>``, never as HTML; ``|``
    cannot end a table cell, and a newline cannot end a table row.
    """
    one_line = printable(_SPACE.sub(" ", str(text)))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line.strip() if strip else one_line)


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table of cells that are already Markdown (text escaped with ``md``, with some emphasis)."""
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float | None) -> str:
    """A number as a person writes it: 28,000; 2.5; 0.333; 2.312 billion."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "not a number"  # "1.5e400": beyond a float
    for size, word in _SCALES:
        scaled = value / size
        if abs(value) >= size and abs(scaled * 1000 - round(scaled * 1000)) < 1e-6:  # exact at this scale
            return f"{round(scaled, 3):,g} {word}"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"


def format_ratio(value: float) -> str:
    """A ratio as a person writes it, three significant figures at most: 155×, 10×, 2.27×, 1.5×."""
    if abs(value) >= 100:
        return f"{value:,.0f}×"
    return f"{float(f'{value:.3g}'):g}×"


place = line_place  # a line as the text output writes it: "12", or "p3:4" (page 3, line 4) in a paged document
