"""Scope cues: running totals against snapshots, nearest cue wins."""

from __future__ import annotations

import pytest

from factcheck.reading.scope import Scope, ScopeReader


def scope_of(sentence: str, figure: str, reader: ScopeReader | None = None) -> Scope | None:
    start = sentence.index(figure)
    return (reader or ScopeReader()).scope(sentence, start, start + len(figure))


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("Over 400,000 volunteers have worked in 164 towns since the program began.", "400,000", Scope.CUMULATIVE),
        ("At any given time, between 2,000 and 5,000 volunteers are active.", "between 2,000 and 5,000", Scope.CURRENT),
        ("The agency currently employs 3,100 inspectors.", "3,100", Scope.CURRENT),
        ("In total, 12 ships were lost.", "12", Scope.CUMULATIVE),
        ("To date, the fund has paid out $4 million.", "$4 million", Scope.CUMULATIVE),
        ("The team scored 3 goals.", "3", None),
        (
            "It has sent 9,000 engineers since 1990, and 700 are stationed abroad now.",
            "700",
            Scope.CURRENT,
        ),
        (
            "It has sent 9,000 engineers since 1990, and 700 are stationed abroad now.",
            "9,000",
            Scope.CUMULATIVE,
        ),
    ],
)
def test_scope_cues(sentence: str, figure: str, expected: Scope | None) -> None:
    assert scope_of(sentence, figure) == expected


def test_statistic_adds_its_own_cues() -> None:
    sentence = "The register lists 5,000 members on its rolls."
    assert scope_of(sentence, "5,000") is None
    assert scope_of(sentence, "5,000", ScopeReader(current=["on its rolls"])) == Scope.CURRENT
    assert scope_of(sentence, "5,000", ScopeReader(cumulative=["lists"])) == Scope.CUMULATIVE


def test_a_cue_inside_the_figure_is_not_its_scope() -> None:
    sentence = "Between 1990 and now 50 wells were dug."
    assert scope_of(sentence, "50") == Scope.CURRENT  # "now" stands outside the figure
