"""`factcheck compare`: what each document says about a statistic, and where they disagree."""

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
    emit,
    examples,
    finite,
    format_option,
    open_claims,
    open_corpus,
    stdout_console,
    user_errors,
)


@app.command(
    epilog=examples(
        'factcheck compare "people killed"',
        "factcheck compare revenue --format json",
        "factcheck compare            (every statistic of claims.yaml)",
    )
)
def compare(
    query: Annotated[
        str | None,
        typer.Argument(help="A statistic of claims.yaml (id, label or alias) or free text; none: every statistic."),
    ] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another phrasing to match (repeatable).")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Best findings shown per document.")] = 3,
    all_candidates: Annotated[bool, typer.Option("--all", help="Every candidate figure with its score.")] = False,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0, max=100, callback=finite, help="Lowest match score (0-100) of a finding."),
    ] = 60.0,
    tolerance: Annotated[
        float, typer.Option("--tolerance", min=0, max=1, callback=finite, help="Relative width of 'about' figures.")
    ] = 0.05,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Documents with figures, and claims, shown in the table.")
    ] = 50,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show why each finding scored what it did (table and JSON).")
    ] = False,
    output: Annotated[
        OutputFormat,
        format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN),
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Show what each document says about a statistic, with the sentence as evidence, and where they disagree.

    Exit 0 when some document has a figure for it, 1 when none has, 2 for bad usage or unreadable input.
    """
    from factcheck.commands.compare import CompareOptions, compare_all, compare_query
    from factcheck.corpus.progress import steps
    from factcheck.errors import UsageError
    from factcheck.render import compare as render

    with user_errors():
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = open_claims(claims_path, required=query is None, corpus=corpus)
        options = CompareOptions(top, min_score, all_candidates, tolerance, limit, tuple(alias or ()))
        if query is None:
            assert claims is not None
            if not claims.statistics:
                raise UsageError(f"{claims_path}: no statistics to compare; give a query or add statistics")
            with steps("comparing", "statistics", len(claims.statistics)) as bar:
                comparisons = compare_all(corpus, claims, options, bar.step)
        else:
            comparisons = compare_query(corpus, claims, query, options)
    if output is OutputFormat.JSON:
        from factcheck.corpus.documents import corpus_name

        files = {"corpus": corpus_name(corpus.root), "claims_file": claims.path if claims else None}
        emit(render.render_json(comparisons, single=query is not None, explain=explain, files=files))
    elif output is OutputFormat.CSV:
        emit(render.render_csv(comparisons))
    elif output is OutputFormat.MARKDOWN:
        emit(render.render_markdown(comparisons))
    else:
        console = stdout_console()
        for comparison in comparisons:
            console.print(render.render_table(comparison, explain))
            console.print()
    if not any(c.with_figures for c in comparisons):
        raise typer.Exit(1)
