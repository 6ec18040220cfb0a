"""Every command through the CLI: exit codes, stdout against stderr, formats, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = str(ROOT / "corpus")
CLAIMS = str(ROOT / "claims.yaml")
runner = CliRunner()

COMMANDS = ["compare", "check", "grep", "extract", "sources", "report", "export", "index"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def small_corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "herald.txt").write_text(
        "City grows\n\nThe city now has 1.2 million residents, the statistics office said in 2021.\n", encoding="utf-8"
    )
    (corpus / "gazette.txt").write_text(
        "Census\n\nAbout 1.18 million residents live in the city, up from 1.1 million in 2010.\n", encoding="utf-8"
    )
    (corpus / "blog.txt").write_text("Why I love the city\n\nThe parks are lovely in spring.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        """statistics:
  - id: population
    label: city population
    aliases: [residents, inhabitants]
    kind: count
claims:
  - id: herald-population
    statistic: population
    text: The city has 1.2 million residents.
    figure: {value: 1200000}
    citations:
      - document: herald
        quote: "The city now has 1.2 million residents"
""",
        encoding="utf-8",
    )
    return corpus, claims


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "--format" in out
    assert "Usage" in out


def test_compare_bundled_corpus_json_contract() -> None:
    code, out, _ = run("compare", "doctors abroad", "--format", "json", "--corpus", CORPUS, "--claims", CLAIMS)
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == 2
    assert data["query"] == "doctors abroad"
    assert data["statistic"] is not None and data["resolved"] == "named"
    assert [s["statistic"] for s in data["statistics"]] == [data["statistic"]]
    assert len(data["documents"]) + data["without_figures"] == 5
    finding = data["documents"][0]["findings"][0]
    assert set(finding) >= {
        "text",
        "value",
        "low",
        "high",
        "qualifier",
        "kind",
        "unit",
        "per",
        "year",
        "year_from",
        "scope",
        "ambiguous",
        "sentence",
        "line",
        "start",
        "end",
        "score",
    }
    assert {"scope", "unit", "per", "verdict", "low", "high", "spread", "agreeing", "conflicting", "outliers"} <= set(
        data["agreement"][0]
    )


def test_compare_finds_each_document_in_a_small_corpus(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, out, _ = run("compare", "city population", "-f", "json", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 0
    data = json.loads(out)
    by_doc = {d["id"]: d["findings"] for d in data["documents"]}
    assert by_doc["herald"][0]["value"] == 1_200_000
    assert by_doc["gazette"][0]["value"] == 1_180_000
    assert by_doc["gazette"][0]["qualifier"] == "about"
    assert "blog" not in by_doc and data["without_figures"] == 1
    assert data["claims"][0]["verdict"] == "supported"


def test_compare_table_shows_silent_documents(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, out, _ = run("compare", "residents", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 0
    assert "no figure" in out
    assert "1.2 million" in out


def test_compare_table_cuts_long_agreement_lists_at_the_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Five documents, five values far apart: every pair conflicts (10 pairs).
    for i, value in enumerate([100, 300, 900, 2700, 8100]):
        (corpus / f"doc{i}.txt").write_text(f"Report\n\nThe town has {value} residents.\n", encoding="utf-8")
    code, out, _ = run("compare", "residents", "--corpus", str(corpus), "--no-index", "--limit", "2")
    assert code == 0
    assert out.count("conflict: doc") == 2
    assert "… and 8 more conflicting pairs" in out
    assert "3 more documents with figures not shown" in out
    chart = [line for line in out.splitlines() if "│" in line and "●" in line]
    assert len(chart) == 2  # the chart of the two documents shown
    code, out, _ = run("compare", "residents", "--corpus", str(corpus), "--no-index", "--limit", "2", "-f", "json")
    assert code == 0
    assert len(json.loads(out)["agreement"][0]["conflicting"]) == 10  # JSON keeps every pair


def test_compare_table_cuts_the_claims_and_their_documents_at_the_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):  # four documents that all say 500 residents
        (corpus / f"doc{i}.txt").write_text("Report\n\nThe town has 500 residents.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    entries = "".join(
        f"""  - id: claim-{i}
    statistic: residents
    text: The town has 500 residents.
    figure: {{value: 500}}
    citations:
      - document: doc0
        quote: The town has 500 residents.
