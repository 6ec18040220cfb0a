"""Reading documents that are not plain text (PDF, HTML, Word): bytes in, extracted text with pages and metadata out.

Each format has a module with one function ``extract(data) -> Extracted`` that runs the format's library in the
calling process; ``convert`` runs it in a worker process with a time and a memory limit (the libraries are native
code that a hostile file can make hang, crash or swallow memory). The text of a paged document holds its pages
joined by ``PAGE_BREAK``; ``factcheck.corpus.formats.pages`` turns an offset into its page and line within the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.corpus.formats.pages import PAGE_BREAK, is_paged, page_count, page_position, page_span, page_starts

__all__ = [
    "EXTRAS",
    "FORMAT_OF_SUFFIX",
    "PAGE_BREAK",
    "ConversionFailed",
    "Extracted",
    "format_of",
    "is_paged",
    "page_count",
    "page_position",
    "page_span",
    "page_starts",
]

# The suffix of a document file, with the format that reads it; .txt and .md are text and read as they are.
FORMAT_OF_SUFFIX = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx"}
# The optional extra (pip install 'factcheck[extra]') and the module each format needs.
EXTRAS = {"pdf": ("pdf", "pypdfium2"), "html": ("html", "trafilatura"), "docx": ("docx", "docx")}


def format_of(rel: str) -> str | None:
    """The format of the document file named ``rel`` ("pdf", "html", "docx"), or None for a text file."""
    dot = rel.rfind(".")
    return FORMAT_OF_SUFFIX.get(rel[dot:].lower()) if dot >= 0 else None


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text a document's bytes hold, as a reader sees it, with what its file says about it.

    ``pages``: the offset in ``text`` at which each page starts (empty for an unpaged format); pages are joined by
    ``PAGE_BREAK``. ``warnings``: what the reader should hear of (a page without text, a table cut short).
    """

    text: str
    format: str
    pages: tuple[int, ...] = ()
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601, as precise as the file says
    publisher: str | None = None
    warnings: tuple[str, ...] = ()

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """The metadata fields the file gives, as (field, value) pairs of factcheck.corpus.documents.METADATA_FIELDS."""
        fields = (("title", self.title), ("author", self.author), ("published", self.published))
        return tuple((k, v) for k, v in (*fields, ("publisher", self.publisher)) if v)


class ConversionFailed(Exception):
    """A document file that could not be converted: ``reason`` (to follow "skipped: ") and ``hint`` (the fix)."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
