"""Loading and validating claims.yaml: statistics, claims, citations and publisher metadata.

The file is parsed with PyYAML's safe composer only, and the data is built from the node tree by hand, so that
every problem names its line and column, duplicate keys in one mapping are caught (plain ``safe_load`` keeps the
last one silently), and every problem of the file is reported at once.
"""

from __future__ import annotations

import difflib
import math
import re
import sys
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

import yaml
from rapidfuzz import fuzz, process, utils

from factcheck.corpus.yamlnodes import MAX_EXPANDED_CHARS, YAMLLimitError, compose
from factcheck.errors import ClaimsError, InputError, Problem
from factcheck.model import (
    Citation,
    Claim,
    ClaimFigure,
    ClaimsFile,
    Cues,
    Kind,
    PublisherMeta,
    Qualifier,
    Statistic,
)

ID_PATTERN = re.compile(r"[A-Za-z0-9._-]+")
STATISTIC_KINDS: tuple[str, ...] = tuple(
    k.value for k in (Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.RATIO, Kind.DURATION, Kind.MEASURE)
)
QUALIFIERS: tuple[str, ...] = tuple(q.value for q in Qualifier)
PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
FUZZY_THRESHOLD = 85
MAX_FILE_BYTES = 2 * MAX_EXPANDED_CHARS
"""The largest claims file read (its text, aliases expanded, is limited to ``MAX_EXPANDED_CHARS`` characters)."""

TOP_KEYS = ("meta", "statistics", "claims", "reviewed_disputes")
META_KEYS = ("organisation", "url", "title")
STATISTIC_KEYS = ("id", "label", "aliases", "kind", "unit", "per", "scope", "description", "cues")
SCOPES = ("current", "cumulative")
CUES_KEYS = ("require", "exclude", "cumulative", "current")
CLAIM_KEYS = ("id", "status", "statistic", "text", "figure", "year", "tags", "citations")
# A claim's status: "draft" marks one proposed by `factcheck draft` and not yet reviewed (check warns, --strict fails).
CLAIM_STATUSES = ("draft",)
FIGURE_KEYS = ("value", "low", "high", "qualifier", "unit", "per")
CITATION_KEYS = ("document", "quote", "note", "page")

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TAG + "timestamp"}
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_UNSIGNED_EXPONENT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)[eE]\d+")

Fields = dict[str, tuple[yaml.Node, yaml.Node]]


# --- public API ------------------------------------------------------------------------------------------------


def load_claims(path: Path) -> ClaimsFile:
    """Load and validate a claims file.

    Raises ``InputError`` when the file cannot be read and ``ClaimsError`` listing every problem when it is not
    valid UTF-8, not valid YAML, or does not follow the schema (docs/claims-format.md). Non-fatal findings
    (a claim with no statistic or no citations, an empty file) are returned in ``ClaimsFile.warnings``.
    """
    return claims_from_text(_decode(path, read_yaml_bytes(path)), str(path))


def claims_from_text(text: str, name: str) -> ClaimsFile:
    """Validate the text of a claims file as ``load_claims`` does; ``name`` is the path its messages give (used to
    check a file's new text before it is written, so that a failed edit never reaches the disk)."""
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        raise _errors(name, [_syntax_problem(name, text, exc)]) from None
    builder = _Builder(name)
    result = builder.build(root)
    if builder.errors:
        raise _errors(name, builder.errors)
    return result


def find_statistic(claims: ClaimsFile, query: str) -> Statistic | None:
    """The statistic a user means by ``query``: an id, label or alias, loosely written, or None.

    An exact match after normalising case, hyphens, underscores, spaces and simple plurals wins ("Annual-Revenue"
    and "annual revenues" both find "annual revenue"); else the closest phrasing by rapidfuzz's token_sort_ratio
    if it scores at least ``FUZZY_THRESHOLD`` (which forgives typos and word order, but not free text).
    """
    wanted = normalise_phrase(query)
    if not wanted:
        return None
    owners: list[Statistic] = []
    phrasings: list[str] = []
    for stat in claims.statistics:
        for phrase in (stat.id, *stat.phrasings):
            owners.append(stat)
            phrasings.append(normalise_phrase(phrase))
    for owner, phrase in zip(owners, phrasings, strict=True):
        if phrase == wanted:
            return owner
    best = process.extractOne(wanted, phrasings, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_THRESHOLD)
    return owners[best[2]] if best is not None else None


