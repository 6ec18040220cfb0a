"""`factcheck init`: make a new fact-check project's files, never overwriting one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli._app import app, examples, stdout_console, user_errors


@app.command(
    epilog=examples(
        "factcheck init",
        "factcheck init floods-2025",
    )
)
def init(
    folder: Annotated[Path, typer.Argument(help="The project's folder (made if missing).")] = Path("."),
) -> None:
    """Start a fact-check: make corpus/, a commented claims.yaml, a pre-commit hook and a .gitignore.

    A file already there is kept as it is. Exit 0 when done, 2 when the folder cannot be written.
    """
    from factcheck.corpus.project import init_project

    with user_errors():
        report = init_project(folder)
    console = stdout_console()
    for name in report.made:
        console.print(f"made  {report.folder / name}", markup=False, highlight=False)
    for name in report.kept:
        console.print(f"kept  {report.folder / name} (already there, left as it is)", markup=False, highlight=False)
    console.print(
        "next: put the documents in corpus/; `factcheck disputes` shows what they disagree about, "
        '`factcheck draft "<what a number counts>" --write` drafts claims to review, and '
        "`factcheck check --strict` proves every quote once the drafts are reviewed.",
        markup=False,
        highlight=False,
    )
