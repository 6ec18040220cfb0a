"""One set of format names: every command that prints a report takes table (text is another name for it) and json,
and csv, markdown or github where they fit, as the README's table says; the Markdown formats parse."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

CORPUS = {
    "herald": "City grows\n\nThe city now has 1.2 million residents, the statistics office said in 2021.\n",
    "gazette": "Census\n\nAbout 1.18 million residents | pipes live in the city, up from 1.1 million in 2010.\n",
}
CLAIMS = """statistics:
  - id: population
    label: city population
    aliases: [residents]
    kind: count
claims:
  - id: herald-population
    statistic: population
    text: The city has 1.2 million residents.
    figure: {value: 1200000}
    citations:
      - document: herald
        quote: "The city now has 1.2 million residents"
  - id: gazette-population
    statistic: population
    text: About 1.18 million residents live in the city.
    figure: {value: 1180000, qualifier: about}
    citations:
      - document: gazette
        quote: "About 1.18 million residents | pipes live in the city"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> tuple[int, str, str]:
    options = ["--corpus", str(project / "corpus")]
    if args[0] == "index":
        options += ["--index", str(project / "index.sqlite3")]
    elif args[0] != "extract":
        options.append("--no-index")
    if args[0] in ("compare", "grep", "check"):
        options += ["--claims", str(project / "claims.yaml")]
    result = runner.invoke(app, [*args, *options])
    return result.exit_code, result.stdout, result.stderr


def readme_formats() -> dict[str, list[str]]:
    """The README's table of formats: command → the formats it names, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| command | `--format` |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", table, flags=re.MULTILINE)
    return {command: re.findall(r"`(\w+)`", cells) for command, cells in rows}


def help_formats(command: str) -> tuple[list[str], str]:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    (metavar,) = re.findall(r"--format <([\w|]+)>", result.stdout)  # the choices, shown once
    return metavar.split("|"), " ".join(result.stdout.split())


def test_the_readme_table_names_every_command_that_reports() -> None:
    assert list(readme_formats()) == [
        "compare",
        "check",
        "grep",
        "extract",
        "sources",
        "disputes",
        "evaluate",
        "index",
        "report",
        "export",
        "draft",
    ]


@pytest.mark.parametrize("command", sorted(readme_formats()))
def test_the_readme_table_is_what_help_says(command: str) -> None:
    formats, help_text = help_formats(command)
    assert formats == readme_formats()[command]
    if "table" in formats:  # the alias is said once, in the option's help, not listed as a format of its own
        assert formats[:2] == ["table", "json"]
        assert "(text: the same as table)" in help_text and "[default: table]" in help_text


@pytest.mark.parametrize(
    "args",
    [("check",), ("compare", "city population"), ("grep", "residents"), ("extract",), ("sources",), ("index",)],
)
def test_text_is_another_name_for_table(project: Path, args: tuple[str, ...]) -> None:
    if args[0] == "index":  # built first; its report then says how long it took: compare what it lists
        run(project, *args)
        text = run(project, *args, "--format", "text")[1].split("seconds")[0]
        table = run(project, *args, "-f", "table")[1].split("seconds")[0]
    else:
        text, table = run(project, *args, "--format", "text")[1], run(project, *args, "-f", "TABLE")[1]
    assert text == table and text.strip()


def test_check_has_table_as_its_default(project: Path) -> None:
    code, out, _ = run(project, "check")
    assert code == 0 and out == "PASS 2 claims: 2 passed, 0 failed; 0 errors, 0 warnings\n"
    assert run(project, "check", "--format", "table")[1] == out


@pytest.mark.parametrize(("command", "wrong"), [("check", "csv"), ("index", "markdown"), ("evaluate", "github")])
def test_a_format_a_command_lacks_is_bad_usage(project: Path, command: str, wrong: str) -> None:
    args = [command, "--format", wrong] + (["nothing.yaml"] if command == "evaluate" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"'{wrong}' is not one of table, json" in result.stderr
    assert "Traceback" not in result.output


def markdown_rows(text: str) -> list[list[str]]:
    """The rows of a Markdown table (header first), cells unescaped; checks the separator and one row per line."""
    lines = text.strip().splitlines()
    assert re.fullmatch(r"\|( --- \|)+", lines[1])
    rows = [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
    assert all(len(row) == len(rows[0]) for row in rows)
    return [rows[0]] + [[re.sub(r"\\(.)", r"\1", cell).replace("**", "") for cell in row] for row in rows[2:]]


def test_grep_markdown(project: Path) -> None:
    code, out, _ = run(project, "grep", "residents", "--format", "markdown")
    assert code == 0
    header, *rows = markdown_rows(out)
    assert header == ["claim", "statistic", "figure", "text", "cited in"]
    assert rows == [
        ["herald-population", "population", "1.2 million", "The city has 1.2 million residents.", "herald"],
        [
            "gazette-population",
            "population",
            "≈1.18 million",
            "About 1.18 million residents live in the city.",
            "gazette",
        ],
    ]
    assert "**residents**" in out  # the match in bold, as the table shows it in reverse video


def test_grep_sentences_markdown(project: Path) -> None:
    code, out, _ = run(project, "grep", "--sentences", "pipes", "--format", "markdown")
    assert code == 0
    header, *rows = markdown_rows(out)
    assert header == ["document", "line", "sentence", "figures"]
    sentence = "About 1.18 million residents | pipes live in the city, up from 1.1 million in 2010."
    assert rows == [["gazette", "3", sentence, "1.18 million, 1.1 million"]]


def test_extract_markdown_has_a_row_per_figure_of_the_json(project: Path) -> None:
    code, out, _ = run(project, "extract", "--format", "markdown")
    assert code == 0
    header, *rows = markdown_rows(out)
    figures = json.loads(run(project, "extract", "--format", "json")[1])
    assert header[:4] == ["document", "line", "figure", "value"] and header[-1] == "sentence"
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        (f["document"], str(f["line"]), f["text"], f["kind"]) for f in figures
    ]
    assert rows[0] == [
        "gazette",
        "3",
        "1.18 million",
        "1.18 million",
        "about",
        "count",
        "level",
        "residents",
        "",
        "",
        "About 1.18 million residents | pipes live in the city, up from 1.1 million in 2010.",
    ]


def test_sources_markdown(project: Path) -> None:
    code, out, _ = run(project, "sources", "--format", "markdown")
    assert code == 0
    header, *rows = markdown_rows(out)
    assert header == ["id", "title", "publisher", "published", "kind", "sentences", "figures"]
    documents = json.loads(run(project, "sources", "--format", "json")[1])["documents"]
    assert rows == [[d["id"], "", "", "", "", str(d["sentences"]), str(d["figures"])] for d in documents]
    assert [(r[0], r[6]) for r in rows] == [("gazette", "2"), ("herald", "1")]


def test_json_keeps_its_schema(project: Path) -> None:
    assert json.loads(run(project, "grep", "residents", "-f", "json")[1])["schema"] == 1
    assert json.loads(run(project, "sources", "-f", "json")[1])["schema"] == 1
    assert json.loads(run(project, "check", "-f", "json")[1])["schema"] == 1
    assert json.loads(run(project, "compare", "city population", "-f", "json")[1])["schema"] == 2
