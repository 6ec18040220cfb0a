"""`factcheck check`: the citation gate for CI and pre-commit."""

from __future__ import annotations

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
    OutputFormat,
    app,
    default_above,
    emit,
    examples,
    format_option,
    open_corpus,
    user_errors,
)


@app.command(
    epilog=examples(
        "factcheck check",
        "factcheck check --suggest",
        "factcheck check --format github",
    )
)
def check(
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="For uncited or broken claims, show the best passages of the corpus.")
    ] = False,
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.GITHUB)
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Check that every claim is cited and every quote stands in its document, with the same numbers.

    Exit 0 when every claim passes, 1 when any fails, 2 when the corpus or claims file cannot be read.
    """
    from factcheck.commands.check import CheckOptions, check_claims
    from factcheck.corpus.claims import load_claims
    from factcheck.corpus.progress import steps
    from factcheck.render import check as render
    from factcheck.render import printable

    with user_errors():
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = load_claims(default_above(claims_path, DEFAULT_CLAIMS))
        with steps("checking", "claims", len(claims.claims)) as bar:
            report = check_claims(corpus, claims, CheckOptions(strict=strict, suggest=suggest), bar.step)
    if output is OutputFormat.JSON:
        emit(render.render_json(report))
    elif output is OutputFormat.GITHUB:
        emit(printable(render.render_github(report)))
    else:
        emit(printable(render.render_text(report)))
    if not report.passed:
        raise typer.Exit(1)