"""
        for i in range(3)
    )
    claims.write_text(
        f"statistics:\n  - id: residents\n    label: residents\n    kind: count\nclaims:\n{entries}", encoding="utf-8"
    )
    args = ("compare", "residents", "--corpus", str(corpus), "--claims", str(claims), "--no-index", "--limit", "2")
    code, out, _ = run(*args)
    assert code == 0
    assert "claim-0" in out and "claim-1" in out and "claim-2" not in out
    assert "… and 1 more claim: 1 supported (--limit 2" in out
    # the agreement line, and each claim shown, list two documents of four
    assert out.count("doc0, doc1, … and 2 more") == 3
    code, out, _ = run(*args, "-f", "json")
    assert code == 0
    assert [len(c["supported_by"]) for c in json.loads(out)["claims"]] == [4, 4, 4]  # JSON keeps them all


def test_compare_nothing_found_exits_1(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, _, _ = run("compare", "volcanic eruptions", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 1


def test_missing_corpus_exits_2_with_a_message(tmp_path: Path) -> None:
    code, out, err = run("compare", "x", "--corpus", str(tmp_path / "nope"))
    assert code == 2
    assert out == ""
    assert "nope" in err and "Traceback" not in err


def test_malformed_claims_exit_2_naming_line_and_column(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    claims.write_text("statistics:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    code, _, err = run("check", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 2
    assert re.search(rf"{re.escape(str(claims))}:\d+:\d+", err)
    assert "Traceback" not in err


def test_check_bundled_claims_pass() -> None:
    code, out, _ = run("check", "--corpus", CORPUS, "--claims", CLAIMS)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("PASS")


def test_check_catches_a_changed_figure(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    claims.write_text(claims.read_text().replace('has 1.2 million residents"', 'has 1.3 million residents"'))
    code, out, _ = run("check", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 1
    assert f"{claims}:12:9:" in out  # the citation (line 12, column 9: "document: herald")
    assert "error" in out and out.strip().splitlines()[-1].startswith("FAIL")


def test_check_github_annotations(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    claims.write_text(claims.read_text().replace("document: herald", "document: heral"))
    code, out, _ = run("check", "-f", "github", "--corpus", str(corpus), "--claims", str(claims))
    assert code == 1
    assert re.search(r"^::error file=.*,line=12,col=9,title=factcheck unknown-document::.*herald", out, re.M)


def test_check_json(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, out, _ = run("check", "-f", "json", "--corpus", str(corpus), "--claims", str(claims))
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1 and data["passed"] is True
    assert data["summary"]["claims"] == 1


def test_grep_finds_and_misses(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, out, _ = run("grep", "million", "--claims", str(claims), "--corpus", str(corpus), "-f", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("id,") and "herald-population" in out
    assert run("grep", "zebra", "--claims", str(claims))[0] == 1
    assert run("grep", "milion", "--fuzzy", "--claims", str(claims))[0] == 0
    assert run("grep", "(", "--regex", "--claims", str(claims))[0] == 2


def test_grep_sentences(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    code, out, _ = run("grep", "residents", "--sentences", "-f", "json", "--corpus", str(corpus))
    assert code == 0
    hits = json.loads(out)["sentences"]
    assert {h["document"] for h in hits} == {"herald", "gazette"}


def test_extract_reads_stdin_as_json() -> None:
    code, out, _ = run("extract", "-", "-f", "json", input="Revenue rose to more than $2.5bn in 2019.\n")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 1
    assert rows[0]["value"] == 2_500_000_000 and rows[0]["qualifier"] == "over" and rows[0]["path"] == "-"
    assert rows[0]["line"] == 1 and rows[0]["sentence"].startswith("Revenue")


def test_extract_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err


def test_sources_lists_documents(tmp_path: Path) -> None:
    corpus, _ = small_corpus(tmp_path)
    code, out, _ = run("sources", "-f", "json", "--corpus", str(corpus))
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["blog", "gazette", "herald"]


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    corpus, _ = small_corpus(tmp_path)
    (corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    code, out, err = run("sources", "-f", "csv", "--corpus", str(corpus))
    assert code == 0
    assert "image.txt" in err and "warning" in err
    assert "image" not in out


def test_no_color_means_no_escape_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, claims = small_corpus(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run("compare", "residents", "--corpus", str(corpus), "--claims", str(claims))
    assert "\x1b[" not in out


def test_environment_variables_name_the_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, claims = small_corpus(tmp_path)
    monkeypatch.setenv("FACTCHECK_CORPUS", str(corpus))
    monkeypatch.setenv("FACTCHECK_CLAIMS", str(claims))
    assert run("check")[0] == 0


def test_the_index_gives_the_same_answer_as_memory(tmp_path: Path) -> None:
    corpus, claims = small_corpus(tmp_path)
    args = ["compare", "residents", "-f", "json", "--corpus", str(corpus), "--claims", str(claims)]
    cold = run(*args)
    assert (corpus / ".factcheck" / "index.sqlite3").exists()
    warm = run(*args)
    memory = run(*args, "--no-index")
    assert cold[0] == warm[0] == memory[0] == 0
    assert cold[1] == warm[1] == memory[1]
    elsewhere = tmp_path / "elsewhere.sqlite3"
    assert run(*args, "--index", str(elsewhere))[1] == memory[1] and elsewhere.exists()


def test_readme_shows_the_real_help() -> None:
    """The `factcheck --help` shown in README.md lists the real commands and options, in the real order."""
    result = runner.invoke(app, ["--help"], prog_name="factcheck")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ factcheck --help\n", 1)[1].split("```", 1)[0]

    def entries(text: str) -> list[str]:
        commands = text.split("Commands:", 1)[1]
        return [line.split()[0] for line in commands.splitlines() if line.startswith("  ")]

    def options(text: str) -> list[str]:
        return [line.split()[0] for line in text.splitlines() if line.strip().startswith("--")]

    assert entries(shown) == entries(result.stdout) and len(entries(shown)) >= 8
    assert options(shown) == options(result.stdout)


def test_a_query_that_fits_two_statistics_answers_for_both(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "Washington raised its tariff on Canadian goods to 35%. Ottawa answered with a 25% tariff on American goods.\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        """statistics:
  - id: us-on-canada
    label: US tariff on Canadian goods
    kind: percent
  - id: canada-on-us
    label: Canadian tariff on US goods
    kind: percent
  - id: steel-output
    label: steel output
""",
        encoding="utf-8",
    )
    where = ["--corpus", str(corpus), "--claims", str(claims)]
    code, out, _ = run("compare", "tariffs on goods", "--format", "json", *where)
    assert code == 0, out
    data = json.loads(out)
    # Free text that fits both tariffs about equally answers for both, each on its own; the best one on top.
    assert sorted(s["statistic"] for s in data["statistics"]) == ["canada-on-us", "us-on-canada"]
    assert {s["resolved"] for s in data["statistics"]} == {"one of several"}
    assert data["statistic"] == data["statistics"][0]["statistic"]
    code, out, _ = run("compare", "tariffs on goods", *where)
    assert code == 0 and out.count("one of the statistics it fits") == 2
    # A query that names one answers for it alone, however alike the two are.
    code, out, _ = run("compare", "canada-on-us", "--format", "json", *where)
    assert [s["statistic"] for s in json.loads(out)["statistics"]] == ["canada-on-us"]
    code, out, _ = run("compare", "total steel output", "--format", "json", *where)
    assert json.loads(out)["resolved"] == "paraphrase"
