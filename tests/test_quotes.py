"""Quote matching: quotes altered the ways people alter them, typography that must not matter, real corpus text.

Tests marked ``needs_reader`` in their name check ``number_mismatches`` / ``compare_numbers`` or a figure that only
the quantity reader can tell apart (a qualifier cut off at the edge of a quote); they pass once
``factcheck.reading.quantities.read_quantities`` reads figures.
"""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.matching.quotes import _FOOTNOTE as _FOOTNOTE_MARKS
from factcheck.matching.quotes import (
    ClosestPassage,
    PreparedText,
    QuoteMatch,
    WordDiff,
    compare_numbers,
    match_quote,
    normalise,
    prepare,
)
from factcheck.reading.quantities import read_quantities

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# A made-up document: three paragraphs, a sentence broken over a line, a non-breaking space, an en dash, curly
# quotes, superscript and bracketed footnote markers.
DOC = (
    "Annual report\n"
    "\n"
    "The ministry said it had more than 28,000 staff serving in 61 regions across the\n"
    "country. It added that 1,200 of them were hired last year. Officials called the plan\n"
    "\u201ca durable commitment to rural care.\u201d The minister\u2019s office put the cost at $2.5\u00a0million "
    "\u2013 a figure auditors dispute.\u2074,\u2075\n"
    "\n"
    "The second phase will begin in 2027.[12] Critics say the regional offices have not consulted local councils. "
    "Reporters say the head of the office has not replied. "
    "Auditors say the head of the regional office has not replied. "
    "Auditors say the head of the northern regional office has not replied.\n"
)


def span_of(text: str, passage: str) -> tuple[int, int]:
    """Where ``passage`` stands in ``text`` (it must stand there exactly once)."""
    assert text.count(passage) == 1, passage
    start = text.index(passage)
    return start, start + len(passage)


def found(quote: str, document: str | PreparedText = DOC) -> QuoteMatch:
    result = match_quote(quote, document)
    assert result.found, (quote, result.reason, result.closest)
    assert result.closest is None
    assert result.number_mismatches == ()
    return result


def not_found(quote: str, document: str | PreparedText = DOC) -> QuoteMatch:
    result = match_quote(quote, document)
    assert not result.found, quote
    assert result.spans == ()
    assert result.reason
    return result


def changes(closest: ClosestPassage | None) -> list[WordDiff]:
    assert closest is not None
    return [step for step in closest.diff if step.op != "equal"]


# --- exact matches and their spans ---------------------------------------------------------------------------------


def test_exact_quote_is_found_with_its_span() -> None:
    result = found("it had more than 28,000 staff serving in 61 regions")
    assert result.spans == (span_of(DOC, "it had more than 28,000 staff serving in 61 regions"),)


def test_prepared_text_gives_the_same_answer() -> None:
    prepared = prepare(DOC)
    for quote in ("It added that 1,200 of them", "it had 28,000 staff", "the plan ... 1,200"):
        assert match_quote(quote, prepared) == match_quote(quote, DOC)


def test_prepared_text_paragraphs() -> None:
    prepared = prepare(DOC)
    assert len(prepared.paragraphs) == 3
    assert prepared.text.count("\n") == 2  # one line per paragraph
    assert prepared.text.startswith("Annual report\nThe ministry said it had more than 28,000 staff")


def test_case_change_is_not_found() -> None:
    result = not_found("the ministry said it had more than 28,000 staff")
    assert changes(result.closest) == [WordDiff("replace", ("the",), ("The",))]


def test_quote_must_not_start_or_end_inside_a_word_or_number() -> None:
    not_found("8,000 staff serving in 61 regions")
    not_found("more than 28,00")
    not_found("more than 28")
    not_found("inistry said")
    found("more than 28,000 staff")


def test_empty_quote_is_not_found() -> None:
    result = not_found("  ... ")
    assert result.closest is None


# --- altered quotes ------------------------------------------------------------------------------------------------


def test_changed_figure_fails_and_shows_the_closest_passage() -> None:
    result = not_found("The ministry said it had more than 23,000 staff serving in 61 regions")
    assert result.closest is not None
    assert result.closest.text == "The ministry said it had more than 28,000 staff serving in 61 regions"
    assert (result.closest.start, result.closest.end) == span_of(DOC, result.closest.text)
    assert changes(result.closest) == [WordDiff("replace", ("23,000",), ("28,000",))]
    assert result.closest.score >= 90


