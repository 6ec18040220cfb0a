"""`factcheck disputes`: which figures the documents disagree about, found before anyone asks."""

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
    OutputFormat,
    app,
    emit,
    examples,
    format_option,
    open_claims,
    open_corpus,
    stdout_console,
    user_errors,
)


class DisputeKind(StrEnum):
    """The kinds of figures disputes groups."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    MEASURE = "measure"


@app.command(
    epilog=examples(
        "factcheck disputes",
        "factcheck disputes --min-documents 3 --limit 10",
        "factcheck disputes --kind money --format markdown > disputes.md",
    )
)
def disputes(
    min_documents: Annotated[
        int, typer.Option("--min-documents", min=2, help="Least number of documents giving a figure in a group.")
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Groups shown.")] = 20,
    kind: Annotated[
        list[DisputeKind] | None, typer.Option("--kind", help="Only figures of this kind (repeatable).")
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Print each group no statistic covers as a claims.yaml statistic with draft claims."
        ),
    ] = False,
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.MARKDOWN)
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """List the groups of figures that several documents give for the same thing, where they disagree first.

    A group is what compare answers for a phrase several documents use about their figures ("people killed"),
    with compare's verdict. Ranked: conflicts (more documents in conflict, then a larger spread, first), then time
    lines, then agreement; groups whose id is listed under reviewed_disputes: in the claims file come last. A group
    that a statistic of the claims file covers is marked with it.

    Exit 0 when some group is found, 1 when none is, 2 for bad usage or unreadable input.
    """
    from factcheck.commands.disputes import DisputesOptions, find_disputes
    from factcheck.corpus.progress import steps
    from factcheck.render import disputes as render

    with user_errors():
        corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
        claims = open_claims(claims_path, required=False, corpus=corpus)
        options = DisputesOptions(min_documents, limit, tuple(k.value for k in kind or ()))
        with steps("comparing", "phrases", 0) as bar:
            report = find_disputes(corpus, claims, options, bar.update)
    if draft:
        from factcheck.commands.draft import draft_groups
        from factcheck.render import draft as drafts
        from factcheck.render import printable

        new = [(d.label, list(d.figures)) for d in report.disputes if d.statistic is None and d.also_about is None]
        proposed = draft_groups(corpus, claims, new)
        emit(drafts.render_json(proposed) if output is OutputFormat.JSON else printable(drafts.render_yaml(proposed)))
        if not proposed.claims:
            raise typer.Exit(1)
        return
    if output is OutputFormat.JSON:
        from factcheck.corpus.documents import corpus_name

        emit(
            render.render_json(
                report, {"corpus": corpus_name(corpus.root), "claims_file": claims.path if claims else None}
            )
        )
    elif output is OutputFormat.MARKDOWN:
        emit(render.render_markdown(report))
    else:
        stdout_console().print(render.render_table(report))
    if not report.disputes:
        raise typer.Exit(1)
