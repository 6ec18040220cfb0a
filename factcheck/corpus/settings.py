"""A project's settings: where its corpus, claims file and index are, and its defaults of command options.

The project is the first folder, from the working folder up, that holds ``factcheck.toml``, a ``pyproject.toml``
with a ``[tool.factcheck]`` table, or ``claims.yaml`` (in that order within one folder); the search stops at the
repository's root (a folder with ``.git``) or the filesystem's. Settings::

    corpus = "sources"        # paths are relative to the settings file
    claims = "claims.yaml"
    index = ".cache/index.sqlite3"
    top = 5                   # an option's default for every command that has it

    [compare]                 # an option's default for one command (its long name, with - or _)
    min-score = 70

The command line, then the environment (FACTCHECK_CORPUS, FACTCHECK_CLAIMS), win over the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError, Problem

SETTINGS_FILE = "factcheck.toml"
PYPROJECT_FILE = "pyproject.toml"
CLAIMS_FILE = "claims.yaml"
CORPUS_FOLDER = "corpus"
PATH_KEYS = ("corpus", "claims", "index")
MAX_SETTINGS_BYTES = 1 << 20


class SettingsError(FactcheckError):
    """A settings file (factcheck.toml, [tool.factcheck]) that cannot be read, or with a key or value that is
    wrong."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One option's default from a settings file: the value and the line it stands on (for messages)."""

    value: Any
    line: int | None


@dataclass(frozen=True, slots=True)
class Settings:
    """A project's settings. ``source`` is the file they came from (None: the project is a folder with
    ``claims.yaml`` and no settings file); ``options`` maps a command's name, or ``""`` for every command, to the
    defaults of its options by the name written in the file."""

    folder: Path
    source: Path | None
    corpus: Path
    claims: Path
    index: Path | None = None
    options: Mapping[str, Mapping[str, Setting]] = field(default_factory=dict)

    def table_line(self, name: str) -> int | None:
        """The line of the table ``[name]`` (``[tool.factcheck.name]``) in the settings file, or None."""
        return None if self.source is None else _line_of(_lines(self.source), name)

    def where(self, line: int | None) -> str:
        """``file:line`` of a setting, for messages."""
        path = str(self.source or self.folder)
        return f"{path}:{line}" if line is not None else path


def find_project(start: Path) -> Settings | None:
    """The settings of the project ``start`` stands in, looking from ``start`` up; None outside any project.

    Raises SettingsError when the settings file found cannot be read or is not valid TOML.
    """
    here = start.resolve()
    for folder in (here, *here.parents):
        settings = project_at(folder)
        if settings is not None:
            return settings
        if (folder / ".git").exists():
            break
    return None


def project_at(folder: Path) -> Settings | None:
    """The settings of the project whose root is ``folder``, or None when ``folder`` is not a project's root."""
    toml = folder / SETTINGS_FILE
    if toml.is_file():
        return _settings(folder, toml, _read_toml(toml))
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        data = _read_toml(pyproject)
        tool = data.get("tool")
        table = tool.get("factcheck") if isinstance(tool, dict) else None
        if table is not None:
            if not isinstance(table, dict):
                raise _error(pyproject, "[tool.factcheck] must be a table", _line_of(_lines(pyproject), "factcheck"))
            return _settings(folder, pyproject, table, prefix="tool.factcheck.")
    if (folder / CLAIMS_FILE).is_file():
        return Settings(folder, None, folder / CORPUS_FOLDER, folder / CLAIMS_FILE)
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as file:
            data = file.read(MAX_SETTINGS_BYTES + 1)
    except OSError as error:
        raise _error(path, f"cannot read the settings file ({error.strerror or error})") from None
    if len(data) > MAX_SETTINGS_BYTES:
        raise _error(path, f"the settings file is larger than {MAX_SETTINGS_BYTES >> 20} MB; is it the right file?")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _error(path, f"not UTF-8 text (byte {error.start})", hint="save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        raise _error(path, f"not valid TOML: {message}", line, column, "see https://toml.io for the syntax") from None


def _settings(folder: Path, path: Path, table: Mapping[str, Any], prefix: str = "") -> Settings:
    lines = _lines(path)  # read once for the lines of every key
    paths: dict[str, Path] = {}
    options: dict[str, dict[str, Setting]] = {"": {}}
    for key, value in table.items():
        line = _line_of(lines, key)
        if key in PATH_KEYS:
            if not isinstance(value, str) or not value.strip():
                raise _error(path, f"{prefix}{key} must be a path, as a string", line, hint=f'{key} = "..."')
            paths[key] = folder / Path(value).expanduser()
        elif isinstance(value, dict):
            command = options.setdefault(key, {})
            for name, setting in value.items():
                if isinstance(setting, dict):
                    nested = _line_of(lines, f"{key}.{name}") or _line_of(lines, name, after=f"[{prefix}{key}]")
                    where = nested or line
                    raise _error(path, f"[{prefix}{key}.{name}] is a table; give the option's value", where)
                command[name] = Setting(setting, _line_of(lines, name, after=f"[{prefix}{key}]"))
        else:
            options[""][key] = Setting(value, line)
    return Settings(
        folder,
        path,
        paths.get("corpus", folder / CORPUS_FOLDER),
        paths.get("claims", folder / CLAIMS_FILE),
        paths.get("index"),
        options,
    )


def _lines(path: Path) -> list[str]:
    """The lines of a settings file, to find where a key is set (none when it cannot be read as text)."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line_of(lines: Sequence[str], key: str, after: str | None = None) -> int | None:
    """The line where ``key`` is set in a settings file's ``lines`` (after the line holding ``after``, when given),
    or None: tomllib gives values, not places."""
    start = 0
    if after is not None:
        start = next((i + 1 for i, text in enumerate(lines) if text.strip().replace(" ", "") == after), 0)
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=|\s*\[[^\]]*\b{re.escape(key)}\]")
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return None


def _error(
    path: Path, message: str, line: int | None = None, column: int | None = None, hint: str | None = None
) -> SettingsError:
    return SettingsError(str(Problem(str(path), message, line, column, hint)))