def test_changed_figure_reports_the_number_mismatch_needs_reader() -> None:
    result = not_found("The ministry said it had more than 23,000 staff serving in 61 regions")
    assert len(result.number_mismatches) == 1
    quote_figure, document_figure = result.number_mismatches[0]
    assert "23,000" in quote_figure and "28,000" in document_figure


def test_dropped_qualifier_fails() -> None:
    result = not_found("The ministry said it had 28,000 staff serving in 61 regions")
    assert changes(result.closest) == [WordDiff("insert", (), ("more", "than"))]


def test_dropped_qualifier_reports_the_number_mismatch_needs_reader() -> None:
    result = not_found("The ministry said it had 28,000 staff serving in 61 regions")
    assert len(result.number_mismatches) == 1
    quote_figure, document_figure = result.number_mismatches[0]
    assert quote_figure.startswith("28,000") and "28,000" in document_figure
    assert quote_figure != document_figure


def test_qualifier_cut_off_at_the_edge_of_the_quote_fails_needs_reader() -> None:
    # The words stand in the document, but it says "more than 28,000", not "28,000".
    result = not_found("28,000 staff serving in 61 regions")
    assert [pair[0].split()[0] for pair in result.number_mismatches] == ["28,000"]
    assert result.closest is not None and "more than 28,000" in result.closest.text


def test_dropped_word_fails_with_a_diff() -> None:
    result = not_found("The ministry said it had more than 28,000 staff serving in 61 regions across country.")
    assert result.closest is not None
    assert (
        result.closest.text
        == "The ministry said it had more than 28,000 staff serving in 61 regions across the\ncountry."
    )
    assert changes(result.closest) == [WordDiff("insert", (), ("the",))]
    assert result.closest.score >= 90
    assert result.number_mismatches == ()


def test_added_word_fails_with_a_diff() -> None:
    result = not_found("It added that 1,200 of them were newly hired last year.")
    assert result.closest is not None
    assert result.closest.text == "It added that 1,200 of them were hired last year."
    assert changes(result.closest) == [WordDiff("delete", ("newly",), ())]
    assert result.closest.score >= 90


def test_two_passages_joined_without_an_ellipsis_fail() -> None:
    not_found("it had more than 28,000 staff. Officials called the plan")


@pytest.mark.parametrize("ellipsis", ["...", "\u2026", "[...]", "[\u2026]", ". . .", " ... ", "..."])
def test_two_passages_joined_with_an_ellipsis_pass(ellipsis: str) -> None:
    result = found(f"it had more than 28,000 staff {ellipsis} Officials called the plan")
    assert result.spans == (
        span_of(DOC, "it had more than 28,000 staff"),
        span_of(DOC, "Officials called the plan"),
    )


def test_ellipsis_at_either_end_is_ignored() -> None:
    result = found("... the cost at $2.5 million ...")
    assert result.spans == (span_of(DOC, "the cost at $2.5\u00a0million"),)


def test_passages_in_the_wrong_order_fail() -> None:
    result = not_found("Officials called the plan ... it had more than 28,000 staff")
    assert "order" in result.reason


def test_passages_across_a_blank_line_fail() -> None:
    result = not_found("a figure auditors dispute ... The second phase will begin")
    assert "paragraph" in result.reason


def test_an_ellipsis_joins_passages_of_a_paragraph_over_line_breaks() -> None:
    found("The ministry said ... Officials called the plan ... auditors dispute.")


# --- typography that must not matter -------------------------------------------------------------------------------


def test_straight_quotes_match_curly_ones() -> None:
    found('Officials called the plan "a durable commitment to rural care." The minister\'s office')


def test_curly_quotes_match_straight_ones() -> None:
    document = "He said \"we will stay\" and it's settled; 'for now'.\n"
    found("He said \u201cwe will stay\u201d and it\u2019s settled; \u2018for now\u2019.", document)
    found("said \u00abwe will stay\u00bb and it\u2032s", document)


def test_line_break_in_the_document_or_the_quote() -> None:
    result = found("serving in 61 regions across the country")
    assert result.spans == (span_of(DOC, "serving in 61 regions across the\ncountry"),)
    found("it had more\nthan 28,000   staff\r\n serving")


