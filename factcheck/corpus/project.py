"""Setting up a fact-check project: ``factcheck init`` makes what a new project needs, and never overwrites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import InputError

CLAIMS_TEMPLATE = """\
# The claims of this fact-check, checked against the documents in corpus/ by `factcheck check`.
# Documents: plain text (.txt) or Markdown (.md) in corpus/. Each may start with YAML front matter, between two
# lines of three dashes, giving its metadata:
#   ---
#   title: The headline
#   publisher: The Herald
#   published: 2025-03-01
#   ---
# A document's id is its file name without the extension; citations name documents by it.
#
# A statistic is a number the documents disagree about; a claim states one figure for it and cites the sentence
# of a document that gives it. `factcheck compare "<label>"` shows what every document says about a statistic;
# `factcheck draft "<label>" --write` adds one claim per document that gives a figure for it, marked
# 'status: draft': review each, then remove that line (`factcheck check --strict` fails a draft).
# Uncomment and edit the example below (README.md has every field).
statistics: []
#  - id: people-displaced
#    label: people displaced
#    aliases: [displaced, fled their homes]
#    kind: count
#    description: People who fled their homes because of the floods.
claims: []
#  - id: herald-displaced
#    statistic: people-displaced
#    text: More than 12,000 people fled their homes.
#    figure: {value: 12000, qualifier: over}
#    citations:
#      - document: herald-2025-03-01
#        quote: "more than 12,000 people had fled their homes"
"""

PRE_COMMIT_TEMPLATE = """\
# Run `factcheck check --strict` before every commit (https://pre-commit.com): `pre-commit install` once.
# --strict fails a claim still marked 'status: draft' (see `factcheck draft`), so no draft is committed unreviewed.
repos:
  - repo: local
    hooks:
      - id: factcheck-check
        name: factcheck check
        entry: factcheck check --strict
        language: system
        pass_filenames: false
        files: (^|/)(claims\\.ya?ml|corpus/.*)$
"""

GITIGNORE_TEMPLATE = """\
# factcheck's index of the corpus: rebuilt from the documents, never committed
.factcheck/
"""


@dataclass(frozen=True, slots=True)
class InitReport:
    """What ``init_project`` made and what it found already there (and left as it was)."""

    folder: Path
    made: tuple[str, ...]
    kept: tuple[str, ...]


def found_above(path: Path, start: Path | None = None) -> Path | None:
    """Where a project's default file or folder (``claims.yaml``, ``corpus``) is when the working folder lacks
    it: the first folder above that holds it, looking no higher than the repository's root (a folder with
    ``.git``) or the filesystem's. None when no folder does, or when ``path`` is absolute or exists."""
    if path.is_absolute() or path.exists():
        return None
    here = (start or Path.cwd()).resolve()
    for folder in here.parents:
        candidate = folder / path
        if candidate.exists():
            return candidate
        if (folder / ".git").exists():
            break
    return None


def init_project(folder: Path) -> InitReport:
    """Make ``corpus/``, a commented ``claims.yaml``, ``.pre-commit-config.yaml`` and ``.gitignore`` in ``folder``
    (made if missing); a file or folder already there is kept as it is, never overwritten.

    Raises InputError when ``folder`` is a file, or a part cannot be made (no permission, a read-only disk).
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file, not a folder; give a folder for the project")
    made: list[str] = []
    kept: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / "corpus"
        if corpus.exists():
            kept.append("corpus/")
        else:
            corpus.mkdir()
            made.append("corpus/")
        for name, text in (
            ("claims.yaml", CLAIMS_TEMPLATE),
            (".pre-commit-config.yaml", PRE_COMMIT_TEMPLATE),
            (".gitignore", GITIGNORE_TEMPLATE),
        ):
            path = folder / name
            try:
                with path.open("x", encoding="utf-8") as out:  # "x": never over a file that appeared meanwhile
                    out.write(text)
                made.append(name)
            except FileExistsError:
                kept.append(name)
    except OSError as error:
        raise InputError(
            f"{folder}: cannot make the project there ({error.strerror or error}); check the folder's permissions"
        ) from None
    return InitReport(folder, tuple(made), tuple(kept))
