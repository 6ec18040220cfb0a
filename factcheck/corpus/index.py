"""A persistent SQLite index of a corpus: documents read once, then every command answers from the index.

``open_corpus`` is what commands call. It lists the corpus folder, reads again only the documents that are new
or changed (by size and modification time, confirmed by their sha256) or that an older reader read, drops the
documents that are gone, and returns an ``IndexedCorpus`` that gives the same documents, sentences and figures
as ``load_corpus`` would, without holding every text in memory.

Layout (one SQLite file, by default ``<corpus>/.factcheck/index.sqlite3``):

- ``documents``: one row per document file: where it is, its size, modification time and sha256, the reader that
  read it, its encoding, front matter fields and warnings (metadata from ``sources.yaml`` is applied when the
  corpus is opened, so editing the manifest needs no re-reading);
- ``contents``: per document, compressed: its text, its sentences' offsets, its figures (JSON) and the terms of
  each sentence: the stems of its words and of the nouns its figures count;
- ``terms``: an FTS5 table (contentless, rowid = document) over each document's terms, for pre-selection;
- ``words`` and ``stems``: every word (case-folded) with its stem, and every stem, seen in the corpus, so that
  a query's words can be widened to the stems that match them (fuzzy for matching, substrings for grep).

Reading uses a process pool (one document per task, the function is pure), or another engine given to
``build_index`` (``factcheck.corpus.index_dask`` reads batches on a Dask cluster); the main process is the only writer
and commits documents in small batches, so an interrupted run leaves a consistent index that the next run
completes. WAL mode lets a command read while another writes; each ``IndexedCorpus`` reads in one snapshot.
Every blob and every document's row carries a checksum, checked on read: a damaged document is read from its file
instead (with a warning) and stored again. The index is only ever created where no file is, or used or rebuilt
where an index of ours is (its SQLite application id, or any file in the corpus's own ``.factcheck`` folder);
any other file at the index path is refused before anything is written (see ``_refusal``).
"""

from __future__ import annotations

import contextlib
import copy
import glob
import hashlib
import importlib.util
import json
import math
import os
import re
import sqlite3
import stat
import time
import warnings as pywarnings
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import FrozenInstanceError, dataclass, field, fields
from functools import lru_cache, partial
from itertools import combinations
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Protocol

from factcheck.corpus.documents import (
    Corpus,
    CorpusScan,
    MemoryCorpus,
    Unreadable,
    document_meta,
    finish_corpus,
    line_at,
    listed_scan,
    load_corpus,
    newline_offsets,
    read_document_file,
    read_file_bytes,
    scan_corpus,
    sentence_containing,
    unknown_document,
)
from factcheck.corpus.processes import Forked, answer_of, fork_answering, running, start_worker, stop, usable_cores
from factcheck.corpus.progress import Steps
from factcheck.errors import CorpusError, FactcheckWarning, InputError, Problem
from factcheck.model import Document, DocumentMeta, Figure, Kind, Qualifier, Quantity, Role, Sentence
from factcheck.reading.sentences import sentence_lines, sentence_spans
from factcheck.reading.text import _WORD, stem, stemmer_identity, tokens
from factcheck.version import READER_VERSION

if TYPE_CHECKING:
    from concurrent.futures import Future


__all__ = [
    "INDEX_DIR",
    "INDEX_NAME",
    "SCHEMA_VERSION",
    "DocumentRead",
    "DocumentStore",
    "IndexReport",
    "IndexedCorpus",
    "IndexedDocument",
    "Listing",
    "ReadEngine",
    "ReadTask",
    "build_index",
    "build_listed_index",
    "default_index_path",
    "index_place",
    "open_corpus",
    "open_index",
    "read_bytes_for_index",
    "read_for_index",
    "reader_key",
]

SCHEMA_VERSION: Final = 2  # 2: documents carry a checksum
APPLICATION_ID: Final = 0x46434958  # "FCIX"
INDEX_DIR: Final = ".factcheck"
INDEX_NAME: Final = "index.sqlite3"
BUSY_TIMEOUT: Final = 60.0  # seconds a command waits for another one's write
# A file modified this close to when it was read may change again within its clock tick: hash it next time.
RACY_NS: Final = 2_000_000_000
# Writes are committed in batches this long (or this many documents): an interruption loses at most one batch.
BATCH_SECONDS: Final = 0.1
BATCH_DOCUMENTS: Final = 200
# Reading fewer bytes than this is done in this process: a pool costs more than it saves.
POOL_MIN_BYTES: Final = 512 * 1024
QUICK_CHECK_MAX_BYTES: Final = 64 * 1024 * 1024  # larger indexes are quick-checked by `factcheck index` only
# Smaller indexes have their search table (FTS5's integrity-check) and word list checked by every command, larger
# ones by `factcheck index` only: damage there would narrow what is pre-selected, silently.
SEARCH_CHECK_MAX_BYTES: Final = 16 * 1024 * 1024
CACHE_DOCUMENTS: Final = 64  # documents whose text, sentences and figures stay in memory (least recently used)
CACHE_CHARS: Final = 32 * 1024 * 1024
MAX_CACHED_WORDS: Final = 500_000  # words whose terms a reading process keeps (about 100 MB)
ZLIB_LEVEL: Final = 1
# Similarity of words as factcheck.matching.scoring scores them: equal, or both this long and this similar.
MIN_FUZZY_LENGTH: Final = 4
# A keyword part found inside more stems than this does not narrow a search: it is left out of the selection.
MAX_EXPANSION: Final = 4000
MAX_COMBINATIONS: Final = 64
FETCH_BATCH: Final = 500  # documents fetched by one query
# Pre-selection in more documents than this is shared with forked processes, at least this many each.
SELECT_FORK_MIN_DOCUMENTS: Final = 200
SQLITE_HEADER: Final = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE: Final = 100  # the database header: the application id is at bytes 68 to 71

# Modules whose code decides what is stored: a change in any of them makes every document be read again.
_KEY_MODULES: Final = (
    "factcheck.model",
    "factcheck.corpus.encoding",
    "factcheck.corpus.documents",
    "factcheck.reading.sentences",
    "factcheck.reading.quantities",
    "factcheck.reading.numwords",
    "factcheck.reading.units",
    "factcheck.reading.text",
    "factcheck.corpus.formats",
    "factcheck.corpus.formats.convert",
    "factcheck.corpus.formats.layout",
    "factcheck.corpus.formats.pages",
    "factcheck.corpus.formats.pdf",
    "factcheck.corpus.formats.html",
    "factcheck.corpus.formats.docx",
)
# The version of what read_for_index stores for a document: raise it when that changes.
STORED_FORMAT: Final = 2  # 2: every blob carries a checksum
_QUANTITY_FIELDS: Final = tuple(f.name for f in fields(Quantity))
_QUANTITY_VALUES: Final = attrgetter(*_QUANTITY_FIELDS)
_UNIT: Final = _QUANTITY_FIELDS.index("unit")
_KIND: Final = _QUANTITY_FIELDS.index("kind")
# Stored enum values back to members by a dict lookup (Enum's own call is several times slower), by row position.
_ENUM_COLUMNS: Final[dict[int, Mapping[str, object]]] = {
    _QUANTITY_FIELDS.index("qualifier"): {str(m.value): m for m in Qualifier},
    _QUANTITY_FIELDS.index("kind"): {str(m.value): m for m in Kind},
    _QUANTITY_FIELDS.index("role"): {str(m.value): m for m in Role},
}

_SCHEMA: Final = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE documents (
        docno INTEGER PRIMARY KEY,
        rel TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        checked_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        reader TEXT NOT NULL,
        readable INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        line_offset INTEGER NOT NULL,
        front TEXT,
        warnings TEXT NOT NULL,
        sentences INTEGER NOT NULL,
        figures INTEGER NOT NULL,
        chars INTEGER NOT NULL,
        checksum INTEGER NOT NULL
    )""",
    """CREATE TABLE contents (
        docno INTEGER PRIMARY KEY,
        text BLOB NOT NULL,
        sentences BLOB NOT NULL,
        figures BLOB NOT NULL,
        terms BLOB NOT NULL
    )""",
    "CREATE TABLE words (word TEXT NOT NULL, stem TEXT NOT NULL, PRIMARY KEY (word, stem)) WITHOUT ROWID",
    "CREATE TABLE stems (stem TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE terms USING fts5(t, content='', detail=none, columnsize=0, tokenize='ascii')",
)
_TABLES: Final = frozenset({"meta", "documents", "contents", "words", "stems", "terms"})


# --- what is stored -----------------------------------------------------------------------------------


def reader_key() -> str:
    """The version of everything that decides what the index stores for a document.

    ``READER_VERSION`` plus a digest of the code of the reader, the sentence splitter, the decoder and the word
    stemmer (and of which stemmer implementation runs), and of ``STORED_FORMAT``: documents read by another
    version are read again.
    """
    digest = hashlib.sha256(f"{SCHEMA_VERSION}.{STORED_FORMAT}".encode())
    for name in _KEY_MODULES:
        try:  # the modules' files, found without importing them (the reader is only imported to read)
            spec = importlib.util.find_spec(name)
            source = Path(spec.origin if spec is not None and spec.origin else "").read_bytes()
        except (ImportError, OSError):
            continue
        digest.update(name.encode())
        digest.update(hashlib.sha256(source).digest())
    digest.update(stemmer_identity().encode())
    return f"{READER_VERSION}+{digest.hexdigest()[:16]}"


def term(word_stem: str) -> str:
    """The FTS term of a stem: the stem itself when it is ASCII letters and digits, else a hex spelling."""
    if word_stem.isascii() and word_stem.isalnum():
        return word_stem
    return "x" + word_stem.encode("utf-8", "surrogatepass").hex()


def similar(a: str, b: str) -> bool:
    """Whether factcheck.matching.scoring counts the stems ``a`` and ``b`` as the same word (a score above 0)."""
    from factcheck.matching.scoring import word_similarity

    return word_similarity(a, b) > 0


class _Damaged(Exception):
    """Bytes read from the index are not what was written (their checksum or their compression says so)."""


def _seal(data: bytes) -> bytes:
    """``data`` compressed, behind the CRC-32 of the compressed bytes: damage is found before anything is decoded."""
    packed = zlib.compress(data, ZLIB_LEVEL)
    return zlib.crc32(packed).to_bytes(4, "big") + packed


def _check_seal(blob: bytes) -> memoryview:
    """The compressed bytes of a sealed blob; raises _Damaged when they do not match their checksum."""
    packed = memoryview(blob)[4:]
    if len(blob) < 4 or zlib.crc32(packed) != int.from_bytes(blob[:4], "big"):
        raise _Damaged("a stored checksum does not match")
    return packed


def _open_seal(blob: bytes) -> bytes:
    """What _seal sealed; raises _Damaged when the checksum or the compressed stream is wrong."""
    packed = _check_seal(blob)
    try:
        return zlib.decompress(packed)
    except zlib.error as error:
        raise _Damaged(str(error)) from error


def _pack(text: str) -> bytes:
    return _seal(text.encode("utf-8", "surrogatepass"))


def _unpack(blob: bytes) -> str:
    try:
        return _open_seal(blob).decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as error:
        raise _Damaged(str(error)) from error


# The columns of a document's row that its checksum covers (size, times and reader change without damage, and
# damage to them only makes the document be read again).
_CHECKED_COLUMNS: Final = "rel, sha256, readable, encoding, line_offset, front, warnings, sentences, figures, chars"


def _row_checksum(values: Sequence[object]) -> int:
    """The checksum of a document's row: its _CHECKED_COLUMNS values, in that order."""
    return zlib.crc32(json.dumps(list(values), ensure_ascii=False).encode("utf-8", "surrogatepass"))