def test_non_breaking_and_thin_spaces() -> None:
    found("the cost at $2.5 million")  # the document has a non-breaking space
    found("more than\u00a028,000 staff")  # the quote has one
    found("more than\u202f28,000\u2009staff")


def test_dashes_and_the_spaces_around_them() -> None:
    found("$2.5 million - a figure auditors dispute")
    found("$2.5 million \u2014 a figure auditors dispute")
    found("$2.5 million\u2013a figure auditors dispute")
    found("$2.5 million -- a figure auditors dispute")


def test_footnote_markers_in_the_document_but_not_the_quote() -> None:
    result = found("a figure auditors dispute.")
    assert result.spans == (span_of(DOC, "a figure auditors dispute."),)
    found("The second phase will begin in 2027. Critics say")
    document = "Missions run in over 50 nations.\u2074,\u2075 Most are small.\n"
    found("in over 50 nations. Most are small.", document)


def test_footnote_markers_in_the_quote_but_not_the_document() -> None:
    found("it had more than 28,000 staff\u00b9 serving")
    found("it had more than 28,000 staff[3] serving")
    found("a figure auditors dispute.\u2074,\u2075")


# --- editorial insertions --------------------------------------------------------------------------------------------


def test_insertion_standing_for_one_word() -> None:
    result = found("The ministry said [the ministry] had more than 28,000 staff")
    assert result.spans == (span_of(DOC, "The ministry said it had more than 28,000 staff"),)


def test_insertion_standing_for_three_words() -> None:
    result = found("Critics say [the ministry] have not consulted local councils.")
    assert result.spans == (span_of(DOC, "Critics say the regional offices have not consulted local councils."),)


def test_insertion_standing_for_five_words() -> None:
    found("Reporters say [the ministry] has not replied.")


def test_insertion_standing_for_six_or_seven_words_fails() -> None:
    # "the head of the regional office" is six words, "the head of the northern regional office" seven.
    not_found("Auditors say [the ministry] has not replied.")


def test_insertion_for_part_of_a_word() -> None:
    found("[t]he ministry said it had")
    found("The minist[ry] said")


def test_insertion_with_a_changed_figure_fails() -> None:
    not_found("it had more than [23,000] staff serving")
    not_found("it had [more than 23,000] staff serving")
    found("it had [more than 28,000] staff serving")


def test_insertion_at_the_edge_with_a_figure_must_stand_for_that_figure() -> None:
    text = corpus_text(WIKIPEDIA)
    result = found('[In 2007,] "Cuba has 42.000 workers in international collaborations', text)
    assert result.spans == (span_of(text, 'In 2007, "Cuba has 42.000 workers in international collaborations'),)
    not_found('[In 2008,] "Cuba has 42.000 workers in international collaborations', text)


def test_insertion_must_not_hide_a_figure() -> None:
    not_found("it had [many] staff serving in 61 regions")


def test_quote_without_words_is_not_found() -> None:
    result = not_found('"')
    assert "no words" in result.reason


def test_quote_over_a_blank_line_says_so() -> None:
    result = not_found("a figure auditors dispute. The second phase will begin")
    assert "blank line" in result.reason


def test_a_later_occurrence_stands_when_an_earlier_one_cuts_a_qualifier_needs_reader() -> None:
    document = "About 40 units were sold in May. In June, 40 units were sold again.\n"
    result = found("40 units were sold", document)
    start = document.index("40 units were sold again")
    assert result.spans == ((start, start + len("40 units were sold")),)


# --- compare_numbers ------------------------------------------------------------------------------------------------


def test_compare_numbers_without_figures() -> None:
    assert compare_numbers("no figures here", "nor here") == ()


def test_compare_numbers_needs_reader() -> None:
    assert compare_numbers("61 regions", "61 regions") == ()
    assert compare_numbers("about 1,200 staff", "about 1,200 staff") == ()
    changed = compare_numbers("more than 23,000 staff in 61 regions", "more than 28,000 staff in 61 regions")
    assert len(changed) == 1 and "23,000" in changed[0][0] and "28,000" in changed[0][1]
    qualifier = compare_numbers("28,000 staff", "more than 28,000 staff")
    assert len(qualifier) == 1 and qualifier[0][0].startswith("28,000") and qualifier[0][0] != qualifier[0][1]
    missing = compare_numbers("61 regions and 1,200 staff", "61 regions and staff")
    assert missing == (("1,200", ""),)


