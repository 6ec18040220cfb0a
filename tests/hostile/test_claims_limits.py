"""Hostile claims files (and corpus YAML): nesting, numbers, size, aliases, and the cases that already held.

Every claims case runs against each command that reads claims (check, compare, grep, report, export), the five at
once in a thread pool (each is a subprocess with the harness's time limit), and asserts the exit code, that the
message names the file (and its line and column where there is one), and that no file of the user's changed.
"""

from __future__ import annotations

import os
import random
import stat
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from factcheck.corpus.claims import load_claims
from factcheck.corpus.yamlnodes import MAX_DEPTH, YAMLLimitError, check_limits
from factcheck.errors import ClaimsError
from tests.hostile.conftest import Run, Snapshot, run_cli

# The commands that read a claims file, with the arguments each needs besides --corpus and --claims.
CLAIMS_COMMANDS: Mapping[str, tuple[str, ...]] = {
    "check": ("check",),
    "compare": ("compare",),
    "grep": ("grep", "city"),
    "report": ("report", "--output", "{out}/report.html"),
    "export": ("export", "--format", "json"),
}
# A case that passed took about a second; on the code before these limits each of these took a minute or more.
QUICK = 20.0


def run_many(commands: Mapping[str, tuple[str, ...]], timeout: float = QUICK) -> dict[str, Run]:
    """Run each command (its arguments by name) concurrently; the results by name."""
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        runs = pool.map(lambda args: run_cli(*args, timeout=timeout), commands.values())
        return dict(zip(commands, runs, strict=True))


def run_claims_commands(corpus: Path, claims: Path | str, out: Path, timeout: float = QUICK) -> dict[str, Run]:
    """Run every command that reads claims on ``claims``, concurrently; the results by command name."""
    out.mkdir(exist_ok=True)
    return run_many(
        {
            name: (*(a.format(out=out) for a in args), "--no-index", "--corpus", str(corpus), "--claims", str(claims))
            for name, args in CLAIMS_COMMANDS.items()
        },
        timeout,
    )


def assert_refused(runs: Mapping[str, Run], where: str, *more: str) -> None:
    """Every run exited 2 with a message naming ``where`` (``path`` or ``path:line:column``) and ``more``."""
    for name, run in runs.items():
        assert run.code == 2, f"{name}: exit {run.code}\n{run.stderr}"
        assert where in run.stderr, f"{name} does not name {where}:\n{run.stderr}"
        for text in more:
            assert text in run.stderr, f"{name} does not say {text!r}:\n{run.stderr}"


