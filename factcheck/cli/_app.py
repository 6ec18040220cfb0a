"""The Typer application and what every command shares: options, error handling, consoles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from factcheck import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from factcheck.corpus.documents import Corpus
    from factcheck.model import ClaimsFile

app = typer.Typer(
    name="factcheck",
    help="Lay out what several sources say about a number, and prove every claim stands in its source.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def examples(*lines: str) -> str:
    """A command's help epilog: example command lines, kept as written (click's \\b stops the rewrapping)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full trace of an unexpected error.")] = False,
) -> None:
    """Lay out what several sources say about a number, and prove every claim stands in its source."""
    if debug:
        os.environ["FACTCHECK_DEBUG"] = "1"
    import warnings

    from factcheck.errors import FactcheckWarning

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, FactcheckWarning):
            warn(str(message))
        else:
            shown(message, category, *args, **kwargs)

    warnings.showwarning = show
    if ctx.invoked_subcommand is not None and not ctx.resilient_parsing:
        from factcheck.corpus.settings import SettingsError

        try:
            ctx.default_map = project_defaults(ctx, ctx.invoked_subcommand)
        except SettingsError as error:
            # Said when the command opens the corpus or the claims file: --help and init work in a broken project.
            ctx.meta[SETTINGS_ERROR] = error


SETTINGS_ORIGIN = "factcheck.corpus.settings"
SETTINGS_ERROR = "factcheck.corpus.settings.error"


_DEFAULT_NAMES = {"corpus": "corpus", "claims": "claims.yaml"}


def project_defaults(ctx: typer.Context, name: str) -> dict[str, dict[str, Any]] | None:
    """click's ``default_map`` for command ``name`` from the settings of the project the working folder stands in
    (``factcheck.corpus.settings``): its corpus, claims file and index, and the option defaults it sets. The command
    line and the environment win over it (click's order). None outside a project, or in a project of the working folder
    with no settings file (the built-in defaults are that project's).

    Raises SettingsError for an option no command has, or a value the option does not take.
    """
    from factcheck.corpus.settings import PATH_KEYS, SettingsError, find_project

    settings = find_project(Path.cwd())
    here = Path.cwd().resolve()
    if settings is None or (settings.source is None and settings.folder == here):
        return None
    group: Any = ctx.command  # a click group (typer's own copy of click in newer releases)
    commands = {n: c for n in group.list_commands(ctx) if (c := group.get_command(ctx, n)) is not None}
    for command in settings.options:
        if command and command not in commands:
            from factcheck.corpus.claims import closest_hint

            raise SettingsError(
                f"{settings.where(settings.table_line(command))}: error: [{command}] is not a factcheck command "
                f"({closest_hint(command, sorted(commands), 'commands')})"
            )

    def shown(path: Path) -> Path:
        """A path of the settings as the user reads it: relative in the project's own folder, else absolute."""
        inside = settings.folder == here and path.resolve().is_relative_to(here)
        return Path(os.path.relpath(path, here)) if inside else path

    found = {"corpus": shown(settings.corpus), "claims": shown(settings.claims)}
    if settings.index is not None:
        found["index"] = shown(settings.index)
    if settings.source is None:  # a project found by its claims.yaml: a default the working folder has wins
        found = {k: v for k, v in found.items() if not (here / _DEFAULT_NAMES.get(k, "")).exists()}
    defaults: dict[str, dict[str, Any]] = {}
    for key in PATH_KEYS:
        if key in found and (param := _option(commands.get(name), key)) is not None:
            defaults.setdefault(name, {})[param.name or key] = found[key]
    for key, setting in settings.options.get("", {}).items():
        takers = [c for c in commands.values() if _option(c, key) is not None]
        if not takers:
            raise SettingsError(
                f"{settings.where(setting.line)}: error: no command has an option --{key.replace('_', '-')}"
                " (a setting is an option's long name, as in top = 5 or min-score = 70)"
            )
        if (param := _option(commands.get(name), key)) is not None:
            defaults.setdefault(name, {})[param.name or key] = _checked(ctx, param, key, setting, settings)
    for key, setting in settings.options.get(name, {}).items():
        param = _option(commands[name], key)
        if param is None:
            from factcheck.corpus.claims import closest_hint

            options = sorted(o[2:] for p in commands[name].params for o in p.opts if o.startswith("--"))
            raise SettingsError(
                f"{settings.where(setting.line)}: error: factcheck {name} has no option --{key.replace('_', '-')} "
                f"({closest_hint(key, options, 'options')})"
            )
        if key in PATH_KEYS and isinstance(setting.value, str):  # relative to the settings file, as at the top
            setting = replace(setting, value=str(shown(settings.folder / Path(setting.value).expanduser())))
        defaults.setdefault(name, {})[param.name or key] = _checked(ctx, param, key, setting, settings)
    if settings.folder != here:
        where = "found in a folder above the working folder" if settings.source is None else f"set in {settings.source}"
        ctx.meta[SETTINGS_ORIGIN] = where
    return defaults


