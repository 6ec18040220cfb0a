"""Corpora at a URL (``s3://bucket/archive``, ``memory://``, ``file://``): listed and read through fsspec.

The client lists the documents with their sizes and the store's stamps (its ETag when it gives one, else the
modification time), so that deciding what changed downloads nothing; whoever reads a document (a Dask worker, or
this process) takes its bytes through fsspec and hands them to the index's pure reader. The index of such a corpus
lives on this machine (``--index PATH``). fsspec is imported only here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from factcheck.corpus.documents import DOCUMENT_SUFFIXES, MAX_DOCUMENT_BYTES, Unreadable
from factcheck.corpus.index import (
    IndexedCorpus,
    IndexReport,
    Listing,
    ReadEngine,
    build_listed_index,
    open_listed_index,
)
from factcheck.errors import CorpusError, InputError, Problem, UsageError

__all__ = [
    "UrlCorpus",
    "build_url_index",
    "corpus_location",
    "is_url",
    "list_url",
    "open_url_corpus",
    "storage_options",
]

_URL: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_OPTION: Final = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$", re.DOTALL)
_STAMP_BITS: Final = 62  # an ETag's stamp: a non-negative integer SQLite stores as it is


def is_url(location: str) -> bool:
    """Whether ``location`` names a corpus at a URL (``scheme://...``) rather than a folder."""
    return _URL.match(location) is not None


def storage_options(pairs: Iterable[str]) -> tuple[tuple[str, Any], ...]:
    """``KEY=VALUE`` pairs as fsspec storage options; a value that is JSON (true, 3, {"a": 1}) is taken as such.

    Raises UsageError naming a pair without ``=``.
    """
    options: dict[str, Any] = {}
    for pair in pairs:
        match = _OPTION.match(pair)
        if match is None:
            raise UsageError(
                f"--storage-option {pair!r} is not KEY=VALUE: pass e.g. --storage-option anon=true"
                " or --storage-option endpoint_url=http://localhost:9000"
            )
        key, text = match.groups()
        try:
            options[key] = json.loads(text)
        except ValueError:
            options[key] = text
    return tuple(options.items())


@dataclass(frozen=True, slots=True)
class UrlCorpus:
    """A corpus at a URL with the storage options to reach it (a ``DocumentStore`` of the index: picklable)."""

    url: str  # without a trailing slash
    options: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return self.url

    def filesystem(self) -> tuple[Any, str]:
        """fsspec's filesystem of the URL and the corpus's path on it; UsageError when fsspec or the protocol's
        driver is missing, or an option is not one the driver takes."""
        try:
            import fsspec.core
        except ImportError as error:
            raise UsageError(f"{self.url}: a corpus at a URL needs fsspec: `pip install 'factcheck[dask]'`") from error
        try:
            fs, path = fsspec.core.url_to_fs(self.url, **dict(self.options))
        except ImportError as error:  # fsspec names the driver to install (s3fs, gcsfs, adlfs)
            raise UsageError(f"{self.url}: {error} (pip install it here and on every Dask worker)") from error
        except (TypeError, ValueError) as error:
            if "protocol not known" in str(error).lower():
                scheme = self.url.split("://", 1)[0]
                raise UsageError(
                    f"{self.url}: no fsspec driver knows the protocol {scheme!r}: check the URL (s3://, gs://, az://,"
                    " file://, ...) and install the store's driver (s3fs, gcsfs, adlfs)"
                ) from error
            raise UsageError(
                f"{self.url}: the storage options do not fit this store ({error}): check each --storage-option"
            ) from error
        return fs, str(path).rstrip("/")

    def read_bytes(self, rel: str) -> bytes | Unreadable:
        """The bytes of the document ``rel`` (at most MAX_DOCUMENT_BYTES), or why they cannot be read."""
        fs, root = self.filesystem()
        try:
            size = fs.size(f"{root}/{rel}")
            if size is not None and size > MAX_DOCUMENT_BYTES:
                return Unreadable(
                    f"it holds more than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB, the most a document may hold",
                    "split it into smaller documents",
                )
            data = fs.cat_file(f"{root}/{rel}")
        except (OSError, ValueError) as error:
            return Unreadable(f"the document cannot be read from {self.url} ({error})")
        return bytes(data)

    def reachable(self) -> bool:
        """Whether the corpus's folder is there (run on each worker before reading)."""
        fs, root = self.filesystem()
        try:
            return bool(fs.isdir(root))
        except OSError:
            return False


def list_url(corpus: UrlCorpus) -> Listing:
    """The documents of the corpus at its URL (``.txt``, ``.md``, ... not under a hidden folder), with sizes and
    stamps, read from one listing of the store. Raises CorpusError when nothing is there, InputError when the store
    refuses the listing."""
    fs, root = corpus.filesystem()
    try:
        found: Mapping[str, Mapping[str, Any]] = fs.find(root, detail=True, withdirs=False) if fs.isdir(root) else {}
    except OSError as error:
        raise InputError.at(
            corpus.url,
            f"the corpus cannot be listed ({error})",
            hint="check the URL and the credentials (--storage-option key=... secret=..., or the store's usual"
            " environment variables)",
        ) from error
    stats: dict[str, tuple[int, int]] = {}
    etags = False
    for name, info in found.items():
        rel = str(name)[len(root) :].lstrip("/")
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts) or not rel.lower().endswith(DOCUMENT_SUFFIXES):
            continue
        stamp, etag = _stamp(info)
        etags = etags or etag
        stats[rel] = (int(info.get("size") or 0), stamp)
    if not stats:
        raise CorpusError(
            f"{corpus.url}: error: no document (.txt, .md, .pdf, .html, .docx) found at this URL"
            " (check the URL, that the store holds documents under it, and the storage options)"
        )
    rels = sorted(stats, key=lambda rel: rel.split("/"))
    return Listing(corpus, rels, lambda rel: stats.get(rel, (-1, -1)), times=not etags)


