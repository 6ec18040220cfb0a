"""`factcheck index`: build or refresh the corpus's index explicitly, and say what was read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli._app import (
    DEFAULT_CORPUS,
    CorpusOption,
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
    from rich.table import Table

    from factcheck.index import IndexReport


@app.command(
    epilog=examples(
        "factcheck index",
        "factcheck index --corpus corpus",
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
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    follow_links: FollowLinksOption = False,
) -> None:
    """Build or refresh the corpus's index: read new and changed documents, drop removed ones.

    Every other command refreshes the index on the fly; this one does it explicitly, after verifying every
    checksum in the index file and SQLite's quick check (--check: its integrity check), and reports what it read
    and what it found damaged and repaired.
    Exit 0 when done, 2 when the corpus or the index cannot be read.
    """
    from factcheck.index import build_index

    with user_errors():
        report, warnings = build_index(
            corpus_path, index=index_path, rebuild=rebuild, progress=True, check=check, follow_links=follow_links
        )
    for problem in warnings:
        warn(str(problem))
    if output is OutputFormat.JSON:
        emit(render_json(report))
    else:
        stdout_console().print(render_table(report))


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
