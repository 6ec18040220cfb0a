"""The README's example sessions are what the tool prints: each `$ factcheck ...` is run, as written, on a copy of the
bundled corpus and claims file (so nothing is written outside tmp_path), 120 columns wide (as piped), and its output
compared with the README's, line by line; an example marked abridged JSON must be a part of the real JSON."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# Examples that cannot run as written on the bundled files, and why.
NOT_RUN = {
    'factcheck check   # with the 28,000 of one quote changed to 23,000, "more than" dropped and a word changed': (
        "runs on a claims file edited as the comment says"
    ),
}
SLOW = ("factcheck evaluate",)


def examples() -> list[tuple[str, str, bool]]:
    """Every README session of factcheck (`$ factcheck ...`, or `$ echo "..." | factcheck ...`): (command line, output
    shown, whether it is abridged)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    session = re.compile(
        r"(?P<before>[^\n]*)\n+```console\n\$ (?P<command>(?:echo .*?\| )?factcheck[^\n]*)\n(?P<out>.*?)```", re.S
    )
    return [(m["command"], m["out"], "abridged" in m["before"]) for m in session.finditer(text)]


def invocation(command: str) -> tuple[list[str], str | None]:
    """The arguments of factcheck in ``command``, and its standard input when an `echo "..." |` feeds it."""
    feed, _, command = command.rpartition("| ")
    given = shlex.split(feed)[1] + "\n" if feed else None
    return shlex.split(command, comments=True)[1:], given


def test_the_readme_has_examples_to_run() -> None:
    commands = [command for command, _, _ in examples()]
    assert "factcheck check" in commands and 'factcheck compare "doctors abroad" --top 2' in commands
    assert len(commands) >= 6


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("readme"))


def copy_project(where: Path) -> Path:
    """The bundled corpus, claims file and the answer keys the examples name, copied into ``where`` (without their
    indexes): what the examples run on (tools/refresh_readme.py too)."""
    ignore = shutil.ignore_patterns(".factcheck")
    shutil.copytree(ROOT / "corpus", where / "corpus", ignore=ignore)
    shutil.copy(ROOT / "claims.yaml", where / "claims.yaml")
    (where / "tests" / "gold").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "gold" / "bundled.yaml", where / "tests" / "gold" / "bundled.yaml")
    shutil.copytree(
        ROOT / "tests" / "corpora" / "flood-toll", where / "tests" / "corpora" / "flood-toll", ignore=ignore
    )
    return where


def part_of(shown: Any, real: Any, where: str = "$") -> None:
    """Assert that ``shown`` (abridged JSON) is part of ``real``: its keys with the same values, its lists a prefix."""
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for key, value in shown.items():
            assert key in real, f"{where}.{key} is not in the output"
            part_of(value, real[key], f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(shown) <= len(real), where
        for i, (a, b) in enumerate(zip(shown, real, strict=False)):
            part_of(a, b, f"{where}[{i}]")
    else:
        assert shown == real, f"{where}: the README shows {shown!r}, the tool prints {real!r}"


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


@pytest.mark.parametrize(
    ("command", "shown", "abridged"),
    [
        pytest.param(*example, marks=[pytest.mark.slow] if example[0].startswith(SLOW) else [], id=example[0][:50])
        for example in examples()
    ],
)
def test_a_readme_example_prints_what_the_readme_shows(
    project: Path, monkeypatch: pytest.MonkeyPatch, command: str, shown: str, abridged: bool
) -> None:
    if command in NOT_RUN:
        pytest.skip(NOT_RUN[command])
    monkeypatch.chdir(project)
    args, given = invocation(command)
    result = runner.invoke(app, args, input=given, prog_name="factcheck", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr  # every example shown answers (exit 0)
    if abridged:
        part_of(json.loads(shown), json.loads(result.stdout))
    else:
        assert lines(result.stdout) == lines(shown)
