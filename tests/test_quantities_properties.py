"""Properties of the quantity reader: any supported way of writing a number reads back to it, and no
text (however odd) crashes it or yields spans that disagree with the text."""

from __future__ import annotations

import math
from dataclasses import astuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.model import Kind, Quantity, Role
from factcheck.reading.quantities import read_quantities, read_quantity_values
from factcheck.reading.sentences import sentence_spans

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int, hyphen: bool) -> str:
    """English words for 1 <= n < 1000 (written independently of the reader)."""
    parts = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred")
    if rest:
        if rest < 20:
            words = _UNITS[rest]
        else:
            tens, units = divmod(rest, 10)
            words = _TENS[tens] + (("-" if hyphen else " ") + _UNITS[units] if units else "")
        parts.append(("and " if hundreds else "") + words)
    return " ".join(parts)


def to_words(n: int, hyphen: bool = True) -> str:
    """English words for 1 <= n < 1,000,000."""
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(f"{_below_thousand(thousands, hyphen)} thousand")
    if rest:
        words = _below_thousand(rest, hyphen)
        if thousands and rest < 100:
            words = "and " + words
        parts.append(words)
    return " ".join(parts)


def _figures(text: str) -> list[Quantity]:
    return [q for q in read_quantities(text) if q.kind is not Kind.DATE]


def _one_value(text: str) -> float | None:
    figures = _figures(text)
    assert len(figures) == 1, (text, figures)
    return figures[0].value


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _spaced(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999_999), style=st.sampled_from(["plain", "comma", "nbsp", "thin"]))
def test_integers_read_back(n: int, style: str) -> None:
    written = {
        "plain": str(n),
        "comma": f"{n:,}",
        "nbsp": _spaced(n, "\u00a0"),
        "thin": _spaced(n, "\u202f"),
    }[style]
    text = f"The agency counted {written} cases last month."
    assert _close(_one_value(text), n)


@settings(max_examples=100, deadline=None)
@given(
    whole=st.integers(min_value=1, max_value=999),
    tenths=st.integers(min_value=0, max_value=9),
    scale=st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)]),
)
def test_scale_words(whole: int, tenths: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    text = f"Officials said {whole}.{tenths} {word} people were affected."
    figure = _figures(text)[0]
    assert _close(figure.value, (whole + tenths / 10) * factor)
    assert figure.scale == factor
    assert figure.text == f"{whole}.{tenths} {word}"


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=999_999),
    cents=st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
    currency=st.sampled_from([("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("US$", "USD"), ("₹", "INR")]),
    suffix=st.sampled_from([("", 1.0), ("m", 1e6), ("bn", 1e9), (" million", 1e6), (" billion", 1e9)]),
)
def test_money(n: int, cents: int | None, currency: tuple[str, str], suffix: tuple[str, float]) -> None:
    sign, code = currency
    scale_text, factor = suffix
    amount = f"{n:,}" + (f".{cents:02d}" if cents is not None else "")
    text = f"The contract was worth {sign}{amount}{scale_text} in total."
    figure = _figures(text)[0]
    expected = (n + (cents or 0) / 100) * factor
    assert figure.kind is Kind.MONEY
    assert figure.unit == code
    assert _close(figure.value, expected)
    assert figure.text == f"{sign}{amount}{scale_text}"


@settings(max_examples=100, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=100),
    frac=st.integers(min_value=0, max_value=99),
    word=st.sampled_from(["%", " percent", " per cent", " %"]),
)
def test_percent(whole: int, frac: int, word: str) -> None:
    written = f"{whole}.{frac:02d}" if frac else str(whole)
    text = f"Support for the plan reached {written}{word} in the poll."
    figure = _figures(text)[0]
    assert figure.kind is Kind.PERCENT
    assert figure.unit == "%"
    assert _close(figure.value, whole + frac / 100)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999), hyphen=st.booleans(), capital=st.booleans())
def test_number_words(n: int, hyphen: bool, capital: bool) -> None:
    words = to_words(n, hyphen)
    if capital:
        text = f"{words[0].upper()}{words[1:]} volunteers signed up."
    else:
        text = f"The charity said {words} volunteers signed up."
    figure = _figures(text)[0]
    assert _close(figure.value, n), (text, figure)
    assert figure.text.lower() == words


@settings(max_examples=60, deadline=None)
@given(low=st.integers(min_value=1, max_value=500), span=st.integers(min_value=1, max_value=500))
def test_ranges(low: int, span: int) -> None:
    high = low + span
    for text in (
        f"Between {low:,} and {high:,} people were evacuated.",
        f"Officials said {low:,} to {high:,} people were evacuated.",
        f"Officials said {low:,}-{high:,} people were evacuated.",
    ):
        figures = _figures(text)
        assert len(figures) == 1, (text, figures)
        assert figures[0].value is None
        assert figures[0].low == low and figures[0].high == high