def unknown_documents(claims: ClaimsFile, known_ids: Collection[str]) -> list[Problem]:
    """One problem per citation of a document id that is not in ``known_ids``, with the closest ids as hint."""
    known = list(dict.fromkeys(known_ids))
    known_set = set(known)
    problems: list[Problem] = []
    for claim in claims.claims:
        for citation in claim.citations:
            if citation.document in known_set:
                continue
            message = f"claim '{claim.id}' cites document '{citation.document}', which the corpus does not have"
            problems.append(
                Problem(
                    claims.path,
                    message,
                    citation.line,
                    citation.column,
                    closest_hint(citation.document, known, empty="the corpus has no documents"),
                )
            )
    return problems


def normalise_phrase(text: str) -> str:
    """Lower case, words split on anything but letters and digits, simple plurals made singular."""
    words = re.split(r"[\W_]+", text.casefold())
    return " ".join(_singular(word) for word in words if word)


# --- reading the file ------------------------------------------------------------------------------------------


def read_yaml_bytes(path: Path, what: str = "claims file", missing_hint: str | None = None) -> bytes:
    """The bytes of a YAML file the user names (``what`` says which, in messages): only a regular file of at most
    ``MAX_FILE_BYTES``, so that a pipe, a device or a huge file is refused instead of waited on or held in memory.
    Raises InputError naming the file and how to fix it."""
    if path.is_dir():
        raise InputError.at(path, f"is a folder, not a {what}", hint="pass the path of a .yaml file")
    try:
        status = path.stat()
        if not S_ISREG(status.st_mode):
            # A pipe with no writer would wait for ever, a device such as /dev/zero never ends.
            raise InputError.at(
                path, "is not a regular file (a pipe, socket or device)", hint=f"save the {what} to a file and pass it"
            )
        data = b""
        if status.st_size <= MAX_FILE_BYTES:
            with path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)  # it may have grown since
    except FileNotFoundError:
        hint = missing_hint or "create it (see docs/claims-format.md) or pass --claims PATH"
        raise InputError.at(path, f"{what} not found", hint=hint) from None
    except OSError as exc:
        raise InputError.at(path, f"cannot read the {what}: {exc.strerror or exc}") from None
    if status.st_size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise InputError.at(
            path, f"the {what} is larger than {MAX_FILE_BYTES:,} bytes", hint="split it, or keep only what is needed"
        )
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        problem = Problem(str(path), message, line, column, _encoding_hint(data))
        raise _errors(str(path), [problem]) from None


