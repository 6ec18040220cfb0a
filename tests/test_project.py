"""`factcheck init`: a new project's files, made once, never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus.claims import load_claims

runner = CliRunner()


def test_init_makes_a_project_that_checks_once_it_has_documents(tmp_path: Path) -> None:
    project = tmp_path / "floods"
    result = runner.invoke(app, ["init", str(project)])
    assert result.exit_code == 0, result.output
    for name in ("corpus", "claims.yaml", ".pre-commit-config.yaml", ".gitignore"):
        assert (project / name).exists() and f"made  {project / name}" in result.stdout
    claims = load_claims(project / "claims.yaml")  # valid YAML, through the safe loader
    assert claims.statistics == () and claims.claims == ()
    assert "front matter" in (project / "claims.yaml").read_text(encoding="utf-8")
    assert ".factcheck/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    (project / "corpus" / "herald.txt").write_text("More than 12,000 people fled their homes.\n", encoding="utf-8")
    where = ["--corpus", str(project / "corpus"), "--claims", str(project / "claims.yaml")]
    assert runner.invoke(app, ["check", *where]).exit_code == 0


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text("claims: []\n# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "claims.yaml").read_text(encoding="utf-8") == "claims: []\n# mine\n"
    assert f"kept  {tmp_path / 'claims.yaml'}" in result.stdout and (tmp_path / "corpus").is_dir()
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 0 and "made" not in again.stdout


def test_init_on_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "file")])
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_commands_find_the_project_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    assert runner.invoke(app, ["init", str(project)]).exit_code == 0
    (project / ".git").mkdir()
    (project / "corpus" / "herald.txt").write_text("More than 12,000 people fled their homes.\n", encoding="utf-8")
    monkeypatch.chdir(project / "corpus")
    monkeypatch.delenv("FACTCHECK_CORPUS", raising=False)
    monkeypatch.delenv("FACTCHECK_CLAIMS", raising=False)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"using {project / 'claims.yaml'}" in result.stderr and f"using {project / 'corpus'}" in result.stderr
    # The search stops at the repository's root: a claims file above it is never taken.
    (tmp_path / "outer").mkdir()
    (tmp_path / "outer" / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    (tmp_path / "outer" / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "outer" / "repo" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "outer" / "repo" / "sub")
    assert runner.invoke(app, ["grep", "x"]).exit_code == 2
