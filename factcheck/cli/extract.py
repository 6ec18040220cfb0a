"""`factcheck extract` and `factcheck sources`: what the reader sees in documents."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli._app import (
    DEFAULT_CORPUS,
    CorpusOption,
    FollowLinksOption,
    IndexOption,
    NoIndexOption,
    OutputFormat,
    app,
    emit,
    examples,
    format_option,
    stdout_console,
    user_errors,
    warn,
)
from factcheck.model import Kind


@app.command(
    epilog=examples(
        "factcheck extract",
        "factcheck extract --kind money --kind percent",
        "factcheck extract --format csv > figures.csv",
    )
)
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders to read ('-' reads standard input); default: the corpus."),
    ] = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option("--kind", "-k", help="Only figures of this kind (repeatable); years and dates only when asked."),
    ] = None,
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN)
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    follow_links: FollowLinksOption = False,
) -> None:
    """List every figure the reader finds, in document order: value or range, qualifier, kind, unit, year.

    Exit 0 when the files were read, 2 when one cannot be read.
    """
    from factcheck.commands.extract import extract_figures
    from factcheck.corpus.documents import load_paths, read_standard_input
    from factcheck.render import extract as render

    with user_errors():
        names = paths or [str(corpus_path)]
        stdin = read_standard_input() if "-" in names else None
        corpus = load_paths(names, stdin, follow_links)
        for problem in corpus.warnings:
            warn(str(problem))
        figures = extract_figures(corpus, kind or ())
    if output is OutputFormat.JSON:
        emit(render.render_extract_json(figures))
    elif output is OutputFormat.CSV:
        emit(render.render_extract_csv(figures))
    elif output is OutputFormat.MARKDOWN:
        emit(render.render_extract_markdown(figures))
    else:
        stdout_console().print(render.render_extract_table(figures))


@app.command(
    epilog=examples(
        "factcheck sources",
        "factcheck sources --format json",
    )
)
def sources(
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN)
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
) -> None:
    """List the corpus's documents: id, title, publisher, date, kind, sentences and figures."""
    from factcheck.cli._app import open_corpus
    from factcheck.corpus.documents import corpus_summary
    from factcheck.render import extract as render

    with user_errors():
        rows = corpus_summary(open_corpus(corpus_path, index_path, no_index, follow_links))
    if output is OutputFormat.JSON:
        emit(render.render_sources_json(rows))
    elif output is OutputFormat.CSV:
        emit(render.render_sources_csv(rows))
    elif output is OutputFormat.MARKDOWN:
        emit(render.render_sources_markdown(rows))
    else:
        stdout_console().print(render.render_sources_table(rows))
