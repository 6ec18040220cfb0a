"""Intervals from figures and qualifiers, and the agreement rule they feed."""

from __future__ import annotations

import math

import pytest

from factcheck.matching.intervals import Interval, interval_of, rounding_half_width


@pytest.mark.parametrize(
    ("value", "low", "high", "qualifier", "expected"),
    [
        (28000, 28000, None, "over", (28000, math.inf)),
        (28000, 28000, None, "at_least", (28000, math.inf)),
        (50, None, 50, "up_to", (-math.inf, 50)),
        (50, None, 50, "under", (-math.inf, 50)),
        (None, 22000, 50000, "exact", (21500, 52500)),  # 22,000 stands for 21,500-22,500; 50,000 for up to 52,500
        (50, 50, 50, "about", (47.5, 52.5)),
        (412, 412, 412, "exact", (411.5, 412.5)),
        (2.5e9, 2.5e9, 2.5e9, "exact", (2.45e9, 2.55e9)),
        (None, 20, 30, "about", (19, 31.5)),
    ],
)
def test_interval_of(
    value: float | None, low: float | None, high: float | None, qualifier: str, expected: tuple[float, float]
) -> None:
    interval = interval_of(value, low, high, qualifier)
    assert interval is not None
    assert interval.low == pytest.approx(expected[0])
    assert interval.high == pytest.approx(expected[1])


def test_no_figure_no_interval() -> None:
    assert interval_of(None, None, None, "exact") is None


def test_rounding_follows_the_last_significant_digit() -> None:
    assert rounding_half_width(28000) == 500
    assert rounding_half_width(30.8) == pytest.approx(0.05)
    assert rounding_half_width(7) == pytest.approx(0.35)  # capped at 5% so that "7" is not 6.5-7.5
    assert rounding_half_width(0) == 0


def test_overlap_is_symmetric_and_open_ends_reach_far() -> None:
    more_than = Interval(28000, math.inf)
    point = Interval(21950, 22050)
    rng = Interval(21500, 52500)
    assert not more_than.overlaps(point) and not point.overlaps(more_than)
    assert rng.overlaps(point) and rng.overlaps(more_than)


def test_representative_is_the_geometric_middle_of_a_range() -> None:
    assert Interval(10, 1000).representative == pytest.approx(100)
    assert Interval(5, math.inf).representative == 5
    assert Interval(-math.inf, math.inf).representative is None