def _option(command: Any, key: str) -> Any:
    """The option of ``command`` whose long name is ``key`` (``min-score`` or ``min_score``), or None."""
    if command is None:
        return None
    flag = "--" + key.replace("_", "-")
    return next((p for p in command.params if flag in p.opts), None)


def _toml(value: Any) -> str:
    """A setting's value as the settings file writes it (true, 1979-05-27, "text", [1, 2])."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _checked(ctx: typer.Context, param: Any, key: str, setting: Any, settings: Any) -> Any:
    """A setting's value as its option takes it; SettingsError naming the file, the line and the option as written
    when it does not (a list for an option of one value, true for a number, 2.5 for a whole number, a date)."""
    from factcheck.corpus.settings import SettingsError

    value = setting.value
    multiple = bool(getattr(param, "multiple", False)) or (getattr(param, "nargs", 1) or 1) != 1
    if multiple and not isinstance(value, list):
        value = [value]  # kind = "money" for an option that takes several
    problem = None
    if isinstance(value, (list, dict)) and not multiple:
        problem = "give one value, not a list or table"
    elif isinstance(value, bool) and not getattr(param, "is_flag", False):
        problem = "true or false is not a value of this option"
    else:
        try:
            cast = param.type_cast_value(ctx, value)
        except typer.BadParameter as error:
            problem = error.message
        except (TypeError, ValueError):
            problem = f"not a {getattr(param.type, 'name', 'value')}"
        else:
            if isinstance(value, float) and isinstance(cast, int) and not isinstance(cast, bool) and cast != value:
                problem = "give a whole number"
    if problem is not None:
        raise SettingsError(
            f"{settings.where(setting.line)}: error: {_toml(setting.value)} is not a value of "
            f"--{key.replace('_', '-')}: {problem}"
        )
    return value


CorpusOption = Annotated[
    Path,
    typer.Option(
        "--corpus",
        envvar="FACTCHECK_CORPUS",
        help="Folder of source documents (.txt, .md, .pdf, .html, .docx).",
        show_default=True,
    ),
]
ClaimsOption = Annotated[
    Path,
    typer.Option(
        "--claims",
        envvar="FACTCHECK_CLAIMS",
        help="The claims file.",
        show_default=True,
    ),
]
IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="The corpus's index file. [default: <corpus>/.factcheck/index.sqlite3]"),
]
NoIndexOption = Annotated[
    bool, typer.Option("--no-index", help="Read the corpus in memory; neither use nor refresh its index.")
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Read symbolic links in the corpus that lead outside its folder too (else they are skipped).",
    ),
]
DEFAULT_CORPUS = Path("corpus")
PIPED_WIDTH = 120
DEFAULT_CLAIMS = Path("claims.yaml")


class OutputFormat(StrEnum):
    """The one set of names of the formats a command prints its report in; each command takes those that fit it.

    ``text`` is accepted everywhere as another name of ``table`` (FORMAT_ALIASES). ``report`` and ``export``, which
    write documents, keep their own lists.
    """

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    GITHUB = "github"


FORMAT_ALIASES = {"text": OutputFormat.TABLE}


def format_option(*formats: OutputFormat) -> Any:
    """The --format option of a command that prints its report in ``formats``; ``text`` is taken for ``table``.

    A parser rather than an enum's choice, so that the alias is accepted without being listed as a format of its own.
    """
    names = [str(f) for f in formats]

    def parse(value: str) -> str:
        name = str(value).casefold()
        name = FORMAT_ALIASES.get(name, name)
        if name not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)} (text: the same as table)")
        return str(name)

    def complete(incomplete: str) -> list[str]:
        return [name for name in names if name.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        metavar="<" + "|".join(names) + ">",
        autocompletion=complete,
        help="Output format" + (" (text: the same as table)." if OutputFormat.TABLE in formats else "."),
    )


def finite(param: typer.CallbackParam, value: float | None) -> float | None:
    """Callback of a float option: click's range check lets NaN through, and infinity has no place in a range."""
    import math

    if value is not None and not math.isfinite(value):
        low, high = getattr(param.type, "min", None), getattr(param.type, "max", None)
        allowed = f"a number from {low:g} to {high:g}" if low is not None and high is not None else "a finite number"
        raise typer.BadParameter(f"{value} is not a number; give {allowed}")
    return value


def stdout_console() -> Console:
    """The console reports go to; wide when piped, so that tables are not folded to 80 columns."""
    import sys

    from factcheck.render.terminal import SafeConsole

    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return SafeConsole(
        soft_wrap=False, highlight=False, no_color="NO_COLOR" in os.environ, width=PIPED_WIDTH if piped else None
    )


