"""Hostile input, what comes out (issue 13): terminals, Markdown, CSV, numeric options, runaway patterns, last resort.

One corpus and claims file carry terminal escape sequences, C1 controls and bidi overrides, HTML and spreadsheet
formulas in every place a file can put text (a document's text, title and file name; a statistic's label; a claim's
text); every command runs on it once in every format it has, and each test asserts one property over those runs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render import FORMULA_START, csv_cell, md, printable, printable_spans, to_json
from tests.hostile.conftest import ROOT, Run, Snapshot, raw_controls, run_cli

# An OSC that retitles the terminal, a CSI that clears it, a C1 CSI, DEL, backspace and two bidi controls.
CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x9b\x7f\x08\u202e\u2066"
HTML = "<script>alert(1)</script><iframe src=x></iframe><img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x","y")'
EVIL_NAME = "gaz\x1b[31mette"  # a document whose file name holds an escape sequence


def _yaml(text: str) -> str:
    """A double-quoted YAML string: JSON's escapes (\\u001b ...) are YAML's too."""
    return json.dumps(text)


def make_hostile(root: Path) -> tuple[Path, Path]:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "herald.txt").write_text(
        f"---\ntitle: {_yaml('Herald ' + CONTROLS)}\n---\nCity grows\n\n"
        f"The city now has 1.2 million residents {CONTROLS} {HTML} | the office said in 2021.\n",
        encoding="utf-8",
    )
    (corpus / f"{EVIL_NAME}.txt").write_text(
        f"Census\n\n{FORMULA} About 1.18 million residents live in the city, up from 1.1 million in 2010.\n",
        encoding="utf-8",
    )
    claims = root / "claims.yaml"
    claims.write_text(
        "meta: {organisation: Desk, url: 'https://example.org/checks'}\n"
        "statistics:\n"
        "  - id: population\n"
        f"    label: {_yaml('city population ' + CONTROLS + HTML)}\n"
        "claims:\n"
        "  - id: herald-population\n"
        "    statistic: population\n"
        f"    text: {_yaml(FORMULA + ' The city has 1.2 million residents ' + CONTROLS + HTML)}\n"
        "    figure: {value: 1200000}\n"
        "    tags: ['@risk', '-minus']\n"
        "    citations:\n"
        "      - document: herald\n"
        "        quote: The city now has 1.2 million residents\n",
        encoding="utf-8",
    )
    return corpus, claims


# Every command that reports, in every format it has: (name, arguments, exit code).
COMMANDS: list[tuple[str, tuple[str, ...], int]] = [
    *((f"compare {f}", ("compare", "city residents", "-f", f), 0) for f in ("table", "json", "csv", "markdown")),
    *((f"check {f}", ("check", "-f", f), 0) for f in ("text", "json", "github")),
    *((f"grep {f}", ("grep", "city", "-f", f), 0) for f in ("table", "json", "csv")),
    *((f"grep --sentences {f}", ("grep", "city", "--sentences", "-f", f), 0) for f in ("table", "json", "csv")),
    *((f"extract {f}", ("extract", "-f", f), 0) for f in ("table", "json", "csv")),
    *((f"sources {f}", ("sources", "-f", f), 0) for f in ("table", "json", "csv")),
    *((f"report {f}", ("report", "-f", f, "-o", "-"), 0) for f in ("html", "markdown")),
    *((f"export {f}", ("export", "-f", f), 0) for f in ("claimreview", "csv", "json")),
    *((f"index {f}", ("index", "-f", f), 0) for f in ("table", "json")),
]
TEXT_FORMATS = ("table", "text", "markdown", "html")  # the escaped payload must show in these


def run_many(calls: Sequence[tuple[Any, ...]], cwd: Path, **kwargs: Any) -> list[Run]:
    """Run several commands at once (each in its own process, under the harness's checks)."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda args: run_cli(*args, cwd=cwd, **kwargs), calls))


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    root = tmp_path_factory.mktemp("hostile")
    corpus, claims = make_hostile(root)
    snap = Snapshot(corpus, claims)
    first = run_cli(*COMMANDS[-2][1], cwd=root)  # `index`: built once, so that the runs below only read it
    runs = run_many([args for _, args, _ in COMMANDS[:-2] + COMMANDS[-1:]], cwd=root)
    runs[-1:-1] = [first]
    snap.assert_unchanged()
    yield {name: run for (name, _, _), run in zip(COMMANDS, runs, strict=True)}


@pytest.mark.parametrize(("name", "code"), [(name, code) for name, _, code in COMMANDS])
def test_every_command_answers_with_nothing_raw_on_the_terminal(
    hostile_runs: dict[str, Run], name: str, code: int
) -> None:
    run = hostile_runs[name]
    assert run.code == code, run.stderr
    assert raw_controls(run.stdout) == set(), f"raw controls on stdout of {name}"
    assert raw_controls(run.stderr) == set(), f"raw controls on stderr of {name}"
    if name.endswith(TEXT_FORMATS) and not name.startswith(("check", "index")):
        # A table may fold a long escape across two lines ("...\\" then "u202e"): its letters are enough to show
        # it is shown escaped, as the raw character is asserted absent above.
        assert "\\x1b" in run.stdout and "u202e" in run.stdout, f"{name} hides the controls instead of showing them"


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


@pytest.mark.parametrize(
    "name", ["compare json", "grep json", "grep --sentences json", "extract json", "sources json", "export json"]
)
def test_json_keeps_the_exact_text_with_every_control_escaped(hostile_runs: dict[str, Run], name: str) -> None:
    data = json.loads(hostile_runs[name].stdout)
    assert any(CONTROLS in s for s in _strings(data)), f"{name} lost the text as written"
    assert "\\u009b" in hostile_runs[name].stdout and "\\u202e" in hostile_runs[name].stdout


def test_claimreview_keeps_the_text_and_cannot_end_a_script(hostile_runs: dict[str, Run]) -> None:
    run = hostile_runs["export claimreview"]
    assert any(CONTROLS in s for s in _strings(json.loads(run.stdout)))
    assert "<" not in run.stdout


@pytest.mark.parametrize("name", ["compare markdown", "report markdown"])
def test_markdown_escapes_html_and_table_breakers(hostile_runs: dict[str, Run], name: str) -> None:
    out = hostile_runs[name].stdout
    for tag in ("<script", "<iframe", "<img"):
        assert re.search(rf"(?<!\\){tag}", out) is None, f"{name} copies {tag} raw"
    assert "\\<script\\>" in out
    header = ""
    for line in out.splitlines():
        if not line.startswith("| "):
            header = ""
            continue
        header = header or line  # the first row of a table is its header
        assert _cells(line) == _cells(header), f"a '|' or newline from a file broke a row: {line}"


def _cells(row: str) -> int:
    return row.replace("\\|", "").count("|")


def test_html_report_escapes_everything(hostile_runs: dict[str, Run]) -> None:
    out = hostile_runs["report html"].stdout
    assert "<script>" not in out and "<iframe" not in out and "<img" not in out
    assert "&lt;script&gt;alert" in out


CSV_RUNS = ["compare csv", "grep csv", "grep --sentences csv", "extract csv", "sources csv", "export csv"]


@pytest.mark.parametrize("name", CSV_RUNS)
def test_csv_cells_never_start_a_formula(hostile_runs: dict[str, Run], name: str) -> None:
    rows = list(csv.reader(io.StringIO(hostile_runs[name].stdout)))
    cells = [cell for row in rows for cell in row]
    risky = [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]
    assert risky == [], f"{name}: cells a spreadsheet would run: {risky}"
    assert any(c.startswith("'=HYPERLINK") for c in cells) or name.startswith("sources"), f"{name} dropped the formula"


def _number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return text in ("-", "+")
    return True


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, "-5"),
        (-2.5, "-2.5"),
        ("-20", "-20"),
        ("-3.5%", "-3.5%"),
        ("-", "-"),
        ("-5 degrees", "'-5 degrees"),
        ("=1+1", "'=1+1"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-1+1", "'-1+1"),
        (["=a", "b"], "'=a; b"),
        ("plain", "plain"),
        ("\r=1", "\\x0d=1"),
    ],
)
def test_csv_cell(value: Any, cell: str) -> None:
    assert csv_cell(value) == cell


