"""`factcheck grep`: find claims, or corpus sentences, by keyword."""

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
    finite,
    format_option,
    open_claims,
    open_corpus,
    stdout_console,
    user_errors,
)


@app.command(
    epilog=examples(
        "factcheck grep killed",
        "factcheck grep --statistic STATISTIC   (a statistic's id, label or alias)",
        "factcheck grep --sentences 1,000",
    )
)
def grep(
    keywords: Annotated[
        list[str] | None,
        typer.Argument(help="Keywords; every one must match (case-insensitive). None: every claim the filters keep."),
    ] = None,
    regex: Annotated[bool, typer.Option("--regex", "-E", help="Keywords are regular expressions.")] = False,
    fuzzy: Annotated[bool, typer.Option("--fuzzy", help="Tolerate typos and word forms.")] = False,
    threshold: Annotated[
        float,
        typer.Option("--threshold", min=0, max=100, callback=finite, help="Lowest fuzzy score (0-100) with --fuzzy."),
    ] = 80.0,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.01,
            max=3600,
            callback=finite,
            help="Seconds a --regex pattern may search, and as many again per MB searched. [default: 1]",
        ),
    ] = None,
    statistic: Annotated[
        str | None, typer.Option("--statistic", help="Only claims about this statistic (id, label or alias).")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Only claims citing (or sentences of) this document.")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only claims with this tag.")] = None,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Search the corpus's sentences instead of the claims.")
    ] = False,
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN)
    ] = OutputFormat.TABLE,
    corpus_path: CorpusOption = DEFAULT_CORPUS,
    index_path: IndexOption = None,
    no_index: NoIndexOption = False,
    follow_links: FollowLinksOption = False,
    claims_path: ClaimsOption = DEFAULT_CLAIMS,
) -> None:
    """Find claims by keyword (id, text, statistic, tags, quotes). Exit 1 when nothing matches, as grep does."""
    from factcheck.commands.grep import REGEX_SECONDS, GrepOptions, Mode, checked_filters, grep_claims, grep_sentences
    from factcheck.errors import UsageError
    from factcheck.render import grep as render

    words = keywords or []
    with user_errors():
        if regex and fuzzy:
            raise UsageError("--regex and --fuzzy do not go together; choose one")
        if not words and (sentences or not (statistic or source or tag)):
            raise UsageError("give a keyword" + ("" if sentences else ", or a filter: --statistic, --source, --tag"))
        mode = Mode.REGEX if regex else Mode.FUZZY if fuzzy else Mode.SUBSTRING
        options = GrepOptions(mode, threshold, statistic, source, tag, timeout or REGEX_SECONDS)
        if sentences:
            corpus = open_corpus(corpus_path, index_path, no_index, follow_links)
            options = checked_filters(options, None, lambda: [d.id for d in corpus.documents()])
            sentence_hits = grep_sentences(corpus, words, options)
            found = bool(sentence_hits)
        else:
            claims = open_claims(claims_path, required=True)
            assert claims is not None

            def corpus_ids() -> list[str]:
                where = default_above(corpus_path, DEFAULT_CORPUS)
                if not where.is_dir():
                    return []
                return [d.id for d in open_corpus(where, index_path, no_index, follow_links).documents()]

            options = checked_filters(options, claims, corpus_ids)
            claim_hits = grep_claims(claims, words, options)
            found = bool(claim_hits)
    if sentences:
        if output is OutputFormat.JSON:
            emit(render.render_sentences_json(sentence_hits))
        elif output is OutputFormat.CSV:
            emit(render.render_sentences_csv(sentence_hits))
        elif found and output is OutputFormat.MARKDOWN:
            emit(render.render_sentences_markdown(sentence_hits))
        elif found:
            stdout_console().print(render.render_sentences_table(sentence_hits))
    else:
        if output is OutputFormat.JSON:
            emit(render.render_claims_json(claim_hits))
        elif output is OutputFormat.CSV:
            emit(render.render_claims_csv(claim_hits))
        elif found and output is OutputFormat.MARKDOWN:
            emit(render.render_claims_markdown(claim_hits))
        elif found:
            stdout_console().print(render.render_claims_table(claim_hits))
    if not found:
        raise typer.Exit(1)
