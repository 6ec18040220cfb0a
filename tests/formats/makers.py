"""Test documents made here: PDFs (fpdf2), saved web pages and Word files (python-docx), with their text known."""

from __future__ import annotations

import io
import zipfile

HEADER = "Ministry of Data - Quarterly Bulletin"
# Page 1 ends mid-sentence, page 2 goes on with it: a quote across the page break.
PAGE_ONE = [
    "Nurses and clinics",
    "The survey counted 4,512 nurses in the capital, and the inter-",
    "national agency counted 3,980 more in the",
]
PAGE_TWO = [
    "northern provinces during 2023, the bulletin says.",
    "Clinics opened: 214 in total.",
]
TABLE = [("region", "clinics", "nurses"), ("North", "120", "2,210"), ("South", "94", "1,770")]


def bulletin_pdf(*, blank_page: bool = True, password: str | None = None) -> bytes:
    """Two pages of text with a running header and page numbers, a hyphenated line end, a table on page 2, a
    sentence across the page break, and (``blank_page``) a third page with a drawing and no text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    pages = [PAGE_ONE, PAGE_TWO]
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_xy(10, 10)
        pdf.cell(0, 8, HEADER)
        pdf.set_xy(10, 30)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        if number == 2:
            pdf.ln(4)
            with pdf.table(width=120) as table:
                for row in TABLE:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
        pdf.set_xy(10, 280)
        pdf.cell(0, 8, f"Page {number}", align="C")
    if blank_page:
        pdf.add_page()
        pdf.rect(20, 20, 100, 100)  # a scanned page would be an image: no text either way
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF of two pages with drawings and no text layer at all."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 100)
    return bytes(pdf.output())


ARTICLE = [
    "Clinic numbers rise",
    "The region now has 412 clinics, up from 380 in 2020, the health ministry said on Tuesday.",
    "Officials expect the number to pass 450 by 2026, although funding remains uncertain for the rural districts.",
    "About 1.2 million people live more than an hour from the nearest clinic, according to the ministry's survey.",
]

SAVED_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Clinic numbers rise | The Daily Ledger</title>
<meta name="author" content="Ana Ruiz">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="advert">Buy one get one free! Subscribe now for only $1 a week, 70% off.</div>
<article><h1>{ARTICLE[0]}</h1>
<p>{ARTICLE[1]}</p>
<p>{ARTICLE[2]}</p>
<p>{ARTICLE[3]}</p>
</article>
<section id="comments"><h3>Comments</h3>
<div class="comment"><p>Great article, I counted 999 clinics myself last week!</p></div></section>
<footer><p>Copyright 2024 The Daily Ledger. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


def report_docx() -> bytes:
    """A Word file: a heading, a paragraph, a table, a closing paragraph, in that order."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Clinic census"
    document.core_properties.author = "Health Office"
    document.add_heading("Clinic census", level=1)
    document.add_paragraph("The census found 412 clinics in the region in 2023.")
    table = document.add_table(rows=0, cols=3)
    for row in TABLE:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph("Most of them opened after 2015.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(declared: int = 10 * 1024**3) -> bytes:
    """A .docx whose zip directory declares an entry of ``declared`` bytes (a zip bomb, as its directory says)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))  # packs about 1,000 times
    data = bytearray(out.getvalue())
    if declared > 4 * 1024 * 1024:
        _declare_size(data, "word/document.xml", declared)
    return bytes(data)


def _declare_size(data: bytearray, name: str, size: int) -> None:
    """Write ``size`` as the uncompressed size of ``name`` in the zip's central directory (as a bomb lies)."""
    import struct

    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, at + 24, min(size, 0xFFFFFFFF))
            return
        at = data.find(b"PK\x01\x02", at + 4)


WRAPPED = (
    "The survey of the northern provinces counted 3,980 nurses in 2023, and the United States agency that "
    "funds it counted 4,512 in the capital, where most of the new clinics opened during the year.",
    "Most of them opened after 2015.",
)


def wrapped_pdf() -> bytes:
    """Two paragraphs, the first wrapped over several lines (80 mm wide), its lines set closer than the
    space between the paragraphs."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for paragraph in WRAPPED:
        pdf.multi_cell(80, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


COLUMN_TITLE = "Clinics and nurses in two columns"
LEFT_COLUMN = (
    "The left column opens the report.",
    "It counted 120 clinics in the north",
    "and 94 clinics in the south of the",
    "country at the end of the year.",
)
RIGHT_COLUMN = (
    "The right column goes on with it.",
    "Nurses numbered 2,210 in the north",
    "and 1,770 in the south, the survey",
    "says, after a year of new hiring.",
)


def columns_pdf() -> bytes:
    """A title across the page, then two columns of text drawn line by line across the page (the left column's
    first line, the right column's first line, ...), then a table drawn column by column (every cell of its first
    column, then of the second): drawing order is not reading order."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.text(10, 20, COLUMN_TITLE)
    for row, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        pdf.text(10, 40 + 8 * row, left)
        pdf.text(110, 40 + 8 * row, right)
    for column, cells in enumerate(zip(*TABLE, strict=True)):
        for row, cell in enumerate(cells):
            pdf.text(20 + 40 * column, 100 + 8 * row, cell)
    return bytes(pdf.output())


def written_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand: ``objects`` numbered from 1 (the first the catalog), with their cross-reference table."""
    parts, offsets, size = [b"%PDF-1.7\n"], [], 9
    for number, body in enumerate(objects, 1):
        offsets.append(size)
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        size += len(parts[-1])
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    parts.extend(b"%010d 00000 n \n" % offset for offset in offsets)
    parts.append(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, size))
    return b"".join(parts)


def _one_page(parent: int, first: int, text: str) -> list[bytes]:
    """A page (object ``first``) under ``parent`` saying ``text``, its content stream and its font."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    return [
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >>"
        b" >> >>" % (parent, first + 1, first + 2),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def claimed_pages_pdf(count: int, text: str) -> bytes:
    """One page saying ``text`` in a page tree that claims ``count`` pages (/Count)."""
    return written_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            *_one_page(2, 3, text),
        ]
    )


def deep_tree_pdf(levels: int, text: str) -> bytes:
    """One page saying ``text`` at the bottom of a page tree ``levels`` deep (each node holds the next)."""
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (number + 1) for number in range(2, levels + 2)]
    return written_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", *nodes, *_one_page(levels + 1, levels + 2, text)])


def blank_pages_pdf(pages: int) -> bytes:
    """``pages`` blank pages."""
    kids = b" ".join(b"%d 0 R" % (3 + n) for n in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    return written_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
        + [page] * pages
    )
