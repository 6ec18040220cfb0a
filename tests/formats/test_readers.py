"""Each format's reader on documents made here, with the text expected written by hand; bad input is refused with
a reason and a fix, in a worker process that a hang or a crash cannot take down with the run."""

from __future__ import annotations

import pytest

from factcheck.corpus.formats import ConversionFailed, page_position, page_span
from factcheck.corpus.formats.convert import convert, extract_here
from factcheck.reading.sentences import split_sentences
from tests.formats.makers import (
    SAVED_PAGE,
    WRAPPED,
    bulletin_pdf,
    columns_pdf,
    report_docx,
    scanned_pdf,
    wrapped_pdf,
    zip_bomb_docx,
)

pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")
pytest.importorskip("docx")
pytest.importorskip("fpdf")

BULLETIN_PAGE_ONE = (
    "Nurses and clinics\n"
    "The survey counted 4,512 nurses in the capital, and the international agency counted 3,980 more in the"
)
BULLETIN_PAGE_TWO = (
    "northern provinces during 2023, the bulletin says.\n"
    "Clinics opened: 214 in total.\n"
    "region clinics nurses\n"
    "North 120 2,210\n"
    "South 94 1,770"
)


def test_a_pdf_reads_page_by_page_without_its_running_header_and_page_numbers() -> None:
    extracted = extract_here("pdf", bulletin_pdf())
    assert extracted.text == f"{BULLETIN_PAGE_ONE}\n\f{BULLETIN_PAGE_TWO}\n\f"
    assert extracted.pages == (0, len(BULLETIN_PAGE_ONE) + 2, len(BULLETIN_PAGE_ONE) + len(BULLETIN_PAGE_TWO) + 4)
    assert extracted.format == "pdf"


def test_a_pdf_paragraph_wrapped_over_lines_reads_as_one_line_as_in_a_text_file() -> None:
    # "the United\nStates" would read as two sentences: each paragraph is one line, as in the text file.
    lines = extract_here("pdf", wrapped_pdf()).text.split("\n")
    assert lines == list(WRAPPED)


def test_a_pdf_in_two_columns_reads_column_by_column_and_a_table_row_by_row() -> None:
    # Both were drawn out of reading order: the columns line by line across the page, the table column by column.
    assert extract_here("pdf", columns_pdf()).text == (
        "Clinics and nurses in two columns\n"
        "The left column opens the report.\n"
        "It counted 120 clinics in the north\n"
        "and 94 clinics in the south of the\n"
        "country at the end of the year.\n"
        "The right column goes on with it.\n"
        "Nurses numbered 2,210 in the north\n"
        "and 1,770 in the south, the survey\n"
        "says, after a year of new hiring.\n"
        "region clinics nurses\n"
        "North 120 2,210\n"
        "South 94 1,770"
    )


def test_a_pdf_page_without_text_is_named_in_a_warning() -> None:
    assert extract_here("pdf", bulletin_pdf()).warnings == ("page 3 has no text (scanned? OCR is not supported)",)
    assert extract_here("pdf", bulletin_pdf(blank_page=False)).warnings == ()


def test_a_pdf_without_any_text_layer_says_so() -> None:
    extracted = extract_here("pdf", scanned_pdf())
    assert extracted.text.strip() == ""
    assert extracted.warnings == ("no text layer (a scanned document? OCR is not supported): no text read",)


def test_an_offset_knows_its_page_and_its_line_within_the_page() -> None:
    text = extract_here("pdf", bulletin_pdf()).text
    assert page_position(text, text.index("4,512")) == (1, 2)
    assert page_position(text, text.index("northern")) == (2, 1)
    assert page_position(text, text.index("South")) == (2, 5)
    start, end = page_span(text, 2) or (0, 0)
    assert text[start:end] == BULLETIN_PAGE_TWO
    assert page_span(text, 4) is None


def test_a_saved_page_reads_as_its_article_with_its_metadata() -> None:
    extracted = extract_here("html", SAVED_PAGE.encode())
    assert extracted.text == (
        "Clinic numbers rise\n\n"
        "The region now has 412 clinics, up from 380 in 2020, the health ministry said on Tuesday.\n\n"
        "Officials expect the number to pass 450 by 2026, although funding remains uncertain for the rural "
        "districts.\n\n"
        "About 1.2 million people live more than an hour from the nearest clinic, according to the ministry's "
        "survey.\n"
    )
    assert (extracted.title, extracted.author, extracted.published, extracted.publisher) == (
        "Clinic numbers rise",
        "Ana Ruiz",
        "2024-03-05",
        "The Daily Ledger",
    )


WRAPPED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Clinic numbers rise</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Clinic numbers rise</h1>
<p>The region now has 412 clinics, up from
    <a href="/2020">380 in 2020</a>, the health ministry
    said on Tuesday.</p>
<p>Officials expect the number to pass
    <em>450</em> by 2026,<br>although funding remains uncertain.</p>
