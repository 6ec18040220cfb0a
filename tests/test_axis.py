"""The shared chart axis: linear or logarithmic, positions and ticks."""

from __future__ import annotations

import pytest

from factcheck.commands.axis import AxisMark, build_axis


def test_linear_axis_when_spread_is_small() -> None:
    axis = build_axis([AxisMark("a", "22,000", 22000, 22000), AxisMark("b", "50,000", 22000, 50000)])
    assert axis is not None and not axis.log
    assert axis.low < 22000 < 50000 < axis.high
    assert axis.position(axis.low) == 0.0 and axis.position(axis.high) == 1.0
    assert 0 < axis.position(22000) < axis.position(50000) < 1


def test_log_axis_when_spread_is_over_ten_times() -> None:
    axis = build_axis([AxisMark("a", "$4.1 million", 4.1e6, 4.1e6), AxisMark("b", "$3-5 billion", 3e9, 5e9)])
    assert axis is not None and axis.log
    # on a log axis 1e6 .. 1e9 .. 1e10 are evenly spaced by decades
    assert axis.position(1e8) - axis.position(1e7) == pytest.approx(axis.position(1e9) - axis.position(1e8))
    assert 1e9 in axis.ticks()


def test_open_marks_have_a_shape() -> None:
    assert AxisMark("a", "more than 5", 5, None).shape == "open_high"
    assert AxisMark("a", "up to 5", None, 5).shape == "open_low"
    assert AxisMark("a", "5", 5, 5).shape == "point"
    assert AxisMark("a", "5-7", 5, 7).shape == "range"


def test_no_finite_value_no_axis() -> None:
    assert build_axis([AxisMark("a", "x", None, None)]) is None


def test_single_value_axis_is_centred() -> None:
    axis = build_axis([AxisMark("a", "10", 10, 10)])
    assert axis is not None
    assert axis.position(10) == pytest.approx(0.5)