# The vocabulary tables only grow (or are emptied): each has a digest in ``meta`` (rows, sum of their CRC-32s),
# kept up to date by the writer, so that a damaged word or stem is found by reading the table once.
_VOCABULARY_ROWS: Final = {"words": "SELECT word || char(9) || stem FROM words", "stems": "SELECT stem FROM stems"}


def _digest(values: Iterable[str], start: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    count, total = start
    for value in values:
        count += 1
        total += zlib.crc32(value.encode("utf-8", "surrogatepass"))
    return count, total


def _stored_digest(rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """A digest as ``meta`` holds it (the rows of a query for its value); none yet: an empty table's; a damaged
    one: a digest that matches no table."""
    if not rows:
        return 0, 0
    count, _, total = str(rows[0][0]).partition(":")
    try:
        return int(count), int(total)
    except ValueError:
        return -1, 0


def _digest_query(table: str) -> tuple[str, tuple[str]]:
    return "SELECT value FROM meta WHERE key = ?", (f"{table} digest",)


def _store_digest(conn: sqlite3.Connection, table: str, digest: tuple[int, int]) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"{table} digest", f"{digest[0]}:{digest[1]}"))


def _vocabulary_sound(conn: sqlite3.Connection) -> bool:
    """Whether the words and stems tables still match their digests."""
    try:
        return all(
            _digest(v for (v,) in conn.execute(query)) == _stored_digest(conn.execute(*_digest_query(table)).fetchall())
            for table, query in _VOCABULARY_ROWS.items()
        )
    except sqlite3.OperationalError:  # a value that is not even text
        return False


def _document_terms(sentence_terms: str) -> str:
    """The FTS row of a document: every distinct term of its sentences, sorted (the same text on insert and delete)."""
    return " ".join(sorted(set(sentence_terms.split())))


@dataclass(frozen=True, slots=True)
class DocumentRead:
    """What a worker read from one document file (plain values: it crosses processes)."""

    rel: str
    status: str  # "same" (sha256 as known), "document", "skipped" (not text), "unreadable", "error"
    size: int
    mtime_ns: int
    checked_ns: int
    sha256: str = ""
    encoding: str = "utf-8"
    line_offset: int = 0
    front: str | None = None  # JSON object
    warnings: str = "[]"  # JSON list of [message, line, column, hint]
    text: bytes = b""
    sentences: bytes = b""
    figures: bytes = b""
    terms: bytes = b""
    fts: str = ""  # the document's FTS row: _document_terms of its sentences' terms
    words: tuple[str, ...] = ()  # "word\tstem"
    stems: tuple[str, ...] = ()
    n_sentences: int = 0
    n_figures: int = 0
    chars: int = 0
    error: str = ""  # CorpusError message and problems, for status "error"
    problems: tuple[tuple[str, str, int | None, int | None, str | None], ...] = ()


def _warnings_json(problems: Iterable[Problem]) -> str:
    return json.dumps([[p.message, p.line, p.column, p.hint] for p in problems], ensure_ascii=False)


class DocumentStore(Protocol):
    """A place documents are read from other than a folder (a corpus at a URL): picklable, it goes to workers."""

    def read_bytes(self, rel: str) -> bytes | Unreadable:
        """The bytes of the document ``rel``, or why they cannot be read."""
        ...


def read_for_index(
    root: str | DocumentStore, rel: str, size: int, mtime_ns: int, known_sha256: str | None
) -> DocumentRead:
    """Read one document for the index from the folder ``root`` (or a store), then as read_bytes_for_index."""
    if isinstance(root, str):
        return read_bytes_for_index(rel, read_file_bytes(Path(root) / rel), size, mtime_ns, known_sha256, Path(root))
    return read_bytes_for_index(rel, root.read_bytes(rel), size, mtime_ns, known_sha256)


def read_bytes_for_index(
    rel: str,
    raw: bytes | Unreadable,
    size: int,
    mtime_ns: int,
    known_sha256: str | None,
    base: Path = Path(),
) -> DocumentRead:
    """Read one document's bytes for the index: decode, split sentences, read figures, gather terms. Pure.

    ``mtime_ns``: the modification time or the store's stamp (kept, not used); ``known_sha256``: the sha256 the
    index holds for the document; if the bytes still have it, nothing more is read. ``base``: the folder that
    warnings name the document in (none for a store: the document is named by its path in the corpus).
    """
    checked_ns = time.time_ns()
    if isinstance(raw, bytes) and known_sha256 is not None and hashlib.sha256(raw).hexdigest() == known_sha256:
        return DocumentRead(rel, "same", size, mtime_ns, checked_ns, known_sha256)
    try:
        file = read_document_file(base, rel, raw)
    except CorpusError as error:
        problems = tuple((p.path, p.message, p.line, p.column, p.hint) for p in error.problems)
        return DocumentRead(rel, "error", size, mtime_ns, checked_ns, error=error.message, problems=problems)
    warnings = _warnings_json(file.warnings)
    if file.sha256 is None:
        return DocumentRead(rel, "unreadable", size, mtime_ns, checked_ns, warnings=warnings)
    if file.text is None:
        return DocumentRead(rel, "skipped", size, mtime_ns, checked_ns, file.sha256, warnings=warnings)
    from factcheck.reading.quantities import read_quantity_values

    text = file.text
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    offsets = array("q")
    for (start, end), line in zip(spans, sentence_lines(text, spans), strict=True):
        offsets.extend((start, end, line))
    values = read_quantity_values(text, spans) if spans else []
    # A figure starting between two sentences belongs to the one before it (to the first, if before all), as
    # locate_figures places it; its line is a file line (after any front matter).
    sentence_of = [max(bisect_right(starts, v[0]) - 1, 0) for v in values]
    rows = [
        [n, bisect_left(newlines, v[0]) + 1 + file.line_offset, *v] for n, v in zip(sentence_of, values, strict=True)
    ]
    # Each distinct word is stemmed once per process; a sentence's terms are its words' (and counted nouns').
    findall = _WORD.findall
    sentence_words = [set(findall(text, start, end)) for start, end in spans]
    document_words: set[str] = set().union(*sentence_words)
    term_of = _TERM_OF
    if len(term_of) > MAX_CACHED_WORDS:  # memory stays bounded on an archive of many distinct words
        term_of.clear()
        _FTS_TERM.clear()
    for word in document_words.difference(term_of):
        term_of[word] = _word_entry(word)
    fts_term = _FTS_TERM.__getitem__
    per_sentence = [set(map(fts_term, found)) for found in sentence_words]
    words = {term_of[w][1] for w in document_words}
    stems = {term_of[w][2] for w in document_words}
    document_terms = {term_of[w][0] for w in document_words}
    for n, v in zip(sentence_of, values, strict=True):
        unit = v[_UNIT]
        if isinstance(unit, str) and unit:
            unit_stems = _unit_stems(unit)
            stems.update(unit_stems)
            found_terms = [term(u) for u in unit_stems]
            per_sentence[n].update(found_terms)
            document_terms.update(found_terms)
    # Sentence terms in no particular order (queries intersect sets); the document's row is every distinct term.
    sentence_terms = "\n".join(map(" ".join, per_sentence))
    return DocumentRead(
        rel,
        "document",
        size,
        mtime_ns,
        checked_ns,
        file.sha256,
        file.encoding,
        file.line_offset,
        json.dumps(dict(file.front), ensure_ascii=False) if file.front is not None else None,
        warnings,
        _pack(text),
        _seal(offsets.tobytes()),
        _pack(json.dumps(rows, ensure_ascii=False)),
        _pack(sentence_terms),
        " ".join(sorted(document_terms)),
        tuple(sorted(words)),
        tuple(sorted(stems)),
        len(spans),
        sum(1 for v in values if v[_KIND] not in (Kind.YEAR, Kind.DATE)),
        len(text),
    )


# Per process: each word seen, as (its FTS term, "casefolded word<TAB>stem", stem); stems never change.
_TERM_OF: Final[dict[str, tuple[str, str, str]]] = {}
_FTS_TERM: Final[dict[str, str]] = {}  # each word seen: its FTS term
_NEWLINE: Final = re.compile("\n")


def _word_entry(word: str) -> tuple[str, str, str]:
    word_stem = stem(word)
    fts = _FTS_TERM[word] = term(word_stem)
    return fts, f"{word.casefold()}\t{word_stem}", word_stem


@lru_cache(maxsize=4096)
def _unit_stems(unit: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokens(unit))


# --- the database file --------------------------------------------------------------------------------


class _Corrupt(Exception):
    """The index file is not a usable index of ours: why."""


def default_index_path(corpus: Path) -> Path:
    return corpus / INDEX_DIR / INDEX_NAME


def index_place(corpus: Path, index: Path | None) -> tuple[Path, bool]:
    """The index file of the corpus, and whether it is in the corpus's own index folder (``.factcheck``).

    Any file there is ours: a damaged one is rebuilt. A file elsewhere is used or rebuilt only when it carries
    our application id. Neither the folder nor the file may be a symbolic link for the place to count as ours.
    """
    default = default_index_path(corpus)
    target = index if index is not None else default
    own = os.path.abspath(target) == os.path.abspath(default) and not any(
        os.path.islink(p) for p in (default.parent, default)
    )
    return target, own


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return conn