<pre><code>clinics = 412
nurses = 3980</code></pre>
<p>About 1.2 million people live more than an hour from the nearest clinic, according to the survey.</p>
</article>
<footer><p>Copyright 2024 The Daily Ledger.</p></footer>
</body></html>
"""


def test_a_paragraph_that_the_page_s_source_wraps_over_lines_reads_as_one() -> None:
    # A browser shows a line break of the source as a space: the sentence is whole, not a paragraph per line.
    # A <br> breaks a line of its paragraph (not the paragraph: the sentence across it stays whole), and code keeps
    # its lines.
    text = extract_here("html", WRAPPED_PAGE.encode()).text
    assert text == (
        "Clinic numbers rise\n\n"
        "The region now has 412 clinics, up from 380 in 2020, the health ministry said on Tuesday.\n\n"
        "Officials expect the number to pass 450 by 2026,\nalthough funding remains uncertain.\n\n"
        "clinics = 412\n\nnurses = 3980\n\n"
        "About 1.2 million people live more than an hour from the nearest clinic, according to the survey.\n"
    )


def test_a_sentence_across_a_br_is_one_sentence_and_lines_of_an_address_stay_apart() -> None:
    page = (
        "<html><head><title>Clinics</title></head><body><article><h1>Clinics</h1>"
        "<p>The agency counted 3,980 nurses<br>in the northern provinces during 2023, the ministry said.</p>"
        "<p>Write to the agency at:<br>Health Office<br>12 Harbour Road<br>Port Elwin</p>"
        "<p>About 1.2 million people live more than an hour from the nearest clinic, the survey found.</p>"
        "</article></body></html>"
    )
    text = extract_here("html", page.encode()).text
    sentences = [s.text for s in split_sentences(text)]
    assert "The agency counted 3,980 nurses\nin the northern provinces during 2023, the ministry said." in sentences
    assert "Write to the agency at:\nHealth Office\n12 Harbour Road\nPort Elwin" in text


def test_a_br_that_opens_a_paragraph_joins_it_to_nothing_and_preformatted_lines_stay_lines() -> None:
    page = (
        "<html><head><title>Floods</title></head><body><article><h1>Floods</h1>"
        "<p>The river rose through the night and broke its banks on Monday morning.</p>"
        "<p><br>Officials counted 3,980 injured in the second week of the floods, the agency said.</p>"
        "<pre>\nRegion   Deaths\nNorth    1,200\nSouth    3,400</pre>"
        "<blockquote>The water came\n   faster than anyone had seen, a farmer said of the night.</blockquote>"
        "</article></body></html>"
    )
    text = extract_here("html", page.encode()).text
    assert "on Monday morning.\n\nOfficials counted 3,980 injured" in text  # a paragraph of its own, as before
    assert "Region Deaths\nNorth 1,200\nSouth 3,400" in text  # one line a row, not one line of it all
    assert "The water came faster than anyone had seen" in text  # a quotation's source lines are white space
    # A page that holds the character the reader marks lines with keeps it (and its <br> lines as paragraphs).
    sign = "<p>A sign read \u241e at the gate of the farm, which the floods had reached by noon.</p>"
    text = extract_here("html", page.replace("</article>", sign + "</article>").encode()).text
    assert "A sign read \u241e at the gate" in text and "Region Deaths\n\nNorth 1,200" in text


def test_a_word_file_reads_paragraphs_and_table_rows_in_order() -> None:
    extracted = extract_here("docx", report_docx())
    assert extracted.text == (
        "Clinic census\n\n"
        "The census found 412 clinics in the region in 2023.\n\n"
        "region | clinics | nurses\nNorth | 120 | 2,210\nSouth | 94 | 1,770\n\n"
        "Most of them opened after 2015.\n"
    )
    assert (extracted.title, extracted.author) == ("Clinic census", "Health Office")


@pytest.mark.parametrize(
    ("fmt", "data", "reason"),
    [
        ("pdf", bulletin_pdf(password="secret"), "it is an encrypted PDF that needs a password"),
        ("pdf", bulletin_pdf()[:700], "it is not a readable PDF (Data format error)"),
        ("pdf", b"<html>not a pdf</html>", "it is not a readable PDF (Data format error)"),
        ("docx", zip_bomb_docx(), "it unpacks to 4,096 MB (packed 1,052,688 times): a zip bomb, not unpacked"),
        ("docx", b"PK\x03\x04 truncated", "it is not a readable Word document (File is not a zip file)"),
        ("html", b"<html><body></body></html>", "no article text was found in the page"),
        ("html", b"<p>" * 10_500_000, "the page holds 32 MB, more than the 20 MB a web page may hold"),
    ],
    ids=[
        "encrypted-pdf",
        "truncated-pdf",
        "not-a-pdf",
        "docx-zip-bomb",
        "corrupt-docx",
        "html-without-article",
        "html-32-mb",
    ],
)
def test_bad_input_is_refused_with_a_reason_and_a_fix(fmt: str, data: bytes, reason: str) -> None:
    with pytest.raises(ConversionFailed) as failure:
        extract_here(fmt, data)
    assert failure.value.reason == reason
    assert failure.value.hint


def test_a_worker_converts_and_a_failure_in_it_comes_back_as_a_reason() -> None:
    assert convert("pdf", bulletin_pdf()).text.startswith("Nurses and clinics\n")
    with pytest.raises(ConversionFailed, match="encrypted PDF"):
        convert("pdf", bulletin_pdf(password="secret"))


def test_a_conversion_that_takes_too_long_is_stopped() -> None:
    # A page big enough that the worker cannot even start, read and answer within a hundredth of a second.
    with pytest.raises(ConversionFailed) as failure:
        convert("html", SAVED_PAGE.encode() * 200, time_limit=0.01)
    assert failure.value.reason == "converting it took more than 0.01 s and was stopped"


def test_a_conversion_that_needs_too_much_memory_is_stopped() -> None:
    # 3 MB of web page in 100,000 paragraphs (which also takes the parser more than 30 s), in a worker allowed
    # 100 MB of address space: the parser runs out of memory at once, and the run goes on.
    page = b"<html><body><article>" + b"<p>The count was 12 clinics.</p>" * 100_000 + b"</article></body></html>"
    with pytest.raises(ConversionFailed) as failure:
        convert("html", page, memory_limit=100 * 1024**2)
    assert failure.value.reason == "converting it needed more than 100 MB of memory and was stopped"
