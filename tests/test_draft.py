"""`factcheck draft`: claims proposed from the corpus, printed as YAML or JSON, or appended to the claims file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus.claims import load_claims

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

HERALD = (
    "Floods hit the valley in March.\n"
    "More than 12,000 people fled their homes, the agency said.\n"
    "Repairs will cost $2 million, and 300 homes were destroyed.\n"
)
GAZETTE = "The Gazette counted it again.\nAbout 8,500 people fled their homes by Friday night.\n"
CLAIMS = """\
# Our fact-check of the floods.
statistics:
  # what we compare
  - id: people-displaced
    label: people displaced
    aliases: [fled their homes]
    kind: count

claims:
  # the first claim, written by hand
  - id: hand-written
    statistic: people-displaced
    text: The valley flooded in March.
    citations:
      - document: herald
        quote: "Floods hit the valley in March."
"""


def project(tmp_path: Path, claims: str = CLAIMS) -> list[str]:
    """A small project in tmp_path; the options that point the commands at it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "herald.txt").write_text(HERALD, encoding="utf-8")
    (corpus / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(claims, encoding="utf-8")
    return ["--corpus", str(corpus), "--claims", str(tmp_path / "claims.yaml")]


def test_draft_prints_yaml_that_loads_with_one_claim_per_document(tmp_path: Path) -> None:
    where = project(tmp_path)
    result = runner.invoke(app, ["draft", "people displaced", *where])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert "statistics" not in data  # the statistic exists: none proposed
    by_document = {c["citations"][0]["document"]: c for c in data["claims"]}
    assert sorted(by_document) == ["gazette", "herald"]
    herald, gazette = by_document["herald"], by_document["gazette"]
    assert herald["status"] == "draft" and herald["statistic"] == "people-displaced"
    assert herald["figure"] == {"value": 12000, "qualifier": "over"}
    assert herald["citations"][0]["quote"] == "More than 12,000 people fled their homes, the agency said."
    assert gazette["figure"] == {"value": 8500, "qualifier": "about"}
    assert herald["id"] == "herald-people-displaced-12000"
    assert "drafted 2 claims from 2 documents" in result.stderr


def test_json_format_gives_the_same_claims(tmp_path: Path) -> None:
    where = project(tmp_path)
    result = runner.invoke(app, ["draft", "people displaced", "--format", "json", *where])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["claims"]] == ["gazette-people-displaced-8500", "herald-people-displaced-12000"]
    assert data["claims"][0]["source"]["line"] == 2


def test_write_keeps_comments_and_order_then_check_warns_and_strict_fails(tmp_path: Path) -> None:
    where = project(tmp_path)
    result = runner.invoke(app, ["draft", "people displaced", "--write", *where])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # written, not printed
    text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert text.startswith(CLAIMS)  # every line of the file as it was, the new claims after them
    assert "# the first claim, written by hand" in text
    claims = load_claims(tmp_path / "claims.yaml")
    assert [c.id for c in claims.claims] == [
        "hand-written",
        "gazette-people-displaced-8500",
        "herald-people-displaced-12000",
    ]
    assert [c.status for c in claims.claims] == [None, "draft", "draft"]

    check = runner.invoke(app, ["check", *where])
    assert check.exit_code == 0, check.output
    drafts = [line for line in check.stdout.splitlines() if line.endswith("[draft]")]
    assert len(drafts) == 2 and all(": warning: " in line for line in drafts)
    assert drafts[0].startswith(f"{tmp_path / 'claims.yaml'}:{claims.claims[1].line}:")
    strict = runner.invoke(app, ["check", "--strict", *where])
    assert strict.exit_code == 1
    assert "FAIL 3 claims: 1 passed, 2 failed" in strict.stdout

    grep = runner.invoke(app, ["grep", "12,000", *where])
    assert "herald-people-displaced-12000 (draft)" in grep.stdout


def test_a_second_run_drafts_nothing_new(tmp_path: Path) -> None:
    where = project(tmp_path)
    assert runner.invoke(app, ["draft", "people displaced", "--write", *where]).exit_code == 0
    before = (tmp_path / "claims.yaml").read_bytes()
    again = runner.invoke(app, ["draft", "people displaced", "--write", *where])
    assert again.exit_code == 1
    assert "skipped 2 figures already claimed" in again.stderr
    assert (tmp_path / "claims.yaml").read_bytes() == before


def test_a_figure_claimed_by_hand_is_skipped(tmp_path: Path) -> None:
    claims = CLAIMS + (
        "\n  - id: herald-over-12000\n    statistic: people-displaced\n    text: Over 12,000 fled.\n"
        "    figure: {value: 12000, qualifier: over}\n    citations:\n      - document: herald\n"
        '        quote: "More than 12,000 people fled their homes"\n'
    )
    result = runner.invoke(app, ["draft", "people displaced", *project(tmp_path, claims)])
    assert result.exit_code == 0, result.output
    assert [c["citations"][0]["document"] for c in yaml.safe_load(result.stdout)["claims"]] == ["gazette"]
    assert "herald line 2: '12,000' (people-displaced), claim herald-over-12000" in result.stderr


def test_ids_never_collide_with_existing_ones(tmp_path: Path) -> None:
    # A claim of the file already has the id the herald's draft would take (about another figure).
    taken = CLAIMS.replace("id: hand-written", "id: herald-people-displaced-12000")
    result = runner.invoke(app, ["draft", "people displaced", *project(tmp_path, taken)])
    assert result.exit_code == 0, result.output
    ids = [c["id"] for c in yaml.safe_load(result.stdout)["claims"]]
    assert ids == ["gazette-people-displaced-8500", "herald-people-displaced-12000-2"]


