"""`factcheck report` (a self-contained HTML or Markdown report) and `factcheck export` (ClaimReview, CSV, JSON)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli._app import (
    DEFAULT_CLAIMS,
    DEFAULT_CORPUS,
    ClaimsOption,
    CorpusOption,
    FollowLinksOption,
    IndexOption,
    NoIndexOption,
    app,
    emit,
    examples,
    open_claims,
    open_corpus,
    user_errors,
)

STDOUT = "-"


class PageFormat(StrEnum):
    """Formats of the report."""

    HTML = "html"
    MARKDOWN = "markdown"


class ExportFormat(StrEnum):
    """Formats of the export."""

    CLAIMREVIEW = "claimreview"
    CSV = "csv"
    JSON = "json"


DEFAULT_OUTPUT = {PageFormat.HTML: "report.html", PageFormat.MARKDOWN: "report.md"}


def _write(text: str, output: str) -> None:
    """Write to the file named (UTF-8), or to stdout for "-"; a file that cannot be written is an InputError."""
    from factcheck.errors import InputError

    if output == STDOUT:
        emit(text)
        return
    path = Path(output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError.at(
            path, f"cannot be written ({error.strerror or error})", hint="check that its folder exists and is writable"
        ) from error


@app.command(
    epilog=examples(
        "factcheck report -o report.html",
        "factcheck report --format markdown -o report.md",
    )
)
def report(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write; '-' for stdout. [default: report.html, or report.md for markdown]",
        ),
    ] = None,
    page_format: Annotated[PageFormat, typer.Option("--format", "-f", help="Output format.")] = PageFormat.HTML,
    statistic: Annotated[
        list[str] | None,
        typer.Option(
            "--statistic",
            "-s",
            metavar="ID",
            help="Only this statistic (id, label or alias; repeatable). Default: all.",
        ),
    ] = None,
    disputes: Annotated[
        int,
        typer.Option(
            "--disputes",
            min=0,
            help="Groups of `factcheck disputes` shown first (a report of every statistic; 0: none).",
        ),
    ] = 10,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Write a report of every statistic: what each document says, where they agree or conflict, and the claims.

    The HTML page is self-contained (no script, nothing fetched when it is viewed), reads on a phone and prints.
    Exit 0 when written, 2 for bad usage or unreadable input.
    """
    from factcheck.commands.report import build_report, select_statistics
    from factcheck.corpus.progress import steps

    target = output or DEFAULT_OUTPUT[page_format]
    with user_errors():
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = open_claims(claims_path, required=True, corpus=corpus)
        assert claims is not None
        chosen = tuple(statistic or ())
        with steps("comparing", "statistics", len(select_statistics(claims, chosen))) as bar:
            result = build_report(corpus, claims, chosen, step=bar.step, disputes=disputes)
        if page_format is PageFormat.MARKDOWN:
            from factcheck.render.report_markdown import render_markdown

            text = render_markdown(result)
        else:
            from factcheck.render.html import render_html

            text = render_html(result, str(Path(target).parent) if target != STDOUT else ".")
        _write(text, target)
    if target != STDOUT:
        s = result.summary
        typer.echo(
            f"wrote {target}: {s.statistics} statistics, {s.claims} claims "
            f"({s.passed} pass the citation check), {s.documents} documents",
            err=True,
        )


@app.command(
    epilog=examples(
        "factcheck export --format claimreview -o claims.json",
        "factcheck export --format csv",
    )
)
def export(
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="claimreview (schema.org JSON-LD), csv or json.")
    ] = ExportFormat.CLAIMREVIEW,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="File to write; '-' for stdout.")
    ] = STDOUT,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", metavar="URL", help="ClaimReview: the page that publishes the fact-check. [default: meta url]"
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="Date the fact-check is published (ISO 8601). [default: today]"),
    ] = None,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Export every claim with its citations, verdict and citation check: ClaimReview JSON-LD, CSV or JSON.

    One object or row per claim. Exit 0 when written, 2 for bad usage or unreadable input.
    """
    from factcheck.commands.report import build_report
    from factcheck.corpus.progress import steps
    from factcheck.errors import UsageError
    from factcheck.render import export as exports

    with user_errors():
        if date is not None and not _iso_date(date):
            raise UsageError(f"--date {date!r} is not an ISO 8601 date; write it as 2026-03-01")
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = open_claims(claims_path, required=True, corpus=corpus)
        assert claims is not None
        with steps("comparing", "statistics", len(claims.statistics)) as bar:
            result = build_report(corpus, claims, date=date, step=bar.step)
        if export_format is ExportFormat.CSV:
            text = exports.export_csv(result)
        elif export_format is ExportFormat.JSON:
            text = exports.export_json(result)
        else:
            text = exports.export_claimreview(result, url)
        _write(text, output)


def _iso_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
