"""Drafted entries as claims.yaml text, and appended to a claims file as text, keeping its comments and order.

The file is edited as text, not dumped from data: every comment, blank line, quote style and key order of the
user's file stays as it was, and the new entries go at the end of its ``statistics:`` and ``claims:`` lists, at
their indentation. The result is validated by the normal loader (safe loader only) before it replaces the file
atomically (a temporary file in the same folder, then ``os.replace``), so a failed edit never reaches the disk.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from factcheck.commands.draft import DRAFT, Draft, DraftClaim, DraftStatistic
from factcheck.corpus.claims import claims_from_text, read_yaml_bytes, yaml_number
from factcheck.errors import ClaimsError, InputError, Problem, UsageError
from factcheck.model import ClaimFigure, Qualifier

# Text YAML reads back as the same string without quotes, in block and flow context alike.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()-]*")
# Characters YAML does not allow in a stream, even in a comment.
_NOT_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# An entry's lines, given the columns of its list's dashes and of its keys.
Entry = Callable[[int, int], list[str]]
DEFAULT_DASH = 2  # where a list made by a draft puts its dashes, as factcheck init's file and the bundled one do


@dataclass(frozen=True, slots=True)
class Written:
    """What ``write_draft`` added to the claims file."""

    path: str
    statistics: int
    claims: int


# --- entries as text ----------------------------------------------------------------------------


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back as the same string, else double-quoted."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and yaml.safe_load(text) == text:
        return text
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=sys.maxsize).rstrip("\n")


def _comment(text: str) -> str:
    return _NOT_IN_YAML.sub("?", " ".join(text.split()))


def figure_flow(figure: ClaimFigure) -> str:
    """A claim's figure as a flow mapping: ``{value: 28000, qualifier: over}``."""
    parts = [f"{key}: {yaml_number(number)}" for key, number in _numbers(figure)]
    if Qualifier(figure.qualifier) != Qualifier.EXACT:
        parts.append(f"qualifier: {Qualifier(figure.qualifier).value}")
    parts += [f"{key}: {scalar(value)}" for key, value in (("unit", figure.unit), ("per", figure.per)) if value]
    return "{" + ", ".join(parts) + "}"


def _numbers(figure: ClaimFigure) -> list[tuple[str, float]]:
    if figure.value is not None:
        return [("value", figure.value)]
    return [(key, number) for key, number in (("low", figure.low), ("high", figure.high)) if number is not None]


def claim_lines(claim: DraftClaim, dash: int = DEFAULT_DASH, content: int | None = None) -> list[str]:
    """The lines of a drafted claim as a list item whose dash stands at column ``dash`` and keys at ``content``,
    after a comment that says where its figure stands (for the reviewer)."""
    content = dash + 2 if content is None else content
    pad, inner = " " * content, " " * (content + 2)
    score = f", score {claim.score:.0f}" if claim.score is not None else ""
    lines = [
        " " * dash + _comment(f"# {claim.document} line {claim.line}: {claim.figure_text}{score}"),
        " " * dash + "-" + " " * (content - dash - 1) + f"id: {scalar(claim.id)}",
        f"{pad}status: {DRAFT}",
        f"{pad}statistic: {scalar(claim.statistic)}",
        f"{pad}text: {_quoted(claim.text)}",
        f"{pad}figure: {figure_flow(claim.figure)}",
    ]
    if claim.year is not None:
        lines.append(f"{pad}year: {claim.year}")
    lines += [
        f"{pad}citations:",
        f"{inner}- document: {scalar(claim.document)}",
        f"{inner}  quote: {_quoted(claim.quote)}",
    ]
    return lines


def statistic_lines(stat: DraftStatistic, dash: int = DEFAULT_DASH, content: int | None = None) -> list[str]:
    """The lines of a drafted statistic as a list item (see ``claim_lines``)."""
    content = dash + 2 if content is None else content
    pad = " " * content
    lines = [
        " " * dash + "-" + " " * (content - dash - 1) + f"id: {scalar(stat.id)}",
        f"{pad}label: {scalar(stat.label)}",
    ]
    lines += [
        f"{pad}{key}: {scalar(value)}"
        for key, value in (("kind", stat.kind), ("unit", stat.unit), ("per", stat.per))
        if value
    ]
    return lines


