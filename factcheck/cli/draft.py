"""`factcheck draft`: propose claims.yaml entries from the corpus, to review and paste, or append them (--write)."""

from __future__ import annotations

from enum import StrEnum
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
    default_above,
    emit,
    examples,
    finite,
    open_claims,
    open_corpus,
    stderr_console,
    user_errors,
)


class DraftFormat(StrEnum):
    """Output formats of drafted claims."""

    YAML = "yaml"
    JSON = "json"


@app.command(
    epilog=examples(
        'factcheck draft "people killed"',
        "factcheck draft --document DOCUMENT --write   (a document's id, as `factcheck sources` lists it)",
        "factcheck draft            (every statistic of claims.yaml)",
    )
)
def draft(
    query: Annotated[
        str | None,
        typer.Argument(help="A statistic of claims.yaml (id, label or alias) or free text; none: every statistic."),
    ] = None,
    document: Annotated[
        str | None, typer.Option("--document", "-d", help="Draft every figure of this document, grouped by statistic.")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Append the drafts to the claims file (its comments and order kept).")
    ] = False,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0, max=100, callback=finite, help="Lowest match score (0-100) of a finding."),
    ] = 60.0,
    output: Annotated[DraftFormat, typer.Option("--format", "-f", help="Output format.")] = DraftFormat.YAML,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Propose claims from the corpus: each document's figure for a statistic (or every figure of a document), with
    its sentence as the quote, marked 'status: draft' until reviewed.

    Figures a claim already states are skipped. Exit 0 when something was drafted, 1 when nothing was (no figure,
    or every one already claimed), 2 for bad usage or unreadable input.
    """
    from factcheck.commands.claims_text import write_draft
    from factcheck.commands.compare import CompareOptions
    from factcheck.commands.draft import draft_all, draft_document, draft_query
    from factcheck.errors import UsageError
    from factcheck.render import draft as render
    from factcheck.render import printable

    with user_errors():
        if query is not None and document is not None:
            raise UsageError("give a statistic or query, or --document, not both")
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = open_claims(claims_path, required=write or (query is None and document is None), corpus=corpus)
        options = CompareOptions(min_score=min_score)
        if document is not None:
            result = draft_document(corpus, claims, document, options)
        elif query is not None:
            result = draft_query(corpus, claims, query, options)
        else:
            assert claims is not None
            if not claims.statistics:
                raise UsageError(f"{claims.path}: no statistics to draft for; give a query or --document")
            result = draft_all(corpus, claims, options)
        written = write_draft(default_above(claims_path, DEFAULT_CLAIMS), result) if write and result.claims else None
    if not write:
        emit(render.render_json(result) if output is DraftFormat.JSON else printable(render.render_yaml(result)))
    for line in render.summary(result, written):
        stderr_console().print(line, markup=False)
    if not result.claims:
        raise typer.Exit(1)