# --- the bundled corpus --------------------------------------------------------------------------------------------


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


REPORT = "report-2025-cuba-medical-missions-global-footprint.txt"
KING = "king-2020-cuba-internationalist-response-covid19.txt"
WIKIPEDIA = "wikipedia-cuban-medical-internationalism.txt"
ALJAZEERA = "aljazeera-2026-us-targeting-cuba-medical-missions.txt"
COMMENTARY = "commentary-2025-medical-missions-or-forced-labor.txt"


def test_corpus_quote_before_footnotes() -> None:
    text = corpus_text(REPORT)
    quote = "between 22,000 and 50,000 Cuban health workers are active in over 50 nations."
    result = found(quote, text)
    assert result.spans == (span_of(text, quote),)
    assert text[result.spans[0][1] : result.spans[0][1] + 4] == "\u2074,\u2075,"


def test_corpus_changed_figure() -> None:
    result = not_found("between 22,000 and 55,000 Cuban health workers are active", corpus_text(REPORT))
    assert changes(result.closest) == [WordDiff("replace", ("55,000",), ("50,000",))]


def test_corpus_changed_figure_needs_reader() -> None:
    result = not_found("between 22,000 and 55,000 Cuban health workers are active", corpus_text(REPORT))
    assert result.number_mismatches
    assert any("55,000" in q and "50,000" in d for q, d in result.number_mismatches)


def test_corpus_dropped_qualifier() -> None:
    text = corpus_text(KING)
    found("Before this pandemic began, it had more than 28,000 medical personnel serving in 61 nations", text)
    result = not_found("Before this pandemic began, it had 28,000 medical personnel serving in 61 nations", text)
    assert changes(result.closest) == [WordDiff("insert", (), ("more", "than"))]


def test_corpus_non_breaking_space_and_em_dash() -> None:
    text = corpus_text(KING)
    found("a Ph.D. candidate at the University of Massachusetts", text)
    found("was sent to Lombardi, Italy - the hardest hit region", text)


def test_corpus_curly_quotes_in_quote_straight_in_document() -> None:
    found(
        "\u201cCuba has 42.000 workers in international collaborations in 103 different countries",
        corpus_text(WIKIPEDIA),
    )


def test_corpus_insertion_and_straight_quotes() -> None:
    text = corpus_text(ALJAZEERA)
    quote = 'Guatemala\'s health ministry said in a statement that [the ministry] would begin a "gradual termination"'
    result = found(quote, text)
    expected = (
        "Guatemala\u2019s health ministry said in a statement that it would begin a \u201cgradual termination\u201d"
    )
    assert result.spans == (span_of(text, expected),)


def test_corpus_across_the_title_blank_line() -> None:
    text = corpus_text(ALJAZEERA)
    not_found("global medical missions? ... Guatemala announced last week", text)
    found("Guatemala announced last week ... the statement, originally in Spanish, said on February 13.", text)


def test_corpus_bullet_list() -> None:
    text = corpus_text(COMMENTARY)
    found(
        "Cuba has deployed over 100,000 doctors to more than 70 countries, with 22,000 currently working abroad", text
    )
    not_found("Cuba has deployed 100,000 doctors to more than 70 countries", text)


# --- properties ------------------------------------------------------------------------------------------------------

_CORPUS_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
_PREPARED = [prepare(t) for t in _CORPUS_TEXTS]
FOOTNOTE_CHARS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_FOOTNOTE = re.compile(f"[{FOOTNOTE_CHARS}]+(?:,[{FOOTNOTE_CHARS}]+)*")
_FOOTNOTE_AT_END = re.compile(_FOOTNOTE.pattern + "$")
_SWAPS = {
    "\u2018": "'",
    "\u2019": "'",
    "'": "\u2019",
    "\u201c": '"',
    "\u201d": '"',
    '"': "\u201d",
}
_SPACES = [" ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2009", "\r\n", "\n\n"]


def _paragraph_tokens(text: str) -> list[list[tuple[int, int]]]:
    """The white-space tokens of each paragraph (paragraphs are separated by blank lines) as (start, end)."""
    paragraphs: list[list[tuple[int, int]]] = []
    start = 0
    for m in [*re.finditer(r"\n[^\S\n]*\n", text), None]:
        end = m.start() if m else len(text)
        tokens = [(start + t.start(), start + t.end()) for t in re.finditer(r"\S+", text[start:end])]
        if tokens:
            paragraphs.append(tokens)
        start = m.end() if m else len(text)
    return paragraphs