def _refusal(path: Path, own_place: bool) -> str | None:
    """Why the file at ``path`` must be neither used as the index nor replaced by one; None when it may.

    Decided from the file's type and first bytes (SQLite's header and application id), before anything is written.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "it is a symbolic link to a missing file" if os.path.islink(path) else None
    except OSError:
        return None  # nothing can be made there either (a file for a folder, no permission): said when writing
    if stat.S_ISDIR(st.st_mode):
        return "it is a folder"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file (a device, pipe or socket)"
    if own_place:
        return None
    try:
        with open(path, "rb") as handle:
            header = handle.read(SQLITE_HEADER_SIZE)
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER or len(header) < SQLITE_HEADER_SIZE:
        return "it is empty" if not header else "it is not a factcheck index (not an SQLite database)"
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return "it is an SQLite database of another application"
    return None


def _refuse(path: Path, own_place: bool) -> None:
    """Raise InputError when the file at ``path`` is not ours to use or replace (see _refusal)."""
    reason = _refusal(path, own_place)
    if reason is not None:
        raise InputError.at(
            path,
            f"not used as the index: {reason}; factcheck never writes over a file that is not its index",
            hint="pass --index with the path of a new file or of a factcheck index, or leave --index out",
        )


def _inspect(conn: sqlite3.Connection, check: str) -> None:
    """Raises _Corrupt unless the database is a sound, complete index of ours (``check``: an SQLite check to run,
    "quick_check" or "integrity_check", or "" for none)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if app_id != APPLICATION_ID:
        raise _Corrupt("it is not a factcheck index (another application's database, or an empty one)")
    if version != SCHEMA_VERSION:
        raise _Corrupt(
            f"it is a factcheck index of another layout (version {version}, this factcheck reads {SCHEMA_VERSION})"
        )
    missing = _TABLES - tables
    if missing:
        raise _Corrupt(f"tables are missing: {', '.join(sorted(missing))}")
    if check:
        result = conn.execute(f"PRAGMA {check}").fetchall()
        if result != [("ok",)]:
            raise _Corrupt(f"SQLite's {check} failed: {result[0][0]}")