def stderr_console() -> Console:
    from factcheck.render.terminal import SafeConsole

    # soft_wrap: a diagnostic stays on one line, so that editors and CI can parse "file:line:col: error: ...".
    return SafeConsole(stderr=True, highlight=False, soft_wrap=True, no_color="NO_COLOR" in os.environ)


def warn(message: str) -> None:
    """Print a warning to stderr (never to stdout, which carries reports)."""
    stderr_console().print(message if ": warning:" in message else f"warning: {message}", markup=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a FactcheckError into a message on stderr and exit code 2, never a traceback."""
    from factcheck.errors import FactcheckError

    try:
        yield
    except FactcheckError as error:
        text = str(error)
        located = ": error:" in text.split("\n", 1)[0]
        stderr_console().print(text if located else f"error: {text}", markup=False)
        raise typer.Exit(error.exit_code) from None


def emit(text: str) -> None:
    """Write a report to stdout as it is (JSON, CSV, Markdown: no wrapping, no markup)."""
    import sys

    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def current_context() -> Any:
    """The click context of the command running, or None: from the click that typer runs on (its own copy of
    click since typer 0.28, click itself before), whose context stack the installed click does not see."""
    import importlib

    core = next(c.__module__ for c in typer.Context.__mro__ if c.__module__.endswith(".core"))
    return importlib.import_module(core.rsplit(".", 1)[0] + ".globals").get_current_context(silent=True)


def default_above(path: Path, default: Path) -> Path:
    """The corpus or claims file to use: ``path``, said on stderr when it came from the project's settings (or the
    project was found in a folder above the working folder); else, for a default path the working folder lacks,
    the same path in the first folder above that has it (a corpus/ with no claims file, say)."""
    variable = "FACTCHECK_CORPUS" if default == DEFAULT_CORPUS else "FACTCHECK_CLAIMS"
    ctx = current_context()
    if ctx is not None and (broken := ctx.find_root().meta.get(SETTINGS_ERROR)) is not None:
        raise broken
    if ctx is not None:
        name = "corpus_path" if default == DEFAULT_CORPUS else "claims_path"
        source = ctx.get_parameter_source(name) if name in ctx.params else None
        origin = ctx.find_root().meta.get(SETTINGS_ORIGIN)
        if source is not None and source.name == "DEFAULT_MAP" and origin:
            stderr_console().print(f"note: using {path} ({origin})", markup=False)
            return path
    if path != default or variable in os.environ:  # given on the command line or by the environment
        return path
    from factcheck.corpus.project import found_above

    found = found_above(path)
    if found is None:
        return path
    stderr_console().print(f"note: using {found} (found in a folder above the working folder)", markup=False)
    return found


def open_corpus(path: Path, index: Path | None = None, no_index: bool = False, follow_links: bool = False) -> Corpus:
    """Open the corpus through its index (refreshed on the fly) and print its warnings to stderr."""
    from factcheck.corpus.index import open_corpus as open_indexed

    path = default_above(path, DEFAULT_CORPUS)
    url = url_of(path)
    if url is not None:
        from factcheck.corpus.url import UrlCorpus, open_url_corpus
        from factcheck.errors import UsageError

        if no_index:
            raise UsageError(f"{url}: a corpus at a URL is read through its index: drop --no-index, pass --index PATH")
        corpus: Corpus = open_url_corpus(UrlCorpus(url, ()), index, progress=True)
    else:
        corpus = open_indexed(path, index=index, use_index=not no_index, progress=True, follow_links=follow_links)
    for problem in corpus.warnings:
        warn(str(problem))
    return corpus


def url_of(path: Path) -> str | None:
    """The URL a --corpus value names (``s3://bucket/archive``, which a Path keeps as ``s3:/bucket/archive``), or
    None for a folder (one that exists is a folder, whatever its name)."""
    from factcheck.corpus.documents import url_like

    return None if path.exists() else url_like(path)


def open_claims(path: Path, *, required: bool, corpus: Corpus | None = None) -> ClaimsFile | None:
    """Load the claims file; a missing default file is fine where ``required`` is False.

    Citations of documents the corpus lacks are warnings here (``factcheck check`` fails them).
    """
    from dataclasses import replace

    from factcheck.corpus.claims import load_claims, unknown_documents

    path = default_above(path, DEFAULT_CLAIMS)
    if not required and path == DEFAULT_CLAIMS and not path.exists():
        return None
    claims = load_claims(path)
    for message in claims.warnings:
        warn(message)
    if corpus is not None:
        for problem in unknown_documents(claims, [d.id for d in corpus.documents()]):
            warn(str(replace(problem, severity="warning")))  # an error only for `factcheck check`
    return claims