def _quoted(text: str) -> str:
    """Text a person reads and edits: always double-quoted, as the bundled claims file quotes its quotes."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=sys.maxsize).rstrip("\n")


def draft_yaml(draft: Draft) -> str:
    """The drafted entries as one YAML document, under ``statistics:`` and ``claims:``, to review and paste."""
    what = (
        f'"{draft.query}"' if draft.query else f"--document {draft.document}" if draft.document else "(every statistic)"
    )
    lines = [
        _comment(f"# factcheck draft {what}: review each claim, then remove its 'status: draft' line."),
        "# Paste the statistics under 'statistics:' and the claims under 'claims:' of claims.yaml (or use --write).",
    ]
    if draft.statistics:
        lines.append("statistics:")
        for stat in draft.statistics:
            lines += statistic_lines(stat)
    lines.append("claims:" if draft.claims else "claims: []")
    for index, claim in enumerate(draft.claims):
        lines += ([""] if index else []) + claim_lines(claim)
    return "\n".join(lines) + "\n"


# --- appending to a file ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str
    order: int  # edits at one place are applied in the order they were made


def append_entries(text: str, draft: Draft, path: str = "claims.yaml") -> str:
    """``text`` (a valid claims file) with the draft's statistics and claims appended to its lists, as text.

    Raises UsageError when a list cannot be appended to as text (a flow list that is not empty: ``[a, b]``).
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # the file was validated: its size and depth are known
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[_Edit] = []
    for key, entries in (
        ("statistics", [partial(statistic_lines, s) for s in draft.statistics]),
        ("claims", [partial(claim_lines, c) for c in draft.claims]),
    ):
        if entries:
            edits += _list_edits(text, root, key, entries, path, len(edits))
    for edit in sorted(edits, key=lambda e: (e.start, e.order), reverse=True):
        text = text[: edit.start] + edit.text.replace("\n", newline) + text[edit.end :]
    return text


def _list_edits(
    text: str, root: yaml.Node | None, key: str, entries: Sequence[Entry], path: str, order: int
) -> list[_Edit]:
    """The edits that append ``entries`` to the list under ``key`` (made when the file has none)."""
    found = _value_of(root, key)
    if found is None:  # no such key: a new list at the end of the file
        block = _block(entries, DEFAULT_DASH, DEFAULT_DASH + 2)
        start = len(text)
        lead = "" if not text or text.endswith("\n") else "\n"
        return [_Edit(start, start, f"{lead}{key}:\n{block}", order)]
    key_node, value = found
    line_end = _line_end(text, value.end_mark.index)
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0]
        line_start = text.rfind("\n", 0, first.start_mark.index) + 1
        dash = text.rfind("-", line_start, first.start_mark.index) - line_start
        content = first.start_mark.column
        last_end = value.value[-1].end_mark
        at = last_end.index if last_end.column == 0 else _line_end(text, last_end.index)
        return [_Edit(at, at, _block(entries, dash, content, leading=True), order)]
    empty_flow = isinstance(value, yaml.SequenceNode) and not value.value
    if empty_flow or (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")):
        dash = key_node.start_mark.column + DEFAULT_DASH
        block = _block(entries, dash, dash + 2)
        # "claims: []" or "claims: ~" loses its value; the list starts on the next line (a comment after stays).
        start = value.start_mark.index
        while start > key_node.end_mark.index + 1 and text[start - 1] in " \t":
            start -= 1
        cleared = _Edit(start, value.end_mark.index, "", order)
        return [cleared, _Edit(line_end, line_end, block, order + 1)]
    where = f"{path}:{key_node.start_mark.line + 1}:{key_node.start_mark.column + 1}"
    raise UsageError(
        f"{where}: error: cannot append to '{key}' as written (a list in brackets); write it as a block list, one "
        "'- id: ...' item a line, or paste the drafted entries by hand (run without --write)"
    )


def _value_of(root: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def _line_end(text: str, index: int) -> int:
    """The offset just after the line that holds ``index`` (its newline included; the text's end if it has none)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _block(entries: Sequence[Entry], dash: int, content: int, leading: bool = False) -> str:
    """The entries as list items, a blank line between two (and before the first when ``leading``)."""
    lines: list[str] = []
    for index, entry in enumerate(entries):
        if index or leading:
            lines.append("")
        lines += entry(dash, content)
    return "\n".join(lines) + "\n"


def write_draft(path: Path, draft: Draft) -> Written:
    """Append the draft's entries to the claims file at ``path``, keeping everything it has.

    The new text is validated by the normal loader first, and must hold every drafted id; it then replaces the file
    atomically. Raises ClaimsError (the file untouched) when the result would not be valid, saying why.
    """
    data = read_yaml_bytes(path)
    bom = data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    # A file whose text ends without a newline, or at a document end marker ('...'), still gets its entries at the
    # end; the validation below says so when that makes it invalid.
    new_text = append_entries(text, draft, str(path))
    try:
        written = claims_from_text(new_text, str(path))
    except ClaimsError as error:
        raise ClaimsError(
            f"{path}: the drafted entries would make the claims file invalid, so it is left as it was; paste them by"
            " hand (run without --write) or fix the file's layout",
            error.problems,
        ) from None
    missing = {c.id for c in draft.claims} - {c.id for c in written.claims}
    missing |= {s.id for s in draft.statistics} - {s.id for s in written.statistics}
    if missing:
        problem = Problem(
            str(path), f"the drafted entries did not land in the file's lists: {', '.join(sorted(missing))}"
        )
        raise ClaimsError(f"{path}: cannot append the drafted entries as text; the file is left as it was", (problem,))
    replace_file(path, (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8"))
    return Written(str(path), len(draft.statistics), len(draft.claims))


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then put it in its place: the file is either the old one
    or the new one, never half written, whatever happens meanwhile."""
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError.at(path, f"cannot write beside the claims file: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as error:
        os.unlink(temporary)
        raise InputError.at(path, f"cannot write the claims file: {error.strerror or error}") from None
