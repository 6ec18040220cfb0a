"""Project settings: factcheck.toml, [tool.factcheck] in pyproject.toml, or claims.yaml, found from the working
folder up; the command line and the environment win over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus.settings import find_project

runner = CliRunner()

DOCUMENTS = {
    "herald": "Floods in the valley.\nMore than 12,000 people fled their homes, officials said.\n"
    "About 9,000 people fled their homes in the first week.\n",
    "courier": "About 15,000 people fled their homes, a charity said.\n",
}
CLAIMS = """\
statistics:
  - id: people-displaced
    label: people displaced
    aliases: [people fled their homes]
    kind: count
claims:
  - id: herald-displaced
    statistic: people-displaced
    text: More than 12,000 people fled their homes.
    citations:
      - document: herald
        quote: "More than 12,000 people fled their homes"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project in a repository, with its documents in sources/ (not the default corpus/)."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "sources").mkdir()
    for name, text in DOCUMENTS.items():
        (root / "sources" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "facts.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "notes").mkdir()
    monkeypatch.delenv("FACTCHECK_CORPUS", raising=False)
    monkeypatch.delenv("FACTCHECK_CLAIMS", raising=False)
    return root


def findings_per_document(output: str) -> dict[str, int]:
    data = json.loads(output)
    return {d["id"]: len(d["findings"]) for d in data["documents"]}


def test_factcheck_toml_sets_paths_relative_to_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text('corpus = "sources"\nclaims = "facts.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    here = runner.invoke(app, ["check"])
    assert here.exit_code == 0, here.output
    assert "note:" not in here.stderr  # the settings of the working folder itself are not announced
    monkeypatch.chdir(project / "notes")
    below = runner.invoke(app, ["check"])
    assert below.exit_code == 0, below.output
    assert f"using {project / 'sources'} (set in {project / 'factcheck.toml'})" in below.stderr
    assert f"using {project / 'facts.yaml'}" in below.stderr


def test_option_defaults_for_every_command_and_for_one(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text(
        'corpus = "sources"\nclaims = "facts.yaml"\ntop = 2\n\n[compare]\ntop = 1\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["compare", "people fled their homes", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert findings_per_document(result.stdout) == {"herald": 1, "courier": 1}  # [compare] wins over top-level
    given = runner.invoke(app, ["compare", "people fled their homes", "--format", "json", "--top", "3"])
    assert findings_per_document(given.stdout)["herald"] == 2  # the command line wins over the file


def test_environment_wins_over_the_file(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (project / "factcheck.toml").write_text('corpus = "sources"\nclaims = "facts.yaml"\n', encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "courier.txt").write_text(DOCUMENTS["courier"], encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("FACTCHECK_CORPUS", str(other))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1  # the claim cites herald, which the corpus of the environment lacks
    assert "herald" in result.output


def test_pyproject_table(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factcheck]\ncorpus = "sources"\nclaims = "facts.yaml"\n\n'
        "[tool.factcheck.compare]\nmin-score = 99.5\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project / "notes")
    assert runner.invoke(app, ["check"]).exit_code == 0
    # min-score 99.5 leaves no finding: compare's negative answer
    assert runner.invoke(app, ["compare", "people fled their homes"]).exit_code == 1


def test_precedence_within_one_folder(project: Path) -> None:
    (project / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    assert find_project(project / "notes") is not None
    settings = find_project(project / "notes")
    assert settings is not None and settings.source is None and settings.claims == project.resolve() / "claims.yaml"
    (project / "pyproject.toml").write_text('[tool.factcheck]\nclaims = "facts.yaml"\n', encoding="utf-8")
    settings = find_project(project / "notes")
    assert settings is not None and settings.source == project.resolve() / "pyproject.toml"
    (project / "factcheck.toml").write_text('claims = "other.yaml"\n', encoding="utf-8")
    settings = find_project(project / "notes")
    assert settings is not None and settings.claims == project.resolve() / "other.yaml"
    # a pyproject.toml without [tool.factcheck] does not make a project
    (project / "notes" / "pyproject.toml").write_text('[project]\nname = "notes"\n', encoding="utf-8")
    settings = find_project(project / "notes")
    assert settings is not None and settings.folder == project.resolve()


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text('corpus = "elsewhere"\n', encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    assert find_project(tmp_path / "repo" / "sub") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('corpus = "sources"\n[compare\n', "factcheck.toml:2:9: error: not valid TOML"),
        ('corpus = "sources"\ntopp = 5\n', "factcheck.toml:2: error: no command has an option --topp"),
        ("[compare]\nmin-scor = 5\n", "factcheck.toml:2: error: factcheck compare has no option --min-scor"),
        ("[compar]\ntop = 5\n", "factcheck.toml:1: error: [compar] is not a factcheck command (did you mean 'compare'"),
        ('\n[compare]\ntop = "many"\n', 'factcheck.toml:3: error: "many" is not a value of --top'),
        ("corpus = 5\n", "factcheck.toml:1: error: corpus must be a path, as a string"),
        ("top = [1, 2]\n", "factcheck.toml:1: error: [1, 2] is not a value of --top: give one value"),
        ("top = 2.5\n", "factcheck.toml:1: error: 2.5 is not a value of --top: give a whole number"),
        ("top = true\n", "factcheck.toml:1: error: true is not a value of --top"),
        ("min-score = 1979-05-27\n", "factcheck.toml:1: error: 1979-05-27 is not a value of --min-score"),
        ("[compare]\ntop = 1\n\n[compare.x]\ny = 1\n", "factcheck.toml:4: error: [compare.x] is a table"),
    ],
)
def test_a_wrong_setting_is_a_usage_error_at_its_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    (project / "factcheck.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["compare", "people"])
    assert result.exit_code == 2
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_broken_settings_file_does_not_block_help_or_init(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text("top = \n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["compare", "--help"]).exit_code == 0
    assert runner.invoke(app, ["init", str(project / "other")]).exit_code == 0
    broken = runner.invoke(app, ["compare", "people"])
    assert broken.exit_code == 2 and "factcheck.toml:1:7: error: not valid TOML" in broken.stderr


def test_a_command_table_path_is_relative_to_the_settings_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text('corpus = "sources"\n\n[check]\nclaims = "facts.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(project / "notes")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"using {project / 'facts.yaml'}" in result.stderr


def test_a_list_setting_takes_one_value_or_several(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text(
        'corpus = "sources"\nclaims = "facts.yaml"\n[disputes]\nkind = "money"\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["disputes"]).exit_code == 1  # no money in these documents: nothing found
    (project / "factcheck.toml").write_text(
        'corpus = "sources"\nclaims = "facts.yaml"\n[disputes]\nkind = ["money", "count"]\n', encoding="utf-8"
    )
    assert runner.invoke(app, ["disputes"]).exit_code == 0


def test_a_default_the_working_folder_has_wins_over_a_project_found_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claims.yaml").write_text("claims: []\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "above.txt").write_text("There were 5 floods.\n", encoding="utf-8")
    (tmp_path / "sub" / "corpus").mkdir(parents=True)
    (tmp_path / "sub" / "corpus" / "lone.txt").write_text("There were 7 floods.\n", encoding="utf-8")
    monkeypatch.delenv("FACTCHECK_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path / "sub")
    result = runner.invoke(app, ["sources", "--format", "json", "--no-index"])
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["lone"]


def test_json_names_the_corpus_and_claims_file_found(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text('corpus = "sources"\nclaims = "facts.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(project / "notes")
    for command in (["compare", "people fled their homes"], ["disputes"]):
        result = runner.invoke(app, [*command, "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["corpus"] == str(project / "sources") and data["claims_file"] == str(project / "facts.yaml")
