"""The command-line interface: parse arguments, call one core function, render its result.

Command modules import their machinery inside the command so that ``factcheck --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

from factcheck.cli import commands as _commands  # noqa: F401  (registers the commands)
from factcheck.cli._app import app

__all__ = ["app", "main"]

# The exit status of a command whose reader went away (`factcheck extract | head`), with no message: click's, which
# handles a broken pipe met inside a command the same way.
BROKEN_PIPE = 1


def main() -> None:
    """Run the command line; no input ever ends in a traceback (unless one is asked for with --debug)."""
    try:
        code = _run()
    except BrokenPipeError:
        _drop_stdout()
        code = BROKEN_PIPE
    except Exception as error:  # the last resort: whatever a command did not expect
        code = _unexpected(error)
    sys.exit(code)


def _run() -> int | str | None:
    try:
        app()
    except SystemExit as done:
        sys.stdout.flush()  # what is still buffered is written here, where a failure to write it is handled
        return done.code
    return 0


def _unexpected(error: Exception) -> int:
    """One line on stderr naming the command (and the file, when known), the full trace only with --debug; exit 2."""
    import traceback

    from factcheck.render import printable

    try:
        sys.stdout.flush()
    except OSError:  # stdout itself failed (a full disk, a closed pipe): nothing more can be written to it
        _drop_stdout()
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    filename = getattr(error, "filename", None) or _file_read(error)
    where = [f"file {filename}"] if filename else []
    where += getattr(error, "__notes__", [])
    line = (
        f"error: factcheck{' ' + command if command else ''} stopped on an unexpected error: "
        f"{type(error).__name__}: {error}" + (f" ({'; '.join(map(str, where))})" if where else "")
    )
    if debug():
        sys.stderr.write(printable("".join(traceback.format_exception(error))))
    else:
        line += "; run again with --debug (or FACTCHECK_DEBUG=1) for the full trace"
    sys.stderr.write(printable(line) + "\n")
    return 2


def _file_read(error: BaseException) -> str | None:
    """The file factcheck was reading when ``error`` happened: the ``path`` of the innermost of its functions that
    has one (``load_claims(path)``, a document's reader), or None."""
    import traceback

    frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)]
    for frame in reversed(frames):
        path = frame.f_locals.get("path")
        if frame.f_globals.get("__name__", "").startswith("factcheck.") and isinstance(path, (str, os.PathLike)):
            return os.fspath(path)
    return None


def debug() -> bool:
    """Whether full traces were asked for: ``factcheck --debug`` or FACTCHECK_DEBUG=1."""
    return os.environ.get("FACTCHECK_DEBUG", "") not in ("", "0")


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not fail again with a trace."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
