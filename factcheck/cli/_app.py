"""The Typer application and what every command shares: options, error handling, consoles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from factcheck import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.corpus import Corpus
    from factcheck.model import ClaimsFile

app = typer.Typer(
    name="factcheck",
    help="Lay out what several sources say about a number, and prove every claim stands in its source.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def examples(*lines: str) -> str:
    """A command's help epilog: example command lines, kept as written (click's \\b stops the rewrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full trace of an unexpected error.")] = False,
) -> None:
    """Lay out what several sources say about a number, and prove every claim stands in its source."""
    if debug:
        os.environ["FACTCHECK_DEBUG"] = "1"
    import warnings

    from factcheck.errors import FactcheckWarning

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, FactcheckWarning):
            warn(str(message))
        else:
            shown(message, category, *args, **kwargs)

    warnings.showwarning = show


CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        envvar="FACTCHECK_CORPUS",
        help="Folder of source documents (.txt, .md).",
        show_default=True,
    ),
]
ClaimsOption = Annotated[
    Path,
    typer.Option(
        "--claims",
        envvar="FACTCHECK_CLAIMS",
        help="The claims file.",
        show_default=True,
    ),
]
IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="The corpus's index file. [default: <corpus>/.factcheck/index.sqlite3]"),
]
NoIndexOption = Annotated[
    bool, typer.Option("--no-index", help="Read the corpus in memory; neither use nor refresh its index.")
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Read symbolic links in the corpus that lead outside its folder too (else they are skipped).",
    ),
]
DEFAULT_CORPUS = Path("corpus")
PIPED_WIDTH = 120
DEFAULT_CLAIMS = Path("claims.yaml")


class OutputFormat(StrEnum):
    """The one set of names of the formats a command prints its report in; each command takes those that fit it.

    ``text`` is accepted everywhere as another name of ``table`` (FORMAT_ALIASES). ``report`` and ``export``, which
    write documents, keep their own lists.
    """

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    GITHUB = "github"


FORMAT_ALIASES = {"text": OutputFormat.TABLE}


def format_option(*formats: OutputFormat) -> Any:
    """The --format option of a command that prints its report in ``formats``; ``text`` is taken for ``table``.

    A parser rather than an enum's choice, so that the alias is accepted without being listed as a format of its own.
    """
    names = [str(f) for f in formats]

    def parse(value: str) -> str:
        name = str(value).casefold()
        name = FORMAT_ALIASES.get(name, name)
        if name not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)} (text: the same as table)")
        return str(name)

    def complete(incomplete: str) -> list[str]:
        return [name for name in names if name.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        metavar="<" + "|".join(names) + ">",
        autocompletion=complete,
        help="Output format" + (" (text: the same as table)." if OutputFormat.TABLE in formats else "."),
    )


def finite(param: typer.CallbackParam, value: float | None) -> float | None:
    """Callback of a float option: click's range check lets NaN through, and infinity has no place in a range."""
    import math

    if value is not None and not math.isfinite(value):
        low, high = getattr(param.type, "min", None), getattr(param.type, "max", None)
        allowed = f"a number from {low:g} to {high:g}" if low is not None and high is not None else "a finite number"
        raise typer.BadParameter(f"{value} is not a number; give {allowed}")
    return value


def stdout_console() -> Console:
    """The console reports go to; wide when piped, so that tables are not folded to 80 columns."""
    import sys

    from factcheck.render.terminal import SafeConsole

    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return SafeConsole(
        soft_wrap=False, highlight=False, no_color="NO_COLOR" in os.environ, width=PIPED_WIDTH if piped else None
    )


def stderr_console() -> Console:
    from factcheck.render.terminal import SafeConsole

    # soft_wrap: a diagnostic stays on one line, so that editors and CI can parse "file:line:col: error: ...".
    return SafeConsole(stderr=True, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def warn(message: str) -> None:
    """Print a warning to stderr (never to stdout, which carries reports)."""
    stderr_console().print(message if ": warning:" in message else f"warning: {message}", markup=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a FactcheckError into a message on stderr and exit code 2, never a traceback."""
    from factcheck.errors import FactcheckError

    try:
        yield
    except FactcheckError as error:
        text = str(error)
        located = ": error:" in text.split("\n", 1)[0]
        stderr_console().print(text if located else f"error: {text}", markup=False)
        raise typer.Exit(error.exit_code) from None


def emit(text: str) -> None:
    """Write a report to stdout as it is (JSON, CSV, Markdown: no wrapping, no markup)."""
    import sys

    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def default_above(path: Path, default: Path) -> Path:
    """The default corpus or claims file, looked for in the folders above when the working folder lacks it (run
    from a subfolder of the project, such as corpus/); said on stderr when found there."""
    variable = "FACTCHECK_CORPUS" if default == DEFAULT_CORPUS else "FACTCHECK_CLAIMS"
    if path != default or variable in os.environ:  # given on the command line or by the environment
        return path
    from factcheck.project import found_above

    found = found_above(path)
    if found is None:
        return path
    stderr_console().print(f"note: using {found} (found in a folder above the working folder)", markup=False)
    return found


def open_corpus(path: Path, index: Path | None = None, no_index: bool = False, follow_links: bool = False) -> Corpus:
    """Open the corpus through its index (refreshed on the fly) and print its warnings to stderr."""
    from factcheck.index import open_corpus as open_indexed

    path = default_above(path, DEFAULT_CORPUS)
    corpus = open_indexed(path, index=index, use_index=not no_index, progress=True, follow_links=follow_links)
    for problem in corpus.warnings:
        warn(str(problem))
    return corpus


def open_claims(path: Path, *, required: bool, corpus: Corpus | None = None) -> ClaimsFile | None:
    """Load the claims file; a missing default file is fine where ``required`` is False.

    Citations of documents the corpus lacks are warnings here (``factcheck check`` fails them).
    """
    from dataclasses import replace

    from factcheck.claims import load_claims, unknown_documents

    path = default_above(path, DEFAULT_CLAIMS)
    if not required and path == DEFAULT_CLAIMS and not path.exists():
        return None
    claims = load_claims(path)
    for message in claims.warnings:
        warn(message)
    if corpus is not None:
        for problem in unknown_documents(claims, [d.id for d in corpus.documents()]):
            warn(str(replace(problem, severity="warning")))  # an error only for `factcheck check`
    return claims
