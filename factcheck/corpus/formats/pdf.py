"""PDF to text with pypdfium2: text per page, hyphenated line ends joined, repeated running headers and footers
(page numbers among them) dropped, pages joined by PAGE_BREAK.

pypdfium2 was chosen over pdfplumber and pypdf by measure: a generated 100-page text PDF converts in 0.11 s with
it, 0.39 s with pypdf and 7.8 s with pdfplumber (bench/bench_formats.py); its licence (Apache/BSD) is permissive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from factcheck.corpus.formats import ConversionFailed, Extracted, layout
from factcheck.corpus.formats.pages import PAGE_BREAK

# A line that repeats at the top or bottom of at least this share of the pages (and of two pages or more) is a
# running header or footer; digits count as one another, so "Page 3" and "Page 4" repeat.
RUNNING_SHARE = 0.5
_DIGITS = re.compile(r"\d+")
# pdfium marks a hyphen it found at a line end (layout.SOFT_HYPHEN); some files have a plain "-" there. Either,
# before a lower-case letter on the next line, joins the word again.
_SOFT_HYPHEN = re.compile(r"\x02[\n\x1f](?=[a-z])")
_LINE_END_HYPHEN = re.compile(r"(?<=[A-Za-z])-[\n\x1f](?=[a-z])")
# A wrapped line that ends in an en dash or a slash inside a word ("737–" "9", "2018–" "23–51", "https://" "www"),
# or in a hyphen between digits, goes on without a space: the dash or slash stays, the break was the printer's.
_LINE_END_JOIN = re.compile(r"(?<=\S)([–/]|(?<=\d)-)\x1f(?=\w)")
# Pages read from one PDF at most: 10,000 read in about 14 s (bench/bench_formats.py: 0.14 s per 100), within the
# worker's 30 s. pdfium itself counts a page tree's leaves (a /Count of 10^9 is not believed) and bounds its nesting.
MAX_PAGES = 10_000
_DETAIL = re.compile(r"PDFium: ([^)]*)")


def extract(data: bytes) -> Extracted:
    """The text of the PDF ``data``; ConversionFailed if it is encrypted, corrupt or not a PDF.

    The file's creation date is not taken for the document's date: it is when the PDF was made (often exported
    again years later), and compare reads a document's date as the year its figures refer to.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _failure(str(error)) from None
    try:
        if len(pdf) > MAX_PAGES:
            raise ConversionFailed(
                f"it has {len(pdf):,} pages, more than the {MAX_PAGES:,} read from one PDF (a file made to stall "
                "a reader, or a whole archive in one file)",
                "split it into files of fewer pages (e.g. qpdf --split-pages=1000) and put those in the corpus",
            )
        pages = [_page_text(pdf, n) for n in range(len(pdf))]
        meta = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as error:  # a page pdfium cannot load (a page tree nested beyond its limit, ...)
        raise _failure(str(error)) from None
    finally:
        pdf.close()
    pages = _drop_running_lines(pages)
    text, starts = _join(pages)
    return Extracted(
        text,
        "pdf",
        starts,
        title=_clean(meta.get("Title")),
        author=_clean(meta.get("Author")),
        warnings=_empty_page_warnings(pages),
    )


def _page_text(pdf: object, number: int) -> str:
    page = pdf[number]  # type: ignore[index]
    try:
        textpage = page.get_textpage()
        try:
            lines = layout.page_lines(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    text = layout.paragraphs(lines)
    text = _SOFT_HYPHEN.sub("", text).replace(layout.SOFT_HYPHEN, "-")
    text = _LINE_END_HYPHEN.sub("", text)
    text = _LINE_END_JOIN.sub(r"\1", text).replace(layout.WRAP, " ")
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def _drop_running_lines(pages: Sequence[str]) -> list[str]:
    """The pages without the first and last lines that repeat (digits aside) on many pages."""
    lines = [page.split("\n") if page else [] for page in pages]
    counts: Counter[str] = Counter()
    for page_lines in lines:
        counts.update({_shape(line) for line in _edges(page_lines)})
    need = max(2, RUNNING_SHARE * len(pages))
    running = {shape for shape, n in counts.items() if n >= need and shape}
    if not running:
        return list(pages)
    return ["\n".join(_trim(page_lines, running)) for page_lines in lines]


def _edges(lines: Sequence[str]) -> list[str]:
    """The lines where running headers and footers stand: the first two and the last two."""
    return [*lines[:2], *lines[-2:]]


def _trim(lines: list[str], running: set[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < min(end, 2) and _shape(lines[start]) in running:
        start += 1
    while end > max(start, len(lines) - 2) and _shape(lines[end - 1]) in running:
        end -= 1
    return lines[start:end]


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _join(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    starts: list[int] = []
    at = 0
    for page in pages:
        starts.append(at)
        at += len(page) + len(PAGE_BREAK)
    return PAGE_BREAK.join(pages), tuple(starts)


def _empty_page_warnings(pages: Sequence[str]) -> tuple[str, ...]:
    empty = [str(n) for n, page in enumerate(pages, 1) if not page.strip()]
    if not pages or len(empty) == len(pages):
        return ("no text layer (a scanned document? OCR is not supported): no text read",)
    if empty:
        which = f"page {empty[0]} has" if len(empty) == 1 else f"pages {', '.join(empty)} have"
        return (f"{which} no text (scanned? OCR is not supported)",)
    return ()


def _failure(message: str) -> ConversionFailed:
    if "password" in message.lower() or "security" in message.lower():
        return ConversionFailed(
            "it is an encrypted PDF that needs a password",
            "save a copy without the password (or print it to PDF) and put that in the corpus",
        )
    detail = _DETAIL.search(message)
    return ConversionFailed(
        f"it is not a readable PDF ({detail.group(1) if detail else message})",
        "the file is corrupt or truncated: download it again, or open it in a PDF viewer and save a copy",
    )


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None