def write_claims(path: Path, figures: list[str], quote: str = "The city now has 1.2 million residents") -> Path:
    """A claims file with one claim per figure (written as given), each citing ``quote`` in herald."""
    lines = ["statistics:", "  - id: population", "    label: city population", "claims:"]
    for i, figure in enumerate(figures):
        lines += [
            f"  - id: c{i}",
            "    statistic: population",
            "    text: The city has 1.2 million residents.",
            f"    figure: {{value: {figure}}}",
            "    citations:",
            "      - document: herald",
            f"        quote: {quote}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def aliased_quote_claims(path: Path, claims: int, quote: str, text_too: bool = False) -> Path:
    """``claims`` claims whose quote (and text, with ``text_too``) is an alias of one anchored ``quote``."""
    lines = ["meta:", "  url: https://example.org", f'  organisation: &q "{quote}"', "statistics:"]
    lines += ["  - id: population", "    label: city population", "claims:"]
    for i in range(claims):
        text = "*q" if text_too else "The city has 1.2 million residents."
        lines += [f"  - id: c{i}", "    statistic: population", f"    text: {text}", "    figure: {value: 1200000}"]
        lines += ["    citations:", "      - document: herald", "        quote: *q"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def long_quote(size: int) -> str:
    """About ``size`` characters of sentences about the city that stand in no document, each with a figure."""
    rng = random.Random(13)
    words = "the city now has residents and the office said about people live in this place which grows".split()
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < size:
        sentences.append(" ".join(rng.choice(words) for _ in range(12)).capitalize() + f" {37 * len(sentences)} live.")
    return " ".join(sentences)


# --- 1. nesting ---------------------------------------------------------------------------------------------------


def test_100000_nested_lists_in_claims_are_refused_at_the_level_past_the_limit(
    small_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, claims = small_corpus
    claims.write_text("claims: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    snap = Snapshot(corpus, claims)
    # The top-level mapping is level 1: the 100th '[' (at 0-based offset 8 + 99) opens level 101.
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    assert_refused(runs, f"{claims}:1:108:", f"more than {MAX_DEPTH} levels")
    snap.assert_unchanged()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("".join("  " * i + "-\n" for i in range(150)), 101, 201, id="block-lists"),
        pytest.param("".join("  " * i + "k:\n" for i in range(150)) + "  " * 150 + "v\n", 101, 201, id="block-maps"),
        pytest.param("a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 50 + "*a" + "]" * 50 + "\n", 2, 54, id="alias"),
    ],
)
def test_deep_block_nesting_and_deep_aliases_are_refused_with_their_place(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClaimsError) as caught:
        load_claims(path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(line, column)]
    assert f"more than {MAX_DEPTH} levels" in caught.value.problems[0].message


def test_nesting_up_to_the_limit_is_read() -> None:
    check_limits("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(YAMLLimitError):
        check_limits("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("claims: &a\n  - *a\n", encoding="utf-8")
    with pytest.raises(ClaimsError) as caught:
        load_claims(path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, 5)]
    assert "inside the node it names" in caught.value.problems[0].message


@pytest.mark.slow
def test_deep_front_matter_and_sources_yaml_are_refused_with_their_place(
    small_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, claims = small_corpus
    (corpus / "deep.md").write_text(
        "---\ntitle: Deep\nauthor: " + "[" * 50_000 + "]" * 50_000 + "\n---\nThe city has 1.2 million residents.\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "manifest"
    manifest.mkdir()
    (manifest / "a.txt").write_text("The city has 1.2 million residents.\n", encoding="utf-8")
    (manifest / "sources.yaml").write_text("documents:\n" + "- " * 50_000 + "x\n", encoding="utf-8")
    snap = Snapshot(corpus, claims, manifest)
    # Front matter: its second line is the file's third; "author: " is 8 characters, the 100th '[' opens level 101
    # (the front matter's mapping is level 1). sources.yaml: "- " pairs, level 101 opens at the 100th.
    for folder, where in ((corpus, f"{corpus / 'deep.md'}:3:108:"), (manifest, f"{manifest / 'sources.yaml'}:2:199:")):
        commands = {
            "check": ("check", "--claims", str(claims)),
            "compare": ("compare", "city population"),
            "sources": ("sources", "--no-index"),
            "index": ("index",),  # reads the documents in worker processes
        }
        runs = run_many({name: (*args, "--corpus", str(folder)) for name, args in commands.items()})
        assert_refused(runs, where, f"more than {MAX_DEPTH} levels")
    snap.assert_unchanged()


# --- 2. numbers ---------------------------------------------------------------------------------------------------

OUT_OF_RANGE = ["1" + "0" * 400, "1e400", "1.0e+400", ".nan", ".inf", "-.inf", "0x" + "f" * 300]


def test_figures_too_large_for_a_float_nan_and_infinities_are_refused_each_with_its_place(
    small_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, claims = small_corpus
    write_claims(claims, OUT_OF_RANGE)
    # What already held, in the same file (every problem of a claims file is reported at once): a duplicate claim
    # id, and a !!python tag, which must not run.
    marker = tmp_path / "PWNED"
    text = claims.read_text(encoding="utf-8").replace("id: c1\n", "id: c0\n", 1)
    text = text.replace("text: The city", f'text: !!python/object/apply:os.system ["touch {marker}"]\n    #', 1)
    claims.write_text(text, encoding="utf-8")
    snap = Snapshot(corpus, claims)
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    # Each claim takes 7 lines after the 4 of the statistics, and the comment after the tag one more: a figure is
    # on the 5th line of its claim, the value at column 21.
    places = [f"{claims}:{4 + 7 * i + 5}:21: error: 'value' of the figure of claim 'c" for i in range(7)]
    tag = f"{claims}:7:11: error: 'text' of claim 'c0' must be text, not a list tagged tag:yaml.org,2002:python/"
    duplicate = f"{claims}:13:9: error: duplicate claim id 'c0'"
    assert_refused(runs, str(claims), *places, tag, duplicate, "must be a finite number")
    assert not marker.exists()
    snap.assert_unchanged()


def test_the_largest_finite_figures_are_read(tmp_path: Path) -> None:
    path = write_claims(tmp_path / "claims.yaml", ["1.7976931348623157e+308", "-1.0e+308", "1" + "0" * 308])
    figures = [c.figure.value for c in load_claims(path).claims if c.figure]
    assert figures == [1.7976931348623157e308, -1e308, 1e308]


# --- 3. size: aliases and copies ----------------------------------------------------------------------------------


def test_2000_aliases_of_a_110_kb_quote_are_refused_quickly(small_corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, claims = small_corpus
    aliased_quote_claims(claims, 2_000, long_quote(110_000), text_too=True)
    snap = Snapshot(corpus, claims)
    # Before the limit: check, grep, report and export ran for more than 60 s, compare for 35 s.
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    assert_refused(runs, f"{claims}:", "more than 50,000,000 characters once its aliases")
    # Each claim (8 lines) adds the quote twice, text and quote: 50 M characters are passed some 200 claims in.
    line = int(runs["check"].stderr.split(f"{claims}:")[2].split(":")[0])
    assert 1_000 < line < 2_000
    snap.assert_unchanged()


@pytest.mark.slow
def test_a_long_quote_cited_by_many_claims_is_verified_once(small_corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, claims = small_corpus
    quote = long_quote(110_000)
    # 200 aliases of 110 KB: 22 MB once expanded, under the limit. Before, each claim verified the quote again:
    # check took 11 s, report 20 s, export 27 s.
    aliased_quote_claims(claims, 200, quote)
    snap = Snapshot(corpus, claims)
    runs = run_claims_commands(corpus, claims, tmp_path / "out", timeout=10.0)
    assert runs["check"].code == 1
    assert runs["check"].stdout.count(": error: quote ") == 200
    # both documents give the city's population, as residents (a near member of the word's family): an answer
    assert runs["compare"].code == 0 and runs["compare"].stdout.count(" residents") >= 2
    assert runs["grep"].code == 0
    assert runs["report"].code == 0 and (tmp_path / "out" / "report.html").stat().st_size > 200 * 110_000
    assert runs["export"].code == 0 and runs["export"].stdout.count('"id": "c') == 200
    snap.assert_unchanged()


def test_grep_shows_a_long_claim_text_cut_around_the_match(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    quote = long_quote(110_000)
    aliased_quote_claims(claims, 50, quote, text_too=True)
    run = run_cli("grep", "1998 live", "--no-index", "--corpus", corpus, "--claims", claims, timeout=10.0)
    assert run.code == 0, run.stderr
    assert "1998 live" in run.stdout
    assert len(run.stdout) < 50 * 4 * 2_000  # a few thousand characters of each row, not 110,000


# --- 4. what already held -----------------------------------------------------------------------------------------


def _claims(tmp_path: Path) -> Path:
    return tmp_path / "claims.yaml"


def _binary(tmp_path: Path) -> Path:
    _claims(tmp_path).write_bytes(bytes(range(256)) * 4)
    return _claims(tmp_path)


def _latin1(tmp_path: Path) -> Path:
    _claims(tmp_path).write_bytes("claims:\n  - id: caf\xe9\n".encode("latin-1"))
    return _claims(tmp_path)


def _malformed(tmp_path: Path) -> Path:
    _claims(tmp_path).write_text("claims:\n  - id: c1\n    text: [unclosed\n  - id: c2\n", encoding="utf-8")
    return _claims(tmp_path)


def _alias_bomb(tmp_path: Path) -> Path:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [{', '.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    _claims(tmp_path).write_text("\n".join(lines) + "\nclaims: *i\n", encoding="utf-8")
    return _claims(tmp_path)


def _unreadable(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        return Path("/proc/self/mem")  # root reads any file; this one fails with an I/O error at offset 0
    _claims(tmp_path).chmod(0)
    return _claims(tmp_path)


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.yaml"
    os.mkfifo(path)
    return path


def _sparse(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(100_000_001)
    return path


REFUSED: Mapping[str, tuple[Callable[[Path], Path], str]] = {
    # case: (what makes the claims file and gives its path, what must follow its path in the message)
    "malformed": (_malformed, ":4:7: error: invalid YAML"),
    "alias-bomb": (_alias_bomb, ":8:16: error: the text expands to more than"),
    "binary": (_binary, ":2:118: error: the file is not valid UTF-8"),  # byte 0x80, after the line break 0x0a
    "latin-1": (_latin1, ":2:12: error: the file is not valid UTF-8"),
    "folder": (_folder, ": error: is a folder, not a claims file"),
    "missing": (lambda tmp: tmp / "nowhere.yaml", ": error: claims file not found"),
    "unreadable": (_unreadable, ": error: cannot read the claims file"),
    "fifo": (_fifo, ": error: is not a regular file"),
    "device": (lambda tmp: Path("/dev/zero"), ": error: is not a regular file"),
    "over-100-MB": (_sparse, ": error: the claims file is larger than 100,000,000 bytes"),
}


@pytest.mark.slow  # 50 runs: each case against the five commands
@pytest.mark.parametrize("case", list(REFUSED))
def test_claims_files_that_cannot_be_read_or_parsed_are_refused_with_their_place(
    small_corpus: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    corpus, _ = small_corpus
    make, where = REFUSED[case]
    claims = make(tmp_path)
    readable = case in ("malformed", "alias-bomb", "binary", "latin-1")
    snap = Snapshot(corpus, *([claims] if readable else []))
    before = claims.lstat() if case in ("folder", "fifo") else None
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    assert_refused(runs, f"{claims}{where}")
    snap.assert_unchanged()
    if before is not None:  # not read, not replaced
        after = claims.lstat()
        assert (after.st_mode, after.st_mtime_ns) == (before.st_mode, before.st_mtime_ns)
        assert case != "fifo" or stat.S_ISFIFO(after.st_mode)


def test_an_empty_claims_file_loads_with_a_warning_naming_it(small_corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, claims = small_corpus
    claims.write_text("# nothing yet\n", encoding="utf-8")
    snap = Snapshot(corpus, claims)
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    # check has nothing to fail; compare has no statistic to compare (bad usage); grep finds nothing.
    assert {name: run.code for name, run in runs.items()} == {
        "check": 0,
        "compare": 2,
        "grep": 1,
        "report": 0,
        "export": 0,
    }
    for name in ("compare", "grep", "report", "export"):
        assert f"{claims}:1:1: warning: the claims file is empty" in runs[name].stderr, name
    snap.assert_unchanged()


def test_a_citation_of_a_document_the_corpus_lacks_is_named_with_its_place(
    small_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, claims = small_corpus
    claims.write_text(claims.read_text(encoding="utf-8").replace("document: herald", "document: heralt"), "utf-8")
    snap = Snapshot(corpus, claims)
    runs = run_claims_commands(corpus, claims, tmp_path / "out")
    where = f"{claims}:10:9:"
    assert runs["check"].code == 1 and f"{where} error: claim 'herald-population' cites document 'heralt'" in (
        runs["check"].stdout
    )
    # grep reads no corpus for claims, so it cannot know; the others warn and answer.
    assert runs["grep"].code == 0 and "herald-population" in runs["grep"].stdout
    for name in ("compare", "report", "export"):
        assert f"{where} warning: claim 'herald-population' cites document 'heralt'" in runs[name].stderr, name
        assert "did you mean 'herald'?" in runs[name].stderr, name
    # compare answers: both documents give the city's population (as residents)
    assert runs["compare"].code == 0 and runs["report"].code == 0 and runs["export"].code == 0
    snap.assert_unchanged()
