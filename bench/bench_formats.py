"""Time the PDF converters on a generated 100-page text PDF, and factcheck's cold and warm runs on it.

Run: python3 bench/bench_formats.py [PAGES]. Needs fpdf2 and pypdfium2 (pdfplumber and pypdf are timed when
installed). Prints seconds per library, then `factcheck extract` on a corpus holding the PDF, cold (the PDF is
converted in a worker process) and warm (the index holds the text: nothing is converted).
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "In 2021 the agency counted 12,345 workers in 42 regions, up from 11,200 in 2019. Spending rose 7.5% to "
    "$3.2 billion, according to the annual report of the ministry, which expects inter-regional transfers to grow. "
)


def make_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_y(10)
        pdf.cell(0, 8, "Annual Report 2021 - Agency of Statistics")
        pdf.set_y(25)
        for _ in range(4):
            pdf.multi_cell(0, 6, PARAGRAPH * 2)
            pdf.ln(3)
        pdf.set_y(-15)
        pdf.cell(0, 8, f"Page {number}", align="C")
    return bytes(pdf.output())


def time_libraries(data: bytes) -> None:
    from factcheck.corpus.formats.convert import extract_here

    started = time.perf_counter()
    extract_here("pdf", data)
    print(f"factcheck (pypdfium2, in process): {time.perf_counter() - started:.2f} s")
    if importlib.util.find_spec("pypdf") is not None:
        import pypdf

        started = time.perf_counter()
        "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        print(f"pypdf: {time.perf_counter() - started:.2f} s")
    if importlib.util.find_spec("pdfplumber") is not None:
        import pdfplumber

        started = time.perf_counter()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            "".join(page.extract_text() or "" for page in pdf.pages)
        print(f"pdfplumber: {time.perf_counter() - started:.2f} s")


def time_runs(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / "report.pdf").write_bytes(data)
        command = [sys.executable, "-m", "factcheck", "extract", "--corpus", str(corpus), "--format", "json"]
        for run in ("cold", "warm"):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=folder)
            print(f"factcheck extract, {run}: {time.perf_counter() - started:.2f} s")


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    data = make_pdf(pages)
    print(f"{pages} pages, {len(data):,} bytes")
    time_libraries(data)
    time_runs(data)


if __name__ == "__main__":
    main()
