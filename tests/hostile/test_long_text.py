"""Long sentences and long lines: read in pieces, with one warning per document, in time linear in the text.

The large measurements (10 MB with no full stop, 100 MB on one line, every command) are bench/long_lines.py's; these
cases use a few MB, enough for time that grows faster than the text to fail them.
"""

from __future__ import annotations

import json
import re
import resource
from pathlib import Path

from factcheck.reading.sentences import MAX_SENTENCE
from tests.hostile.conftest import Run, Snapshot, run_cli

STATISTIC = "people counted"


def _prose(size: int) -> str:
    """Paragraphs of sentences with figures, every one different, about ``size`` characters."""
    paragraphs: list[str] = []
    length, i = 0, 0
    while length < size:
        sentences = [
            f"In {1990 + (i + k) % 30} the agency counted {1_000 + 7 * (i + k):,} people in district {i + k}, "
            f"up from about {100 + (i + k) % 900} a year earlier."
            for k in range(5)
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        i += 5
    return "\n\n".join(paragraphs)


def _one_line(text: str) -> str:
    return text.replace("\n\n", " ")


def _no_stop(text: str) -> str:
    return re.sub(r"\.(?!\d)", "", _one_line(text))  # decimal points would stay: none here but the figures' commas


def _corpus(tmp_path: Path, name: str, text: str, quote: str | None = None) -> tuple[Path, Path]:
    corpus = tmp_path / name
    corpus.mkdir()
    (corpus / "doc.txt").write_text(text, encoding="utf-8")
    claims = tmp_path / f"{name}.yaml"
    citation = f'    citations:\n      - document: doc\n        quote: "{quote}"\n' if quote else ""
    claims.write_text(
        f"statistics:\n  - id: people\n    label: {STATISTIC}\nclaims:\n"
        f"  - id: counted\n    statistic: people\n    text: The agency counted people.\n{citation}",
        encoding="utf-8",
    )
    return corpus, claims


def _warnings(run: Run) -> list[str]:
    """The warnings about the document."""
    return [line for line in run.stderr.splitlines() if "doc.txt:" in line and ": warning: " in line]


def test_a_long_sentence_is_read_in_pieces_with_one_warning_and_true_offsets(tmp_path: Path) -> None:
    long_line = _no_stop(_prose(3 * MAX_SENTENCE))
    text = f"Title\n\nA short first paragraph of 12 words.\n{long_line}\n\n{long_line.replace('agency', 'bureau')}\n"
    corpus, claims = _corpus(tmp_path, "corpus", text)
    snap = Snapshot(corpus, claims)
    extract = run_cli("extract", "--corpus", corpus, "--format", "json")
    assert extract.code == 0, extract.stderr
    warnings = _warnings(extract)
    assert len(warnings) == 1, extract.stderr
    assert "doc.txt:4: warning:" in warnings[0] and "2 sentences" in warnings[0] and "on 2 lines" in warnings[0]
    assert "20,000 characters" in warnings[0]
    figures = json.loads(extract.stdout)
    assert len(figures) > 1000
    for figure in figures:
        start, end = figure["start"], figure["end"]
        assert text[start:end] == figure["text"]
        assert figure["line"] == text.count("\n", 0, start) + 1
        sentence = figure["sentence"]
        assert len(sentence) < MAX_SENTENCE
        at = text.find(sentence)
        assert at <= start and end <= at + len(sentence), figure  # the evidence is the text around the figure
    for index in ("--no-index", "--index"):
        where = ["--no-index"] if index == "--no-index" else ["--index", tmp_path / "index.sqlite3"]
        compare = run_cli("compare", STATISTIC, "--corpus", corpus, "--claims", claims, "--format", "json", *where)
        assert compare.code == 0, compare.stderr
        assert len(_warnings(compare)) == 1, compare.stderr
        findings = json.loads(compare.stdout)["documents"][0]["findings"]
        assert findings
        for finding in findings:
            assert text[finding["start"] : finding["end"]] == finding["text"]
            assert finding["line"] == text.count("\n", 0, finding["start"]) + 1
            assert finding["text"] in finding["sentence"] and finding["sentence"] in text
    snap.assert_unchanged()


def test_a_quote_across_a_cut_is_found(tmp_path: Path) -> None:
    text = _no_stop(_prose(2 * MAX_SENTENCE))
    cut = text.rfind(" ", 0, MAX_SENTENCE + 1)  # where the first piece ends
    begin = text.rfind("In ", 0, cut - 20)
    stop = text.find(" people", cut + 20) + len(" people")
    quote = text[begin:stop]
    assert begin < cut < stop and len(quote) < 400
    corpus, claims = _corpus(tmp_path, "corpus", text, quote)
    for where in (["--no-index"], ["--index", tmp_path / "index.sqlite3"]):
        check = run_cli("check", "--corpus", corpus, "--claims", claims, *where)
        assert check.code == 0, check.stdout + check.stderr
        assert "1 passed" in check.stdout


def _cpu_seconds(*args: str | Path) -> float:
    """CPU seconds (user and system) of ``factcheck ARGS`` and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run_cli(*args, timeout=60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.code in (0, 1), result.stderr
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_one_long_line_is_read_at_least_a_third_as_fast_as_the_same_text_with_line_breaks(tmp_path: Path) -> None:
    # 0.12 MB: time that grew with the square of a sentence took 40 s at 0.2 MB here (some 15 s at this size);
    # linear time takes under a second.
    # Speeds are per MB beyond the cost of the same command on a tiny corpus (start-up). A figure of a long line is
    # scored with the words of its part (about 600 characters, see sentences.sentence_part), several times those of
    # a sentence of this prose: the warm compare of the line costs about 2.3 times that of the lines
    # (bench/long_lines.py has the large measurements); reading each figure with its whole 20,000-character piece
    # would read some 30 times the words, and time growing with the square of a sentence minutes.
    normal = _prose(120_000)
    cpu: dict[str, dict[str, float]] = {}
    for name, text in (("tiny", _prose(100)), ("normal", normal), ("nostop", _no_stop(normal))):
        corpus, claims = _corpus(tmp_path, name, text)
        compare = ["compare", STATISTIC, "--corpus", corpus, "--claims", claims, "--format", "json"]
        index = tmp_path / f"{name}.sqlite3"
        cpu[name] = {
            "compare": _cpu_seconds(*compare, "--no-index"),
            "extract": _cpu_seconds("extract", "--corpus", corpus, "--format", "json"),
            "index": _cpu_seconds("index", "--corpus", corpus, "--index", index),
            # Every sentence of this text holds the statistic's words: every part of the long line is scored.
            "compare (warm index)": _cpu_seconds(*compare, "--index", index),
        }
    for command, start_up in cpu["tiny"].items():
        normal_time, long_time = cpu["normal"][command] - start_up, cpu["nostop"][command] - start_up
        assert long_time <= 3 * normal_time + 0.2, (command, cpu)  # 0.2 s: a shared host's noise


def test_a_long_line_of_figures_is_compared_at_least_half_as_fast_as_the_same_figures_on_lines(tmp_path: Path) -> None:
    # Every figure of a long sentence used to look at every other one: a line of 60,000 figures took 70 s.
    figures = [f"{1_000 + 37 * i:,} people" for i in range(8_000)]
    cpu: dict[str, float] = {}
    for name, text in (("tiny", "12 people."), ("lines", ".\n".join(figures)), ("line", ", ".join(figures))):
        corpus, claims = _corpus(tmp_path, name, text)
        compare = ["compare", STATISTIC, "--corpus", corpus, "--claims", claims, "--no-index", "--format", "json"]
        cpu[name] = _cpu_seconds(*compare)
    assert cpu["line"] - cpu["tiny"] <= 2 * (cpu["lines"] - cpu["tiny"]) + 0.2, cpu
