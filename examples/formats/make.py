"""Writes examples/formats/corpus/: PDF and HTML versions of bundled documents of corpus/, and their sources.yaml.

Run from the project folder: python3 examples/formats/make.py. It needs fpdf2 (the [test] extra) and a Unicode
TrueType font (DejaVu Sans, in /usr/share/fonts/truetype/dejavu on Debian and Ubuntu; --font to name another):
the documents' curly quotes, dashes and superscript note numbers are outside the PDF core fonts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"
OUT = HERE / "corpus"
MADE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# The bundled document, and the format it is written in here.
DOCUMENTS = {
    "king-2020-cuba-internationalist-response-covid19.txt": "pdf",
    "report-2025-cuba-medical-missions-global-footprint.txt": "pdf",
    "aljazeera-2026-us-targeting-cuba-medical-missions.txt": "html",
}
# What a saved web page holds around its article: a site's navigation, an advert, a sign-up box and a footer.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/world">World</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="advert"><p>Advertisement</p><p>Save 20% on your first year of the Weekly Digest. Offer ends soon.</p></div>
<main>
<article>
{paragraphs}
</article>
</main>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><p>Get the top stories in your inbox every morning.</p>
</aside>
<footer><p>© Example Site. All rights reserved.</p><p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
</footer>
</body>
</html>
"""


def paragraphs(source: Path) -> list[str]:
    """The document's paragraphs: its lines that hold text."""
    return [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_pdf(source: Path, target: Path, font: Path) -> None:
    """The document as an A4 PDF: one paragraph after another, wrapped, with a running footer of page numbers."""
    from fpdf import FPDF

    class Report(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(MADE)  # a fixed date of making: the same bytes from every run
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for paragraph in paragraphs(source):
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    target.write_bytes(bytes(pdf.output()))


def write_html(source: Path, target: Path, title: str) -> None:
    """The document as a saved web page: its paragraphs as the article, boilerplate around it."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(source))
    target.write_text(PAGE.format(title=html.escape(title), paragraphs=body), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=FONT, help="a Unicode TrueType font for the PDFs")
    font = parser.parse_args().font
    manifest = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))
    entries = {entry["file"]: entry for entry in manifest["documents"]}
    OUT.mkdir(exist_ok=True)
    written = []
    for name, form in DOCUMENTS.items():
        entry = dict(entries[name])
        target = OUT / f"{Path(name).stem}.{form}"
        if form == "pdf":
            write_pdf(CORPUS / name, target, font)
        else:
            write_html(CORPUS / name, target, entry.get("title") or entry["id"])
        entry["file"] = target.name
        written.append(entry)
        print(f"wrote {target.relative_to(CORPUS.parent)}")
    head = "# Written by make.py from corpus/sources.yaml: the same ids and metadata as the bundled documents.\n"
    text = yaml.safe_dump({"documents": written}, sort_keys=False, allow_unicode=True)
    (OUT / "sources.yaml").write_text(head + text, encoding="utf-8")


if __name__ == "__main__":
    main()
