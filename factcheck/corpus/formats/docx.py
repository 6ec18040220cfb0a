"""Word documents (.docx) to text with python-docx: paragraphs and tables in document order, a table's rows as
lines with their cells separated by " | ". The zip's declared sizes are checked before anything is unpacked."""

from __future__ import annotations

import io
import zipfile

from factcheck.corpus.formats import ConversionFailed, Extracted

# Unpacked, a .docx holds its text as XML: tens of MB for a very long report. More than this (declared in the
# zip's directory) is a zip bomb, refused before a byte is unpacked.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # unpacked size to packed size of one entry: XML packs 5 to 20 times


def extract(data: bytes) -> Extracted:
    check_zip(data)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise _corrupt(str(error)) from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [" | ".join(" ".join(cell.text.split()) for cell in row.cells) for row in item.rows]
            blocks.append("\n".join(rows))
        elif item.text.strip():
            blocks.append(item.text.strip())
    props = document.core_properties  # its created date is the file's (or its template's), not publication's
    return Extracted(
        "\n\n".join(blocks) + "\n",
        "docx",
        title=props.title or None,
        author=props.author or None,
    )


def check_zip(data: bytes) -> None:
    """Raise ConversionFailed if ``data`` is no zip, or its directory declares a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _corrupt(str(error)) from None
    total = sum(info.file_size for info in infos)
    ratio = max((info.file_size / max(info.compress_size, 1) for info in infos), default=0.0)
    if total > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise ConversionFailed(
            f"it unpacks to {total / 1024 / 1024:,.0f} MB (packed {ratio:,.0f} times): a zip bomb, not unpacked",
            "a real Word document unpacks to far less: open it in Word and save a copy, or save its text as .txt",
        )


def _corrupt(message: str) -> ConversionFailed:
    return ConversionFailed(
        f"it is not a readable Word document ({message})",
        "open it in Word or LibreOffice and save it again as .docx (not .doc)",
    )