def _encoding_hint(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return f"it looks like {best.encoding}; save it as UTF-8"
    return "save the file as UTF-8"


def _syntax_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    hint = "check the indentation, quotes and brackets around this place; quote text that contains ': ' or ' #'"
    if isinstance(exc, YAMLLimitError) and exc.problem_mark is not None:
        where = exc.problem_mark
        return Problem(path, str(exc.problem), where.line + 1, where.column + 1, exc.hint)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = ", ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        if "single document" in problem:
            hint = "a claims file is one YAML document: remove the extra '---' lines"
        elif "'\\t'" in problem or "tab" in problem:
            hint = "indent with spaces, never tabs"
        if mark is None:
            return Problem(path, f"invalid YAML: {problem}", hint=hint)
        return Problem(path, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1, hint)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        message = f"invalid YAML: the control character {exc.character!r} is not allowed"
        return Problem(path, message, line, column, "remove it, or write it as an escape in a double-quoted string")
    return Problem(path, f"invalid YAML: {exc}", hint=hint)


def _errors(path: str, problems: Iterable[Problem]) -> ClaimsError:
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    count = "1 error" if len(ordered) == 1 else f"{len(ordered)} errors"
    them = "it" if len(ordered) == 1 else "them"
    return ClaimsError(f"{path}: {count} in the claims file; fix {them} and run again", tuple(ordered))


# --- building the data from the node tree ----------------------------------------------------------------------


@dataclass
class _Reference:
    """A claim's ``statistic:`` value, checked once every statistic of the file is known."""

    where: str
    statistic: str
    node: yaml.Node


@dataclass
class _Builder:
    """Walks the node tree along the schema, collecting values, errors and warnings."""

    path: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)
    # (mapping node id, allowed key) for keys an unknown key was taken for, so a misspelt required key is
    # reported once (as unknown, with "did you mean"), not a second time as missing.
    misspelt: set[tuple[int, str]] = field(default_factory=set)
    constructor: yaml.constructor.SafeConstructor = field(default_factory=yaml.constructor.SafeConstructor)

    # -- reporting --

    def error(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        line, column = _position(node)
        self.errors.append(Problem(self.path, message, line, column, hint))

    def warn(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        line, column = _position(node)
        self.warnings.append(Problem(self.path, message, line, column, hint, severity="warning"))

    # -- the file --

    def build(self, root: yaml.Node | None) -> ClaimsFile:
        if root is None or _is_null(root):
            self.warn(root, "the claims file is empty", "add statistics and claims; see docs/claims-format.md")
            return ClaimsFile(self.path, warnings=self._warning_texts())
        fields = self.mapping(root, TOP_KEYS, "the top level", "write 'statistics:' and 'claims:' at the top")
        if fields is None:
            return ClaimsFile(self.path)
        meta = self.meta(fields["meta"][1]) if "meta" in fields else PublisherMeta()
        statistics = self.statistics(fields["statistics"][1]) if "statistics" in fields else ()
        claims = self.claims(fields["claims"][1]) if "claims" in fields else ()
        self.check_references(statistics, fields["statistics"][1] if "statistics" in fields else None)
        self.check_shared_phrasings(statistics)
        reviewed = self.strings(fields, "reviewed_disputes", "the claims file")
        return ClaimsFile(self.path, statistics, claims, meta, self._warning_texts(), reviewed)

    def _warning_texts(self) -> tuple[str, ...]:
        ordered = sorted(self.warnings, key=lambda p: (p.line or 0, p.column or 0))
        return tuple(str(p) for p in ordered)

    def meta(self, node: yaml.Node) -> PublisherMeta:
        if _is_null(node):
            return PublisherMeta()
        fields = self.mapping(node, META_KEYS, "meta", "write e.g. 'meta: {organisation: ..., url: ...}'")
        if fields is None:
            return PublisherMeta()
        return PublisherMeta(
            organisation=self.text(fields, "organisation", "meta"),
            url=self.text(fields, "url", "meta"),
            title=self.text(fields, "title", "meta"),
        )

    # -- statistics --

    def statistics(self, node: yaml.Node) -> tuple[Statistic, ...]:
        items = self.items(node, "statistics", "start each statistic with '- id: ...'")
        result: list[Statistic] = []
        first_seen: dict[str, yaml.Node] = {}
        for index, item in enumerate(items, start=1):
            stat = self.statistic(item, index, first_seen)
            if stat is not None:
                result.append(stat)
        return tuple(result)

    def statistic(self, node: yaml.Node, index: int, first_seen: dict[str, yaml.Node]) -> Statistic | None:
        where = _item_name(node, "statistic", index)
        fields = self.mapping(node, STATISTIC_KEYS, where, "write each statistic as '- id: ...'")
        if fields is None:
            return None
        stat_id = self.identifier(fields, node, where, first_seen, "statistic")
        label = self.text(fields, "label", where, required=node)
        stat = Statistic(
            id=stat_id or "",
            label=label or "",
            aliases=self.strings(fields, "aliases", where),
            kind=_kind(self.choice(fields, "kind", where, STATISTIC_KINDS)),
            unit=self.text(fields, "unit", where),
            per=self.choice(fields, "per", where, PERIODS),
            cues=self.cues(fields["cues"][1], where) if "cues" in fields else Cues(),
            description=self.text(fields, "description", where),
            scope=self.choice(fields, "scope", where, SCOPES),
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
        return stat if stat_id and label else None

    def cues(self, node: yaml.Node, where: str) -> Cues:
        if _is_null(node):
            return Cues()
        fields = self.mapping(node, CUES_KEYS, f"the cues of {where}", "write e.g. 'cues: {require: [yearly]}'")
        if fields is None:
            return Cues()
        what = f"the cues of {where}"
        return Cues(*(self.strings(fields, key, what) for key in CUES_KEYS))

    # -- claims --

    def claims(self, node: yaml.Node) -> tuple[Claim, ...]:
        items = self.items(node, "claims", "start each claim with '- id: ...'")
        result: list[Claim] = []
        first_seen: dict[str, yaml.Node] = {}
        for index, item in enumerate(items, start=1):
            claim = self.claim(item, index, first_seen)
            if claim is not None:
                result.append(claim)
        return tuple(result)

    def claim(self, node: yaml.Node, index: int, first_seen: dict[str, yaml.Node]) -> Claim | None:
        where = _item_name(node, "claim", index)
        fields = self.mapping(node, CLAIM_KEYS, where, "write each claim as '- id: ...'")
        if fields is None:
            return None
        claim_id = self.identifier(fields, node, where, first_seen, "claim")
        text = self.text(fields, "text", where, required=node)
        statistic = self.text(fields, "statistic", where)
        if statistic is not None:
            self.references.append(_Reference(where, statistic, fields["statistic"][1]))
        elif "statistic" not in fields or _is_null(fields["statistic"][1]):
            self.warn(node, f"{where} names no statistic", "add 'statistic: <id>' so it is compared with the sources")
        citations = self.citations(fields["citations"][1], where) if "citations" in fields else ()
        if not citations and not self.has_items(fields.get("citations")):
            self.warn(node, f"{where} has no citations", "add a citation; `factcheck check` fails a claim without one")
        claim = Claim(
            id=claim_id or "",
            text=text or "",
            statistic=statistic,
            figure=self.figure(fields["figure"][1], where) if "figure" in fields else None,
            year=self.integer(fields, "year", where),
            tags=self.strings(fields, "tags", where),
            citations=citations,
            status=self.choice(fields, "status", where, CLAIM_STATUSES),
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
        return claim if claim_id and text else None

    def has_items(self, entry: tuple[yaml.Node, yaml.Node] | None) -> bool:
        return entry is not None and isinstance(entry[1], yaml.SequenceNode) and bool(entry[1].value)

    def figure(self, node: yaml.Node, where: str) -> ClaimFigure | None:
        if _is_null(node):
            return None
        what = f"the figure of {where}"
        example = "write e.g. 'figure: {value: 12345}' or 'figure: {low: 100, high: 250}'"
        fields = self.mapping(node, FIGURE_KEYS, what, example)
        if fields is None:
            return None
        value, low, high = (self.number(fields, key, what) for key in ("value", "low", "high"))
        if "value" in fields and ("low" in fields or "high" in fields):
            self.error(
                node, f"{what} has both 'value' and 'low'/'high'", "give a single 'value' or a 'low'/'high' range"
            )
        elif not any(key in fields or (id(node), key) in self.misspelt for key in ("value", "low", "high")):
            self.error(node, f"{what} has no number", example)
        if low is not None and high is not None and low > high:
            self.error(
                fields["low"][1],
                f"{what} has low {yaml_number(low)} above high {yaml_number(high)}",
                "swap 'low' and 'high'",
            )
        qualifier = self.choice(fields, "qualifier", what, QUALIFIERS)
        return ClaimFigure(
            value=value,
            low=low,
            high=high,
            qualifier=Qualifier(qualifier) if qualifier else Qualifier.EXACT,
            unit=self.text(fields, "unit", what),
            per=self.choice(fields, "per", what, PERIODS),
        )

    def citations(self, node: yaml.Node, where: str) -> tuple[Citation, ...]:
        if _is_null(node):
            return ()
        items = self.items(node, f"the citations of {where}", "write each citation as '- document: ...'")
        result: list[Citation] = []
        for index, item in enumerate(items, start=1):
            citation = self.citation(item, f"citation #{index} of {where}")
            if citation is not None:
                result.append(citation)
        return tuple(result)

    def citation(self, node: yaml.Node, where: str) -> Citation | None:
        fields = self.mapping(node, CITATION_KEYS, where, "write each citation as '- document: ...' and 'quote: ...'")
        if fields is None:
            return None
        document = self.text(fields, "document", where, required=node)
        quote = self.text(fields, "quote", where, required=node)
        note = self.text(fields, "note", where)
        page = self.integer(fields, "page", where)
        if page is not None and page < 1:
            self.error(fields["page"][1], f"'page' of {where} must be 1 or more, not {page}", "pages count from 1")
            page = None
        if document is None or quote is None:
            return None
        return Citation(document, quote, note, node.start_mark.line + 1, node.start_mark.column + 1, page)

    def check_shared_phrasings(self, statistics: Sequence[Statistic]) -> None:
        """Warn when two statistics share an id, label or alias once normalised: a search finds only the first."""
        owner: dict[str, str] = {}
        for stat in statistics:
            for phrase in dict.fromkeys(normalise_phrase(p) for p in (stat.id, *stat.phrasings)):
                first = owner.setdefault(phrase, stat.id)
                if first == stat.id:
                    continue
                message = f"statistic '{stat.id}' shares the phrasing '{phrase}' with statistic '{first}'"
                hint = f"a search for '{phrase}' finds '{first}'; drop or reword one of them"
                self.warnings.append(Problem(self.path, message, stat.line, stat.column, hint, severity="warning"))

    def check_references(self, statistics: Sequence[Statistic], node: yaml.Node | None) -> None:
        # Ids of statistics that have other errors count as declared, so one mistake is not reported twice.
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        ids = {_raw_id(item) for item in items} | {stat.id for stat in statistics}
        for ref in self.references:
            if ref.statistic in ids:
                continue
            hint = statistic_hint(ref.statistic, statistics)
            self.error(ref.node, f"{ref.where} names the unknown statistic '{ref.statistic}'", hint)

    # -- generic readers --

    def mapping(self, node: yaml.Node, allowed: Sequence[str], what: str, example: str) -> Fields | None:
        """The known keys of a mapping node; unknown, duplicate and non-name keys are reported."""
        if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
            self.error(node, f"{what} must be a mapping of keys to values, not {_describe(node)}", example)
            return None
        fields: Fields = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"{what} has a key that is not a name", f"allowed keys: {', '.join(allowed)}")
                continue
            key = str(key_node.value)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(
                    key_node, f"duplicate key '{key}' in {what}", f"it was first given on line {first}; keep one"
                )
                continue
            seen[key] = key_node
            if key in allowed:
                fields[key] = (key_node, value_node)
            else:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                self.misspelt.update((id(node), c) for c in close)
                self.error(key_node, f"unknown key '{key}' in {what}", _key_hint(key, close, allowed))
        return fields

    def items(self, node: yaml.Node, what: str, example: str) -> list[yaml.Node]:
        if _is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
            self.error(node, f"{what} must be a list, not {_describe(node)}", example)
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node) -> object:
        """The Python value of a plain scalar node (str, int, float, bool, None, date), never of a custom tag."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _SCALAR_TAGS:
            raise TypeError(node.tag)
        if node.tag == _STR:
            return str(node.value)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):  # a date that looks right but is not one, such as 2020-02-30
            return str(node.value)

    def text(self, fields: Fields, key: str, where: str, required: yaml.Node | None = None) -> str | None:
        """A string value, stripped; None when absent or invalid. ``required`` is the mapping that must have it."""
        if key not in fields:
            if required is not None and (id(required), key) not in self.misspelt:
                self.error(required, f"{where} is missing the required key '{key}'", f"add '{key}: ...'")
            return None
        node = fields[key][1]
        if _is_null(node):
            if required is not None:
                self.error(fields[key][0], f"'{key}' of {where} is empty", f"write the {key} after '{key}: '")
            return None
        if not _is_str(node):
            self.error(node, f"'{key}' of {where} must be text, not {_describe(node)}", _quote_hint(node))
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, f"'{key}' of {where} is empty", f"write the {key}, or remove the key")
            return None
        return value

    def identifier(
        self, fields: Fields, node: yaml.Node, where: str, first_seen: dict[str, yaml.Node], noun: str
    ) -> str | None:
        value = self.text(fields, "id", where, required=node)
        if value is None:
            return None
        id_node = fields["id"][1]
        if not ID_PATTERN.fullmatch(value):
            self.error(
                id_node, f"{noun} id '{value}' has characters other than A-Z, a-z, 0-9, '.', '_', '-'", _id_hint(value)
            )
            return None
        if value in first_seen:
            first = first_seen[value].start_mark.line + 1
            self.error(id_node, f"duplicate {noun} id '{value}'", f"it was first used on line {first}; ids are unique")
            return None
        first_seen[value] = id_node
        return value

    def strings(self, fields: Fields, key: str, where: str) -> tuple[str, ...]:
        if key not in fields or _is_null(fields[key][1]):
            return ()
        node = fields[key][1]
        if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ:
            hint = f"write '{key}: [{node.value}]'" if _is_str(node) else f"write '{key}: [first, second]'"
            self.error(node, f"'{key}' of {where} must be a list of strings, not {_describe(node)}", hint)
            return ()
        result: list[str] = []
        for item in node.value:
            if not _is_str(item):
                self.error(item, f"'{key}' of {where} must hold strings, not {_describe(item)}", _quote_hint(item))
            elif not str(item.value).strip():
                self.error(item, f"'{key}' of {where} holds an empty string", "remove it")
            else:
                result.append(str(item.value).strip())
        return tuple(result)

    def choice(self, fields: Fields, key: str, where: str, allowed: Sequence[str]) -> str | None:
        if key not in fields or _is_null(fields[key][1]):
            return None
        node = fields[key][1]
        value = str(self.scalar(node)) if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS else None
        if value in allowed:
            return value
        shown = f"'{value}'" if value is not None else _describe(node)
        hint = f"allowed: {', '.join(allowed)}"
        close = difflib.get_close_matches(re.sub(r"[\s-]+", "_", (value or "").lower()), allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'? {hint}"
        self.error(node, f"invalid {key} {shown} in {where}", hint)
        return None

    def number(self, fields: Fields, key: str, where: str) -> float | None:
        if key not in fields:
            return None
        node = fields[key][1]
        value = self.scalar(node) if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = _finite(value)
            if number is not None:
                return number
            self.error(node, f"'{key}' of {where} {_NOT_FINITE} {_shorten(str(node.value))}", _FINITE_HINT)
            return None
        if isinstance(value, str):
            message, hint = _number_text_problem(node, value)
            self.error(node, f"'{key}' of {where} {message}", hint)
            return None
        self.error(node, f"'{key}' of {where} must be a number, not {_describe(node)}", "write e.g. 12345 or 1.5e+9")
        return None

    def integer(self, fields: Fields, key: str, where: str) -> int | None:
        if key not in fields or _is_null(fields[key][1]):
            return None
        node = fields[key][1]
        value = self.scalar(node) if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        hint = "write a whole number such as 2020"
        if isinstance(value, str) and value.strip().isdigit():
            hint = f"write {value.strip()} without quotes"
        self.error(node, f"'{key}' of {where} must be a whole number, not {_describe(node)}", hint)
        return None


# --- small helpers ---------------------------------------------------------------------------------------------


def _position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


def _raw_id(node: yaml.Node, strings_only: bool = False) -> str | None:
    """The text of a list item's 'id' key as written, before any validation."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value).strip() if _is_str(value) or not strings_only else None
    return None


def _item_name(node: yaml.Node, noun: str, index: int) -> str:
    """How messages name a list item: by its id when it has a valid one, else by its 1-based place."""
    raw = _raw_id(node, strings_only=True)
    return f"{noun} '{raw}'" if raw is not None and ID_PATTERN.fullmatch(raw) else f"{noun} #{index}"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _is_str(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping" if node.tag == _MAP else f"a mapping tagged {node.tag}"
    if isinstance(node, yaml.SequenceNode):
        return "a list" if node.tag == _SEQ else f"a list tagged {node.tag}"
    shown = _shorten(str(node.value))
    kinds = {
        _STR: f"the text '{shown}'",
        _INT: f"the number {node.value}",
        _FLOAT: f"the number {node.value}",
        _BOOL: f"the boolean {shown}",
        _NULL: "an empty value",
        _TAG + "timestamp": f"the date {shown}",
    }
    return kinds.get(node.tag, f"a value tagged {node.tag}")


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote_hint(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT, _BOOL, _TAG + "timestamp"):
        return f'put it in quotes: "{node.value}"'
    return "write a plain string"


def _key_hint(key: str, close: Sequence[str], allowed: Sequence[str]) -> str:
    if close:
        return f"did you mean '{close[0]}'?"
    if key.isdigit():
        return "inside { } a comma separates entries: write numbers without separators (12345, not 12,345)"
    if key == "<<":
        return f"merge keys are not supported; write the keys out. Allowed keys: {', '.join(allowed)}"
    return f"allowed keys: {', '.join(allowed)}"


def _id_hint(value: str) -> str:
    suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-")
    return f"use only letters, digits, '.', '_' and '-', e.g. '{suggestion}'" if suggestion else "use e.g. 'claim-1'"


def _kind(value: str | None) -> Kind | None:
    return Kind(value) if value is not None else None


def yaml_number(number: float) -> str:
    """A number as YAML reads it back: 28000, 75.5, 1.0e+20 (YAML 1.1 needs a dot and a sign in an exponent)."""
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    mantissa, _, exponent = repr(number).partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}e{'' if exponent[0] in '+-' else '+'}{exponent}"


_NOT_FINITE = "must be a finite number, not"
_NUMBER_HINT = "write the figure in base units, e.g. 12345 or 1.5e+9"
_FINITE_HINT = f"a figure is at most {sys.float_info.max:.4g}, and not NaN or infinite; {_NUMBER_HINT}"


def _finite(value: int | float) -> float | None:
    """``value`` as a float, or None for NaN, an infinity, or an integer too large for a float (10**400)."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _number_text_problem(node: yaml.Node, value: str) -> tuple[str, str]:
    """Message and hint for a number written as text ("12,345", "1.5e9")."""
    cleaned = re.sub(r"[\s,_]", "", value)
    try:
        number = float(cleaned)
    except ValueError:
        return f"must be a number, not the text '{_shorten(value)}'", _NUMBER_HINT
    if not math.isfinite(number):
        return f"{_NOT_FINITE} '{_shorten(value)}'", _FINITE_HINT
    plain = yaml_number(number)
    if isinstance(node, yaml.ScalarNode) and not node.style and _UNSIGNED_EXPONENT.fullmatch(cleaned):
        signed = re.sub(r"([eE])", r"\1+", cleaned)
        return f"is read as text: '{_shorten(value)}'", f"YAML needs a sign in the exponent: write {signed} or {plain}"
    return f"must be a number, not the text '{_shorten(value)}'", f"write {plain} without quotes or separators"


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def statistic_hint(name: str, statistics: Sequence[Statistic]) -> str:
    if not statistics:
        return "define it under 'statistics:' first"
    by_phrase = ClaimsFile("", statistics=tuple(statistics))
    found = find_statistic(by_phrase, name)
    close = [found.id] if found is not None else difflib.get_close_matches(name, [s.id for s in statistics], n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"known statistics: {', '.join(s.id for s in statistics)}"


def closest_hint(name: str, known: Sequence[str], what: str = "documents", empty: str | None = None) -> str:
    """ "did you mean ...?" with the known names closest to ``name``, else the first known ones; ``empty``: what
    to say when none is known (default: "there are no <what>")."""
    if not known:
        return empty or f"there are no {what}"
    matches = process.extract(name, known, scorer=fuzz.WRatio, processor=utils.default_process, limit=3)
    close = [str(m[0]) for m in matches if m[1] >= 60]
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
    return f"known {what}: {shown}"
