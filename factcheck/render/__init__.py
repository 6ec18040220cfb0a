"""Renderers shared by every command: JSON, CSV and Markdown from plain data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

SCHEMA_VERSION = 1


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
    return json.dumps(jsonable(obj), ensure_ascii=False, indent=2)


def to_csv(rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(jsonable(row.get(k))) for k in fieldnames})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    def esc(value: Any) -> str:
        text = _cell(jsonable(value))
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |"]
    lines.append("| " + " | ".join("---" for _ in headers) + " |")
    lines.extend("| " + " | ".join(esc(c) for c in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float | None) -> str:
    """A number as a person writes it: 28,000; 2.5; 0.333; 2.312 billion."""
    if value is None:
        return ""
    for size, word in _SCALES:
        scaled = value / size
        if abs(value) >= size and abs(scaled * 1000 - round(scaled * 1000)) < 1e-6:  # exact at this scale
            return f"{round(scaled, 3):,g} {word}"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.4g}"