_VERBS = ["rose", "fell", "climbed", "increased", "dropped", "grew", "declined", "jumped", "soared", "was up"]


@settings(max_examples=60, deadline=None)
@given(
    low=st.integers(min_value=1, max_value=90_000),
    span=st.integers(min_value=1, max_value=90_000),
    verb=st.sampled_from(_VERBS),
    unit=st.sampled_from(["", " tonnes", "%", " people"]),
    start=st.booleans(),
)
def test_change_verbs_split_ranges(low: int, span: int, verb: str, unit: str, start: bool) -> None:
    # After a change verb, "from X to Y" is a start and an end, "X to Y" a change and a level: never a range.
    high = low + span
    if start:
        text = f"Exports {verb} from {low:,}{unit} to {high:,}{unit} last year."
        roles = [Role.FROM, Role.TO]
    else:
        text = f"Exports {verb} {low:,}{unit} to {high:,}{unit} last year."
        roles = [Role.CHANGE, Role.LEVEL]
    figures = _figures(text)
    assert [f.role for f in figures] == roles, (text, figures)
    assert not any(f.is_range for f in figures), (text, figures)
    assert [f.value for f in figures] == [low, high], (text, figures)


_ROLES = frozenset(Role)


def _check_spans(text: str) -> None:
    quantities = read_quantities(text)
    last_end = -1
    for q in quantities:
        assert q.role in _ROLES
        assert text[q.start : q.end] == q.text
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last_end, quantities
        last_end = q.end
        if q.linked_to is not None:
            assert 0 <= q.linked_to < len(quantities)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check_spans(text)


_TOKENS = [
    "1",
    "12",
    "2019",
    "1,000",
    "1.000",
    "2.312m",
    "3,5",
    "1,1,1",
    "1.2.3",
    "$",
    "US$",
    "£",
    "€5",
    "%",
    "percent",
    "million",
    "bn",
    "k",
    "between",
    "and",
    "to",
    "-",
    "–",
    "+",
    "~",
    "about",
    "more than",
    "up to",
    "a",
    "one",
    "twenty-five",
    "hundred",
    "thousands",
    "tens of",
    "half",
    "third",
    "dozen",
    "in",
    "(",
    ")",
    "[1]",
    "⁴",
    ",",
    ".",
    "\n",
    "1.",
    "COVID-19",
    "km",
    "years",
    "times",
    "per day",
    "a year",
    "January",
    "13",
    "of",
    "people",
    "İ",
    "ß",
    "\u00a0",
    "\u202f",
    "10⁶",
    "'60s",
    "1990s",
    "2004-05",
    "No.",
    "p.",
    "Chapter",
    "x",
    "3rd",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=st.lists(st.sampled_from(_TOKENS), max_size=40), joiner=st.sampled_from([" ", "", "  "]))
def test_token_soup_never_crashes(tokens: list[str], joiner: str) -> None:
    _check_spans(joiner.join(tokens))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tokens=st.lists(st.sampled_from(_TOKENS), max_size=40), joiner=st.sampled_from([" ", ". ", ".\n"]))
def test_bulk_values_are_the_quantities_fields(tokens: list[str], joiner: str) -> None:
    # The index stores read_quantity_values; it must be read_quantities field for field, in the same order.
    text = joiner.join(tokens)
    spans = sentence_spans(text)
    expected = [astuple(q) for q in read_quantities(text, sentences=spans)]
    assert read_quantity_values(text, spans) == expected


@given(
    st.integers(min_value=0, max_value=999_999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["%", " %", "\u00a0%", " km", " tonnes"]),
    st.integers(min_value=1, max_value=99),
)
def test_a_decimal_comma_reads_as_a_decimal_in_a_document_that_writes_decimals_so(
    whole: int, cents: int, suffix: str, other: int
) -> None:
    # A comma before one or two digits groups nothing: the document writes decimals with commas, and its other
    # figures (a second decimal, a dot-grouped thousand) are read by the same convention.
    frac = f"{cents:02d}" if cents >= 10 else str(cents)
    text = f"Le taux atteint {whole},{frac}{suffix} en hausse. On compte 12.{other:03d} cas et {other},5 km."
    values = [q.value for q in read_quantities(text)]
    assert values[0] is not None and math.isclose(values[0], float(f"{whole}.{frac}"))
    assert 12_000 + other in values and float(f"{other}.5") in values
