"""Progress bars: on a terminal's stderr only, once the work has taken a second, and gone when it ends."""

from __future__ import annotations

import io

import pytest

from factcheck.corpus import progress
from factcheck.corpus.progress import Steps, steps


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    with steps("comparing", "statistics", 3) as bar:
        bar.step()
        assert bar.bar is None
    assert piped.getvalue() == ""


def test_a_bar_appears_after_a_while_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(progress, "SHOW_AFTER", 3600.0)
    slow = Steps("comparing", "statistics", 3)
    slow.step()
    assert slow.bar is None  # the work has not taken SHOW_AFTER yet
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    with steps("comparing", "statistics", 3) as bar:
        bar.step()
        assert bar.bar is not None
        bar.bar.refresh()
        assert "comparing" in terminal.getvalue() and "1/3" in terminal.getvalue()
    assert bar.bar is None  # closed: the bar is taken off the terminal


def test_a_single_step_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    with steps("checking", "claims", 1) as bar:
        bar.step()
        assert bar.bar is None


def test_a_bar_on_screen_starts_no_thread_and_is_drawn_as_steps_are_done(monkeypatch: pytest.MonkeyPatch) -> None:
    # compare forks its workers only from a process of one thread: a bar's refresh thread kept a terminal user's
    # disputes, report and check to one process once their bar had appeared.
    import threading

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    before = threading.active_count()
    with steps("comparing", "statistics", 3) as bar:
        bar.step()
        assert bar.bar is not None and threading.active_count() == before
        assert "1/3" in terminal.getvalue()  # drawn at the step, with no thread to draw it
        bar.step(2)
        assert "3/3" in terminal.getvalue()  # the last step is drawn however soon it comes
