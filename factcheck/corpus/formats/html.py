"""Saved web pages to text with trafilatura: the article's main text without navigation, adverts and comments,
and its title, author, date and site name from the page's metadata (<meta>, Open Graph, JSON-LD)."""

from __future__ import annotations

from factcheck.corpus.formats import ConversionFailed, Extracted

# trafilatura gives nothing for a larger page (its MAX_FILE_SIZE); a saved article is well under 5 MB.
MAX_PAGE_BYTES = 20_000_000


def extract(data: bytes) -> Extracted:
    """The main text of the HTML page ``data``, its paragraphs separated by blank lines."""
    if len(data) > MAX_PAGE_BYTES:
        raise ConversionFailed(
            f"the page holds {len(data) / 1e6:,.0f} MB, more than the {MAX_PAGE_BYTES / 1e6:,.0f} MB"
            " a web page may hold",
            "save the article alone (reader view, or print it to PDF), or copy its text into a .txt file",
        )
    import trafilatura

    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    text = str(getattr(found, "text", None) or "") if found is not None else ""
    if not text.strip():
        raise ConversionFailed(
            "no article text was found in the page",
            "save the page's article (reader view, or print it to PDF), or copy its text into a .txt file",
        )
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return Extracted(
        "\n\n".join(p for p in paragraphs if p) + "\n",
        "html",
        title=_field(found, "title"),
        author=_field(found, "author"),
        published=_field(found, "date"),
        publisher=_field(found, "sitename"),
    )


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None)
    return " ".join(value.split()) or None if isinstance(value, str) else None
