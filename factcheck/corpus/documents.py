"""Loading a corpus folder: documents, their metadata, sentences and figures, behind one interface.

A corpus is a folder of ``.txt`` and ``.md`` files (searched recursively, hidden files and folders skipped), with
optional metadata in a manifest ``sources.yaml`` beside them and/or YAML front matter at the top of each file;
docs/corpus.md describes both. Document texts have their newlines normalised to ``\\n`` and their front matter
removed: every offset is into that text, and ``line_of`` turns one into the line of the file on disk.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import hashlib
import itertools
import os
import re
import stat
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Final, Protocol

import yaml

from factcheck.corpus.encoding import Undecodable, decode_document
from factcheck.corpus.formats import PAGE_BREAK, ConversionFailed, format_of, is_paged, page_count, page_starts
from factcheck.corpus.yamlnodes import YAMLLimitError, compose
from factcheck.errors import CorpusError, InputError, Problem
from factcheck.model import Document, DocumentMeta, Figure, Kind, Sentence
from factcheck.reading.sentences import MAX_SENTENCE, long_sentence_lines, split_sentences

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MANIFEST_NAME",
    "MAX_DOCUMENT_BYTES",
    "MAX_FOLDER_DEPTH",
    "METADATA_FIELDS",
    "Corpus",
    "CorpusScan",
    "DocumentFile",
    "MemoryCorpus",
    "SourceRow",
    "Unreadable",
    "corpus_summary",
    "document_meta",
    "finish_corpus",
    "load_corpus",
    "locate_figures",
    "Place",
    "line_place",
    "page_line",
    "page_text_span",
    "place_of",
    "read_document_file",
    "read_file_bytes",
    "read_standard_input",
    "scan_corpus",
    "unknown_document",
]

MANIFEST_NAME = "sources.yaml"
# Text files are read as they are; the others are converted to text by factcheck.corpus.formats (optional extras).
DOCUMENT_SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm", ".docx")
# The metadata a converted file gives (a PDF's or web page's title, author, date) is kept in its front fields
# under this prefix: it fills what the manifest leaves empty, where front matter would override the manifest.
FILE_META_PREFIX = "file:"
# Far above any real document (a long book is a few MB) and above the 100 MB one-line file the reader must take.
# Reading costs about 17 bytes of memory per byte of prose in memory and 45 while indexing (measured on 10 MB), so
# a document at this limit needs 2 to 6 GB: past it, a clear refusal beats a MemoryError or the OOM killer.
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024
MAX_FOLDER_DEPTH = 100  # folders below the corpus folder; deeper ones are skipped with a warning
_CHUNK = 1024 * 1024
# Opening never waits (a FIFO put where a file was listed), and the file is then checked to be a regular one.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
METADATA_FIELDS = ("id", "title", "author", "publisher", "published", "kind", "url", "licence")
# Keys people often write for a field of ours, with the field they mean.
_SYNONYMS = {
    "date": "published",
    "published_at": "published",
    "publication_date": "published",
    "year": "published",
    "authors": "author",
    "by": "author",
    "source": "publisher",
    "site": "publisher",
    "outlet": "publisher",
    "license": "licence",
    "rights": "licence",
    "link": "url",
    "href": "url",
    "type": "kind",
    "genre": "kind",
    "name": "id",
    "slug": "id",
    "path": "file",
    "filename": "file",
}
_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_NULL_TAG = "tag:yaml.org,2002:null"


class Corpus(Protocol):
    """What every command reads documents through, so an index can later sit behind it."""

    @property
    def root(self) -> Path: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...

    def documents(self) -> Sequence[Document]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def sentences(self, doc_id: str) -> Sequence[Sentence]: ...

    def sentence(self, doc_id: str, index: int) -> Sentence:
        """``sentences(doc_id)[index]``, without making the others where they are made on demand."""
        ...

    def figures(self, doc_id: str) -> Sequence[Figure]: ...

    def figures_in(self, doc_id: str, sentences: Collection[int]) -> Sequence[Figure]:
        """The figures of those sentences (by index), in text order: ``figures`` narrowed, decoded no further."""
        ...

    def line_of(self, doc_id: str, offset: int) -> int:
        """The 1-based line of the file on disk at which ``offset`` (into the document's text) stands."""
        ...

    def sentence_at(self, doc_id: str, offset: int) -> Sentence | None:
        """The sentence holding ``offset``, or None if the offset falls between sentences."""
        ...

    def candidate_sentences(
        self,
        phrasings: Sequence[Sequence[str]],
        share: float = 0.0,
        context: bool = False,
        documents: Collection[str] | None = None,
    ) -> Mapping[str, frozenset[int]] | None:
        """Pre-selection for matching: the sentences (by document id) that may hold a figure matching a phrasing.

        ``documents``: only these documents' sentences are looked at (None: every document's).

        ``context``: the words of the sentences a reader saw before (factcheck.matching.context.read_before) count
        towards ``share`` too, as long as one stem stands in the sentence itself.

        Each phrasing is a sequence of word stems (``factcheck.reading.text.stem``; a repeated stem counts as often as
        it is repeated). A sentence is a candidate when, for some phrasing, the stems that are similar to a word of
        the sentence or to a word of a noun one of its figures counts (similar as ``factcheck.matching.scoring`` scores
        words: equal, fuzzy-equal when both have at least 4 letters, or near members of one word family, see
        matching.scoring.gate_family) make up at least ``share`` of the
        phrasing, and at least one stem. A document missing from the mapping has no candidate. The selection
        may hold more than that, never less. None: no pre-selection, every sentence is a candidate.
        """
        ...

    def sentences_containing(self, keywords: Sequence[str]) -> Mapping[str, frozenset[int]] | None:
        """Pre-selection for substring search: the sentences (by document id) that may contain every keyword.

        Case is ignored. A document missing from the mapping has no candidate; the selection may hold more than
        the sentences containing every keyword, never fewer. None: no pre-selection, every sentence is a candidate.
        """
        ...

    def reopen(self) -> Corpus:
        """The same corpus for a forked worker process to read (its own handles on whatever files it reads).

        Raises CorpusError when that cannot give the same documents any more (an index changed meanwhile).
        """
        ...


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One line of ``factcheck sources``: a document's metadata and what was read from it."""

    id: str
    path: str
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None
    kind: str | None
    url: str | None
    licence: str | None
    sentences: int
    figures: int  # figures other than years and dates
    sha256: str
    format: str = "text"  # or pdf, html, docx: what the text was extracted from
    pages: int | None = None  # a paged document's (a PDF's) number of pages


_PAGES_KEPT = 64  # paged documents whose page starts are kept (by content hash)
_PAGES: dict[str, tuple[list[int], list[int]]] = {}


def page_line(doc: Document, offset: int, line: int) -> tuple[int | None, int]:
    """The 1-based page of ``offset`` in a paged document (a PDF), and ``line`` (the line of ``offset`` in its text)
    as a line within that page; (None, line) for a document without pages."""
    if not is_paged(doc.path):
        return None, line
    starts, lines_before = _page_lines(doc)
    page = bisect_right(starts, offset)
    return page, line - lines_before[page - 1]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an offset of a document stands: its file, page (a paged document's, else None), line (within that
    page, or of the file) and 1-based column. ``str`` gives its text form: report.pdf:p14:3:7, notes.txt:12:7."""

    path: str
    page: int | None
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{line_place(self.page, self.line)}:{self.column}"


def line_place(page: int | None, line: int) -> str:
    """A line of a document as the text output writes it: "12", or "p3:4" (page 3, line 4) in a paged document."""
    return str(line) if page is None else f"p{page}:{line}"


def place_of(corpus: Corpus, doc: Document, offset: int) -> Place:
    """Where ``offset`` of ``doc`` stands: the page, the line (within the page of a paged document) and column."""
    page, line = page_line(doc, offset, corpus.line_of(doc.id, offset))
    return Place(doc.path, page, line, offset - doc.text.rfind("\n", 0, offset))


def page_text_span(doc: Document, page: int) -> tuple[int, int] | None:
    """The start and end offsets of 1-based ``page`` of a paged document, or None if it has no such page."""
    if not is_paged(doc.path):
        return None
    starts = _page_lines(doc)[0]
    if not 1 <= page <= len(starts):
        return None
    return starts[page - 1], starts[page] - len(PAGE_BREAK) if page < len(starts) else len(doc.text)


def _page_lines(doc: Document) -> tuple[list[int], list[int]]:
    """The offset at which each page starts, and the number of lines of the text before it (cached by hash)."""
    found = _PAGES.get(doc.sha256)
    if found is None:
        text = doc.text
        starts = page_starts(text)
        lines_before = [0]
        for before, start in itertools.pairwise(starts):
            lines_before.append(lines_before[-1] + text.count("\n", before, start))
        if len(_PAGES) >= _PAGES_KEPT:
            _PAGES.clear()
        found = _PAGES[doc.sha256] = (starts, lines_before)
    return found


def newline_offsets(text: str) -> list[int]:
    """Where each line break of ``text`` stands, for line_at."""
    return [m.start() for m in re.finditer("\n", text)]


def line_at(newlines: Sequence[int], offset: int, line_offset: int = 0) -> int:
    """The 1-based file line of ``offset``, given the text's newline_offsets and the lines of its front matter."""
    return bisect_left(newlines, offset) + 1 + line_offset


def sentence_containing(sentences: Sequence[Sentence], starts: Sequence[int], offset: int) -> Sentence | None:
    """The sentence holding ``offset`` (``starts``: each sentence's start), or None between sentences."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < sentences[index].end:
        return sentences[index]
    return None


class MemoryCorpus:
    """A corpus held in memory. Sentences and figures are computed per document on first request, then cached."""

    __slots__ = ("_root", "_documents", "_by_id", "_warnings", "_sentences", "_starts", "_figures", "_newlines")

    def __init__(self, root: Path, documents: Sequence[Document], warnings: Sequence[Problem] = ()) -> None:
        self._root = root
        self._documents = tuple(documents)
        self._by_id = {doc.id: doc for doc in self._documents}
        if len(self._by_id) != len(self._documents):
            raise ValueError("document ids must be unique")
        self._warnings = tuple(warnings)
        self._sentences: dict[str, tuple[Sentence, ...]] = {}
        self._starts: dict[str, list[int]] = {}
        self._figures: dict[str, tuple[Figure, ...]] = {}
        self._newlines: dict[str, list[int]] = {}

    @property
    def root(self) -> Path:
        return self._root

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self._warnings

    def __len__(self) -> int:
        return len(self._documents)

    def documents(self) -> tuple[Document, ...]:
        """Every document, in the order of their paths."""
        return self._documents

    def document(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)

    def sentences(self, doc_id: str) -> tuple[Sentence, ...]:
        cached = self._sentences.get(doc_id)
        if cached is None:
            cached = tuple(split_sentences(self._require(doc_id).text))
            self._sentences[doc_id] = cached
            self._starts[doc_id] = [s.start for s in cached]
        return cached

    def figures(self, doc_id: str) -> tuple[Figure, ...]:
        """Every figure of the document, in text order, each in exactly one sentence.

        The order is ``read_quantities``' own, so a quantity's ``linked_to`` indexes into this tuple.
        """
        cached = self._figures.get(doc_id)
        if cached is None:
            cached = self._read_figures(doc_id)
            self._figures[doc_id] = cached
        return cached

    def figures_in(self, doc_id: str, sentences: Collection[int]) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures(doc_id) if f.sentence in sentences)

    def sentence(self, doc_id: str, index: int) -> Sentence:
        return self.sentences(doc_id)[index]

    def line_of(self, doc_id: str, offset: int) -> int:
        doc = self._require(doc_id)
        if not 0 <= offset <= len(doc.text):
            raise ValueError(f"offset {offset} is outside document {doc_id!r} (0..{len(doc.text)})")
        newlines = self._newlines.get(doc_id)
        if newlines is None:
            newlines = newline_offsets(doc.text)
            self._newlines[doc_id] = newlines
        return line_at(newlines, offset, doc.line_offset)

    def sentence_at(self, doc_id: str, offset: int) -> Sentence | None:
        return sentence_containing(self.sentences(doc_id), self._starts[doc_id], offset)

    def candidate_sentences(
        self,
        phrasings: Sequence[Sequence[str]],
        share: float = 0.0,
        context: bool = False,
        documents: Collection[str] | None = None,
    ) -> Mapping[str, frozenset[int]] | None:
        """No pre-selection in memory: every sentence is a candidate."""
        return None

    def reopen(self) -> MemoryCorpus:
        """In memory, a forked worker reads this very corpus (its copy of it)."""
        return self

    def sentences_containing(self, keywords: Sequence[str]) -> Mapping[str, frozenset[int]] | None:
        """No pre-selection in memory: every sentence is a candidate."""
        return None

    def _read_figures(self, doc_id: str) -> tuple[Figure, ...]:
        doc = self._require(doc_id)
        return locate_figures(doc_id, doc.text, self.sentences(doc_id), doc.line_offset)

    def _require(self, doc_id: str) -> Document:
        doc = self._by_id.get(doc_id)
        if doc is None:
            raise unknown_document(self._root, doc_id, self._by_id)
        return doc


def unknown_document(root: Path, doc_id: str, known_ids: Iterable[str]) -> CorpusError:
    """The error for a document id the corpus does not hold, with the closest known id as a hint."""
    known = sorted(known_ids)
    close = difflib.get_close_matches(doc_id, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known ids: {', '.join(known)}"
    return CorpusError(str(Problem(str(root), f"no document with id {doc_id!r} in the corpus", hint=hint)))


def locate_figures(doc_id: str, text: str, sentences: Sequence[Sentence], line_offset: int) -> tuple[Figure, ...]:
    """Every figure of a document's text, each placed in its sentence and at its file line (see Corpus.figures)."""
    if not sentences:
        return ()
    from factcheck.reading.quantities import read_quantities  # the reader's import costs 50 ms: only when reading

    starts = [s.start for s in sentences]
    newlines = [m.start() for m in re.finditer("\n", text)]
    quantities = read_quantities(text, sentences=[(s.start, s.end) for s in sentences])
    # A figure starting between two sentences belongs to the one before it (to the first, if before all).
    return tuple(
        Figure(doc_id, max(bisect_right(starts, q.start) - 1, 0), bisect_left(newlines, q.start) + 1 + line_offset, q)
        for q in quantities
    )


def corpus_summary(corpus: Corpus) -> tuple[SourceRow, ...]:
    """One row per document, in corpus order: metadata, sentence and figure counts, checksum."""
    rows = []
    for doc in corpus.documents():
        meta = doc.meta
        figures = sum(1 for f in corpus.figures(doc.id) if f.quantity.kind not in (Kind.YEAR, Kind.DATE))
        rows.append(
            SourceRow(
                id=meta.id,
                path=doc.path,
                title=meta.title,
                publisher=meta.publisher,
                author=meta.author,
                published=meta.published,
                kind=meta.kind,
                url=meta.url,
                licence=meta.licence,
                sentences=len(corpus.sentences(doc.id)),
                figures=figures,
                sha256=doc.sha256,
                format=format_of(doc.path) or "text",
                pages=page_count(doc.text) if is_paged(doc.path) else None,
            )
        )
    return tuple(rows)


# --- loading ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    """Metadata fields read from one YAML mapping (manifest entry or front matter)."""

    values: dict[str, str] = field(default_factory=dict)
    file: str | None = None  # manifest entries only
    line: int | None = None
    column: int | None = None


@dataclass(slots=True)
class _Loading:
    """What one call of load_corpus gathers on its way."""

    root: Path
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def warn(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.warnings.append(Problem(str(path), message, line, column, hint, severity="warning"))

    def fail(
        self,
        path: Path | str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.errors.append(Problem(str(path), message, line, column, hint))


@dataclass(slots=True)
class CorpusScan:
    """A corpus folder listed but not read: its manifest entries, its document files, the warnings so far."""

    root: Path
    manifest: dict[str, _Fields]
    rels: list[str]  # relative POSIX paths of the document files, in path order
    state: _Loading

    @property
    def warnings(self) -> list[Problem]:
        return self.state.warnings

    def entry(self, rel: str) -> Mapping[str, str] | None:
        """The manifest's metadata fields for the file ``rel`` (None if it has no entry)."""
        fields = self.manifest.get(rel)
        return fields.values if fields is not None else None


def listed_scan(root: Path, rels: Sequence[str]) -> CorpusScan:
    """A CorpusScan of documents listed elsewhere (a store at a URL): no manifest, no folder to check."""
    return CorpusScan(root, {}, list(rels), _Loading(root))


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """What reading one document file gives, before the manifest is applied.

    ``text`` is None when the file is skipped (it cannot be read, or is not text); ``sha256`` is None when it
    cannot be read. ``front`` holds the metadata fields of its front matter (None: it has none); ``warnings``
    are about this file.
    """

    rel: str
    text: str | None
    sha256: str | None
    encoding: str = "utf-8"
    line_offset: int = 0
    front: tuple[tuple[str, str], ...] | None = None
    warnings: tuple[Problem, ...] = ()


def scan_corpus(path: Path, follow_links: bool = False) -> CorpusScan:
    """Check the folder, read its manifest and list its document files (raises CorpusError as load_corpus does).

    ``follow_links``: follow symbolic links that lead outside the corpus folder too (else they are skipped).
    """
    _check_folder(path)
    state = _Loading(path)
    manifest = _read_manifest(state, follow_links)
    return CorpusScan(path, manifest, _document_paths(state, follow_links), state)


def finish_corpus(scan: CorpusScan, documents: Sequence[Document]) -> None:
    """Warn about manifest entries naming no document; raise CorpusError for ids used twice or no document."""
    listed = set(scan.rels)
    manifest_path = scan.root / MANIFEST_NAME
    for rel, entry in scan.manifest.items():
        if rel not in listed:
            scan.state.warn(
                manifest_path,
                f"entry names {rel!r}, which is not a document of the corpus",
                entry.line,
                entry.column,
                hint=_missing_file_hint(scan.root, rel),
            )
    _check_ids(scan.root, documents)
    if not documents:
        raise CorpusError(
            str(
                Problem(
                    str(scan.root),
                    "the corpus folder holds no readable document (.txt, .md, .pdf, .html, .docx)",
                    hint="put the source documents there (UTF-8 .txt or .md, or .pdf, .html, .docx), or pass"
                    " --corpus with another one",
                )
            ),
            tuple(scan.state.warnings),
        )


def load_corpus(path: Path, follow_links: bool = False) -> MemoryCorpus:
    """Load every .txt and .md document under ``path``, with the metadata of ``sources.yaml`` and front matter.

    Raises CorpusError if the folder is missing, is a file, holds no readable document, if two documents share
    an id, or if the manifest or a front matter is not valid YAML of the expected shape. Anything less serious
    (a file skipped, an encoding guessed, an unknown key, a bad date) is a warning in ``corpus.warnings``.
    Only regular files inside the folder are read: see scan_corpus for ``follow_links``.
    """
    scan = scan_corpus(path, follow_links)
    documents: list[Document] = []
    for rel in scan.rels:
        doc = _load_document(scan.state, rel, scan.manifest.get(rel))
        if doc is not None:
            documents.append(doc)
    finish_corpus(scan, documents)
    return MemoryCorpus(path, documents, scan.state.warnings)


_URL_LIKE: Final = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):/+")  # a URL once made a Path (one slash left)


def corpus_name(root: Path) -> str:
    """How to name a corpus in output: its folder, or the URL it was read from (a Path keeps s3://b as s3:/b)."""
    url = None if root.exists() else url_like(root)
    return url if url is not None else str(root)


def url_like(path: Path) -> str | None:
    """The URL that ``path`` was made from (``s3://bucket/x`` becomes the Path ``s3:/bucket/x``), or None."""
    text = str(path)
    return _URL_LIKE.sub(r"\1://", text, count=1) if _URL_LIKE.match(text) else None


def _check_folder(path: Path) -> None:
    url = None if path.exists() else url_like(path)
    if url is not None:
        raise CorpusError(
            str(
                Problem(
                    url,
                    "this command reads a corpus folder; a corpus at a URL is read through its index on this machine",
                    hint="index it (`factcheck index --corpus URL --index PATH`), then pass --index PATH to compare,"
                    " check, grep, draft or disputes; or copy or mount the archive as a folder",
                )
            )
        )
    if not path.exists():
        raise CorpusError(
            str(
                Problem(
                    str(path),
                    "the corpus folder does not exist",
                    hint="create it and put the source documents (.txt, .md, .pdf, ...) in it, or pass --corpus with"
                    " the folder",
                )
            )
        )
    if not path.is_dir():
        raise CorpusError(
            str(
                Problem(
                    str(path),
                    "the corpus must be a folder, but this is a file",
                    hint=f"pass --corpus {path.parent} (the folder that holds it) or another folder of documents",
                )
            )
        )


def _document_paths(state: _Loading, follow_links: bool) -> list[str]:
    """Relative POSIX paths of the .txt and .md files under the root, hidden ones skipped, in path order.

    Only regular files are documents. A symbolic link is followed when its target stays inside the corpus folder
    (a link to a folder inside it adds nothing: that folder is read where it stands), or anywhere with
    ``follow_links``; folders more than MAX_FOLDER_DEPTH deep are not entered. Every skip is a warning.
    """
    real_root = os.path.realpath(state.root)
    walked = {real_root}  # real paths of the folders listed, so that no link leads to one twice
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[str, str, tuple[str, ...]]] = [(str(state.root), real_root, ())]

    def enter(path: str, real_path: str, parts: tuple[str, ...]) -> None:
        if real_path in walked:
            state.warn(path, f"folder skipped: {real_path} is already read (through another link)")
        elif len(parts) > MAX_FOLDER_DEPTH:
            state.warn(
                path,
                f"folder skipped: it is more than {MAX_FOLDER_DEPTH} folders deep",
                hint="move its documents nearer the corpus folder",
            )
        else:
            walked.add(real_path)
            pending.append((path, real_path, parts))

    while pending:
        folder, real, base = pending.pop()
        links: list[os.DirEntry[str]] = []
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    name = entry.name
                    if name.startswith("."):
                        continue
                    if entry.is_file(follow_symlinks=False):
                        if name.lower().endswith(DOCUMENT_SUFFIXES):
                            parts = (*base, name)
                            found.append((parts, "/".join(parts)))
                    elif entry.is_dir(follow_symlinks=False):
                        enter(entry.path, os.path.join(real, name), (*base, name))
                    elif entry.is_symlink():
                        links.append(entry)
                    elif name.lower().endswith(DOCUMENT_SUFFIXES):
                        _warn_not_regular(state, entry)
        except OSError as error:
            state.warn(folder, f"folder skipped: it cannot be read ({error.strerror or error})")
            continue
        # Links last: a folder reached both directly and through a link is listed where it stands.
        for entry in sorted(links, key=lambda e: e.name):
            document = entry.name.lower().endswith(DOCUMENT_SUFFIXES)
            target = _link_target(state, entry.path, document, real_root, follow_links)
            if target is None:
                continue
            parts = (*base, entry.name)
            if target[1]:
                enter(entry.path, target[0], parts)
            else:
                found.append((parts, "/".join(parts)))
    return [rel for _, rel in sorted(found)]


def _warn_not_regular(state: _Loading, entry: os.DirEntry[str]) -> None:
    """Warn that a document's directory entry is a FIFO, socket or device (it is neither file nor folder nor link)."""
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as error:
        state.warn(entry.path, f"skipped: the file cannot be read ({error.strerror or error})")
        return
    problem = _not_regular(mode)
    state.warn(entry.path, f"skipped: {problem.reason}", hint=problem.hint)


def _link_target(
    state: _Loading, link: str, document: bool, real_root: str, follow_links: bool
) -> tuple[str, bool] | None:
    """A symbolic link's resolved target and whether it is a folder, when the walk is to follow it; else None.

    Only a link named as a document, or leading to a folder, is followed; the others are no business of ours.
    A link that leads nowhere, round in a loop, or outside the corpus (without ``follow_links``) is a warning.
    """
    try:
        target = os.path.realpath(link, strict=True)
        mode = os.stat(target).st_mode
    except OSError as error:
        if document:
            reason = "a link in a loop" if error.errno == errno.ELOOP else "a link to a file that does not exist"
            state.warn(link, f"skipped: the file cannot be read ({reason})", hint="fix or remove the link")
        return None
    is_folder = stat.S_ISDIR(mode)
    inside = target == real_root or target.startswith(os.path.join(real_root, ""))
    if is_folder and inside:
        return None  # its documents are read where they stand
    if not (is_folder or document):
        return None
    if not inside and not follow_links:
        what = "folder link" if is_folder else "link"
        state.warn(
            link,
            f"{what} skipped: it leads to {target}, outside the corpus folder",
            hint="move what it names into the corpus, or pass --follow-links to read it all the same",
        )
        return None
    if not is_folder and not stat.S_ISREG(mode):
        problem = _not_regular(mode)
        state.warn(link, f"skipped: {problem.reason}", hint=problem.hint)
        return None
    return target, is_folder


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a file's bytes were not read (``reason``, to follow "skipped: "), and ``hint``: how to fix it."""

    reason: str
    hint: str | None = None


def _not_regular(mode: int) -> Unreadable:
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISDIR(mode):
        kind = "a folder"
    else:
        kind = "a special file"
    return Unreadable(f"it is {kind}, not a regular file", "only regular files are read; move it away")


def _too_large(limit: int) -> Unreadable:
    return Unreadable(
        f"it holds more than {limit // (1024 * 1024)} MB, the most a document may hold",
        "split it into smaller documents",
    )


def read_file_bytes(path: Path | str, limit: int = MAX_DOCUMENT_BYTES, regular_only: bool = True) -> bytes | Unreadable:
    """The bytes of the file at ``path``, if it is a regular file of at most ``limit`` bytes; else why not.

    The file is opened without waiting and checked once open (``fstat``), so that a named pipe or device put
    where a file was listed is refused, never waited on. With ``regular_only`` False (a path the user named), a
    pipe or device is read as it comes, up to ``limit`` bytes.
    """
    flags = _OPEN_FLAGS if regular_only else _OPEN_FLAGS & ~getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        return Unreadable(f"the file cannot be read ({error.strerror or error})")
    try:
        mode = os.fstat(fd)
        if stat.S_ISREG(mode.st_mode):
            if mode.st_size > limit:
                return _too_large(limit)
        elif regular_only or stat.S_ISDIR(mode.st_mode):
            return _not_regular(mode.st_mode)
        data = read_at_most(partial(os.read, fd), limit, mode.st_size)
    except OSError as error:
        return Unreadable(f"the file cannot be read ({error.strerror or error})")
    except MemoryError:
        return Unreadable("the file is too large to hold in memory", "split it into smaller documents")
    finally:
        os.close(fd)
    return _too_large(limit) if data is None else data


def read_at_most(read: Callable[[int], bytes], limit: int, expected: int = 0) -> bytes | None:
    """What ``read(size)`` gives until it gives nothing, or None if that is over ``limit`` (``expected``: its size)."""
    chunks: list[bytes] = []
    total = 0
    want = min(expected, limit) + 1 if expected > 0 else _CHUNK
    while chunk := read(want):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None
        want = min(_CHUNK, limit + 1 - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_standard_input(limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Standard input's bytes; an InputError (not a MemoryError) when it holds more than ``limit`` bytes."""
    import sys

    data = read_at_most(sys.stdin.buffer.read, limit)
    if data is None:
        raise InputError.at(
            "<stdin>",
            f"standard input holds more than {limit // (1024 * 1024)} MB, the most a document may hold",
            hint="split it into smaller documents",
        )
    return data


def read_document_file(root: Path, rel: str, raw: bytes | Unreadable | None = None) -> DocumentFile:
    """Read and decode the document file ``root/rel`` (or its bytes ``raw``) and split off its front matter.

    ``raw`` may also say why the bytes could not be read (read_file_bytes' answer); the file is then skipped.

    Raises CorpusError if its front matter is not valid YAML; anything less serious is a warning.
    """
    state = _Loading(root)
    path = root / rel
    if raw is None:
        raw = read_file_bytes(path)
    if isinstance(raw, Unreadable):
        state.warn(path, f"skipped: {raw.reason}", hint=raw.hint)
        return DocumentFile(rel, None, None, warnings=tuple(state.warnings))
    sha256 = hashlib.sha256(raw).hexdigest()
    fmt = format_of(rel)
    if fmt is not None:
        return _read_converted(state, path, rel, fmt, raw, sha256)
    decoded = decode_document(raw)
    if isinstance(decoded, Undecodable):
        state.warn(path, f"skipped: {decoded.reason}", hint="save it as UTF-8 text, or move it out of the corpus")
        return DocumentFile(rel, None, sha256, warnings=tuple(state.warnings))
    if decoded.detected:
        state.warn(
            path,
            f"not UTF-8: read as {decoded.encoding} (detected)",
            hint="check its accents and quotes read right, and save it as UTF-8 to silence this warning",
        )
    if not raw:
        state.warn(path, "the file is empty")
    text, line_offset, front = _split_front_matter(state, path, decoded.text)
    _warn_long_sentences(state, path, text, line_offset)
    return DocumentFile(
        rel,
        text,
        sha256,
        decoded.encoding,
        line_offset,
        tuple(front.values.items()) if front is not None else None,
        tuple(state.warnings),
    )


def _read_converted(state: _Loading, path: Path, rel: str, fmt: str, raw: bytes, sha256: str) -> DocumentFile:
    """A PDF, web page or Word file read as its extracted text (converted in a worker process with limits)."""
    from factcheck.corpus.formats.convert import convert

    if not raw:
        state.warn(path, "skipped: the file is empty")
        return DocumentFile(rel, None, sha256, fmt, warnings=tuple(state.warnings))
    try:
        extracted = convert(fmt, raw)
    except ConversionFailed as failure:
        state.warn(path, f"skipped: {failure.reason}", hint=failure.hint)
        return DocumentFile(rel, None, sha256, fmt, warnings=tuple(state.warnings))
    for message in extracted.warnings:
        state.warn(path, message, hint="the document's other pages are read" if extracted.text.strip() else None)
    _warn_long_sentences(state, path, extracted.text, 0)
    front = tuple((FILE_META_PREFIX + key, value) for key, value in extracted.metadata())
    return DocumentFile(rel, extracted.text, sha256, fmt, 0, front or None, tuple(state.warnings))


def _warn_long_sentences(state: _Loading, path: Path, text: str, line_offset: int) -> None:
    """One warning for a document with sentences over MAX_SENTENCE characters: they are read in pieces."""
    lines = long_sentence_lines(text)
    if not lines:
        return
    count = f"{len(lines):,} sentences" if len(lines) > 1 else "a sentence"
    where = f", on {len(set(lines)):,} lines from line {lines[0] + line_offset}," if len(lines) > 1 else ""
    state.warn(
        path,
        f"{count} of more than {MAX_SENTENCE:,} characters (no full stop, no line break){where} read in pieces "
        "cut at spaces",
        lines[0] + line_offset,
        hint="a figure is read with the words of its piece only; quotes across a cut are still found",
    )


def document_meta(rel: str, entry: Mapping[str, str] | None, front: Iterable[tuple[str, str]] | None) -> DocumentMeta:
    """A document's metadata: its manifest entry's fields, overridden field by field by its front matter's."""
    values: dict[str, str] = {}
    own = list(front) if front is not None else []
    values.update((k.removeprefix(FILE_META_PREFIX), v) for k, v in own if k.startswith(FILE_META_PREFIX))
    if entry is not None:
        values.update(entry)
    values.update((k, v) for k, v in own if not k.startswith(FILE_META_PREFIX))
    doc_id = values.pop("id", None) or _stem(rel)
    return DocumentMeta(
        id=doc_id,
        title=values.get("title"),
        publisher=values.get("publisher"),
        author=values.get("author"),
        published=values.get("published"),
        kind=values.get("kind"),
        url=values.get("url"),
        licence=values.get("licence"),
    )


def _stem(rel: str) -> str:
    """``PurePosixPath(rel).stem``, without building a path (corpora of many files list every name)."""
    name = rel.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _load_document(state: _Loading, rel: str, entry: _Fields | None, raw: bytes | None = None) -> Document | None:
    file = read_document_file(state.root, rel, raw)
    state.warnings.extend(file.warnings)
    if file.text is None or file.sha256 is None:
        return None
    meta = document_meta(rel, entry.values if entry is not None else None, file.front)
    return Document(meta, str(state.root / rel), file.text, file.sha256, file.encoding, file.line_offset)


def _check_ids(root: Path, documents: Sequence[Document]) -> None:
    first: dict[str, Document] = {}
    problems: list[Problem] = []
    for doc in documents:
        other = first.setdefault(doc.id, doc)
        if other is not doc:
            problems.append(
                Problem(
                    doc.path,
                    f"document id {doc.id!r} is already used by {other.path}",
                    hint="give one of them another id (id: in its front matter or its sources.yaml entry)",
                )
            )
    if problems:
        raise CorpusError(f"{root}: {len(problems)} document id(s) used twice", tuple(problems))


def _missing_file_hint(root: Path, rel: str) -> str:
    if rel.startswith("/") or ".." in rel.split("/"):
        return "it names a file outside the corpus folder, which is never read; name documents inside the folder"
    if (root / rel).is_file():
        return f"only {', '.join(DOCUMENT_SUFFIXES)} files that are not hidden are documents"
    return "file names are relative to the folder of sources.yaml; fix the name or remove the entry"


# --- metadata ----------------------------------------------------------------------------------


def _read_manifest(state: _Loading, follow_links: bool) -> dict[str, _Fields]:
    """The manifest's entries by relative path; {} if there is none, or it is no regular file (with a warning)."""
    path = state.root / MANIFEST_NAME
    if not _manifest_is_file(state, path, follow_links):
        return {}
    raw = read_file_bytes(path)
    if isinstance(raw, Unreadable):
        raise CorpusError(str(Problem(str(path), raw.reason, hint=raw.hint or "check its permissions")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(str(Problem(str(path), "is not UTF-8 text", hint="save it as UTF-8"))) from error
    root = _compose(path, text, line_shift=0)
    if root is None:
        state.warn(path, "the manifest is empty: no metadata read", hint="list the documents under `documents:`")
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise _shape_error(path, root, "the manifest must be a mapping with a `documents:` list")
    entries: yaml.Node | None = None
    for key, key_node, value in _pairs(state, path, root, 0):
        if key == "documents":
            entries = value
        else:
            _warn_unknown(state, path, key, key_node, ("documents",), 0)
    if entries is None or (isinstance(entries, yaml.ScalarNode) and entries.tag == _NULL_TAG):
        state.warn(path, "the manifest has no `documents:` list: no metadata read", 1, 1)
        return {}
    if not isinstance(entries, yaml.SequenceNode):
        raise _shape_error(path, entries, "`documents:` must be a list of entries (- file: ...)")
    result: dict[str, _Fields] = {}
    for node in entries.value:
        entry = _read_fields(state, path, node, line_shift=0, manifest=True)
        if entry.file is None:
            continue
        previous = result.get(entry.file)
        if previous is not None:
            state.warn(
                path,
                f"{entry.file!r} is listed again (first on line {previous.line}); this entry is ignored",
                entry.line,
                entry.column,
                hint="merge the two entries",
            )
            continue
        result[entry.file] = entry
    if state.errors:
        raise CorpusError(f"{path}: the manifest has {len(state.errors)} error(s)", tuple(state.errors))
    return result


def _manifest_is_file(state: _Loading, path: Path, follow_links: bool) -> bool:
    """Whether the manifest is there to read: a regular file, or a link to one the walk would follow."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode):
        target = _link_target(state, str(path), True, os.path.realpath(state.root), follow_links)
        return target is not None and not target[1]
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        problem = _not_regular(mode)
        state.warn(path, f"skipped: {problem.reason}", hint=problem.hint)
    return stat.S_ISREG(mode)


def _split_front_matter(state: _Loading, path: Path, text: str) -> tuple[str, int, _Fields | None]:
    """The text without its front matter, the number of file lines before it, and the front matter's fields."""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip() != "---":
        return text, 0, None
    close = _FRONT_MATTER_CLOSE.search(text, first_end + 1)
    if close is None:
        state.warn(
            path,
            "the first line is `---` but no closing `---` line follows: read as text, not front matter",
            1,
            1,
            hint="close the front matter with a `---` line",
        )
        return text, 0, None
    body_start = min(close.end() + 1, len(text))
    line_offset = text.count("\n", 0, close.end()) + 1
    node = _compose(path, text[first_end + 1 : close.start()], line_shift=1)
    if node is None:
        return text[body_start:], line_offset, _Fields()
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        state.warn(
            path,
            "the lines between the first two `---` lines are not `key: value` front matter: read as text",
            mark.line + 2,
            mark.column + 1,
            hint="write front matter as `key: value` lines, or put an empty front matter (two `---` lines) first",
        )
        return text, 0, None
    return text[body_start:], line_offset, _read_fields(state, path, node, line_shift=1, manifest=False)


def _compose(path: Path, text: str, line_shift: int) -> yaml.Node | None:
    """Parse YAML (safe loader) into its node tree, for locations; YAML errors become CorpusError at file:line:col."""
    try:
        return compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_shift if mark else None
        column = mark.column + 1 if mark else None
        if isinstance(error, YAMLLimitError):
            problem = Problem(str(path), str(error.problem), line, column, error.hint)
            raise CorpusError(f"{path}: its YAML passes a limit", (problem,)) from error
        problem = Problem(
            str(path),
            f"invalid YAML: {error.problem or error.context or 'syntax error'}",
            line,
            column,
            hint='check indentation and quoting; quote values holding ": " or starting with a special character',
        )
        raise CorpusError(f"{path} is not valid YAML", (problem,)) from error
    except yaml.YAMLError as error:
        problem = Problem(str(path), f"invalid YAML: {error}")
        raise CorpusError(f"{path} is not valid YAML", (problem,)) from error


def _shape_error(path: Path, node: yaml.Node, message: str) -> CorpusError:
    mark = node.start_mark
    problem = Problem(str(path), message, mark.line + 1, mark.column + 1)
    return CorpusError(f"{path} does not have the expected shape", (problem,))


def _pairs(
    state: _Loading, path: Path, node: yaml.MappingNode, line_shift: int
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """The key/value pairs of a mapping (key as text, key node, value node); of a key given twice, the last counts."""
    pairs: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
        if key in pairs:
            mark = key_node.start_mark
            state.warn(
                path,
                f"key {key!r} is given twice in one mapping; the last one is used",
                mark.line + 1 + line_shift,
                mark.column + 1,
            )
        pairs[key] = (key_node, value_node)
    for key, (key_node, value_node) in pairs.items():
        yield key, key_node, value_node


def _read_fields(state: _Loading, path: Path, node: yaml.Node, line_shift: int, manifest: bool) -> _Fields:
    line, column = node.start_mark.line + 1 + line_shift, node.start_mark.column + 1
    fields = _Fields(line=line, column=column)
    if not isinstance(node, yaml.MappingNode):
        state.fail(path, "each entry of `documents:` must be a mapping (- file: ...)", line, column)
        return fields
    allowed = ("file", *METADATA_FIELDS) if manifest else METADATA_FIELDS
    file_given = False
    for key, key_node, value in _pairs(state, path, node, line_shift):
        key_line, key_column = value.start_mark.line + 1 + line_shift, value.start_mark.column + 1
        if key not in allowed:
            _warn_unknown(state, path, key, key_node, allowed, line_shift)
            continue
        file_given = file_given or key == "file"
        text = _scalar_text(value, joinable=key == "author")
        if text is None:
            if key == "file":
                state.fail(path, "`file:` must be a file name", key_line, key_column)
            else:
                state.warn(path, f"{key!r} must be a single value: dropped", key_line, key_column)
            continue
        if not text:
            continue  # an empty value says nothing
        if key == "file":
            fields.file = _normalise_rel(text)
        elif key == "published" and not _valid_published(text):
            state.warn(
                path,
                f"published date {text!r} is not a valid ISO 8601 date: dropped",
                key_line,
                key_column,
                hint="write it as 2019, 2019-07 or 2019-07-14",
            )
        else:
            fields.values[key] = text
    if manifest and not file_given:
        state.fail(path, "entry has no `file:` naming the document it describes", line, column)
    return fields


def _scalar_text(node: yaml.Node, joinable: bool) -> str | None:
    """A scalar's text as written (so 2019-07-14 stays a string, not a date); None for a mapping or list."""
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag == _NULL_TAG else str(node.value).strip()
    if joinable and isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return ", ".join(str(n.value).strip() for n in node.value if str(n.value).strip())
    return None


def _warn_unknown(
    state: _Loading, path: Path, key: str, key_node: yaml.Node, allowed: Sequence[str], line_shift: int
) -> None:
    guess = _SYNONYMS.get(key.lower())
    if guess is None or guess not in allowed:
        close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
        guess = close[0] if close else None
    hint = f"did you mean {guess!r}?" if guess else f"known keys: {', '.join(allowed)}"
    mark = key_node.start_mark
    state.warn(path, f"unknown key {key!r} ignored", mark.line + 1 + line_shift, mark.column + 1, hint=hint)


def _normalise_rel(name: str) -> str:
    parts = [part for part in PurePosixPath(name.replace("\\", "/")).parts if part not in ("", ".")]
    return "/" + "/".join(parts[1:]) if parts[:1] == ["/"] else "/".join(parts)


def _valid_published(text: str) -> bool:
    match = _PUBLISHED.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def load_paths(paths: Sequence[str], stdin: bytes | None = None, follow_links: bool = False) -> MemoryCorpus:
    """Load the files and folders named on a command line ("-" is ``stdin``), as one corpus.

    A folder loads as a corpus (with its manifest and ``follow_links``); a file loads alone, its name as id, and
    may be a pipe or device, read up to MAX_DOCUMENT_BYTES. A path that does not exist, cannot be read or holds
    more is an InputError; two documents with the same id keep their paths as ids.
    """
    documents: list[Document] = []
    warnings: list[Problem] = []
    for name in paths:
        if name == "-":
            decoded = decode_document(stdin or b"")
            if isinstance(decoded, Undecodable):
                raise InputError.at("<stdin>", f"standard input is not text: {decoded.reason}")
            sha256 = hashlib.sha256(stdin or b"").hexdigest()
            documents.append(Document(DocumentMeta("-"), "-", decoded.text, sha256))
            continue
        path = Path(name)
        if path.is_dir():
            corpus = load_corpus(path, follow_links)
            documents.extend(corpus.documents())
            warnings.extend(corpus.warnings)
            continue
        if not path.exists():
            if (url := url_like(path)) is not None:
                raise InputError.at(
                    url,
                    "extract reads files and folders on this machine, not a URL",
                    hint="index the corpus (`factcheck index --corpus URL --index PATH`), then ask grep or compare"
                    " with --index PATH",
                )
            raise InputError.at(path, "no such file or folder", hint="check the path")
        read = read_file_bytes(path, regular_only=False)
        if isinstance(read, Unreadable):
            raise InputError.at(path, read.reason, hint=read.hint)
        state = _Loading(path.parent)
        doc = _load_document(state, path.name, None, read)
        warnings.extend(state.warnings)
        if doc is None:
            raise InputError.at(path, "cannot be read as text", hint="; ".join(p.message for p in state.warnings))
        documents.append(replace(doc, path=name))
    seen: dict[str, int] = {}
    for doc in documents:
        seen[doc.id] = seen.get(doc.id, 0) + 1
    unique = [replace(d, meta=replace(d.meta, id=d.path)) if seen[d.id] > 1 else d for d in documents]
    return MemoryCorpus(Path("."), unique, warnings)