def _stamp(info: Mapping[str, Any]) -> tuple[int, bool]:
    """A document's stamp from the store's listing: its ETag's (True) when the store gives one, else its
    modification time in nanoseconds (or -1 when the store gives neither: the document is then hashed every run)."""
    etag = info.get("ETag") or info.get("etag")
    if etag:
        digest = hashlib.sha256(str(etag).strip('"').encode()).digest()
        return int.from_bytes(digest[:8], "big") >> (64 - _STAMP_BITS), True
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return int(value.timestamp() * 1e9), False
        if isinstance(value, (int, float)):
            return int(value * 1e9), False
    return -1, False


def corpus_location(location: str, options: tuple[tuple[str, Any], ...]) -> Path | UrlCorpus:
    """A --corpus value as a folder, or a UrlCorpus when it is a URL."""
    return UrlCorpus(location.rstrip("/"), options) if is_url(location) else Path(location)


def build_url_index(
    corpus: UrlCorpus,
    *,
    index: Path | None,
    rebuild: bool = False,
    progress: bool = False,
    check: bool = False,
    follow_links: bool = False,
    engine: ReadEngine | None = None,
) -> tuple[IndexReport, tuple[Problem, ...]]:
    """Build or refresh the index (a file on this machine: ``index``, required) of the corpus at its URL.

    Called as build_index is; ``follow_links`` is not used (a store has no links).

    Raises UsageError without ``index``, and what list_url and build_listed_index raise.
    """
    index = _local_index(corpus, index)  # said before the store is listed
    listing = list_url(corpus)
    return build_listed_index(listing, index, rebuild=rebuild, progress=progress, check=check, engine=engine)


def _local_index(corpus: UrlCorpus, index: Path | None) -> Path:
    """``index``; UsageError when none is given (a store cannot hold the index of its corpus)."""
    if index is None:
        raise UsageError(
            f"{corpus.url}: a corpus at a URL cannot hold its index: pass --index PATH, a file on this machine"
            " (e.g. --index archive.sqlite3) that `factcheck index` builds and the other commands read"
        )
    return index


def open_url_corpus(corpus: UrlCorpus, index: Path | None, *, progress: bool = False) -> IndexedCorpus:
    """The corpus at its URL through its index on this machine (``index``, required), refreshed first: the
    documents that changed since (by the store's stamps) are read again, in this process.

    Raises UsageError without ``index``, and what list_url and index.open_listed_index raise.
    """
    index = _local_index(corpus, index)
    return open_listed_index(list_url(corpus), index, name=corpus.url, progress=progress)
