"""Saved web pages to text with trafilatura: the article's main text without navigation, adverts and comments,
and its title, author, date and site name from the page's metadata (<meta>, Open Graph, JSON-LD)."""

from __future__ import annotations

import re
from typing import Any

from factcheck.corpus.formats import ConversionFailed, Extracted

# trafilatura gives nothing for a larger page (its MAX_FILE_SIZE); a saved article is well under 5 MB.
MAX_PAGE_BYTES = 20_000_000
# A line break of the page's source, with the white space around it: a space, as a browser shows it.
SOURCE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")
# Marks the text after a <br> (trafilatura's ``lb``) until the text is split into paragraphs: a <br> breaks a line of
# its paragraph ("3,980 nurses<br>in the north"), it does not start a paragraph of its own.
# U+241E, a control picture: trafilatura keeps it (it drops invisible and private-use characters); an article has no
# use for it, and a page that holds it anyway keeps each line after a <br> as a paragraph (_unwrap marks nothing).
LINE_BREAK = "\u241e"
# Preformatted text (a plain-text table, an address): trafilatura gives its lines as one block it cannot tell from
# a quotation, so each of its line breaks is made a <br> before the page is read.
PREFORMATTED = re.compile(rb"(<pre\b[^>]*>)(.*?)(</pre\s*>)", re.I | re.S)
# The elements trafilatura makes of blocks: a <br> opens a new line of its block only after some text of it.
BLOCKS = frozenset({"p", "item", "cell", "quote", "head", "list", "table", "row", "body", "div"})


def extract(data: bytes) -> Extracted:
    """The main text of the HTML page ``data``, its paragraphs separated by blank lines."""
    if len(data) > MAX_PAGE_BYTES:
        raise ConversionFailed(
            f"the page holds {len(data) / 1e6:,.0f} MB, more than the {MAX_PAGE_BYTES / 1e6:,.0f} MB"
            " a web page may hold",
            "save the article alone (reader view, or print it to PDF), or copy its text into a .txt file",
        )
    import trafilatura
    from trafilatura.xml import xmltotxt

    found = trafilatura.bare_extraction(
        PREFORMATTED.sub(_broken_lines, data),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
    )
    body = getattr(found, "body", None)  # the article as trafilatura's XML (None: nothing found)
    marked = body is not None and _unwrap(body)
    text = str(xmltotxt(body, include_formatting=False) or "")
    if not text.strip():
        raise ConversionFailed(
            "no article text was found in the page",
            "save the page's article (reader view, or print it to PDF), or copy its text into a .txt file",
        )
    paragraphs: list[str] = []
    for line in text.split("\n"):
        words = " ".join((line.replace(LINE_BREAK, " ") if marked else line).split())
        if marked and line.startswith(LINE_BREAK) and paragraphs and paragraphs[-1] and words:
            paragraphs[-1] += "\n" + words  # the same paragraph, on its next line
        else:
            paragraphs.append(words)
    return Extracted(
        "\n\n".join(p for p in paragraphs if p) + "\n",
        "html",
        title=_field(found, "title"),
        author=_field(found, "author"),
        published=_field(found, "date"),
        publisher=_field(found, "sitename"),
    )


def _broken_lines(match: re.Match[bytes]) -> bytes:
    """A <pre> block with its line breaks as <br> (the one right after the opening tag is no line, as in HTML)."""
    opening, content, closing = match.groups()
    if content.startswith(b"\r\n"):
        content = content[2:]
    elif content.startswith(b"\n"):
        content = content[1:]
    return opening + content.replace(b"\r\n", b"\n").replace(b"\n", b"<br>") + closing


def _text_before(element: Any) -> bool:
    """Whether some text of ``element``'s block comes before it (its parent's, its earlier siblings', up to the
    block when the parent is inline): a <br> that opens its block breaks no line of it."""
    while True:
        parent = element.getparent()
        if parent is None:
            return False
        for sibling in element.itersiblings(preceding=True):
            if "".join(sibling.itertext()).strip() or (sibling.tail or "").strip():
                return True
        if (parent.text or "").strip():
            return True
        if parent.tag in BLOCKS:
            return False
        element = parent


def _unwrap(body: Any) -> bool:
    """Join the lines that a page's source wraps a paragraph into (``intends\\n    to fix``): a line break of the
    source is white space, as a browser shows it; trafilatura's text keeps it, and each line would read as a
    paragraph of its own, a sentence cut in two. A ``<br>`` is an element of its own (``lb``) and stays a break;
    code keeps its lines. The text after a ``<br>`` that follows some text of its block is marked (LINE_BREAK): it
    goes on the paragraph, on a new line. Returns whether marks were made (a page that holds the mark's character
    gets none).
    """
    mark = not any(LINE_BREAK in text for text in body.itertext())
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if mark and element.tag == "lb" and not _in_code(element) and _text_before(element):
            element.tail = LINE_BREAK + (element.tail or "")
        if element.text and not _in_code(element):
            element.text = SOURCE_BREAK.sub(" ", element.text)
        parent = element.getparent()
        if element.tail and parent is not None and not _in_code(parent):
            element.tail = SOURCE_BREAK.sub(" ", element.tail)
    return mark


def _in_code(element: Any) -> bool:
    return element.tag == "code" or any(a.tag == "code" for a in element.iterancestors())


def _field(found: object, name: str) -> str | None:
    value = getattr(found, name, None)
    return " ".join(value.split()) or None if isinstance(value, str) else None
