"""The command line's basics: version, help, and python -m."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"factcheck {__version__}"


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_python_dash_m_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def _commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)  # every command the app has: a new one is tested too


COMMANDS = _commands()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_short_help_and_examples_that_run(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    import shutil

    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, [command, "-h"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "Examples:" in result.stdout, command
    lines = result.stdout.split("Examples:", 1)[1].splitlines()
    shown = [line.strip().split("  (")[0] for line in lines if line.strip().startswith("factcheck ")]
    assert len(shown) >= 2, command
    if command == "evaluate":
        return  # its examples name answer keys the bundled project has not
    for example in shown:
        args = shlex.split(example.split(">")[0])[1:]
        if any(arg.isupper() and len(arg) > 1 for arg in args):
            continue  # a placeholder (DOCUMENT, STATISTIC): the package names no corpus's documents or statistics
        ran = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert ran.exit_code in (0, 1), f"{example}: {ran.output}"


def test_shell_completion_completes_commands() -> None:
    import os
    import shutil

    exe = shutil.which("factcheck")
    if exe is None:
        pytest.skip("the factcheck launcher is not installed")
    env = {**os.environ, "COMP_WORDS": "factcheck com", "COMP_CWORD": "1", "_FACTCHECK_COMPLETE": "complete_bash"}
    done = subprocess.run([exe], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.split() == ["compare"]
