"""The command-line interface: parse arguments, call one core function, render its result.

Command modules import their machinery inside the command so that ``factcheck --help`` stays fast.
"""

from __future__ import annotations

from factcheck.cli import commands as _commands  # noqa: F401  (registers the commands)
from factcheck.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