_PARAGRAPHS = [_paragraph_tokens(t) for t in _CORPUS_TEXTS]


def _words(text: str) -> list[str]:
    """Words of a text with footnote markers dropped and quotes straightened (the comparison of the property)."""
    text = _FOOTNOTE.sub("", text)
    straight: dict[str, str | int | None] = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
    return text.translate(str.maketrans(straight)).split()


def _clear_cuts(doc: int, tokens: list[tuple[int, int]]) -> list[int]:
    """Indices ``i`` (0 to ``len(tokens)``) where a cut before ``tokens[i]`` has no figure within three tokens: no
    digit, and no figure the reader finds ("tens of thousands"). A cut there could split a figure from its
    qualifier, unit or range, which the check rightly refuses."""
    text = _CORPUS_TEXTS[doc]
    spans = [(q.start, q.end) for q in read_quantities(text)]
    figure_like = [bool(re.search(r"\d", text[s:e])) or any(fs < e and fe > s for fs, fe in spans) for s, e in tokens]
    return [i for i in range(len(tokens) + 1) if not any(figure_like[max(0, i - 3) : i + 3])]


_CLEAR_CUTS = [[_clear_cuts(doc, tokens) for tokens in _PARAGRAPHS[doc]] for doc in range(len(_CORPUS_TEXTS))]


@st.composite
def corpus_passages(draw: st.DrawFn, *, min_tokens: int = 1, max_tokens: int = 40) -> tuple[int, int, int]:
    """A passage of a corpus document on white-space boundaries within one paragraph, with no figure near either
    cut and without brackets or ellipses (which mean something in a quote): (document, start, end)."""
    doc = draw(st.integers(0, len(_CORPUS_TEXTS) - 1))
    text = _CORPUS_TEXTS[doc]
    para = draw(st.integers(0, len(_PARAGRAPHS[doc]) - 1))
    tokens, cuts = _PARAGRAPHS[doc][para], _CLEAR_CUTS[doc][para]
    assume(len(cuts) >= 2)
    k = draw(st.integers(0, len(cuts) - 2))
    first = cuts[k]
    ends = cuts[bisect.bisect_left(cuts, first + min_tokens) : bisect.bisect_right(cuts, first + max_tokens)]
    assume(ends)
    last = draw(st.sampled_from(ends)) - 1
    start, end = tokens[first][0], tokens[last][1]
    assume(not re.search(r"\[|\]|\.\s?\.\s?\.|\u2026", text[start:end]))
    assume(any(c.isalnum() for c in text[start:end]))
    return doc, start, end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(passage=corpus_passages(), data=st.data())
def test_any_passage_reflowed_with_swapped_quotes_is_found(passage: tuple[int, int, int], data: st.DataObject) -> None:
    doc, start, end = passage
    text = _CORPUS_TEXTS[doc]
    original = text[start:end]
    quote = ""
    for k, piece in enumerate(original.split()):
        if k:
            quote += data.draw(st.sampled_from(_SPACES))
        flips = data.draw(st.lists(st.booleans(), min_size=len(piece), max_size=len(piece)))
        quote += "".join(_SWAPS.get(c, c) if flip else c for c, flip in zip(piece, flips, strict=True))
    result = match_quote(quote, _PREPARED[doc])
    assert result.found, (quote, result.reason)
    assert len(result.spans) == 1
    found_start, found_end = result.spans[0]
    assert _words(text[found_start:found_end]) == _words(original)
    assert found_start <= start
    if text.count(original) == 1 and original[0].isalnum():
        assert (found_start, found_end) == (start, start + len(_FOOTNOTE_AT_END.sub("", original)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(passage=corpus_passages(min_tokens=8, max_tokens=30), data=st.data())
def test_any_altered_digit_is_caught(passage: tuple[int, int, int], data: st.DataObject) -> None:
    doc, start, end = passage
    quote = _CORPUS_TEXTS[doc][start:end]
    digits = [i for i, c in enumerate(quote) if c in "0123456789"]
    assume(digits)
    i = data.draw(st.sampled_from(digits))
    altered = quote[:i] + str((int(quote[i]) + data.draw(st.integers(1, 9))) % 10) + quote[i + 1 :]
    assert not match_quote(altered, _PREPARED[doc]).found, altered


_TRICKY = "ab1 2,.\n\t\u00a0\u2009-\u2013\u2014\u2019'\"\u201c\u00b9\u2074[]\u200b\u00ad"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_TRICKY, max_size=40))
def test_normalise_is_prepare_for_one_paragraph_and_offsets_point_at_the_source(text: str) -> None:
    assume(not re.search(r"\n[^\S\n]*\n", text))
    prepared = prepare(text)
    assert normalise(text) == prepared.text
    assert len(prepared.offsets) == len(prepared.text)
    assert list(prepared.offsets) == sorted(set(prepared.offsets))
    for ch, at in zip(prepared.text, prepared.offsets, strict=True):
        source = text[at]
        assert (
            ch == source or (ch == " " and source.isspace()) or (ch in "-'\"" and source in "\u2013\u2014\u2019\u201c")
        )


