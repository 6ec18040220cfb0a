"""The one exception hierarchy of factcheck: every error a user can cause, with where and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file, located as precisely as known (line and column are 1-based)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class FactcheckError(Exception):
    """Base class of every error meant for the user; the CLI prints it and exits 2."""

    exit_code = 2

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *(str(p) for p in self.problems)])


class InputError(FactcheckError):
    """An input file or folder that cannot be read (missing, unreadable, empty)."""

    @classmethod
    def at(cls, path: Path | str, message: str, hint: str | None = None) -> InputError:
        problem = Problem(str(path), message, hint=hint)
        return cls(str(problem), ())


class CorpusError(InputError):
    """The corpus folder is missing, empty, or holds no readable document."""


class ClaimsError(FactcheckError):
    """The claims file has syntax or schema errors; ``problems`` lists every one of them."""


class UsageError(FactcheckError):
    """A command was called with options that do not fit together."""


class GoldError(FactcheckError):
    """An answer key (gold.yaml) with syntax or schema errors, or naming documents and figures its corpus lacks."""


class PatternTimeout(UsageError):
    """A user's regular expression took longer than its time limit (it backtracks without end)."""

    def at(self, place: str) -> PatternTimeout:
        """The same error, located: ``place`` is the file and line of the text searched."""
        return PatternTimeout(f"{place}: error: {self.message}")


class FactcheckWarning(UserWarning):
    """Something the user should hear of that does not stop the command, found while it runs (after its other
    warnings were shown); the CLI prints the message as a warning line on stderr."""