def test_printable_escapes_controls_and_keeps_tab_and_newline() -> None:
    assert printable("a\x1b[31mb\tc\nd\x9b\u202e\u2069\x7f") == "a\\x1b[31mb\tc\nd\\x9b\\u202e\\u2069\\x7f"
    assert printable("plain “text” — café") == "plain “text” — café"


def test_printable_spans_follow_their_text() -> None:
    text, spans = printable_spans("\x1bab\x1bcd", [(1, 3), (4, 6)])
    assert text == "\\x1bab\\x1bcd"
    assert [text[a:b] for a, b in spans] == ["ab", "cd"]


def test_json_escapes_c1_and_bidi_and_round_trips() -> None:
    out = to_json({"t": CONTROLS})
    assert raw_controls(out) == set()
    assert json.loads(out) == {"t": CONTROLS}


def test_md_escapes_html_pipes_newlines_and_controls() -> None:
    assert md("<b>x</b> | y\nz \x1b") == "\\<b\\>x\\</b\\> \\| y z \\\\x1b"


# --- stderr: messages that quote a file's text ----------------------------------------------------------------


def test_a_message_that_quotes_a_bad_id_shows_its_controls_escaped(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    claims.write_text(claims.read_text().replace("id: herald-population", f"id: {_yaml('bad' + CONTROLS)}"))
    snap = Snapshot(corpus, claims)
    runs = run_many(
        [("check", "--corpus", corpus, "--claims", claims, "--no-index"), ("grep", "city", "--claims", claims)],
        cwd=claims.parent,
    )
    for run in runs:
        assert run.code == 2, run.stderr
        assert str(claims) in run.stderr and "\\x1b" in run.stderr
        assert raw_controls(run.stdout + run.stderr) == set()
    snap.assert_unchanged()


def test_a_warning_that_names_a_file_shows_its_controls_escaped(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    (corpus / f"bin{CONTROLS}.txt").write_bytes(b"\x00\x01\x02" * 100)
    snap = Snapshot(corpus, claims)
    for run in run_many([("sources", "--corpus", corpus, "--no-index"), ("extract", corpus)], cwd=claims.parent):
        assert run.code == 0, run.stderr
        assert "bin\\x1b]0;pwned" in run.stderr
        assert raw_controls(run.stdout + run.stderr) == set()
    snap.assert_unchanged()


# --- numeric options ----------------------------------------------------------------------------------------

BAD_NUMBERS = [
    ("compare", "--min-score", "nan", "0 to 100"),
    ("compare", "--min-score", "inf", "0<=x<=100"),
    ("compare", "--min-score", "-1", "0<=x<=100"),
    ("compare", "--min-score", "1e400", "0<=x<=100"),
    ("compare", "--tolerance", "NaN", "0 to 1"),
    ("compare", "--tolerance", "-inf", "0<=x<=1"),
    ("compare", "--tolerance", "2", "0<=x<=1"),
    ("compare", "--top", "0", "x>=1"),
    ("compare", "--top", "nan", "int"),
    ("compare", "--limit", "-1", "x>=1"),
    ("grep", "--threshold", "nan", "0 to 100"),
    ("grep", "--threshold", "101", "0<=x<=100"),
    ("grep", "--timeout", "nan", "0.01 to 3600"),
    ("grep", "--timeout", "0", "0.01<=x<=3600"),
]
FORMATS = {"compare": ("table", "json", "csv", "markdown"), "grep": ("table", "json", "csv")}


@pytest.mark.parametrize(("command", "option", "value", "allowed"), BAD_NUMBERS)
def test_nan_infinities_and_out_of_range_numbers_are_usage_errors(
    small_corpus: tuple[Path, Path], command: str, option: str, value: str, allowed: str
) -> None:
    """In process (the values are checked while the command line is parsed), in every format."""
    corpus, claims = small_corpus
    query = ["city", "--fuzzy"] if command == "grep" else ["city"]
    for fmt in FORMATS[command]:
        args = [command, *query, option, value, "-f", fmt, "--corpus", str(corpus), "--claims", str(claims)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert f"Invalid value for '{option}'" in result.output and allowed in result.output, result.output
        assert "Usage:" in result.output  # a usage error, before any output


def test_nan_is_refused_by_the_installed_command(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    snap = Snapshot(corpus, claims)
    compare, grep = run_many(
        [
            ("compare", "city", "--tolerance", "nan", "--corpus", corpus, "--claims", claims),
            ("grep", "city", "--fuzzy", "--threshold", "nan", "--claims", claims),
        ],
        cwd=claims.parent,
    )
    assert (compare.code, compare.stdout) == (2, "") and "'--tolerance': nan is not a number" in compare.stderr
    assert (grep.code, grep.stdout) == (2, "") and "'--threshold': nan is not a number" in grep.stderr
    snap.assert_unchanged()


def test_good_numbers_still_work(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    run = run_cli(
        "compare",
        "city",
        "--top",
        str(10**30),
        "--limit",
        str(10**30),
        "--tolerance",
        "0",
        "--corpus",
        corpus,
        "--no-index",
    )
    assert run.code == 0, run.stderr


# --- runaway regular expressions ------------------------------------------------------------------------------

RUNAWAY = "(a+)+$"
LONG_RUN = "a" * 5000 + "!"


def test_a_runaway_pattern_is_stopped_and_named_for_claims_and_sentences(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    (corpus / "long.txt").write_text(f"Title\n\n{LONG_RUN}\n", encoding="utf-8")
    claims.write_text(claims.read_text().replace("text: The city has", f"text: {LONG_RUN} The city has"))
    snap = Snapshot(corpus, claims)
    where = {False: f"{claims}:5: claim herald-population", True: f"{corpus / 'long.txt'}:3"}
    calls = [
        ("grep", "--regex", RUNAWAY, "--timeout", "0.1", "-f", fmt, *(["--sentences"] if sentences else []))
        + ("--corpus", corpus, "--claims", claims, "--no-index")
        for sentences in (False, True)
        for fmt in ("table", "json", "csv")
    ]
    for run in run_many(calls, cwd=claims.parent, timeout=20):
        assert run.code == 2, (run.args, run.stderr)
        assert f"'{RUNAWAY}' was stopped after" in run.stderr
        assert where["--sentences" in run.args] in run.stderr
        assert run.stdout == ""
    snap.assert_unchanged()


def test_a_regular_pattern_still_finds_and_an_invalid_one_is_explained(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    found, invalid = run_many(
        [
            ("grep", "--regex", r"\bc.ty\b", "1[.]2", "--corpus", corpus, "--claims", claims, "-f", "json"),
            ("grep", "--regex", "x(", "--corpus", corpus, "--claims", claims),
        ],
        cwd=claims.parent,
    )
    assert found.code == 0 and json.loads(found.stdout)["claims"][0]["id"] == "herald-population"
    assert invalid.code == 2 and "'x(' is not a valid regular expression" in invalid.stderr


# --- the last resort ------------------------------------------------------------------------------------------


def _run_to(stdout: int, *args: str | os.PathLike[str], cwd: Path, debug: str | None = None) -> tuple[int, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    env.pop("FACTCHECK_DEBUG", None)
    if debug is not None:
        env["FACTCHECK_DEBUG"] = debug
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=30,
        check=False,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (an unwritable stdout)")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_an_unexpected_failure_is_one_line_naming_the_command(small_corpus: tuple[Path, Path], fmt: str) -> None:
    corpus, claims = small_corpus
    with open("/dev/full", "wb") as full:
        code, err = _run_to(full.fileno(), "sources", "-f", fmt, "--corpus", corpus, "--no-index", cwd=claims.parent)
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines() == [
        "error: factcheck sources stopped on an unexpected error: OSError: [Errno 28] No space left on device; "
        "run again with --debug (or FACTCHECK_DEBUG=1) for the full trace"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (an unwritable stdout)")
@pytest.mark.parametrize(("flag", "env"), [(("--debug",), None), ((), "1")])
def test_debug_shows_the_trace(small_corpus: tuple[Path, Path], flag: tuple[str, ...], env: str | None) -> None:
    corpus, claims = small_corpus
    with open("/dev/full", "wb") as full:
        code, err = _run_to(
            full.fileno(), *flag, "sources", "--corpus", corpus, "--no-index", cwd=claims.parent, debug=env
        )
    assert code == 2
    assert "Traceback (most recent call last)" in err and "in sources" in err
    assert err.splitlines()[-1].startswith("error: factcheck sources stopped on an unexpected error: OSError")


@pytest.mark.parametrize("fmt", ["table"])
def test_a_reader_that_went_away_ends_the_command_quietly(small_corpus: tuple[Path, Path], fmt: str) -> None:
    corpus, claims = small_corpus
    read, write = os.pipe()
    os.close(read)  # as `factcheck ... | head` once head has gone
    try:
        code, err = _run_to(write, "extract", corpus, "-f", fmt, cwd=claims.parent)
    finally:
        os.close(write)
    assert (code, err) == (1, "")


def test_an_error_while_reading_a_file_names_the_file(small_corpus: tuple[Path, Path]) -> None:
    """A figure too large for a float in claims.yaml failed with a bare OverflowError; whatever catches it (the
    claims schema, or the last resort), the message is one line that names the claims file, exit 2."""
    corpus, claims = small_corpus
    claims.write_text(claims.read_text().replace("{value: 1200000}", "{value: 1" + "0" * 400 + "}"))
    snap = Snapshot(corpus, claims)
    for run in run_many(
        [
            ("grep", "city", "--claims", claims),
            ("check", "-f", "json", "--corpus", corpus, "--claims", claims, "--no-index"),
        ],
        cwd=claims.parent,
    ):
        assert run.code == 2, run.stderr
        assert str(claims) in run.stderr and run.stdout == ""
        assert "error:" in run.stderr
    snap.assert_unchanged()
