"""Listing every figure of some documents in order, with where it stands (``factcheck extract``)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from factcheck.corpus.documents import Corpus, page_line
from factcheck.model import Kind, Quantity
from factcheck.reading.sentences import sentence_around

HIDDEN_BY_DEFAULT = frozenset({Kind.YEAR, Kind.DATE})


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    """A figure of a document with its file line and sentence; in a paged document (a PDF), its page and its line
    within that page."""

    path: str
    document: str
    line: int
    sentence: str
    quantity: Quantity
    page: int | None = None


def extract_figures(corpus: Corpus, kinds: Collection[Kind] = ()) -> tuple[ExtractedFigure, ...]:
    """Every figure of every document, in document then text order; years and dates only when asked for."""
    wanted = set(kinds) or set(Kind) - HIDDEN_BY_DEFAULT
    found: list[ExtractedFigure] = []
    for doc in corpus.documents():
        sentences = corpus.sentences(doc.id)
        for f in corpus.figures(doc.id):
            if f.quantity.kind in wanted:
                q = f.quantity
                evidence = sentence_around(sentences[f.sentence], q.start, q.end).text  # a part of a long one
                page, line = page_line(doc, q.start, f.line)
                found.append(ExtractedFigure(doc.path, doc.id, line, evidence, q, page))
    return tuple(found)
