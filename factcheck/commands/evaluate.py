"""Measuring compare against answer keys (gold.yaml): top-answer accuracy, recall, precision, forbidden figures.

An answer key says, for each statistic and each document of a corpus, which figures a careful reader takes as the
document's answer (``expect``), which may be shown without being required (``allow``) and which belong to other
statistics (``forbid``); see docs/evaluation.md. :func:`evaluate_keys` asks ``compare`` every query of every key with
its default options, exactly what ``factcheck compare QUERY --format json`` shows, and scores what it shows.

A finding is matched to a gold figure by its numbers, not its text: the gold figure is located in the document
(its occurrence, read by the quantity reader in the document's own number convention), and a finding matches it when
it is that occurrence (or the figure that occurrence restates, as "€1.3bn" for the "$1.4bn" of "€1.3bn ($1.4bn)"),
or has the same numbers: a range the same ends, a point the same value once rounded to the precision the gold figure
is written with ("1.3 billion" matches 1.34 billion, "28,000" does not match 28,400).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factcheck.commands.compare import CompareOptions, Comparison, DocumentFindings, Finding, compare_queries
from factcheck.corpus.documents import Corpus
from factcheck.corpus.yamlnodes import compose
from factcheck.errors import GoldError, InputError, Problem, UsageError
from factcheck.model import ClaimsFile, Figure, Quantity
from factcheck.reading.text import normalise_phrase

EXPECT, ALLOW, FORBID = "expect", "allow", "forbid"
LISTS = (EXPECT, ALLOW, FORBID)
LABEL, QUERY, PARAPHRASE = "label", "query", "paraphrase"
KEY_FILE = "gold.yaml"
_TOP_KEYS = ("statistics", "corpus", "claims")
_STATISTIC_KEYS = ("queries", "paraphrases", "documents", "distractors")


# --- the answer key ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """A figure of the key as written (hedges dropped), and where it stands in the key file (1-based)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """What the key says one document gives for one statistic."""

    id: str
    expect: tuple[GoldFigure, ...]
    allow: tuple[GoldFigure, ...]
    forbid: tuple[GoldFigure, ...]
    line: int
    column: int

    def figures(self, which: str) -> tuple[GoldFigure, ...]:
        return {EXPECT: self.expect, ALLOW: self.allow, FORBID: self.forbid}[which]


@dataclass(frozen=True, slots=True)
class GoldQuery:
    text: str
    kind: str  # "label" (the first query), "query" (the other queries) or "paraphrase"


@dataclass(frozen=True, slots=True)
class GoldStatistic:
    id: str
    queries: tuple[GoldQuery, ...]
    documents: tuple[GoldDocument, ...]
    line: int


@dataclass(frozen=True, slots=True)
class AnswerKey:
    """An answer key, with the corpus and claims file it is about (claims None: queries are free text)."""

    path: Path
    name: str
    corpus: Path
    claims: Path | None
    statistics: tuple[GoldStatistic, ...]


def key_path(path: Path) -> Path:
    """The key file meant by ``path``: the file itself, or a folder's gold.yaml."""
    return path / KEY_FILE if path.is_dir() else path


