"""A shared number axis for drawing each document's figure or interval side by side (terminal and HTML)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Beyond this ratio between the highest and lowest value the axis turns logarithmic.
LOG_SPREAD = 10.0


@dataclass(frozen=True, slots=True)
class AxisMark:
    """One row of the chart: a label and the interval it stands for (None for an open end)."""

    label: str
    text: str
    low: float | None
    high: float | None

    @property
    def shape(self) -> str:
        if self.low is None:
            return "open_low"
        if self.high is None:
            return "open_high"
        return "point" if self.low == self.high else "range"


@dataclass(frozen=True, slots=True)
class Axis:
    """The scale every mark is drawn on: its ends, and whether it is logarithmic."""

    low: float
    high: float
    log: bool
    marks: tuple[AxisMark, ...]

    def position(self, value: float) -> float:
        """Where ``value`` falls on the axis, 0.0 at the low end, 1.0 at the high end (clamped)."""
        if self.high == self.low:
            return 0.5
        if self.log:
            lo, hi, v = math.log10(self.low), math.log10(self.high), math.log10(max(value, self.low))
        else:
            lo, hi, v = self.low, self.high, value
        return min(1.0, max(0.0, (v - lo) / (hi - lo)))

    def ticks(self, count: int = 5) -> tuple[float, ...]:
        """Round values along the axis to label it with."""
        if self.high == self.low:
            return (self.low,)
        if self.log:
            first, last = math.floor(math.log10(self.low)), math.ceil(math.log10(self.high))
            return tuple(10.0**e for e in range(first, last + 1) if self.low <= 10.0**e <= self.high) or (
                self.low,
                self.high,
            )
        step = _nice_step((self.high - self.low) / max(1, count - 1))
        start = math.ceil(self.low / step) * step
        return tuple(start + i * step for i in range(count + 1) if start + i * step <= self.high + step * 1e-9)


def _nice_step(raw: float) -> float:
    exponent = math.floor(math.log10(raw)) if raw > 0 else 0
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * 10.0**exponent >= raw:
            return factor * 10.0**exponent
    return 10.0 ** (exponent + 1)  # pragma: no cover - the loop always returns


def build_axis(marks: Sequence[AxisMark]) -> Axis | None:
    """An axis that holds every mark's finite ends, logarithmic when they spread over 10×."""
    values = [v for m in marks for v in (m.low, m.high) if v is not None and math.isfinite(v)]
    if not values:
        return None
    low, high = min(values), max(values)
    log = low > 0 and high / low > LOG_SPREAD
    if not log and low != high:
        pad = (high - low) * 0.05
        low, high = (low - pad if low - pad > 0 or low < 0 else 0.0), high + pad
    elif low == high:
        low, high = (low * 0.9, high * 1.1) if low > 0 else (low - 1, high + 1)
    else:
        low, high = low / 1.25, high * 1.25
    return Axis(low, high, log, tuple(marks))
