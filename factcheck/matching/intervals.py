"""Turning a figure and its qualifier into the interval of values it allows, and comparing intervals."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from factcheck.model import Qualifier

DEFAULT_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows; an open end is ±inf."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    @property
    def finite_bounds(self) -> tuple[float, ...]:
        return tuple(b for b in (self.low, self.high) if math.isfinite(b))

    @property
    def representative(self) -> float | None:
        """One number that stands for the interval: its middle, or its closed end when open."""
        bounds = self.finite_bounds
        if not bounds:
            return None
        if len(bounds) == 2:
            return math.sqrt(bounds[0] * bounds[1]) if bounds[0] > 0 else (bounds[0] + bounds[1]) / 2
        return bounds[0]


def rounding_half_width(value: float, written: str | None = None) -> float:
    """Half a unit of the last significant digit of ``value``: "28,000" stands for 27,500–28,500.

    When the figure's text is known, digits written after the decimal point count ("2.50" is ±0.005).
    """
    if value == 0 or not math.isfinite(value):
        return 0.0
    try:
        exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    except InvalidOperation:  # pragma: no cover - repr of a finite float is always a valid Decimal
        return 0.0
    assert isinstance(exponent, int)
    half = 0.5 * 10.0**exponent
    return min(half, abs(value) * 0.05)  # never wider than "about"


@lru_cache(maxsize=65536)  # pure; claim verdicts ask it for every finding of every document once per claim
def interval_of(
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: Qualifier | str,
    tolerance: float = DEFAULT_TOLERANCE,
) -> Interval | None:
    """The interval a figure allows: "more than 28,000" → [28000, inf); "about 50" → 50 ± tolerance."""
    qualifier = Qualifier(qualifier)
    lo = low if low is not None else value
    hi = high if high is not None else value
    if value is not None and low is None and high is None:
        lo = hi = value
    if lo is None and hi is None:
        return None
    if qualifier in (Qualifier.OVER, Qualifier.AT_LEAST) and value is not None and low is None:
        lo = value
    if qualifier in (Qualifier.UNDER, Qualifier.UP_TO) and value is not None and high is None:
        hi = value
    if qualifier in (Qualifier.OVER, Qualifier.AT_LEAST) and (high is None or value is not None and high == value):
        hi = None
    if qualifier in (Qualifier.UNDER, Qualifier.UP_TO) and (low is None or value is not None and low == value):
        lo = None
    if qualifier == Qualifier.ABOUT:
        lo = lo * (1 - tolerance) if lo is not None else None
        hi = hi * (1 + tolerance) if hi is not None else None
    elif qualifier == Qualifier.EXACT:
        if lo is not None:
            lo -= rounding_half_width(lo)
        if hi is not None:
            hi += rounding_half_width(hi)
    return Interval(lo if lo is not None else -math.inf, hi if hi is not None else math.inf)
