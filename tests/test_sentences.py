"""Sentence splitting: abbreviations, numbers, headings, lists, tables, quotes, footnotes, offsets and lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.reading.sentences import split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Abbreviations inside a sentence.
        (
            "The U.S. Secretary of State spoke. He left.",
            ["The U.S. Secretary of State spoke.", "He left."],
        ),
        (
            "Aid from the U.K. Government arrived. Then more came.",
            ["Aid from the U.K. Government arrived.", "Then more came."],
        ),
        (
            "Dr. Smith met Mr. Jones and Mrs. Brown. They talked.",
            ["Dr. Smith met Mr. Jones and Mrs. Brown.", "They talked."],
        ),
        (
            "Doctors went to St. Lucia and St. Kitts. Others stayed.",
            ["Doctors went to St. Lucia and St. Kitts.", "Others stayed."],
        ),
        (
            "Rep. Diaz, Sen. Scott and Gov. Abbott agreed. Nobody objected.",
            ["Rep. Diaz, Sen. Scott and Gov. Abbott agreed.", "Nobody objected."],
        ),
        (
            "It began on Jan. 5 and ended Feb. 20. Nothing changed.",
            ["It began on Jan. 5 and ended Feb. 20.", "Nothing changed."],
        ),
        ("See Vol. 15, No. 2 for details. It is long.", ["See Vol. 15, No. 2 for details.", "It is long."]),
        ("Quality vs. Quantity is the debate. Both matter.", ["Quality vs. Quantity is the debate.", "Both matter."]),
        (
            "Some nations, e.g. Chile, and others, i.e. Peru, agreed. Good.",
            ["Some nations, e.g. Chile, and others, i.e. Peru, agreed.", "Good."],
        ),
        ("Nurses, doctors, etc. were sent. They arrived.", ["Nurses, doctors, etc. were sent.", "They arrived."]),
        (
            "Acme Inc. Director Lee and Foo Ltd. Chair Kim met. Fine.",
            ["Acme Inc. Director Lee and Foo Ltd. Chair Kim met.", "Fine."],
        ),
        ("Smith & Co. Partners agreed. Done.", ["Smith & Co. Partners agreed.", "Done."]),
        ("As J. M. Feinsilver wrote, it grew. Others agree.", ["As J. M. Feinsilver wrote, it grew.", "Others agree."]),
        ("Ask J. A. Smith about it. He knows.", ["Ask J. A. Smith about it.", "He knows."]),
        (
            "Kirk, E.J., and M.J. Brouwer wrote it. It is cited.",
            ["Kirk, E.J., and M.J. Brouwer wrote it.", "It is cited."],
        ),
        ("He is a Ph.D. candidate. He teaches.", ["He is a Ph.D. candidate.", "He teaches."]),
        # An ambiguous abbreviation at the end of a sentence, followed by a typical sentence opener.
        (
            "Many doctors practice in the U.S. These are not mission doctors.",
            ["Many doctors practice in the U.S.", "These are not mission doctors."],
        ),
        ("They sent pens, paper, etc. The rest stayed.", ["They sent pens, paper, etc.", "The rest stayed."]),
        # Decimals and thousands with a point never split.
        (
            "It rose to 2.5 million. In 2007 there were 42.000 workers.",
            ["It rose to 2.5 million.", "In 2007 there were 42.000 workers."],
        ),
        ("Article 176.1 makes it a crime. It is harsh.", ["Article 176.1 makes it a crime.", "It is harsh."]),
        # Other sentence ends.
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("It ended in 2020. 300 doctors stayed.", ["It ended in 2020.", "300 doctors stayed."]),
        ("Wait... The results came.", ["Wait...", "The results came."]),
        ("A lower-case start after a stop. no split here.", ["A lower-case start after a stop. no split here."]),
        ("No space after the stop.Not split.", ["No space after the stop.Not split."]),
    ],
)
def test_abbreviations_numbers_and_sentence_ends(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
        ("He said “it is over.” Then he left.", ["He said “it is over.”", "Then he left."]),
        ("They call them “deserters.” It bans them.", ["They call them “deserters.”", "It bans them."]),
        ("It was “forced labor”. Others disagree.", ["It was “forced labor”.", "Others disagree."]),
        ("She asked, “Why?” and left.", ["She asked, “Why?” and left."]),
        ("The end (see above.) Then more.", ["The end (see above.)", "Then more."]),
        ('One. "Two," he said.', ["One.", '"Two," he said.']),
        ("First. (Second one.) Third.", ["First.", "(Second one.)", "Third."]),
    ],
)
def test_quotations(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Workers are in 50 nations.⁴,⁵ Next one.", ["Workers are in 50 nations.⁴,⁵", "Next one."]),
        ("The report says so.[12] Next one.", ["The report says so.[12]", "Next one."]),
        ("The report says so.[3][4] Next one.", ["The report says so.[3][4]", "Next one."]),
        ("Plain digits follow the text.3 Next one.", ["Plain digits follow the text.3", "Next one."]),
        (
            "It may amount to “forced labor”.⁴,⁷ UN experts said so.",
            ["It may amount to “forced labor”.⁴,⁷", "UN experts said so."],
        ),
        ("Officially “voluntary.”³ However, not really.", ["Officially “voluntary.”³", "However, not really."]),
        ("A range of 1990-2000. Next one.", ["A range of 1990-2000.", "Next one."]),
    ],
)
def test_footnote_markers_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_headings_and_short_lines_end_sentences() -> None:
    text = "Key Statistics\nDoctors went abroad.\nWhere the Missions Operate\nLatin America (Mexico, Brazil)\nThe core."
    assert texts(text) == [
        "Key Statistics",
        "Doctors went abroad.",
        "Where the Missions Operate",
        "Latin America (Mexico, Brazil)",
        "The core.",
    ]


def test_markdown_headings_lose_their_marks() -> None:
    text = "# Title of it\n\n## Part one\nBody text here. More text.\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Title of it", "Part one", "Body text here.", "More text."]
    assert [s.line for s in sentences] == [1, 3, 4, 4]
    assert sentences[0].start == 2


def test_numbered_headings_keep_their_number_and_are_not_cut() -> None:
    text = "I. A Global Footprint: Strategy and Scale\nIt began.\n\n1.2. Missions abroad\n\n2. Internationalism at home"
    assert texts(text) == [
        "I. A Global Footprint: Strategy and Scale",
        "It began.",
        "1.2. Missions abroad",
        "2. Internationalism at home",
    ]


def test_list_items_without_full_stops_are_sentences() -> None:
    text = "It works in steps:\n- A host pays a fee\n- The state keeps most\n  • nested item\n* Last one. Two more."
    assert texts(text) == [
        "It works in steps:",
        "A host pays a fee",
        "The state keeps most",
        "nested item",
        "Last one.",
        "Two more.",
    ]


def test_list_bullet_is_left_out_of_the_sentence_offsets() -> None:
    text = "Intro line\n  • U.S. officials spoke. They left."
    first_item = split_sentences(text)[1]
    assert first_item.text == "U.S. officials spoke."
    assert first_item.start == text.index("U.S.")
    assert first_item.line == 2


def test_table_rows_are_one_sentence_each() -> None:
    text = (
        "Table 4.1: Profile\n"
        "| Country | Personnel | Notes |\n"
        "|---|:---:|---|\n"
        "| Venezuela | 31,000+ | Oil. Paid in kind. |\n"
        "| Brazil | 20,000+ | Cash. |\n"
        "This table shows it."
    )
    assert texts(text) == [
        "Table 4.1: Profile",
        "| Country | Personnel | Notes |",
        "| Venezuela | 31,000+ | Oil. Paid in kind. |",
        "| Brazil | 20,000+ | Cash. |",
        "This table shows it.",
    ]


def test_blank_line_always_ends_a_sentence() -> None:
    assert texts("A heading without a stop\n\nthen lower case text.") == [
        "A heading without a stop",
        "then lower case text.",
    ]


def test_wrapped_line_continues_when_next_starts_lower_case() -> None:
    text = "The number of Cuban doctors working\nabroad jumped. It grew\nagain."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["The number of Cuban doctors working\nabroad jumped.", "It grew\nagain."]
    assert [s.line for s in sentences] == [1, 2]


def test_hard_wrapped_text_continues_before_a_capital() -> None:
    # Lines wrapped at about 60 characters: a long line ending mid-sentence runs on into "Department".
    text = (
        "The program was started by officials of the United States\n"
        "Department of Health and it grew quickly over many years of\n"
        "work. Critics, including several United Nations experts and\n"
        "others, said the program amounted to forced labour overall.\n"
        "Short caption\n"
        "Another line that is long enough to count as a wrapped one."
    )
    assert texts(text) == [
        "The program was started by officials of the United States\n"
        "Department of Health and it grew quickly over many years of\nwork.",
        "Critics, including several United Nations experts and\n"
        "others, said the program amounted to forced labour overall.",
        "Short caption",
        "Another line that is long enough to count as a wrapped one.",
    ]


def test_one_paragraph_per_line_does_not_join_paragraphs() -> None:
    # Lines far longer than any wrap width are paragraphs: one without a final stop does not run on.
    long = "Word " * 40
    text = f"{long}one\n{long}two\nNext paragraph starts here."
    assert texts(text) == [f"{long}one", f"{long}two", "Next paragraph starts here."]


def test_rules_and_empty_marks_belong_to_no_sentence() -> None:
    assert texts("Above\n---\nBelow\n***\n-\n#\n") == ["Above", "Below"]


def test_offsets_lines_and_indices() -> None:
    text = "  First one.  Second one.\n\nThird\r\non a new line."
    sentences = split_sentences(text)
    assert [(s.index, s.start, s.end, s.line) for s in sentences] == [
        (0, 2, 12, 1),
        (1, 14, 25, 1),
        (2, 27, 48, 3),
    ]
    assert sentences[2].text == "Third\r\non a new line."


def test_empty_and_blank_texts() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t ") == []


def test_bundled_corpus_samples() -> None:
    text = (CORPUS / "report-2025-cuba-medical-missions-global-footprint.txt").read_text(encoding="utf-8")
    found = texts(text)
    assert "Key Statistics" in found
    assert (
        "Active Missions: At any given time, between 22,000 and 50,000 Cuban health workers are active in over "
        "50 nations.⁴,⁵,⁶,⁷,⁸"
    ) in found
    assert "An estimated 5,000 to 6,000 Cuban-born physicians practice in the U.S." in found
    assert "These are not state-controlled mission doctors." in found
    assert "I. A Global Footprint: Strategy and Scale" in found
    king = (CORPUS / "king-2020-cuba-internationalist-response-covid19.txt").read_text(encoding="utf-8")
    assert any(s.startswith("He is a member of Mass. Peace Action’s Latin America") for s in texts(king))
    assert any("Grenada, St. Vincent, St. Lucia, and St. Kitts." in s for s in texts(king))


def test_bundled_corpus_is_split_into_sentences_that_cover_its_text() -> None:
    # How fast: bench/bench_small.py (a speed target is no test).
    documents = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    assert sum(len(d) for d in documents) > 60_000
    for document in documents:
        sentences = split_sentences(document)
        assert len(sentences) > 10
        assert all(document[s.start : s.end] == s.text for s in sentences)
        assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
        covered = bytearray(len(document))
        for sentence in sentences:
            covered[sentence.start : sentence.end] = b"\x01" * (sentence.end - sentence.start)
        # Every character but white space and the markers of list items ("- ", "• ") stands in a sentence.
        left_out = [i for i, c in enumerate(document) if not c.isspace() and not covered[i]]
        assert all(document[i] in "-•" and document[i + 1] == " " for i in left_out), [
            document[i : i + 40] for i in left_out if document[i] not in "-•"
        ][:3]


_ALPHABET = st.sampled_from(
    list("abcXYZ019 .,!?;:-|#*•\n\n\t\"“”'’()[]⁴,⁵…") + ["U.S.", "Dr.", "e.g.", "42.000", "\r\n", "- ", "| a |", "# "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_sentences_are_ordered_disjoint_and_slices_of_the_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        assert sentence.line == text.count("\n", 0, sentence.start) + 1
        previous_end = sentence.end
