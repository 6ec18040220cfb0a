"""Loading a corpus folder: documents, their metadata, sentences and figures, behind one interface."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from factcheck.errors import Problem
from factcheck.model import Document, Figure, Sentence


class Corpus(Protocol):
    """What every command reads documents through, so an index can later sit behind it."""

    @property
    def root(self) -> Path: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...

    def documents(self) -> Sequence[Document]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def sentences(self, doc_id: str) -> Sequence[Sentence]: ...

    def figures(self, doc_id: str) -> Sequence[Figure]: ...


def load_corpus(path: Path) -> Corpus:
    """Load every .txt and .md document under ``path`` (TODO: issue 3)."""
    raise NotImplementedError
