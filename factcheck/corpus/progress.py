"""Progress of a long command on stderr: shown only on a terminal, and only once the work has taken a second.

Core functions take a ``step`` callback (called once per unit of work done) and know nothing of terminals; the
command line passes ``Steps(...).step`` and closes it when the work is done. Piped or redirected stderr, CI logs
and tests see nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

SHOW_AFTER: Final = 1.0  # seconds of work before a progress bar appears
REFRESH_EVERY: Final = 0.1  # seconds between two drawings of a bar


class Steps:
    """A transient progress bar of ``total`` steps labelled ``label`` (``"comparing"``) and ``unit``
    (``"statistics"``); it appears once ``SHOW_AFTER`` seconds have passed with work left, on a terminal only."""

    def __init__(self, label: str, unit: str, total: int, *, enabled: bool = True) -> None:
        self.label = label
        self.unit = unit
        self.total = total
        self.wanted = enabled
        self.enabled = enabled and total > 1 and sys.stderr.isatty()
        self.start = time.monotonic()
        self.done = 0
        self.bar: Progress | None = None
        self.drawn = 0.0  # when the bar was last drawn
        self.task: TaskID | None = None

    def update(self, done: int, total: int) -> None:
        """``done`` steps of ``total`` done (for work whose size is known only once it has begun)."""
        self.total = total
        self.enabled = self.enabled or (total > 1 and sys.stderr.isatty() and self.wanted)
        self.step(done - self.done)

    def step(self, count: int = 1) -> None:
        """``count`` more steps done."""
        self.done += count
        if not self.enabled:
            return
        if self.bar is None and self.done < self.total and time.monotonic() - self.start >= SHOW_AFTER:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.unit),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
                # No refresh thread: drawn as steps are done (at most every REFRESH_EVERY seconds). A second thread
                # would keep compare from forking its workers (forking is safe only from a process of one thread).
                auto_refresh=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total)
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=self.done)
            now = time.monotonic()
            if now - self.drawn >= REFRESH_EVERY or self.done >= self.total:
                self.bar.refresh()
                self.drawn = now

    def close(self) -> None:
        """Take the bar off the terminal (it leaves no line behind)."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@contextmanager
def steps(label: str, unit: str, total: int) -> Iterator[Steps]:
    """``Steps`` closed however the work ends (an error, Ctrl-C)."""
    bar = Steps(label, unit, total)
    try:
        yield bar
    finally:
        bar.close()
