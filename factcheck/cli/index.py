"""`factcheck index`: build or refresh the corpus's index explicitly, and say what was read."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli._app import (
    DEFAULT_CORPUS,
    FollowLinksOption,
    OutputFormat,
    app,
    emit,
    examples,
    format_option,
    stdout_console,
    user_errors,
    warn,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.table import Table

    from factcheck.corpus.index import IndexReport
    from factcheck.corpus.url import UrlCorpus
    from factcheck.errors import Problem


class Engine(StrEnum):
    """Where documents are read: this machine's cores, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


@app.command(
    epilog=examples(
        "factcheck index",
        "factcheck index --corpus corpus",
        "factcheck index --engine dask --scheduler tcp://10.0.0.5:8786",
    )
)
def index(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Read every document again, from scratch.")] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Check the index file fully (SQLite's integrity check, not its quick one)."),
    ] = False,
    index_path: Annotated[
        Path | None,
        typer.Option("--index", help="The index file. [default: <corpus>/.factcheck/index.sqlite3]"),
    ] = None,
    output: Annotated[OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON)] = OutputFormat.TABLE,
    corpus_path: Annotated[
        str,
        typer.Option(
            "--corpus",
            envvar="FACTCHECK_CORPUS",
            help="Folder of source documents (.txt, .md, .pdf, .html, .docx), or a URL read through fsspec (s3://bucket/archive,"
            " file:///srv/archive; needs --index).",
            show_default=True,
        ),
    ] = str(DEFAULT_CORPUS),
    storage_option: Annotated[
        list[str] | None,
        typer.Option(
            "--storage-option",
            metavar="KEY=VALUE",
            help="With a corpus at a URL: an fsspec storage option (repeat it), as s3fs takes them: anon=true,"
            " profile=NAME, endpoint_url=URL; a JSON value is taken as such.",
        ),
    ] = None,
    follow_links: FollowLinksOption = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Where documents are read: local (this machine's cores) or dask (a Dask cluster; needs"
            " `pip install 'factcheck[dask]'`). The index is written here either way.",
        ),
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the Dask scheduler (tcp://host:8786), whose workers reach the corpus at the"
            " same path. [default: a local cluster of this machine's cores]",
        ),
    ] = None,
) -> None:
    """Build or refresh the corpus's index: read new and changed documents, drop removed ones.

    Every other command refreshes the index on the fly; this one does it explicitly, after verifying every
    checksum in the index file and SQLite's quick check (--check: its integrity check), and reports what it read
    and what it found damaged and repaired.
    Exit 0 when done, 2 when the corpus or the index cannot be read.
    """
    with user_errors():
        location = _location(corpus_path, storage_option or [])
        build = _builder(engine, scheduler, location)
        report, warnings = build(
            location, index=index_path, rebuild=rebuild, progress=True, check=check, follow_links=follow_links
        )
    for problem in warnings:
        warn(str(problem))
    if output is OutputFormat.JSON:
        emit(render_json(report))
    else:
        stdout_console().print(render_table(report))


def _location(corpus: str, options: list[str]) -> Path | UrlCorpus:
    """The corpus folder, or the corpus at a URL with its storage options (fsspec is imported only then)."""
    if "://" not in corpus:
        if options:
            from factcheck.errors import UsageError

            raise UsageError("--storage-option is for a corpus at a URL (--corpus s3://bucket/archive)")
        return Path(corpus)
    from factcheck.corpus.url import corpus_location, storage_options

    return corpus_location(corpus, storage_options(options))


def _builder(
    engine: Engine, scheduler: str | None, location: Path | UrlCorpus
) -> Callable[..., tuple[IndexReport, tuple[Problem, ...]]]:
    """build_index (build_url_index for a URL), or its Dask form reading on ``scheduler`` (Dask is imported only
    then)."""
    if engine is Engine.DASK:
        from functools import partial

        from factcheck.corpus.index_dask import build_index_on_dask

        return partial(build_index_on_dask, scheduler=scheduler)
    if scheduler is not None:
        from factcheck.errors import UsageError

        raise UsageError("--scheduler needs --engine dask (pass both, or neither)")
    if not isinstance(location, Path):
        from factcheck.corpus.url import build_url_index

        return build_url_index
    from factcheck.corpus.index import build_index

    return build_index


def render_json(report: IndexReport) -> str:
    import json
    from dataclasses import asdict

    data = {"schema": 1, **asdict(report), "seconds": round(report.seconds, 3)}
    return json.dumps(data, indent=2)


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def render_table(report: IndexReport) -> Table:
    from rich.table import Table

    table = Table(title=f"index {report.index}", show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    rows = [
        ("documents", f"{report.documents:,}"),
        ("new", f"{report.new:,}"),
        ("changed", f"{report.changed:,}"),
        ("unchanged", f"{report.unchanged:,}"),
        ("removed", f"{report.removed:,}"),
        ("skipped (not text)", f"{report.skipped:,}"),
        ("read", _size(report.read_bytes)),
        ("sentences", f"{report.sentences:,}"),
        ("figures", f"{report.figures:,}"),
        ("seconds", f"{report.seconds:.2f}"),
        ("reading processes", str(report.workers) if report.workers else "1 (this one)"),
        ("index size", _size(report.size_bytes)),
        ("reader", report.reader),
    ]
    rows.append(("checked", ("fully, " if report.checked else "") + ("repaired:" if report.repaired else "all sound")))
    rows.extend(("", line) for line in report.repaired)
    for name, value in rows:
        table.add_row(name, value)
    return table
