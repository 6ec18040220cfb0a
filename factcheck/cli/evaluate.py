"""`factcheck evaluate`: how well compare answers, measured against hand-labelled answer keys."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli._app import (
    NoIndexOption,
    OutputFormat,
    app,
    emit,
    examples,
    format_option,
    stderr_console,
    stdout_console,
    user_errors,
    warn,
)


@app.command(
    epilog=examples(
        "factcheck evaluate gold.yaml",
        "factcheck evaluate keys/*/ --min-accuracy 0.8",
    )
)
def evaluate(
    keys: Annotated[
        list[Path],
        typer.Argument(help="Answer keys: gold.yaml files, or folders holding corpus/, claims.yaml and gold.yaml."),
    ],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the misses and wrong findings with their sentence.")
    ] = False,
    min_accuracy: Annotated[
        float | None, typer.Option("--min-accuracy", help="Least share (0-1) of right top answers.")
    ] = None,
    min_recall: Annotated[float | None, typer.Option("--min-recall", help="Least recall (0-1).")] = None,
    min_precision: Annotated[float | None, typer.Option("--min-precision", help="Least precision (0-1).")] = None,
    max_forbidden: Annotated[
        float | None, typer.Option("--max-forbidden", help="Most forbidden findings per 10 documents.")
    ] = None,
    output: Annotated[
        OutputFormat, format_option(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.MARKDOWN)
    ] = OutputFormat.TABLE,
    no_index: NoIndexOption = False,
    without_claims: Annotated[
        bool,
        typer.Option(
            "--without-claims",
            help="Ask every query as a user with no claims file (no statistic's aliases; ids are not asked).",
        ),
    ] = False,
) -> None:
    """Measure compare against answer keys: right top answers, recall, precision, forbidden figures shown.

    Asks compare, with its default options, every query of every statistic of each key, and scores the findings it
    shows against the key, per key and in all (docs/evaluation.md).

    Exit 0 when every threshold given is met, 1 when one is not, 2 for bad usage or an unreadable key, corpus or
    claims file.
    """
    from factcheck.commands.evaluate import Thresholds, evaluate_keys
    from factcheck.render import evaluate as render

    with user_errors():
        thresholds = Thresholds(min_accuracy, min_recall, min_precision, max_forbidden)
        evaluation = evaluate_keys(keys, thresholds, use_index=not no_index, without_claims=without_claims)
    for key in evaluation.keys:
        for message in key.warnings:
            warn(message)
    if output is OutputFormat.JSON:
        emit(render.render_json(evaluation))
    elif output is OutputFormat.MARKDOWN:
        emit(render.render_markdown(evaluation, verbose))
    else:
        stdout_console().print(render.render_table(evaluation))
        if text := render.render_text(evaluation, verbose):
            emit(text)
    if not evaluation.passed:
        if output is OutputFormat.JSON:
            for failure in evaluation.failures:
                stderr_console().print(f"below threshold: {failure}", markup=False)
        raise typer.Exit(1)