# --- many quotes ----------------------------------------------------------------------------------------------------


def test_a_thousand_quotes_against_the_corpus_are_found_or_not_as_altered() -> None:
    # How fast: bench/bench_small.py (a speed target is no test).
    rng = random.Random(7)
    quotes: list[tuple[int, str]] = []
    for n in range(1000):
        doc = rng.randrange(len(_CORPUS_TEXTS))
        paragraph = max(_PARAGRAPHS[doc], key=len) if n % 3 else rng.choice(_PARAGRAPHS[doc])
        first = rng.randrange(len(paragraph))
        last = min(len(paragraph) - 1, first + rng.randint(4, 30))
        words = [_CORPUS_TEXTS[doc][s:e] for s, e in paragraph[first : last + 1]]
        if n % 2:
            k = rng.randrange(len(words))
            words[k] = words[k] + "s"
        quotes.append((doc, " ".join(words)))
    results = [match_quote(quote, _PREPARED[doc]) for doc, quote in quotes]
    as_written = [r.found for n, r in enumerate(results) if n % 2 == 0]
    altered = [r.found for n, r in enumerate(results) if n % 2]
    # A passage as written stands (a few cross a footnote or a table's rule); one word altered, none does.
    assert sum(as_written) >= 480 and not any(altered), (sum(as_written), sum(altered))


def test_a_quote_is_read_in_the_convention_of_its_document() -> None:
    # The document groups thousands with dots ("67.000"); alone, "28.422" reads as a decimal and "31.181 in 33" as
    # a ratio. A verbatim quote must be read as the document reads the same words.
    document = (
        "Since 1990, 28.422 nurses have served in 37 northern regions, 31.181 in 33 southern ones, "
        "and 7.986 in 24 islands. In all, 67.000 nurses served.\n"
    )
    quote = "28.422 nurses have served in 37 northern regions, 31.181 in 33 southern ones"
    assert match_quote(quote, document).found
    changed = match_quote(quote.replace("31.181", "31.118"), document)
    assert not changed.found


def _normalised_by_character(text: str) -> tuple[str, list[int]]:
    """The plain definition of prepare's text and offsets for one paragraph: a character at a time (quotes.prepare
    reads a run of non-space characters at a time)."""
    removed = [False] * len(text)
    for m in _FOOTNOTE_MARKS.finditer(text):
        removed[m.start() : m.end()] = [True] * (m.end() - m.start())
    chars: list[str] = []
    offsets: list[int] = []
    pending = -1
    for i, ch in enumerate(text):
        if removed[i] or ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            continue
        if ch.isspace():
            pending = i if pending < 0 else pending
            continue
        c = {"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u201c": '"'}.get(ch, ch)
        if c == "-":
            pending = -1
            if chars and chars[-1] == "-":
                continue
        elif pending >= 0:
            if chars and chars[-1] != "-":
                chars.append(" ")
                offsets.append(pending)
            pending = -1
        chars.append(c)
        offsets.append(i)
    return "".join(chars), offsets


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=_TRICKY + "\u2060\ufeff", max_size=60))
def test_prepare_normalises_as_the_character_by_character_definition(text: str) -> None:
    assume(not re.search(r"\n[^\S\n]*\n", text))
    prepared = prepare(text)
    assert (prepared.text, list(prepared.offsets)) == _normalised_by_character(text)
