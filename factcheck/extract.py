"""Listing every figure of some documents in order, with where it stands (``factcheck extract``)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from factcheck.corpus import Corpus
from factcheck.model import Kind, Quantity

HIDDEN_BY_DEFAULT = frozenset({Kind.YEAR, Kind.DATE})


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    """A figure of a document with its file line and sentence."""

    path: str
    document: str
    line: int
    sentence: str
    quantity: Quantity


def extract_figures(corpus: Corpus, kinds: Collection[Kind] = ()) -> tuple[ExtractedFigure, ...]:
    """Every figure of every document, in document then text order; years and dates only when asked for."""
    wanted = set(kinds) or set(Kind) - HIDDEN_BY_DEFAULT
    found: list[ExtractedFigure] = []
    for doc in corpus.documents():
        sentences = corpus.sentences(doc.id)
        for f in corpus.figures(doc.id):
            if f.quantity.kind in wanted:
                found.append(ExtractedFigure(doc.path, doc.id, f.line, sentences[f.sentence].text, f.quantity))
    return tuple(found)
