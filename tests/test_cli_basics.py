"""The command line's basics: version, help, and python -m."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

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