def test_free_text_proposes_a_statistic_and_is_stable(tmp_path: Path) -> None:
    where = project(tmp_path)
    result = runner.invoke(app, ["draft", "homes destroyed", "--write", *where])
    assert result.exit_code == 0, result.output
    claims = load_claims(tmp_path / "claims.yaml")
    assert [(s.id, s.label) for s in claims.statistics][-1] == ("homes-destroyed", "homes destroyed")
    drafted = [c for c in claims.claims if c.status == "draft"]
    assert [(c.id, c.statistic, c.figure.value if c.figure else None) for c in drafted] == [
        ("herald-homes-destroyed-300", "homes-destroyed", 300)
    ]
    assert runner.invoke(app, ["draft", "homes destroyed", *where]).exit_code == 1  # now named, nothing new
    assert runner.invoke(app, ["check", *where]).exit_code == 0


def test_document_drafts_its_figures_grouped_by_what_they_count(tmp_path: Path) -> None:
    where = project(tmp_path)
    result = runner.invoke(app, ["draft", "--document", "herald", *where])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert [(c["statistic"], c["figure"]) for c in data["claims"]] == [
        ("people-displaced", {"value": 12000, "qualifier": "over"}),  # the file's statistic first
        ("amounts-in-usd", {"value": 2000000, "unit": "USD"}),
        ("homes", {"value": 300}),
    ]
    assert [(s["id"], s["kind"]) for s in data["statistics"]] == [("amounts-in-usd", "money"), ("homes", "count")]


def test_a_write_that_would_make_the_file_invalid_leaves_it_unchanged(tmp_path: Path) -> None:
    # Valid YAML that ends with a document end marker: claims appended after it would be a second document.
    ended = "statistics:\n  - id: people-displaced\n    label: people displaced\n    aliases: [fled their homes]\n...\n"
    where = project(tmp_path, ended)
    before = (tmp_path / "claims.yaml").read_bytes()
    result = runner.invoke(app, ["draft", "people displaced", "--write", *where])
    assert result.exit_code == 2
    assert (tmp_path / "claims.yaml").read_bytes() == before
    assert "the drafted entries would make the claims file invalid, so it is left as it was" in result.stderr
    assert f"{tmp_path / 'claims.yaml'}:6:1: error: invalid YAML" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temporary file left


def test_write_into_init_s_empty_lists(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "corpus" / "herald.txt").write_text(HERALD, encoding="utf-8")
    where = ["--corpus", str(tmp_path / "corpus"), "--claims", str(tmp_path / "claims.yaml")]
    result = runner.invoke(app, ["draft", "homes destroyed", "--write", *where])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert "statistics:\n  - id: homes-destroyed\n" in text and "#  - id: herald-displaced" in text
    assert [c.id for c in load_claims(tmp_path / "claims.yaml").claims] == ["herald-homes-destroyed-300"]


def test_unknown_status_is_a_schema_error_with_its_place(tmp_path: Path) -> None:
    where = project(
        tmp_path,
        CLAIMS.replace(
            "    statistic: people-displaced\n    text: The",
            "    status: drafted\n    statistic: people-displaced\n    text: The",
        ),
    )
    result = runner.invoke(app, ["check", *where])
    assert result.exit_code == 2
    assert (
        f"{tmp_path / 'claims.yaml'}:12:13: error: invalid status 'drafted' in claim 'hand-written' "
        "(did you mean 'draft'? allowed: draft)" in result.stderr
    )


def test_bad_usage_is_exit_2(tmp_path: Path) -> None:
    where = project(tmp_path)
    both = runner.invoke(app, ["draft", "people displaced", "--document", "herald", *where])
    assert both.exit_code == 2 and "not both" in both.stderr
    unknown = runner.invoke(app, ["draft", "--document", "heral", *where])
    assert unknown.exit_code == 2 and "herald" in unknown.stderr


@pytest.mark.parametrize("mode", [["--format", "yaml"], []])
def test_nothing_found_is_exit_1(tmp_path: Path, mode: list[str]) -> None:
    result = runner.invoke(app, ["draft", "volcanic eruptions", *mode, *project(tmp_path)])
    assert result.exit_code == 1
    assert yaml.safe_load(result.stdout) == {"claims": []}


def test_drafts_of_the_bundled_project_pass_check(tmp_path: Path) -> None:
    """Every statistic of the bundled claims file, a free-text query and one document, written: check passes, with
    one draft warning per drafted claim and nothing else; --strict fails."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns(".factcheck"))
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    where = ["--corpus", str(tmp_path / "corpus"), "--claims", str(tmp_path / "claims.yaml")]
    for command in (["draft"], ["draft", "patients treated"], ["draft", "--document", "king-2020"]):
        result = runner.invoke(app, [*command, "--write", *where])
        assert result.exit_code == 0, (command, result.output)
    claims = load_claims(tmp_path / "claims.yaml")
    drafted = [c for c in claims.claims if c.status == "draft"]
    assert len(drafted) >= 5
    assert len({c.id for c in claims.claims}) == len(claims.claims)
    check = runner.invoke(app, ["check", *where])
    assert check.exit_code == 0, check.stdout
    assert check.stdout.splitlines()[-1].endswith(f"0 errors, {len(drafted)} warnings")
    assert sum(line.endswith("[draft]") for line in check.stdout.splitlines()) == len(drafted)
    assert runner.invoke(app, ["check", "--strict", *where]).exit_code == 1
    again = runner.invoke(app, ["draft", "--document", "king-2020", *where])
    assert again.exit_code == 1
