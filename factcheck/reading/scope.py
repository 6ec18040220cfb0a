"""Telling figures that count everything since a start from figures at one time, by general cue phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum


class Scope(StrEnum):
    """Whether a figure is a running total or a snapshot."""

    CUMULATIVE = "cumulative"
    CURRENT = "current"


# General English cue phrases; a statistic in claims.yaml can add its own (cues.cumulative / cues.current).
CUMULATIVE_CUES: tuple[str, ...] = (
    "since",
    "in total",
    "a total of",
    "total of",
    "to date",
    "so far",
    "all told",
    "altogether",
    "cumulative",
    "cumulatively",
    "over the years",
    "over the decades",
    "throughout",
    "in all",
    "have worked",
    "has worked",
    "have served",
    "has served",
    "have been sent",
    "has sent",
    "have sent",
    "had sent",
    "has treated",
    "have treated",
    "over four decades",
    "over three decades",
    "over two decades",
    "over the past",
    "over the last",
    "in the past",
)
CURRENT_CUES: tuple[str, ...] = (
    "currently",
    "at any given time",
    "at any one time",
    "at one time",
    "now",
    "right now",
    "at present",
    "presently",
    "today",
    "at the moment",
    "as of",
    "active",
    "serving",
    "working",
    "stationed",
    "are employed",
    "remain",
    "remaining",
)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


_DEFAULT_CUMULATIVE = _pattern(CUMULATIVE_CUES)
_CUES_KEPT = 64  # sentences whose cues a ScopeReader keeps: the figures of one sentence are read one after another
_DEFAULT_CURRENT = _pattern(CURRENT_CUES)


class ScopeReader:
    """Finds the scope of a figure from the cue phrases around it (general list plus a statistic's own)."""

    def __init__(self, cumulative: Iterable[str] = (), current: Iterable[str] = ()) -> None:
        extra_cumulative = tuple(cumulative)
        extra_current = tuple(current)
        self._cumulative = _pattern((*CUMULATIVE_CUES, *extra_cumulative)) if extra_cumulative else _DEFAULT_CUMULATIVE
        self._current = _pattern((*CURRENT_CUES, *extra_current)) if extra_current else _DEFAULT_CURRENT
        self._last_cues: dict[str, list[tuple[int, int, Scope]]] = {}

    def scope(self, sentence: str, figure_start: int, figure_end: int) -> Scope | None:
        """The scope of the figure at ``[figure_start, figure_end)`` of ``sentence``, or None without cues.

        When both kinds of cue stand in the sentence, the one nearer the figure wins: "over 400,000 have
        worked in 164 countries since …, and 22,000 are active now" gives each figure its own scope.
        """
        best: tuple[int, Scope] | None = None
        for start, end, scope in self._cues(sentence):
            if end <= figure_start:
                distance = figure_start - end
            elif start >= figure_end:
                distance = start - figure_end
            else:
                continue  # a cue inside the figure's own text ("since" in "since 1960" is not ours)
            if best is None or distance < best[0]:
                best = (distance, scope)
        return best[1] if best else None

    def _cues(self, sentence: str) -> list[tuple[int, int, Scope]]:
        """Every cue of the sentence: cumulative ones first, each kind in text order (kept for its other figures)."""
        cues = self._last_cues.get(sentence)
        if cues is None:
            cues = [
                (match.start(), match.end(), scope)
                for pattern, scope in ((self._cumulative, Scope.CUMULATIVE), (self._current, Scope.CURRENT))
                if pattern is not None
                for match in pattern.finditer(sentence)
            ]
            if len(self._last_cues) >= _CUES_KEPT:
                self._last_cues.clear()
            self._last_cues[sentence] = cues
        return cues