def _create(path: Path) -> None:
    """Create an empty index at ``path``, which does not exist: made whole under a temporary name, then linked
    into place, so that the path never holds a half-made index nor ever replaces a file. Under the writer lock."""
    for stale in path.parent.glob(glob.escape(path.name) + ".new-*"):  # left by a killed run
        with contextlib.suppress(OSError):
            stale.unlink()
    temporary = path.with_name(f"{path.name}.new-{os.getpid()}")
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('created', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        finally:
            conn.close()
        try:
            os.link(temporary, path)  # fails if anything is at path: nothing is replaced
        except FileExistsError:
            raise
        except OSError:  # no hard links on this file system: claim the name, then fill it
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _discard(path: Path) -> None:
    """Delete a damaged index of ours (and SQLite's files beside it): it is made again from the corpus."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path.with_name(path.name + suffix))


def _try_open(path: Path, check: str) -> sqlite3.Connection | None:
    """A connection to the index at ``path`` if it is a sound index of ours; None if there is no file there.

    Raises _Corrupt or sqlite3.DatabaseError for a bad file, OperationalError when it cannot be opened or written.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(SQLITE_HEADER_SIZE)
    except FileNotFoundError:
        return None
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER[: len(header)]:
        raise _Corrupt("it is not an SQLite database")
    if len(header) < SQLITE_HEADER_SIZE:
        raise _Corrupt("it is truncated" if header else "it is empty")
    conn = _connect(path)
    try:
        small = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
        _inspect(conn, check or ("quick_check" if small else ""))
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot use WAL mode here (journal mode {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32000")
        return conn
    except BaseException:
        conn.close()
        raise


def _ignore_folder(folder: Path) -> None:
    """A ``.gitignore`` of ``*`` in the index's own folder (as ruff's cache has): the index and its lock are never
    committed, whatever the project's ignore file says. Written once; a folder it cannot be written to is left."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text("# written by factcheck: the index is rebuilt from the corpus, never committed\n*\n")
        except OSError:
            pass


def _open_database(path: Path, own_place: bool, warnings: list[Problem], check: str) -> sqlite3.Connection:
    """Open (creating it if needed) the index at ``path``; a damaged index of ours is reported and rebuilt.

    A file that is not ours (see _refusal) raises InputError before anything is written beside it. Creating and
    rebuilding happen under the writer lock, after looking again: a file another command is just creating is not
    taken for a damaged one. Raises OSError or sqlite3.OperationalError when the index cannot be created or
    written there.
    """
    _refuse(path, own_place)
    path.parent.mkdir(parents=True, exist_ok=True)
    if own_place:
        _ignore_folder(path.parent)
    try:
        conn = _try_open(path, check)
        if conn is not None:
            return conn
    except sqlite3.OperationalError:
        raise  # cannot open or write here (read-only, locked): not the file's fault
    except (_Corrupt, sqlite3.DatabaseError):
        pass  # looked at again, and rebuilt, under the writer lock
    with _writer_lock(path):
        for attempt in range(3):
            _refuse(path, own_place)
            try:
                opened = _try_open(path, check)
                if opened is not None:
                    return opened
                _create(path)
            except sqlite3.OperationalError:
                raise
            except (_Corrupt, sqlite3.DatabaseError) as error:
                why = str(error) if isinstance(error, _Corrupt) else f"SQLite says: {error}"
                if attempt == 2:
                    raise InputError.at(path, f"the index cannot be made usable ({why})", hint=_DELETE_HINT) from error
                _discard(path)
                warnings.append(
                    Problem(
                        str(path),
                        f"the index file cannot be trusted ({why}): deleted and rebuilt",
                        hint="nothing to do",
                        severity="warning",
                    )
                )
    raise AssertionError("unreachable")


_DELETE_HINT: Final = "delete the file (an index is rebuilt from the corpus), or pass --index with another path"
_HELD_LOCKS: Final[set[int]] = set()  # descriptors of the writer locks this process holds: workers close them


def held_locks() -> tuple[int, ...]:
    """The descriptors of the writer locks this process holds: a worker it starts closes them (start_worker)."""
    return tuple(_HELD_LOCKS)


LOCK_TAKEOVER_SECONDS: Final = 1.0  # a lock seen held for this long on behalf of a dead run is taken over
LOCK_POLL_SECONDS: Final = 0.05


@contextlib.contextmanager
def _writer_lock(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """One writer per index at a time (others wait): an advisory lock on ``<index>.lock``, where supported.

    The holder writes its process id into the lock file. A lock still held for a run that is dead (by processes
    it left behind) is taken over: the lock file is replaced by a new one.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking still keeps the index consistent
        yield
        return
    handle = _acquire(path.with_name(path.name + ".lock"), on_wait)
    fd = handle.fileno()
    _HELD_LOCKS.add(fd)
    try:
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        with contextlib.suppress(OSError):
            handle.truncate(0)  # no process id: a waiter never takes this (free) lock for a dead run's
            handle.flush()
        fcntl.flock(fd, fcntl.LOCK_UN)
        handle.close()


def _acquire(lock_path: Path, on_wait: Callable[[], None] | None) -> BinaryIO:
    import fcntl

    dead_since: dict[tuple[int, int], float] = {}  # (lock file inode, dead holder) -> first seen
    while True:
        handle = open(lock_path, "a+b")  # closed by _writer_lock
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _lock_holder(handle)
            inode = os.fstat(handle.fileno()).st_ino
            if holder is not None and not running(holder):
                first = dead_since.setdefault((inode, holder), time.monotonic())
                if time.monotonic() - first >= LOCK_TAKEOVER_SECONDS and _same_file(handle, lock_path):
                    with contextlib.suppress(OSError):
                        lock_path.unlink()  # the next open makes a new lock file, free
            elif on_wait is not None:
                on_wait()
                on_wait = None
            handle.close()
            time.sleep(LOCK_POLL_SECONDS)
            continue
        if not _same_file(handle, lock_path):  # taken over meanwhile: lock the new file
            handle.close()
            continue
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        return handle


def _lock_holder(handle: BinaryIO) -> int | None:
    handle.seek(0)
    text = handle.read(32).strip()
    return int(text) if text.isdigit() else None


def _same_file(handle: BinaryIO, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except OSError:
        return False


# --- refreshing ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one refresh of the index did, and what the index holds."""

    index: str
    documents: int  # documents of the corpus now
    new: int
    changed: int
    unchanged: int
    removed: int
    skipped: int  # files that are not readable text
    read_bytes: int  # bytes of the files read this time
    sentences: int  # in the whole corpus
    figures: int  # figures other than years and dates, in the whole corpus
    seconds: float
    workers: int  # processes that read documents (0: read in this process, or nothing to read)
    size_bytes: int  # of the index file
    reader: str
    checked: bool = False  # every checksum and SQLite's integrity check were verified
    repaired: tuple[str, ...] = ()  # what was found damaged and repaired


@dataclass(frozen=True, slots=True)
class _Row:
    docno: int
    rel: str
    size: int
    mtime_ns: int
    checked_ns: int
    sha256: str
    reader: str
    damaged: bool = False


@dataclass(frozen=True, slots=True)
class ReadTask:
    rel: str
    size: int
    mtime_ns: int
    known_sha256: str | None
    new: bool


@dataclass(slots=True)
class _Plan:
    tasks: list[ReadTask]
    removed: list[_Row]
    unchanged: int
    damaged: list[str]  # documents whose row in the index was damaged: read again

    @property
    def empty(self) -> bool:
        return not self.tasks and not self.removed


def _rows(conn: sqlite3.Connection) -> dict[str, _Row]:
    """Every document's row; one whose checksum does not match is marked damaged (and so read again)."""
    query = f"SELECT docno, size, mtime_ns, checked_ns, reader, checksum, {_CHECKED_COLUMNS} FROM documents"
    rows: dict[str, _Row] = {}
    for docno, size, mtime_ns, checked_ns, reader, checksum, *checked in conn.execute(query):
        damaged = _row_checksum(checked) != checksum
        rel, sha256 = checked[0], checked[1]
        rows[rel] = _Row(docno, rel, size, mtime_ns, checked_ns, sha256, "" if damaged else reader, damaged)
    return rows


def _path_prefix(root: Path) -> str:
    """What ``str(root / rel)`` starts with, so that paths are made by concatenation (as fast as it gets)."""
    return str(root / "x")[:-1]


@dataclass(frozen=True, slots=True)
class Listing:
    """A corpus's documents as listed, not read: where they are, their paths in order, and each one's stamp.

    ``stat`` gives a document's size and stamp (-1, -1: it vanished). ``times``: the stamps are modification times,
    which a change within the same tick may leave as they were (such a document is hashed again); False for a
    store's ETags, which change with the content.
    """

    root: Path | DocumentStore
    rels: Sequence[str]
    stat: Callable[[str], tuple[int, int]]
    times: bool = True


def _folder_listing(scan: CorpusScan) -> Listing:
    prefix = _path_prefix(scan.root)

    def stat_file(rel: str) -> tuple[int, int]:
        try:
            st = os.stat(prefix + rel.replace("/", os.sep))
        except OSError:
            return -1, -1
        return st.st_size, st.st_mtime_ns

    return Listing(scan.root, scan.rels, stat_file)


def _plan(conn: sqlite3.Connection, listing: Listing, reader: str) -> _Plan:
    rows = _rows(conn)
    tasks: list[ReadTask] = []
    unchanged = 0
    for rel in listing.rels:
        row = rows.get(rel)
        size, mtime = listing.stat(rel)
        if row is not None and row.reader == reader:
            settled = not listing.times or mtime + RACY_NS < row.checked_ns
            if row.size == size and row.mtime_ns == mtime and mtime >= 0 and settled:  # -1: no stamp, hashed
                unchanged += 1
                continue
            tasks.append(ReadTask(rel, size, mtime, row.sha256, False))
        else:
            tasks.append(ReadTask(rel, size, mtime, None, row is None))
    listed = set(listing.rels)
    removed = [row for rel, row in rows.items() if rel not in listed]
    return _Plan(tasks, removed, unchanged, [rel for rel, row in rows.items() if row.damaged])


class _Writer:
    """Writes read documents into the index, in batches of whole documents (the only writer of a run)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.words: set[str] | None = None
        self.stems: set[str] | None = None
        self.pending = 0
        self.started = 0.0

    def _begin(self) -> None:
        if self.pending == 0:
            self.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()

    def _done_one(self) -> None:
        self.pending += 1
        if self.pending >= BATCH_DOCUMENTS or time.monotonic() - self.started >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.pending:
            self.conn.execute("COMMIT")
            self.pending = 0

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.pending = 0

    def _drop_content(self, docno: int) -> None:
        row = self.conn.execute("SELECT terms FROM contents WHERE docno = ?", (docno,)).fetchone()
        if row is not None:
            try:
                terms = _document_terms(_unpack(row[0]))
            except _Damaged:  # its search terms stay behind: they only make it a candidate, which is checked
                terms = ""
            if terms:
                self.conn.execute("INSERT INTO terms (terms, rowid, t) VALUES ('delete', ?, ?)", (docno, terms))
            self.conn.execute("DELETE FROM contents WHERE docno = ?", (docno,))

    def remove(self, rel: str) -> None:
        self._begin()
        row = self.conn.execute("SELECT docno FROM documents WHERE rel = ?", (rel,)).fetchone()
        if row is not None:
            self._drop_content(row[0])
            self.conn.execute("DELETE FROM documents WHERE docno = ?", (row[0],))
        self._done_one()

    def touch(self, read: DocumentRead) -> None:
        self._begin()
        self.conn.execute(
            "UPDATE documents SET size = ?, mtime_ns = ?, checked_ns = ? WHERE rel = ? AND sha256 = ?",
            (read.size, read.mtime_ns, read.checked_ns, read.rel, read.sha256),
        )
        self._done_one()

    def store(self, read: DocumentRead, reader: str) -> None:
        self._begin()
        row = self.conn.execute("SELECT docno FROM documents WHERE rel = ?", (read.rel,)).fetchone()
        checked = (
            read.rel,
            read.sha256,
            int(read.status == "document"),
            read.encoding,
            read.line_offset,
            read.front,
            read.warnings,
            read.n_sentences,
            read.n_figures,
            read.chars,
        )
        values = (read.size, read.mtime_ns, read.checked_ns, reader, *checked[1:], _row_checksum(checked))
        if row is not None:
            docno = int(row[0])
            self._drop_content(docno)
            self.conn.execute(
                "UPDATE documents SET size = ?, mtime_ns = ?, checked_ns = ?, reader = ?, sha256 = ?, readable = ?,"
                " encoding = ?, line_offset = ?, front = ?, warnings = ?, sentences = ?, figures = ?, chars = ?,"
                " checksum = ? WHERE docno = ?",
                (*values, docno),
            )
        else:
            cursor = self.conn.execute(
                "INSERT INTO documents (size, mtime_ns, checked_ns, reader, sha256, readable, encoding, line_offset,"
                " front, warnings, sentences, figures, chars, checksum, rel)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, read.rel),
            )
            docno = int(cursor.lastrowid or 0)
        if read.status == "document":
            self.conn.execute(
                "INSERT INTO contents (docno, text, sentences, figures, terms) VALUES (?, ?, ?, ?, ?)",
                (docno, read.text, read.sentences, read.figures, read.terms),
            )
            if read.fts:
                self.conn.execute("INSERT INTO terms (rowid, t) VALUES (?, ?)", (docno, read.fts))
            self._add_vocabulary(read)
        self._done_one()

    def _add_vocabulary(self, read: DocumentRead) -> None:
        if self.words is None or self.stems is None:
            self.words = {f"{w}\t{s}" for w, s in self.conn.execute("SELECT word, stem FROM words")}
            self.stems = {s for (s,) in self.conn.execute("SELECT stem FROM stems")}
        new_words = [w for w in read.words if w not in self.words]
        if new_words:
            self.conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", (w.split("\t", 1) for w in new_words))
            self.words.update(new_words)
            self._count("words", new_words)
        new_stems = [s for s in read.stems if s not in self.stems]
        if new_stems:
            self.conn.executemany("INSERT OR IGNORE INTO stems VALUES (?)", ((s,) for s in new_stems))
            self.stems.update(new_stems)
            self._count("stems", new_stems)

    def _count(self, table: str, added: Iterable[str]) -> None:
        """Add rows just added to ``table`` to its digest."""
        stored = _stored_digest(self.conn.execute(*_digest_query(table)).fetchall())
        _store_digest(self.conn, table, _digest(added, stored))  # a damaged one stays wrong: checks still see it


# An engine reads the documents of the tasks (each with read_for_index), hands every result to the handler, one at a
# time and in this thread (the writer is not shared), steps the progress once per document, and returns how many
# processes read. ``_run_reads`` is the local one; factcheck.corpus.index_dask runs the reads on a Dask cluster.
ReadEngine = Callable[[Path | DocumentStore, Sequence[ReadTask], Steps, Callable[[DocumentRead], None]], int]


def reader_root(root: Path | DocumentStore) -> str | DocumentStore:
    """What read_for_index takes for a corpus's place: a folder as a string (it crosses processes), or the store."""
    return str(root) if isinstance(root, Path) else root


def _run_reads(
    root: Path | DocumentStore, tasks: Sequence[ReadTask], progress: Steps, handle: Callable[[DocumentRead], None]
) -> int:
    """Read the documents of ``tasks`` (in a process pool when it pays) and hand each result to ``handle``.

    Returns the number of worker processes used (0: read in this process).
    """
    total = sum(max(t.size, 0) for t in tasks)
    workers = min(usable_cores(), len(tasks))
    if workers <= 1 or total < POOL_MIN_BYTES:
        for t in tasks:
            handle(read_for_index(reader_root(root), t.rel, t.size, t.mtime_ns, t.known_sha256))
            progress.step()
        return 0
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    executor = ProcessPoolExecutor(
        max_workers=workers, initializer=start_worker, initargs=(os.getpid(), tuple(_HELD_LOCKS))
    )
    pending: set[Future[DocumentRead]] = set()
    queue = iter(tasks)
    try:
        while True:
            while len(pending) < workers * 4:
                task = next(queue, None)
                if task is None:
                    break
                future = executor.submit(
                    read_for_index, reader_root(root), task.rel, task.size, task.mtime_ns, task.known_sha256
                )
                pending.add(future)
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                handle(future.result())
                progress.step()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return workers


def _drop_outdated(conn: sqlite3.Connection, reader: str) -> None:
    """When no document was read by this reader (a new version of the tool), empty the content tables at once.

    Every document is read again anyway; dropping each one's terms from the FTS table first would cost more than
    reading it. The documents' rows stay (the next reading replaces them), so an interrupted run carries on.
    """
    current = conn.execute("SELECT 1 FROM documents WHERE reader = ? LIMIT 1", (reader,)).fetchone()
    if current is not None or conn.execute("SELECT 1 FROM contents LIMIT 1").fetchone() is None:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO terms (terms) VALUES ('delete-all')")
        conn.execute("DELETE FROM contents")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _refresh(
    conn: sqlite3.Connection, path: Path, listing: Listing, reader: str, progress: bool, engine: ReadEngine = _run_reads
) -> tuple[dict[str, DocumentRead], _Plan, int, int, int, float]:
    """Bring the index up to date with the folder. Returns this run's unreadable and failed files, the plan,
    the bytes read, the pool size, the number of files counted as unchanged after hashing, and the seconds."""
    started = time.perf_counter()
    transient: dict[str, DocumentRead] = {}
    plan = _plan(conn, listing, reader)
    if plan.empty:
        return transient, plan, 0, 0, 0, time.perf_counter() - started
    with _writer_lock(path):
        plan = _plan(conn, listing, reader)  # another process may have done the work while we waited
        writer = _Writer(conn)
        same = 0
        read_bytes = 0

        def handle(read: DocumentRead) -> None:
            nonlocal same, read_bytes
            if read.status == "same":
                writer.touch(read)
                same += 1
                return
            read_bytes += max(read.size, 0)
            if read.status in ("document", "skipped"):
                writer.store(read, reader)
            else:  # unreadable now, or a front matter error: not in the index
                transient[read.rel] = read
                writer.remove(read.rel)

        bar = Steps("indexing", "documents", len(plan.tasks), enabled=progress)
        try:
            _drop_outdated(conn, reader)
            for row in plan.removed:
                writer.remove(row.rel)
            workers = engine(listing.root, plan.tasks, bar, handle)
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            bar.close()
    return transient, plan, read_bytes, workers, same, time.perf_counter() - started


# --- the corpus ---------------------------------------------------------------------------------------


class IndexedDocument(Document):
    """A document of an IndexedCorpus: its text is read from the index each time it is asked for, never kept."""

    __slots__ = ("_load",)
    _load: Callable[[], str]

    def __init__(
        self,
        meta: DocumentMeta,
        path: str,
        text: str | None = None,
        sha256: str = "",
        encoding: str = "utf-8",
        line_offset: int = 0,
        *,
        load: Callable[[], str] | None = None,
    ) -> None:
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "sha256", sha256)
        object.__setattr__(self, "encoding", encoding)
        object.__setattr__(self, "line_offset", line_offset)
        fixed = text or ""
        object.__setattr__(self, "_load", load if load is not None else (lambda: fixed))

    @property
    def text(self) -> str:
        loaded: str = self._load()
        return loaded

    @text.setter
    def text(self, value: str) -> None:
        raise FrozenInstanceError("cannot assign to field 'text'")


def sentences_of_kinds(figures: Sequence[Figure], kinds: Collection[Kind] | None) -> tuple[Figure, ...]:
    """``figures`` (of some sentences) narrowed to the sentences that hold one of ``kinds`` (None: all of them)."""
    if kinds is None:
        return tuple(figures)
    fitting = {f.sentence for f in figures if f.quantity.kind in kinds}
    return tuple(f for f in figures if f.sentence in fitting)


def _bound_to(doc: IndexedDocument, load: Callable[[], str]) -> IndexedDocument:
    """The same document, reading its text with ``load``."""
    return IndexedDocument(doc.meta, doc.path, None, doc.sha256, doc.encoding, doc.line_offset, load=load)


@dataclass(slots=True)
class _Loaded:
    """A document's content read from the index, cached while it is among the recently used.

    Sentences are made from their offsets when asked for: a query often needs a few of a document's hundreds.
    """

    text: str
    offsets: array[int]  # start, end and line of each sentence
    starts: list[int]
    figures_blob: bytes
    figures: tuple[Figure, ...] | None = None
    newlines: list[int] | None = None
    every: tuple[Sentence, ...] | None = None
    some: dict[int, Sentence] = field(default_factory=dict)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        if self.every is None:
            self.every = tuple(self.sentence(i) for i in range(len(self.starts)))
        return self.every

    def sentence(self, index: int) -> Sentence:
        if self.every is not None:
            return self.every[index]
        found = self.some.get(index)
        if found is None:
            if not 0 <= index < len(self.starts):
                raise IndexError(f"sentence {index} is out of range (0..{len(self.starts) - 1})")
            start, end, line = self.offsets[3 * index : 3 * index + 3]
            found = self.some[index] = Sentence(index, start, end, line, self.text[start:end])
        return found


@dataclass(frozen=True, slots=True)
class _Entry:
    """A document as listed in the index: where its content is, and what the Document says of it."""

    docno: int
    meta: DocumentMeta
    path: str
    sha256: str
    encoding: str
    line_offset: int
    rel: str


def _loaded(text_blob: bytes, sentence_blob: bytes, figures_blob: bytes) -> _Loaded:
    """A document's content from its stored blobs; raises _Damaged when any of them is."""
    text = _unpack(text_blob)
    offsets = array("q")
    offsets.frombytes(_open_seal(sentence_blob))
    if len(offsets) % 3:
        raise _Damaged("sentence offsets are not triples")
    _check_seal(figures_blob)  # decoded when asked for: checked now, while the document can still be read again
    return _Loaded(text, offsets, offsets[0::3].tolist(), bytes(figures_blob))


def _corrupt_error(path: Path, error: Exception) -> CorpusError:
    return CorpusError(
        str(
            Problem(
                str(path),
                f"the index is damaged ({error})",
                hint="run `factcheck index --check`, which repairs it, or delete the file (it is rebuilt)",
            )
        )
    )


class IndexedCorpus:
    """A corpus read from its index: the same documents, sentences and figures as MemoryCorpus, read on demand.

    It reads in one snapshot of the index (taken when it is opened), so another command writing meanwhile does
    not change what it sees. Close it (or use it as a context manager) to release the snapshot.
    """

    def __init__(
        self,
        root: Path,
        index_path: Path,
        conn: sqlite3.Connection,
        entries: Sequence[_Entry],
        warnings: Sequence[Problem],
        report: IndexReport,
    ) -> None:
        self._root = root
        self._index_path = index_path
        self._conn = conn
        self._documents = tuple(
            IndexedDocument(
                e.meta, e.path, None, e.sha256, e.encoding, e.line_offset, load=partial(self._text, e.docno)
            )
            for e in entries
        )
        self._by_id = {doc.id: (e.docno, doc) for e, doc in zip(entries, self._documents, strict=True)}
        self._by_docno = dict(self._by_id.values())
        self._entries = {e.docno: e for e in entries}
        self._fresh_reads: dict[int, DocumentRead] = {}
        self._warnings = tuple(warnings)
        self.report = report
        self._cache: OrderedDict[int, _Loaded] = OrderedDict()
        self._cached_chars = 0
        self._vocabulary: dict[int, list[str]] | None = None
        self._vocabulary_damaged = False  # then nothing is pre-selected: every sentence is a candidate

    # --- the Corpus protocol ---

    @property
    def root(self) -> Path:
        return self._root

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self._warnings

    @property
    def index_path(self) -> Path:
        return self._index_path

    def __len__(self) -> int:
        return len(self._documents)

    def documents(self) -> tuple[Document, ...]:
        """Every document, in the order of their paths (texts are read when asked for)."""
        return self._documents

    def document(self, doc_id: str) -> Document | None:
        found = self._by_id.get(doc_id)
        return found[1] if found is not None else None

    def sentences(self, doc_id: str) -> tuple[Sentence, ...]:
        return self._load(self._require(doc_id)[0]).sentences

    def sentence(self, doc_id: str, index: int) -> Sentence:
        return self._load(self._require(doc_id)[0]).sentence(index)

    def figures(self, doc_id: str) -> tuple[Figure, ...]:
        """Every figure of the document, in text order (``linked_to`` indexes into this tuple)."""
        loaded = self._load(self._require(doc_id)[0])
        if loaded.figures is None:
            loaded.figures = self._decode_figures(doc_id, loaded.figures_blob)
        return loaded.figures

    def figures_in(
        self, doc_id: str, sentences: Collection[int], kinds: Collection[Kind] | None = None
    ) -> tuple[Figure, ...]:
        """Only the figures of those sentences are decoded (unless the document's figures are decoded already).

        ``kinds``: only the sentences among them that hold a figure of one of these kinds (every figure of such a
        sentence; the Corpus protocol's figures_in has no such narrowing); None: all of them.
        """
        loaded = self._load(self._require(doc_id)[0])
        if loaded.figures is not None:
            return sentences_of_kinds([f for f in loaded.figures if f.sentence in sentences], kinds)
        return self._decode_figures(doc_id, loaded.figures_blob, sentences, kinds)

    def line_of(self, doc_id: str, offset: int) -> int:
        docno, doc = self._require(doc_id)
        loaded = self._load(docno)
        if not 0 <= offset <= len(loaded.text):
            raise ValueError(f"offset {offset} is outside document {doc_id!r} (0..{len(loaded.text)})")
        if loaded.newlines is None:
            loaded.newlines = newline_offsets(loaded.text)
        return line_at(loaded.newlines, offset, doc.line_offset)

    def sentence_at(self, doc_id: str, offset: int) -> Sentence | None:
        loaded = self._load(self._require(doc_id)[0])
        return sentence_containing(loaded.sentences, loaded.starts, offset)

    def candidate_sentences(
        self,
        phrasings: Sequence[Sequence[str]],
        share: float = 0.0,
        context: bool = False,
        documents: Collection[str] | None = None,
    ) -> Mapping[str, frozenset[int]] | None:
        """See Corpus.candidate_sentences: found with the FTS index, then checked sentence by sentence."""
        wanted = [tuple(p) for p in phrasings if p]
        if not wanted:
            return {}
        expansion = {s: self._similar_terms(s) for p in wanted for s in set(p)}
        if self._vocabulary_damaged:
            return None
        clauses: list[list[str]] = []  # each: stems that must all match
        needs: list[tuple[dict[str, int], int]] = []  # each phrasing: its stems with their counts, and how many
        for phrasing in wanted:
            need = max(1, math.ceil(share * len(phrasing) - 1e-9))
            counts: dict[str, int] = {}
            for s in phrasing:
                counts[s] = counts.get(s, 0) + 1
            needs.append((counts, need))
            clauses.extend(_minimal_sets(phrasing, need))
        query = " OR ".join(
            "(" + " AND ".join(_any_of(expansion[s]) for s in clause) + ")" for clause in clauses if clause
        )
        by_term: dict[str, set[str]] = {}
        for s, terms in expansion.items():
            for t in terms:
                by_term.setdefault(t, set()).add(s)
        wanted_terms = frozenset(by_term)

        def enough(hits: frozenset[str]) -> bool:
            found = set().union(*(by_term[t] for t in hits))
            return any(sum(counts.get(s, 0) for s in found) >= need for counts, need in needs)

        among = None if documents is None else {self._by_id[d][0] for d in documents if d in self._by_id}
        return self._select(query, wanted_terms.intersection, enough, context, among)

    def reopen(self) -> IndexedCorpus:
        """This corpus on a connection of its own, for a forked worker (a connection must not cross a fork).

        Raises CorpusError when a document changed in the index since this corpus's snapshot was taken.
        """
        try:  # read-only: an index moved aside meanwhile is not created again here
            conn = sqlite3.connect(f"{self._index_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        except sqlite3.Error as error:
            raise _corrupt_error(self._index_path, error) from error
        try:
            conn.execute("BEGIN")
            query = "SELECT docno, sha256, reader FROM documents"
            stored = {docno: (sha, reader) for docno, sha, reader in conn.execute(query).fetchall()}
        except sqlite3.DatabaseError as error:
            conn.close()
            raise _corrupt_error(self._index_path, error) from error
        reader = self.report.reader
        if any(stored.get(docno) != (doc.sha256, reader) for docno, doc in self._by_docno.items()):
            conn.close()
            raise CorpusError(f"{self._index_path}: the index changed while it was being read; run the command again")
        clone = copy.copy(self)
        clone._conn = conn
        clone._cache = OrderedDict()
        clone._cached_chars = 0
        clone._vocabulary = None
        clone._fresh_reads = {}
        # Its documents read their text through the clone (its connection and cache), not through this corpus.
        clone._documents = tuple(_bound_to(doc, partial(clone._text, docno)) for docno, doc in self._by_docno.items())
        clone._by_id = {doc.id: (docno, doc) for docno, doc in zip(self._by_docno, clone._documents, strict=True)}
        clone._by_docno = dict(clone._by_id.values())
        return clone

    def sentences_containing(self, keywords: Sequence[str]) -> Mapping[str, frozenset[int]] | None:
        """See Corpus.sentences_containing: each word of a keyword stands inside some word of the sentence."""
        groups: list[set[str]] = []
        for keyword in keywords:
            for match in _WORD.finditer(keyword):
                terms = self._terms_containing(match.group().casefold())
                if terms is not None:
                    groups.append(terms)
        if not groups:
            return None
        if any(not g for g in groups):
            return {}
        query = " AND ".join(_any_of(g) for g in groups)

        every = frozenset().union(*groups)

        def enough(hits: frozenset[str]) -> bool:
            return all(not hits.isdisjoint(g) for g in groups)

        return self._select(query, every.intersection, enough, context=False)

    # --- lifetime ---

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.close()

    def __enter__(self) -> IndexedCorpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    # --- internals ---

    def _require(self, doc_id: str) -> tuple[int, IndexedDocument]:
        found = self._by_id.get(doc_id)
        if found is None:
            raise unknown_document(self._root, doc_id, self._by_id)
        return found

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise _corrupt_error(self._index_path, error) from error

    def _text(self, docno: int) -> str:
        cached = self._cache.get(docno)
        if cached is not None:
            return cached.text
        rows = self._fetch("SELECT text FROM contents WHERE docno = ?", (docno,))
        try:
            if not rows:
                raise _Damaged("its content is missing")
            return _unpack(rows[0][0])
        except _Damaged as error:
            return _unpack(self._fresh(docno, error).text)

    def _load(self, docno: int) -> _Loaded:
        cached = self._cache.get(docno)
        if cached is not None:
            self._cache.move_to_end(docno)
            return cached
        rows = self._fetch("SELECT text, sentences, figures FROM contents WHERE docno = ?", (docno,))
        try:
            if not rows:
                raise _Damaged("its content is missing")
            loaded = _loaded(*rows[0])
        except _Damaged as error:
            fresh = self._fresh(docno, error)
            loaded = _loaded(fresh.text, fresh.sentences, fresh.figures)
        self._cache[docno] = loaded
        self._cached_chars += len(loaded.text)
        while len(self._cache) > CACHE_DOCUMENTS or (self._cached_chars > CACHE_CHARS and len(self._cache) > 1):
            _, old = self._cache.popitem(last=False)
            self._cached_chars -= len(old.text)
        return loaded

    def _fresh(self, docno: int, error: _Damaged) -> DocumentRead:
        """The document read again from its file, because its copy in the index is damaged (said in a warning).

        Its row is marked so that the next refresh stores it again. Raises CorpusError when the file changed since
        the index's snapshot: what it says now is not what the snapshot's other answers came from.
        """
        found = self._fresh_reads.get(docno)
        if found is not None:
            return found
        entry = self._entries[docno]
        read = read_for_index(str(self._root), entry.rel, -1, -1, None)
        if read.status != "document" or read.sha256 != entry.sha256:
            raise _corrupt_error(self._index_path, error)
        with contextlib.suppress(sqlite3.Error):  # a read-only index stays damaged: the warning comes again
            conn = _connect(self._index_path)
            try:
                conn.execute("UPDATE documents SET reader = '' WHERE docno = ? AND sha256 = ?", (docno, entry.sha256))
            finally:
                conn.close()
        pywarnings.warn(
            FactcheckWarning(
                f"{self._index_path}: warning: the index's copy of {entry.path} is damaged ({error}): read from the"
                " file this time, and stored again by the next command"
            ),
            stacklevel=2,
        )
        self._fresh_reads[docno] = read
        return read

    def _decode_figures(
        self,
        doc_id: str,
        blob: bytes,
        sentences: Collection[int] | None = None,
        kinds: Collection[Kind] | None = None,
    ) -> tuple[Figure, ...]:
        try:
            rows = json.loads(_unpack(blob))  # damage was looked for when the blob was loaded
            figures: list[Figure] = []
            width = 2 + len(_QUANTITY_FIELDS)
            if any(len(row) != width for row in rows):
                raise ValueError("a figure row has the wrong length")
            if kinds is not None:  # only the sentences that hold a figure of these kinds
                wanted = {str(k.value) for k in kinds}
                sentences = {
                    row[0] for row in rows if row[2 + _KIND] in wanted and (sentences is None or row[0] in sentences)
                }
            for row in rows:
                if sentences is not None and row[0] not in sentences:
                    continue
                values = row[2:]
                for column, members in _ENUM_COLUMNS.items():
                    values[column] = members[values[column]]
                figures.append(Figure(doc_id, int(row[0]), int(row[1]), Quantity(*values)))
        except (_Damaged, ValueError, TypeError, KeyError) as error:
            raise _corrupt_error(self._index_path, error) from error
        return tuple(figures)

    def _select(
        self,
        query: str,
        hits: Callable[[list[str]], frozenset[str]],
        enough: Callable[[frozenset[str]], bool],
        context: bool,
        among: Collection[int] | None = None,
    ) -> dict[str, frozenset[int]]:
        """Documents the FTS query finds (of ``among``, by number, if given), then their sentences whose wanted
        terms are ``enough``.

        ``hits``: the wanted terms among a sentence's terms; ``enough(hits)``: whether they make the sentence a
        candidate (asked once per distinct set of hits); ``context``: a sentence whose own hits are not enough is
        a candidate too when they are with the hits of the sentences read before it (context.read_before).
        """
        if not query:
            return {}
        found = self._fetch("SELECT rowid FROM terms WHERE terms MATCH ?", (query,))
        # others: not in this corpus's snapshot (or not asked)
        docnos = sorted(r[0] for r in found if r[0] in self._by_docno and (among is None or r[0] in among))
        parts = _select_parts(docnos)
        # The first part is scanned here while forked processes scan the others; a part whose process fails to
        # start or to answer is scanned here too.
        workers: list[tuple[list[int], Forked | None]] = []
        try:
            for part in parts[1:]:
                try:
                    workers.append((part, _start_select(self, part, hits, enough, context)))
                except OSError:
                    workers.append((part, None))
            chosen = self._scan(parts[0], hits, enough, context)
            for part, started in workers:
                answer = answer_of(started) if started is not None else None
                chosen.update(answer if answer is not None else self._scan(part, hits, enough, context))
        finally:
            stop(started for _, started in workers if started is not None)
        return {self._by_docno[d].id: chosen[d] for d in docnos if d in chosen}

    def _scan(
        self,
        docnos: Sequence[int],
        hits: Callable[[list[str]], frozenset[str]],
        enough: Callable[[frozenset[str]], bool],
        context: bool,
    ) -> dict[int, frozenset[int]]:
        """The candidate sentences of these documents, by document number (see _select): none, none listed."""
        from factcheck.matching.context import read_before

        result: dict[int, frozenset[int]] = {}
        none: frozenset[str] = frozenset()
        decided: dict[frozenset[str], bool] = {}
        for start in range(0, len(docnos), FETCH_BATCH):
            batch = docnos[start : start + FETCH_BATCH]
            marks = ",".join("?" * len(batch))
            for docno, blob in self._fetch(f"SELECT docno, terms FROM contents WHERE docno IN ({marks})", batch):
                try:
                    lines = _unpack(blob).split("\n")
                except _Damaged as error:
                    lines = _unpack(self._fresh(docno, error).terms).split("\n")
                found_in = [hits(line.split(" ")) if line else none for line in lines]
                chosen: list[int] = []
                for i, h in enumerate(found_in):
                    if not h:
                        continue
                    ok = decided.get(h)
                    if ok is None:
                        ok = decided[h] = enough(h)
                    if not ok and context and i:
                        wider = h.union(*[found_in[j] for j in read_before(i)])
                        ok = decided.get(wider)
                        if ok is None:
                            ok = decided[wider] = enough(wider)
                    if ok:
                        chosen.append(i)
                if chosen:
                    result[docno] = frozenset(chosen)
        return result

    def _similar_terms(self, word_stem: str) -> set[str]:
        """FTS terms of every stem of the corpus that matching counts as the same word as ``word_stem``."""
        from factcheck.matching.scoring import gate_family

        # The stem, the near members of its family (matching.scoring.Target.spelled), and below its near spellings.
        found = {term(word_stem), *(term(m) for m in gate_family(word_stem))}
        if len(word_stem) < MIN_FUZZY_LENGTH:
            return found
        from rapidfuzz import fuzz, process

        from factcheck.matching.scoring import WORD_SIMILARITY

        if self._vocabulary is None:
            self._vocabulary = {}
            stems = [s for (s,) in self._fetch(_VOCABULARY_ROWS["stems"])]
            if _digest(stems) != _stored_digest(self._fetch(*_digest_query("stems"))):
                self._vocabulary_damaged = True
                pywarnings.warn(
                    FactcheckWarning(
                        f"{self._index_path}: warning: the index's word list is damaged: every sentence is scored"
                        " this time (slower); `factcheck index` repairs it"
                    ),
                    stacklevel=2,
                )
            for s in stems:
                self._vocabulary.setdefault(len(s), []).append(s)
        n = len(word_stem)
        # fuzz.ratio is 2·common/(len a + len b): at least WORD_SIMILARITY% only between these lengths.
        low = max(MIN_FUZZY_LENGTH, math.floor(n * WORD_SIMILARITY / (200 - WORD_SIMILARITY)))
        high = math.ceil(n * (200 - WORD_SIMILARITY) / WORD_SIMILARITY)
        for length in range(low, high + 1):
            choices = self._vocabulary.get(length)
            if not choices:
                continue
            for match, _, _ in process.extract(
                word_stem, choices, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY, limit=None
            ):
                found.add(term(match))
        return found

    def _terms_containing(self, part: str) -> set[str] | None:
        """FTS terms of the stems of every corpus word holding ``part``; None when there are too many to narrow."""
        rows = self._fetch(
            f"SELECT DISTINCT stem FROM words WHERE instr(word, ?) > 0 LIMIT {MAX_EXPANSION + 1}", (part,)
        )
        if len(rows) > MAX_EXPANSION:
            return None
        return {term(s) for (s,) in rows}


def _select_parts(docnos: list[int]) -> list[list[int]]:
    """The documents to pre-select split among processes: this one and forked ones (one per usable core, each with
    at least SELECT_FORK_MIN_DOCUMENTS), where forking is possible and safe; else all of them here."""
    import threading

    from factcheck.corpus.processes import can_fork, usable_cores

    count = min(usable_cores(), len(docnos) // SELECT_FORK_MIN_DOCUMENTS)
    # Forking is safe only from a process with one thread (another could hold a lock the child needs).
    if count < 2 or not can_fork() or threading.active_count() != 1:
        return [docnos]
    return [docnos[i::count] for i in range(count)]


def _start_select(
    corpus: IndexedCorpus,
    docnos: list[int],
    hits: Callable[[list[str]], frozenset[str]],
    enough: Callable[[frozenset[str]], bool],
    context: bool,
) -> Forked:
    """A forked process that pre-selects in these documents (IndexedCorpus._scan) on a connection of its own and
    sends what it found; None when anything goes wrong or a document's copy in the index is damaged (the parent
    then does the part itself, and warns once)."""

    def scan() -> dict[int, frozenset[int]] | None:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            own = corpus.reopen()
            found = own._scan(docnos, hits, enough, context)
            return None if own._fresh_reads else found

    return fork_answering(scan, held_locks())


def _any_of(terms: Iterable[str]) -> str:
    return "(" + " OR ".join(f'"{t}"' for t in sorted(terms)) + ")"


def _minimal_sets(phrasing: Sequence[str], need: int) -> list[list[str]]:
    """The smallest sets of distinct stems of ``phrasing`` that make up at least ``need`` of its words.

    Too many such sets: any one stem will do (a wider selection, never a narrower one).
    """
    counts: dict[str, int] = {}
    for s in phrasing:
        counts[s] = counts.get(s, 0) + 1
    distinct = sorted(counts)
    found: list[list[str]] = []
    for size in range(1, len(distinct) + 1):
        for chosen in combinations(distinct, size):
            if sum(counts[s] for s in chosen) < need:
                continue
            if any(set(smaller) <= set(chosen) for smaller in found):
                continue
            found.append(list(chosen))
            if len(found) > MAX_COMBINATIONS:
                return [[s] for s in distinct]
    return found


def _build_documents(
    conn: sqlite3.Connection,
    index: Path,
    scan: CorpusScan,
    transient: Mapping[str, DocumentRead],
    prefix: str | None = None,
) -> tuple[list[_Entry], list[Problem], int, int]:
    """The corpus's documents from the index, in path order, with their warnings (as load_corpus gives them)."""
    rows: dict[str, Sequence[Any] | None] = {}  # None: damaged since this run refreshed the index
    for docno, checksum, *checked in conn.execute(f"SELECT docno, checksum, {_CHECKED_COLUMNS} FROM documents"):
        rows[checked[0]] = (docno, *checked[:-1]) if _row_checksum(checked) == checksum else None
    entries: list[_Entry] = []
    sentences = figures = 0
    failure: CorpusError | None = None
    prefix = prefix if prefix is not None else _path_prefix(scan.root)
    for rel in scan.rels:
        path = prefix + rel.replace("/", os.sep)
        read = transient.get(rel)
        if read is not None:
            if read.status == "error" and failure is None:
                problems = tuple(Problem(*p) for p in read.problems)
                failure = CorpusError(read.error, problems)
            scan.warnings.extend(_problems(path, read.warnings))
            continue
        if rel not in rows:
            continue  # vanished while we read
        row = rows[rel]
        if row is None:
            raise _corrupt_error(index, _Damaged(f"the entry of {rel} was damaged while it was read"))
        docno, _, sha, readable, encoding, line_offset, front, warnings, n_sentences, n_figures = row
        scan.warnings.extend(_problems(path, warnings))
        if not readable:
            continue
        front_fields = json.loads(front).items() if front is not None else None
        meta = document_meta(rel, scan.entry(rel), front_fields)
        sentences += n_sentences
        figures += n_figures
        entries.append(_Entry(docno, meta, path, sha, encoding, line_offset, rel))
    if failure is not None:
        raise failure
    return entries, scan.warnings, sentences, figures


def _problems(path: str, stored: str) -> list[Problem]:
    if stored == "[]":
        return []
    return [Problem(path, m, line, column, hint, severity="warning") for m, line, column, hint in json.loads(stored)]


def _open_indexed(
    path: Path,
    place: tuple[Path, bool],
    *,
    progress: bool,
    rebuild: bool,
    check: str,
    reader: str | None = None,
    follow_links: bool = False,
    engine: ReadEngine = _run_reads,
) -> IndexedCorpus:
    scan = scan_corpus(path, follow_links)
    listing = _folder_listing(scan)
    return _open_scanned(
        scan, listing, place, progress=progress, rebuild=rebuild, check=check, reader=reader, engine=engine
    )


def _open_scanned(
    scan: CorpusScan,
    listing: Listing,
    place: tuple[Path, bool],
    *,
    progress: bool,
    rebuild: bool,
    check: str,
    reader: str | None = None,
    engine: ReadEngine = _run_reads,
    prefix: str | None = None,
) -> IndexedCorpus:
    """The corpus of ``scan`` (its documents listed by ``listing``) through the index at ``place``, refreshed first.

    ``prefix``: what the documents' paths start with (default: the folder's path and a separator).
    """
    warnings: list[Problem] = []
    started = time.perf_counter()
    index, own_place = place
    conn = _open_database(index, own_place, warnings, check)
    try:
        key = reader or reader_key()
        repaired = _prepare(conn, index, warnings, rebuild=rebuild, check=check)
        refreshed = _refresh(conn, index, listing, key, progress, engine)
        conn.execute("BEGIN")  # one snapshot for every later read
        entries, _, sentences, figures = _build_documents(conn, index, scan, refreshed[0], prefix)
        warnings.extend(_damaged_entries(index, refreshed[1]))
        scan.warnings[:0] = warnings
        finish_corpus(scan, [Document(e.meta, e.path, "", e.sha256) for e in entries])  # ids unique, some document
        counts = (len(entries), sentences, figures)
        report = _report(conn, index, refreshed, counts, key, check == "integrity_check", repaired, started)
        return IndexedCorpus(scan.root, index, conn, entries, scan.warnings, report)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
        raise


def open_listed_index(listing: Listing, index: Path, *, name: str, progress: bool = False) -> IndexedCorpus:
    """The corpus of ``listing`` (a store at a URL, named ``name``) through its index ``index``, refreshed first
    (the documents that changed are read in this process): what compare, check and grep read for such a corpus.

    Raises CorpusError as load_corpus does, InputError when the index cannot be written.
    """
    scan = listed_scan(Path(name), listing.rels)
    try:
        return _open_scanned(
            scan, listing, (index, False), progress=progress, rebuild=False, check="", prefix=name.rstrip("/") + "/"
        )
    except (OSError, sqlite3.Error) as error:
        raise InputError.at(index, f"the index cannot be used ({error})", hint=_WRITABLE_HINT) from error


def _prepare(conn: sqlite3.Connection, index: Path, warnings: list[Problem], *, rebuild: bool, check: str) -> list[str]:
    """Empty the index (``rebuild``), or verify it (``check``: `factcheck index`), or repair small damage; what was
    repaired."""
    repaired: list[str] = [w.message for w in warnings]  # a damaged file, deleted and rebuilt
    if rebuild:
        with _writer_lock(index):
            _clear(conn)
    elif check:  # `factcheck index`: every checksum as well (it costs about what SQLite's check costs)
        with _writer_lock(index):
            repaired.extend(_verify(conn, thorough=check == "integrity_check"))
    else:
        _repair_small(conn, index, warnings)
    return repaired


def _damaged_entries(index: Path, plan: _Plan) -> list[Problem]:
    return [
        Problem(str(index), f"the index's entry for {rel} was damaged: read again", severity="warning")
        for rel in plan.damaged
    ]


def _report(
    conn: sqlite3.Connection,
    index: Path,
    refreshed: tuple[dict[str, DocumentRead], _Plan, int, int, int, float],
    counts: tuple[int, int, int],
    key: str,
    checked: bool,
    repaired: Sequence[str],
    started: float,
) -> IndexReport:
    """What a refresh did (``refreshed``: _refresh's answer) and what the index holds (documents, sentences,
    figures)."""
    _, plan, read_bytes, workers, same, _ = refreshed
    new = sum(1 for t in plan.tasks if t.new)
    skipped = sum(1 for (r,) in conn.execute("SELECT readable FROM documents") if not r)
    damaged = (f"{rel}: its entry was damaged, read again" for rel in plan.damaged)
    return IndexReport(
        index=str(index),
        documents=counts[0],
        new=new,
        changed=len(plan.tasks) - new - same,
        unchanged=plan.unchanged + same,
        removed=len(plan.removed),
        skipped=skipped,
        read_bytes=read_bytes,
        sentences=counts[1],
        figures=counts[2],
        seconds=time.perf_counter() - started,
        workers=workers,
        size_bytes=_file_size(index),
        reader=key,
        checked=checked,
        repaired=tuple(dict.fromkeys([*repaired, *damaged])),
    )


def _verify(conn: sqlite3.Connection, thorough: bool) -> list[str]:
    """Verify every stored checksum and the search table; repair what is damaged. Under the writer lock.

    A document whose row or content is damaged is marked to be read again (by the refresh that follows); a search
    table that fails its check, or that a damaged document's terms are missing from, or (``thorough``) that does
    not hold exactly each document's stored terms, is made again from them. Returns what was repaired, one line
    each.
    """
    repaired: list[str] = []
    damaged: dict[int, str] = {}
    readable: dict[int, str] = {}
    for docno, readable_flag, checksum, *checked in conn.execute(
        f"SELECT docno, readable, checksum, {_CHECKED_COLUMNS} FROM documents"
    ):
        if _row_checksum(checked) != checksum:
            damaged[docno] = f"{checked[0]}: its entry was damaged, read again"
        elif readable_flag:
            readable[docno] = checked[0]
    search_damaged = False
    seen: set[int] = set()
    for docno, *blobs in conn.execute("SELECT docno, text, sentences, figures, terms FROM contents"):
        seen.add(docno)
        for column, blob in enumerate(blobs):
            try:
                _check_seal(blob)
            except _Damaged:
                damaged.setdefault(docno, f"{readable.get(docno, docno)}: its stored content was damaged, read again")
                search_damaged = search_damaged or column == len(blobs) - 1  # its terms: the search may miss it
    for docno in readable.keys() - seen:
        damaged[docno] = f"{readable[docno]}: its stored content was missing, read again"
    search_damaged = search_damaged or not _search_sound(conn) or (thorough and not _search_matches(conn))
    vocabulary_damaged = not _vocabulary_sound(conn)
    _repair(conn, damaged, search_damaged, vocabulary_damaged)
    if vocabulary_damaged:
        repaired.append(_VOCABULARY_REPAIRED)
    repaired.extend(damaged.values())
    if search_damaged:
        repaired.append(_SEARCH_REPAIRED)
    return repaired


def _repair(conn: sqlite3.Connection, documents: Iterable[int], search: bool, vocabulary: bool) -> None:
    """In one transaction: mark ``documents`` to be read again, make the search table again, empty the word list
    (which has every document read again)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for docno in documents:
            conn.execute("UPDATE documents SET reader = '' WHERE docno = ?", (docno,))
        if search:
            _rebuild_search(conn)
        if vocabulary:
            _empty_vocabulary(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _search_matches(conn: sqlite3.Connection) -> bool:
    """Whether the FTS table holds exactly each document's stored terms (compared by a digest per document)."""
    expected: dict[int, tuple[int, int]] = {}
    for docno, blob in conn.execute("SELECT docno, terms FROM contents"):
        terms = _document_terms(_unpack(blob)).lower().split()
        if terms:
            expected[docno] = (len(terms), sum(map(zlib.crc32, map(str.encode, terms))))
    found: dict[int, tuple[int, int]] = {}
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, terms, instance)")
    try:
        for word, docno in conn.execute("SELECT term, doc FROM temp.search_vocabulary"):
            count, total = found.get(docno, (0, 0))
            found[docno] = (count + 1, total + zlib.crc32(word.encode()))
    except sqlite3.Error:  # a term that is not even text
        return False
    finally:
        conn.execute("DROP TABLE temp.search_vocabulary")
    return found == expected


def _search_sound(conn: sqlite3.Connection) -> bool:
    """Whether the FTS table passes its own integrity check (True when it cannot be checked now: read-only)."""
    try:
        conn.execute("INSERT INTO terms (terms) VALUES ('integrity-check')")
    except sqlite3.OperationalError:
        return True
    except sqlite3.DatabaseError:
        return False
    return True


def _repair_small(conn: sqlite3.Connection, index: Path, warnings: list[Problem]) -> None:
    """Check the search table and the word list of a small index; what is damaged is made again (the word list by
    reading every document again, in the refresh that follows), with a warning."""
    if _file_size(index) > SEARCH_CHECK_MAX_BYTES or (_search_sound(conn) and _vocabulary_sound(conn)):
        return
    with _writer_lock(index):
        search, vocabulary = not _search_sound(conn), not _vocabulary_sound(conn)  # again, under the lock
        _repair(conn, (), search, vocabulary)
    for done, message in ((search, _SEARCH_REPAIRED), (vocabulary, _VOCABULARY_REPAIRED)):
        if done:
            warnings.append(Problem(str(index), message, severity="warning"))


_SEARCH_REPAIRED: Final = "the search table was damaged: made again from the documents' terms"
_VOCABULARY_REPAIRED: Final = "the word list was damaged: made again, every document read again"


def _empty_vocabulary(conn: sqlite3.Connection) -> None:
    """Empty the words and stems tables and have every document read again, which fills them (in a transaction)."""
    for table in _VOCABULARY_ROWS:
        conn.execute(f"DELETE FROM {table}")
        _store_digest(conn, table, (0, 0))
    conn.execute("UPDATE documents SET reader = ''")


def _rebuild_search(conn: sqlite3.Connection) -> None:
    """Make the FTS table again from every document's stored terms (those damaged are left out: read again)."""
    conn.execute("INSERT INTO terms (terms) VALUES ('delete-all')")
    for docno, blob in conn.execute("SELECT docno, terms FROM contents"):
        try:
            terms = _document_terms(_unpack(blob))
        except _Damaged:
            continue
        if terms:
            conn.execute("INSERT INTO terms (rowid, t) VALUES (?, ?)", (docno, terms))


def _clear(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ("documents", "contents", "words", "stems"):
            conn.execute(f"DELETE FROM {table}")
        for table in _VOCABULARY_ROWS:
            _store_digest(conn, table, (0, 0))
        conn.execute("INSERT INTO terms (terms) VALUES ('delete-all')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _file_size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            total += path.with_name(path.name + suffix).stat().st_size
    return total


# --- entry points -------------------------------------------------------------------------------------


def open_corpus(
    path: Path, *, index: Path | None = None, use_index: bool = True, progress: bool = False, follow_links: bool = False
) -> Corpus:
    """The corpus at ``path``, read through its index (refreshed first), or in memory with ``use_index`` False.

    ``index``: the index file (default ``<path>/.factcheck/index.sqlite3``). When it cannot be written there
    (a read-only folder), the corpus is read in memory and a warning says so. ``progress``: show a progress
    bar on stderr when reading takes more than a second and stderr is a terminal. Raises CorpusError as
    load_corpus does; ``follow_links`` as scan_corpus takes it.
    """
    if not use_index:
        return load_corpus(path, follow_links)
    scan_corpus(path, follow_links)  # a missing folder or a bad manifest is the user's error, not the index's
    place = index_place(path, index)
    target = place[0]
    try:
        return _open_indexed(path, place, progress=progress, rebuild=False, check="", follow_links=follow_links)
    except (OSError, sqlite3.Error) as error:
        corpus = load_corpus(path, follow_links)
        problem = Problem(
            str(target),
            f"the index cannot be used ({error}): documents are read in memory this time",
            hint="make the folder writable, or pass --index with a writable place (or --no-index)",
            severity="warning",
        )
        return MemoryCorpus(path, corpus.documents(), (*corpus.warnings, problem))


def build_index(
    path: Path,
    *,
    index: Path | None = None,
    rebuild: bool = False,
    progress: bool = False,
    check: bool = False,
    follow_links: bool = False,
    engine: ReadEngine | None = None,
) -> tuple[IndexReport, tuple[Problem, ...]]:
    """Build or refresh the index of the corpus at ``path`` (every document read again with ``rebuild``).

    ``engine`` reads the documents (default: this machine's cores; ``factcheck.corpus.index_dask`` gives a Dask
    cluster's).

    Checks the index file first: every stored checksum, the search table and SQLite's quick_check (with ``check``,
    its full integrity_check), repairing what is damaged (the report's ``repaired`` says what). Returns what was
    done and the corpus's warnings. Raises CorpusError as load_corpus does, and InputError when the index
    cannot be written.
    """
    scan_corpus(path, follow_links)
    place = index_place(path, index)
    target = place[0]
    try:
        corpus = _open_indexed(
            path,
            place,
            progress=progress,
            rebuild=rebuild,
            check="integrity_check" if check else "quick_check",
            follow_links=follow_links,
            engine=engine or _run_reads,
        )
    except (OSError, sqlite3.Error) as error:
        raise InputError.at(target, f"the index cannot be written ({error})", hint=_WRITABLE_HINT) from error
    with corpus:
        return corpus.report, corpus.warnings


def build_listed_index(
    listing: Listing,
    index: Path,
    *,
    rebuild: bool = False,
    progress: bool = False,
    check: bool = False,
    engine: ReadEngine | None = None,
) -> tuple[IndexReport, tuple[Problem, ...]]:
    """``build_index`` for a corpus listed elsewhere (a store at a URL: factcheck.corpus.url), into ``index``.

    The index holds its documents as for a folder; the manifest (``sources.yaml``) is not read, so documents' ids
    are not checked here. Returns what was done and the documents' warnings (named ``<root>/<rel>``). Raises
    CorpusError for a document whose front matter is broken, InputError when the index cannot be written.
    """
    started = time.perf_counter()
    warnings: list[Problem] = []
    check_kind = "integrity_check" if check else "quick_check"
    try:
        conn = _open_database(index, False, warnings, check_kind)
    except (OSError, sqlite3.Error) as error:
        raise InputError.at(index, f"the index cannot be written ({error})", hint=_WRITABLE_HINT) from error
    try:
        key = reader_key()
        repaired = _prepare(conn, index, warnings, rebuild=rebuild, check=check_kind)
        refreshed = _refresh(conn, index, listing, key, progress, engine or _run_reads)
        warnings.extend(_damaged_entries(index, refreshed[1]))
        warnings.extend(_listed_warnings(conn, str(listing.root), refreshed[0]))
        documents, sentences, figures = conn.execute(
            "SELECT count(*), coalesce(sum(sentences), 0), coalesce(sum(figures), 0) FROM documents WHERE readable"
        ).fetchone()
        counts = (int(documents), int(sentences), int(figures))
        return _report(conn, index, refreshed, counts, key, check, repaired, started), tuple(warnings)
    except sqlite3.Error as error:
        raise InputError.at(index, f"the index cannot be written ({error})", hint=_WRITABLE_HINT) from error
    finally:
        conn.close()


_WRITABLE_HINT: Final = "pass --index with a writable place"


def _listed_warnings(conn: sqlite3.Connection, root: str, transient: Mapping[str, DocumentRead]) -> list[Problem]:
    """The warnings of the documents in the index and of those read this time and not stored; CorpusError for the
    first document whose front matter is broken."""
    found: list[Problem] = []
    for rel, stored in conn.execute("SELECT rel, warnings FROM documents WHERE warnings != '[]' ORDER BY rel"):
        found.extend(_problems(f"{root}/{rel}", stored))
    for rel, read in sorted(transient.items()):
        if read.status == "error":
            problems = tuple(Problem(f"{root}/{p[0]}" if p[0] == rel else p[0], *p[1:]) for p in read.problems)
            raise CorpusError(read.error, problems)
        found.extend(_problems(f"{root}/{rel}", read.warnings))
    return found


def open_index(
    path: Path, index: Path | None = None, *, progress: bool = False, reader: str | None = None
) -> IndexedCorpus:
    """The corpus at ``path`` through its index, refreshed first; unlike open_corpus, no fallback to memory.

    ``reader``: the reader key documents must have been read with (default: ``reader_key()``). Raises
    CorpusError as load_corpus does, OSError or sqlite3.Error when the index cannot be written.
    """
    return _open_indexed(path, index_place(path, index), progress=progress, rebuild=False, check="", reader=reader)