def load_key(path: Path) -> AnswerKey:
    """Read an answer key (a gold.yaml file or its folder), in the new form or the old one (docs/evaluation.md).

    The corpus is the key's ``corpus:`` (relative to the key file), else the folder ``corpus`` beside it; the
    claims file its ``claims:``, else ``claims.yaml`` beside it if there is one. Raises InputError when the file
    cannot be read and GoldError listing every problem when it is not valid YAML or not an answer key.
    """
    from factcheck.corpus.claims import read_yaml_bytes

    path = key_path(path)
    data = read_yaml_bytes(path, "answer key", "pass a gold.yaml file or the folder holding it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError.at(path, f"the answer key is not valid UTF-8 (byte {error.start})") from None
    try:
        root = compose(text)
    except yaml.YAMLError as error:
        raise _errors(path, [_syntax_problem(path, error)]) from None
    reader = _KeyReader(path)
    statistics, corpus, claims = reader.read(root)
    if reader.problems:
        raise _errors(path, reader.problems)
    folder = path.parent
    corpus_path = folder / corpus if corpus else folder / "corpus"
    claims_path: Path | None = folder / claims if claims else folder / "claims.yaml"
    if not claims and claims_path is not None and not claims_path.exists():
        claims_path = None
    name = folder.name if path.name == KEY_FILE else path.stem
    return AnswerKey(path, name, corpus_path, claims_path, statistics)


def _errors(path: Path, problems: Sequence[Problem]) -> GoldError:
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    count = "1 error" if len(ordered) == 1 else f"{len(ordered)} errors"
    return GoldError(f"{path}: {count} in the answer key", tuple(ordered))


def _syntax_problem(path: Path, error: yaml.YAMLError) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = ", ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        if mark is not None:
            return Problem(str(path), f"invalid YAML: {what}", mark.line + 1, mark.column + 1)
        return Problem(str(path), f"invalid YAML: {what}")
    return Problem(str(path), f"invalid YAML: {error}")


class _KeyReader:
    """Builds the key from YAML nodes, so that every problem names its line and column."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.problems.append(Problem(str(self.path), message, mark.line + 1, mark.column + 1, hint))

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
            return []
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or not key.value.strip():
                self.fail(key, f"a key of {what} must be a non-empty text")
                continue
            if key.value in seen:
                self.fail(key, f"{key.value!r} is given twice in {what}")
                continue
            seen.add(key.value)
            pairs.append((key.value, key, value))
        return pairs

    def texts(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list", hint='write it as ["28,000"], or [] for none')
            return []
        items: list[tuple[str, yaml.Node]] = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                self.fail(item, f"an item of {what} must be a non-empty text")
            else:
                items.append((item.value.strip(), item))
        return items

    def read(self, root: yaml.Node | None) -> tuple[tuple[GoldStatistic, ...], str | None, str | None]:
        if root is None:
            self.problems.append(Problem(str(self.path), "the answer key is empty", hint="give it 'statistics:'"))
            return (), None, None
        statistics: list[GoldStatistic] = []
        paths: dict[str, str | None] = {"corpus": None, "claims": None}
        found = False
        for name, key, value in self.mapping(root, "the answer key"):
            if name == "statistics":
                found = True
                for stat_id, stat_key, stat_value in self.mapping(value, "'statistics'"):
                    statistic = self.statistic(stat_id, stat_key, stat_value)
                    if statistic is not None:
                        statistics.append(statistic)
            elif name in paths:
                if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
                    self.fail(value, f"'{name}' must be a path (relative to the key file)")
                else:
                    paths[name] = value.value.strip()
            else:
                self.fail(key, f"unknown key {name!r}", hint=f"expected one of {', '.join(_TOP_KEYS)}")
        if not found and isinstance(root, yaml.MappingNode):
            self.fail(root, "an answer key needs a 'statistics' mapping")
        return tuple(statistics), paths["corpus"], paths["claims"]

    def statistic(self, stat_id: str, key: yaml.Node, node: yaml.Node) -> GoldStatistic | None:
        fields: dict[str, yaml.Node] = {}
        for name, name_node, value in self.mapping(node, f"statistic {stat_id!r}"):
            if name in _STATISTIC_KEYS:
                fields[name] = value
            else:
                hint = f"expected one of {', '.join(_STATISTIC_KEYS)}"
                self.fail(name_node, f"unknown key {name!r} in statistic {stat_id!r}", hint)
        queries = [t for t, _ in self.texts(fields["queries"], "'queries'")] if "queries" in fields else [stat_id]
        paraphrases = (
            [t for t, _ in self.texts(fields["paraphrases"], "'paraphrases'")] if "paraphrases" in fields else []
        )
        if not queries:
            queries = [stat_id]
        asked = [GoldQuery(queries[0], LABEL), *(GoldQuery(q, QUERY) for q in queries[1:])]
        # The statistic's id is asked too (issue 14: id, label and paraphrases), unless a query already says it.
        if normalise_phrase(stat_id) not in {normalise_phrase(q) for q in queries}:
            asked.insert(1, GoldQuery(stat_id, QUERY))
        asked += [GoldQuery(p, PARAPHRASE) for p in paraphrases]
        docs: dict[str, dict[str, list[GoldFigure]]] = {}
        marks: dict[str, yaml.Node] = {}
        if "documents" not in fields:
            self.fail(key, f"statistic {stat_id!r} has no 'documents'")
        for doc_id, doc_key, value in self.mapping(fields.get("documents", yaml.MappingNode("", [])), "'documents'"):
            marks[doc_id] = doc_key
            entry = docs.setdefault(doc_id, {EXPECT: [], ALLOW: [], FORBID: []})
            if isinstance(value, yaml.SequenceNode):  # the old form: the document's answer
                entry[EXPECT] += self.figures(value, f"document {doc_id!r}")
                continue
            for which, which_key, figures in self.mapping(value, f"document {doc_id!r}"):
                if which not in LISTS:
                    self.fail(which_key, f"unknown key {which!r} in document {doc_id!r}", "expect, allow or forbid")
                    continue
                entry[which] += self.figures(figures, f"'{which}' of document {doc_id!r}")
        for doc_id, doc_key, value in self.mapping(
            fields.get("distractors", yaml.MappingNode("", [])), "'distractors'"
        ):
            marks.setdefault(doc_id, doc_key)  # the old form: distractors are forbidden figures
            entry = docs.setdefault(doc_id, {EXPECT: [], ALLOW: [], FORBID: []})
            entry[FORBID] += self.figures(value, f"distractors of document {doc_id!r}")
        for doc_id, entry in docs.items():
            right = {f.text for f in (*entry[EXPECT], *entry[ALLOW])}
            for figure in entry[FORBID]:
                if figure.text in right:
                    self.problems.append(
                        Problem(
                            str(self.path),
                            f"figure {figure.text!r} of document {doc_id!r} is both right and forbidden",
                            figure.line,
                            figure.column,
                            "keep it in one list",
                        )
                    )
        documents = tuple(
            GoldDocument(
                doc_id,
                tuple(entry[EXPECT]),
                tuple(entry[ALLOW]),
                tuple(entry[FORBID]),
                marks[doc_id].start_mark.line + 1,
                marks[doc_id].start_mark.column + 1,
            )
            for doc_id, entry in docs.items()
        )
        return GoldStatistic(stat_id, tuple(asked), documents, key.start_mark.line + 1)

    def figures(self, node: yaml.Node, what: str) -> list[GoldFigure]:
        return [
            GoldFigure(text, item.start_mark.line + 1, item.start_mark.column + 1)
            for text, item in self.texts(node, what)
        ]


# --- locating gold figures in their documents ----------------------------------------------------------------

Span = tuple[int, int]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def figure_spans(text: str, figure: str) -> list[Span]:
    """Where ``figure`` stands in ``text`` as a whole figure (not "94" inside "1994"); any white space matches any."""
    words = figure.split()
    body = r"\s+".join(re.escape(word) for word in words)
    pattern = re.compile(r"(?<![\w.,])" + body + r"(?!\w|[.,]\d)")
    return [m.span() for m in pattern.finditer(text)]


def _numbers(q: Quantity | Finding) -> tuple[float, ...] | None:
    """A figure's numbers: (value,) for a point, (low, high) for a range, None when it has none."""
    if q.value is not None:
        return (q.value,)
    if q.low is not None and q.high is not None:
        return (q.low, q.high)
    return None


def _round_half_up(x: float, precision: float) -> float:
    """``x`` rounded to a multiple of ``precision``, halves away from zero (1.25 billion to 0.1 billion is 1.3)."""
    steps = abs(x) / precision
    return math.copysign(math.floor(steps + 0.5 + 1e-9) * precision, x)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def written_precision(text: str, scale: float, dots_group: bool) -> float:
    """The precision a figure is written with: 1.3 billion is to 0.1 billion, "28,000" to the unit."""
    decimals = 0
    for token in _NUMBER.findall(text):
        if dots_group:
            part = re.search(r"(?:,(\d+)|\.(\d{1,2}|\d{4,}))$", token)
            digits = (part.group(1) or part.group(2)) if part else ""
        else:
            digits = token.rsplit(".", 1)[1] if "." in token else ""
        decimals = max(decimals, len(digits))
    return float(scale or 1.0) / float(10**decimals)


@dataclass(frozen=True, slots=True)
class _Located:
    """A gold figure found in its document: the reading, the precision written and the figures it is."""

    gold: GoldFigure
    which: str  # expect, allow or forbid
    numbers: tuple[float, ...] | None
    kind: str | None
    unit: str | None
    precision: float
    places: frozenset[Span]  # (start, end) of the document's figures that are this gold figure

    def is_finding(self, f: Finding) -> bool:
        return (f.start, f.end) in self.places

    def same_numbers(self, f: Finding) -> bool:
        found = _numbers(f)
        if self.numbers is None or found is None or len(found) != len(self.numbers):
            return False
        if self.kind and f.kind != self.kind and "count" not in (self.kind, f.kind):
            return False
        if self.kind == "money" and f.kind == "money" and self.unit and f.unit and self.unit != f.unit:
            return False
        p = self.precision
        return all(_same(_round_half_up(x, p), y) for x, y in zip(found, self.numbers, strict=True))


def _locate(
    gold: GoldFigure, which: str, text: str, figures: Sequence[Figure], dots_group: bool
) -> tuple[_Located | None, str | None]:
    """The gold figure located in the document's text, or None if it does not stand there; and a note if odd."""
    from factcheck.reading.quantities import read_quantities

    spans = figure_spans(text, gold.text)
    if not spans:
        return None, None
    alone = read_quantities(gold.text, dots_group=dots_group)
    reading: Quantity | None = alone[0] if len(alone) == 1 else None
    overlapping = [
        (i, f.quantity)
        for i, f in enumerate(figures)
        if any(f.quantity.start < e and s < f.quantity.end for s, e in spans)
    ]
    places = [(i, q) for i, q in overlapping if reading is not None and _numbers(q) == _numbers(reading)]
    note = None
    if not places:
        # the document's own reading of the text (a range read in context: "between 22,000 and 50,000")
        covering = [(i, q) for i, q in overlapping if any(q.start <= s and e <= q.end for s, e in spans)]
        if covering:
            reading = covering[0][1]
            places = [(i, q) for i, q in covering if _numbers(q) == _numbers(reading)]
        elif overlapping:
            places = overlapping
            reading = reading or overlapping[0][1]
            note = f"is read as {', '.join(repr(q.text) for _, q in overlapping)} in the document"
        else:
            note = "is not read as a figure in the document: compare can never show it"
    spots = {(q.start, q.end) for _, q in places}
    for _, q in places:  # a conversion in brackets is shown as the figure it restates
        if q.linked_to is not None and 0 <= q.linked_to < len(figures):
            head = figures[q.linked_to].quantity
            spots.add((head.start, head.end))
    scale = reading.scale if reading is not None else 1.0
    return (
        _Located(
            gold,
            which,
            _numbers(reading) if reading is not None else None,
            str(reading.kind) if reading is not None else None,
            reading.unit if reading is not None else None,
            written_precision(gold.text, scale, dots_group),
            frozenset(spots),
        ),
        note,
    )


# --- scores --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measures:
    """Counts over (query, document) answers, and the four measures drawn from them (None: nothing to measure)."""

    documents: int = 0  # (query, document) answers scored
    top_right: int = 0  # answers whose best finding is expected or allowed, or that rightly show none
    expected: int = 0  # gold figures in expect, over every answer
    recalled: int = 0  # of those, figures shown
    shown: int = 0  # findings shown
    right: int = 0  # of those, findings in expect or allow
    forbidden: int = 0  # of those, findings in forbid

    def __add__(self, other: Measures) -> Measures:
        return Measures(
            self.documents + other.documents,
            self.top_right + other.top_right,
            self.expected + other.expected,
            self.recalled + other.recalled,
            self.shown + other.shown,
            self.right + other.right,
            self.forbidden + other.forbidden,
        )

    @property
    def accuracy(self) -> float | None:
        return self.top_right / self.documents if self.documents else None

    @property
    def recall(self) -> float | None:
        return self.recalled / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.right / self.shown if self.shown else None

    @property
    def forbidden_per_10(self) -> float | None:
        return 10 * self.forbidden / self.documents if self.documents else None


def total(measures: Iterable[Measures]) -> Measures:
    result = Measures()
    for m in measures:
        result = result + m
    return result


@dataclass(frozen=True, slots=True)
class Miss:
    """A figure of expect that the document's findings do not show."""

    document: str
    figure: str
    line: int  # of the figure in the key file


@dataclass(frozen=True, slots=True)
class WrongFinding:
    """A finding shown that is not in expect or allow: a figure of forbid, or one the key does not name."""

    document: str
    text: str
    forbidden: bool
    best: bool  # the document's highest-scored finding
    score: float
    line: int  # in the document's file
    sentence: str


@dataclass(frozen=True, slots=True)
class QueryScore:
    """How compare answered one query of one statistic, over the documents the key labels."""

    statistic: str
    query: str
    kind: str  # label, query or paraphrase
    measures: Measures
    misses: tuple[Miss, ...]
    wrong: tuple[WrongFinding, ...]


@dataclass(frozen=True, slots=True)
class KeyResult:
    """The scores of one answer key (a cluster): per query, in all, and over its paraphrases alone."""

    key: str
    name: str
    corpus: str
    claims: str | None
    statistics: int
    queries: tuple[QueryScore, ...]
    notes: tuple[str, ...]  # key figures read oddly, documents the key does not label
    warnings: tuple[str, ...]  # the corpus's and the claims file's

    @property
    def measures(self) -> Measures:
        return total(q.measures for q in self.queries)

    @property
    def paraphrases(self) -> Measures | None:
        asked = [q.measures for q in self.queries if q.kind == PARAPHRASE]
        return total(asked) if asked else None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The least accuracy, recall and precision (shares 0-1) and the most forbidden findings per 10 documents."""

    min_accuracy: float | None = None
    min_recall: float | None = None
    min_precision: float | None = None
    max_forbidden: float | None = None

    def __post_init__(self) -> None:
        for name in ("min_accuracy", "min_recall", "min_precision", "max_forbidden"):
            value = getattr(self, name)
            option = "--" + name.replace("_", "-")
            if value is None:
                continue
            if not math.isfinite(value):
                raise UsageError(f"{option} must be a number, not {value}")
            if name == "max_forbidden" and value < 0:
                raise UsageError(f"{option} must be 0 or more (findings of forbid per 10 documents), not {value}")
            if name != "max_forbidden" and not 0 <= value <= 1:
                raise UsageError(f"{option} must be a share between 0 and 1 (0.6 for 60%), not {value}")


@dataclass(frozen=True, slots=True)
class Evaluation:
    keys: tuple[KeyResult, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def measures(self) -> Measures:
        return total(k.measures for k in self.keys)

    @property
    def paraphrases(self) -> Measures | None:
        asked = [m for k in self.keys if (m := k.paraphrases) is not None]
        return total(asked) if asked else None

    @property
    def failures(self) -> tuple[str, ...]:
        """The thresholds not met by the figures in all (a measure with nothing to measure meets any)."""
        m, t = self.measures, self.thresholds
        failed: list[str] = []
        for name, value, least in (
            ("accuracy", m.accuracy, t.min_accuracy),
            ("recall", m.recall, t.min_recall),
            ("precision", m.precision, t.min_precision),
        ):
            if least is not None and value is not None and value < least:
                failed.append(f"{name} {value:.3f} is below --min-{name} {least:g}")
        most = t.max_forbidden
        if most is not None and m.forbidden_per_10 is not None and m.forbidden_per_10 > most:
            failed.append(
                f"forbidden findings per 10 documents {m.forbidden_per_10:.2f} exceed --max-forbidden {most:g}"
            )
        return tuple(failed)

    @property
    def passed(self) -> bool:
        return not self.failures


# --- scoring -------------------------------------------------------------------------------------------------


def locate_key(key: AnswerKey, corpus: Corpus) -> tuple[dict[tuple[str, str], list[_Located]], tuple[str, ...]]:
    """Every gold figure of the key located in its document; GoldError for unknown documents and absent figures."""
    from factcheck.reading.quantities import groups_thousands_with_dots

    problems: list[Problem] = []
    notes: list[str] = []
    located: dict[tuple[str, str], list[_Located]] = {}
    known = {d.id for d in corpus.documents()}
    conventions: dict[str, bool] = {}
    for stat in key.statistics:
        for gold_doc in stat.documents:
            doc = corpus.document(gold_doc.id) if gold_doc.id in known else None
            if doc is None:
                hint = _close(gold_doc.id, known)
                message = f"statistic {stat.id!r}: no document {gold_doc.id!r} in the corpus {key.corpus}"
                problems.append(Problem(str(key.path), message, gold_doc.line, gold_doc.column, hint))
                continue
            if doc.id not in conventions:
                conventions[doc.id] = groups_thousands_with_dots(doc.text)
            figures = corpus.figures(doc.id)
            found: list[_Located] = []
            for which in LISTS:
                for gold in gold_doc.figures(which):
                    spot, note = _locate(gold, which, doc.text, figures, conventions[doc.id])
                    if spot is None:
                        message = f"{which} figure {gold.text!r} does not stand in document {doc.id!r} ({doc.path})"
                        hint = "write it exactly as the text does, without hedges such as 'about'"
                        problems.append(Problem(str(key.path), message, gold.line, gold.column, hint))
                        continue
                    if note:
                        notes.append(f"{key.path}:{gold.line}:{gold.column}: {which} figure {gold.text!r} {note}")
                    found.append(spot)
            located[(stat.id, doc.id)] = found
    if problems:
        raise _errors(key.path, problems)
    return located, tuple(notes)


def _close(doc_id: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(doc_id, sorted(known), n=1)
    return f"did you mean {close[0]!r}?" if close else f"known ids: {', '.join(sorted(known))}"


def label_of(finding: Finding, spots: Sequence[_Located]) -> str | None:
    """expect, allow or forbid: the list of the gold figure the finding is (by place first, then by numbers)."""
    for test in (_Located.is_finding, _Located.same_numbers):
        for which in LISTS:
            if any(s.which == which and test(s, finding) for s in spots):
                return which
    return None


def document_parts(comparisons: Sequence[Comparison]) -> dict[str, list[DocumentFindings]]:
    """Each document's findings in every comparison of one query (compare_query), in the comparisons' order."""
    parts: dict[str, list[DocumentFindings]] = {}
    for comparison in comparisons:
        for doc in comparison.documents:
            parts.setdefault(doc.id, []).append(doc)
    return parts


def merged_findings(parts: Sequence[tuple[Sequence[Finding], Sequence[Finding]]]) -> tuple[Finding, ...]:
    """What a reader sees of one document when a query answers for several statistics (compare_query): each
    statistic's findings in turn, then the vague amounts listed apart (they count as shown, never as the top
    answer), each figure once."""
    seen: set[tuple[int, str]] = set()
    merged: list[Finding] = []
    for f in [f for shown, _ in parts for f in shown] + [f for _, vague in parts for f in vague]:
        if (f.start, f.text) not in seen:
            seen.add((f.start, f.text))
            merged.append(f)
    return tuple(merged)


def score_answer(
    findings: Sequence[Finding], spots: Sequence[_Located], document: str
) -> tuple[Measures, list[Miss], list[WrongFinding]]:
    """Score one document's findings for one query against the key's figures for that document."""
    labels = [label_of(f, spots) for f in findings]
    expected = [s for s in spots if s.which == EXPECT]
    recalled = [
        s
        for s in expected
        if any(
            (s.is_finding(f) or s.same_numbers(f)) and lab != FORBID for f, lab in zip(findings, labels, strict=True)
        )
    ]
    top = bool(findings) and labels[0] in (EXPECT, ALLOW) or (not findings and not expected)
    measures = Measures(
        documents=1,
        top_right=int(top),
        expected=len(expected),
        recalled=len(recalled),
        shown=len(findings),
        right=sum(lab in (EXPECT, ALLOW) for lab in labels),
        forbidden=sum(lab == FORBID for lab in labels),
    )
    misses = [Miss(document, s.gold.text, s.gold.line) for s in expected if s not in recalled]
    wrong = [
        WrongFinding(document, f.text, lab == FORBID, i == 0, f.score, f.line, f.sentence)
        for i, (f, lab) in enumerate(zip(findings, labels, strict=True))
        if lab not in (EXPECT, ALLOW)
    ]
    return measures, misses, wrong


def evaluate_key(
    key: AnswerKey,
    corpus: Corpus,
    claims: ClaimsFile | None,
    options: CompareOptions = CompareOptions(),
    *,
    without_claims: bool = False,
) -> KeyResult:
    """Ask compare every query of every statistic of the key and score the findings it shows.

    ``without_claims``: ask as a user with no claims file asks (``claims`` is not used); a statistic's id, which
    means nothing without one, is not asked.
    """
    located, notes = locate_key(key, corpus)
    all_ids = sorted(d.id for d in corpus.documents())
    extra: list[str] = list(notes)
    scores: list[QueryScore] = []
    for stat in key.statistics:
        labelled = {d.id for d in stat.documents}
        unlabelled = [d for d in all_ids if d not in labelled]
        if unlabelled:
            extra.append(
                f"{key.path}:{stat.line}: statistic {stat.id!r} does not label {', '.join(unlabelled)}: not scored"
            )
    asked = [
        (stat, query)
        for stat in key.statistics
        for query in stat.queries
        if not (without_claims and query.text == stat.id)
    ]
    # Asked together: compare_queries reads each document once for all of them (the same answers).
    answers = compare_queries(corpus, [(None if without_claims else claims, q.text) for _, q in asked], options)
    for (stat, query), comparisons in zip(asked, answers, strict=True):
        labelled = {d.id for d in stat.documents}
        measures: list[Measures] = []
        misses: list[Miss] = []
        wrong: list[WrongFinding] = []
        for doc_id, parts in document_parts(comparisons).items():
            if doc_id not in labelled:
                continue
            shown = merged_findings([(d.findings, d.vague) for d in parts])
            m, missed, bad = score_answer(shown, located[(stat.id, doc_id)], doc_id)
            measures.append(m)
            misses += missed
            wrong += bad
        scores.append(QueryScore(stat.id, query.text, query.kind, total(measures), tuple(misses), tuple(wrong)))
    warnings = tuple(str(p) for p in corpus.warnings) + (claims.warnings if claims and not without_claims else ())
    return KeyResult(
        str(key.path),
        key.name,
        str(key.corpus),
        str(key.claims) if key.claims and not without_claims else None,
        len(key.statistics),
        tuple(scores),
        tuple(extra),
        tuple(warnings),
    )


def evaluate_keys(
    paths: Sequence[Path],
    thresholds: Thresholds = Thresholds(),
    *,
    use_index: bool = True,
    without_claims: bool = False,
) -> Evaluation:
    """Load each answer key with its corpus and claims, and score compare (default options) on every query
    (``without_claims``: as a user with no claims file asks, see evaluate_key)."""
    from factcheck.corpus.claims import load_claims
    from factcheck.corpus.index import open_corpus

    results: list[KeyResult] = []
    for path in paths:
        key = load_key(path)
        corpus = open_corpus(key.corpus, use_index=use_index)
        claims = load_claims(key.claims) if key.claims is not None and not without_claims else None
        results.append(evaluate_key(key, corpus, claims, without_claims=without_claims))
    return Evaluation(tuple(results), thresholds)


__all__ = [
    "AnswerKey",
    "Evaluation",
    "KeyResult",
    "Measures",
    "Miss",
    "QueryScore",
    "Thresholds",
    "WrongFinding",
    "evaluate_key",
    "evaluate_keys",
    "load_key",
]
