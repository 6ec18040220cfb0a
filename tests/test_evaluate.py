"""The scorer of compare against answer keys (factcheck/commands/evaluate.py) and `factcheck evaluate`.

Every expected score below is counted by hand from the small corpora written here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.commands.compare import Finding
from factcheck.commands.evaluate import (
    EXPECT,
    FORBID,
    LABEL,
    PARAPHRASE,
    QUERY,
    Measures,
    Thresholds,
    evaluate_keys,
    label_of,
    load_key,
    locate_key,
    score_answer,
    written_precision,
)
from factcheck.corpus.documents import Corpus, load_corpus
from factcheck.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

CLAIMS = """\
statistics:
  - id: deaths
    label: deaths
    aliases: [people killed, death toll]
    kind: count
    cues:
      require: [killed, died, dead, deaths, toll]
"""
# What compare shows with default options (checked against `compare --format json` below): a: 38, b: 40, c: none.
DOCS = {
    "a.txt": "The floods killed 38 people on Monday, officials said. Rescuers pulled 120 people from the river.\n",
    "b.txt": "Officials said 40 people were killed in the floods. The storm damaged 300 homes.\n",
    "c.txt": "The river rose two metres overnight and schools were closed.\n",
}
# b's 40 is labelled forbidden on purpose, so that each measure falls short of 1.
GOLD = """\
statistics:
  deaths:
    queries: ["deaths", "people killed"]
    documents:
      a: {expect: ["38"], allow: [], forbid: ["120"]}
      b: {expect: [], forbid: ["40"]}
      c: {expect: []}
"""


def cluster(tmp_path: Path, gold: str = GOLD, docs: dict[str, str] = DOCS, claims: str = CLAIMS) -> Path:
    """A cluster folder: corpus/, claims.yaml and gold.yaml."""
    folder = tmp_path / "cluster"
    (folder / "corpus").mkdir(parents=True)
    for name, text in docs.items():
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    (folder / "claims.yaml").write_text(claims, encoding="utf-8")
    (folder / "gold.yaml").write_text(gold, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- the key -------------------------------------------------------------------------------------------------


def test_a_key_is_read_in_the_new_form_beside_its_corpus_and_claims(tmp_path: Path) -> None:
    folder = cluster(tmp_path, GOLD.replace('"people killed"]', '"people killed"]\n    paraphrases: ["lives lost"]'))
    key = load_key(folder)  # the folder or its gold.yaml
    assert key == load_key(folder / "gold.yaml")
    assert key.name == "cluster"
    assert key.corpus == folder / "corpus" and key.claims == folder / "claims.yaml"
    (stat,) = key.statistics
    assert [(q.text, q.kind) for q in stat.queries] == [
        ("deaths", LABEL),
        ("people killed", QUERY),
        ("lives lost", PARAPHRASE),
    ]
    a, b, c = stat.documents
    assert [f.text for f in a.expect] == ["38"] and [f.text for f in a.forbid] == ["120"] and a.allow == ()
    assert (a.expect[0].line, a.expect[0].column) == (6, 20)
    assert [f.text for f in b.forbid] == ["40"] and b.expect == () and c.expect == c.forbid == ()


def test_the_old_form_is_read_distractors_being_forbidden(tmp_path: Path) -> None:
    old = """\
corpus: docs
statistics:
  deaths:
    documents:
      a: ["38"]
      b: []
    distractors:
      a: ["120"]
      c: ["two metres"]
"""
    path = tmp_path / "old.yaml"
    path.write_text(old, encoding="utf-8")
    key = load_key(path)
    assert key.name == "old" and key.corpus == tmp_path / "docs" and key.claims is None
    (stat,) = key.statistics
    assert [q.text for q in stat.queries] == ["deaths"]  # no queries: the id
    docs = {d.id: d for d in stat.documents}
    assert [f.text for f in docs["a"].expect] == ["38"] and [f.text for f in docs["a"].forbid] == ["120"]
    assert docs["b"].expect == () and [f.text for f in docs["c"].forbid] == ["two metres"]


@pytest.mark.parametrize(
    ("gold", "where", "words"),
    [
        ("statistics:\n  deaths:\n    queries: [deaths\n", ":4:1:", "invalid YAML"),
        (GOLD.replace("      c: {expect: []}", "      d: {expect: []}"), ":7:7:", "no document 'd'"),
        (GOLD.replace('forbid: ["120"]', 'forbid: ["121"]'), ":5:47:", "'121' does not stand in document 'a'"),
        (GOLD.replace("allow: []", "alow: []"), ":5:27:", "unknown key 'alow'"),
        (GOLD.replace("statistics:", "statistic:"), ":1:1:", "unknown key 'statistic'"),
        (GOLD.replace('expect: ["38"]', "expect: 38"), ":5:19:", "must be a list"),
        (GOLD.replace("allow: []", 'allow: ["120"]'), ":5:52:", "'120' of document 'a' is both right and forbidden"),
    ],
)
def test_a_bad_key_exits_2_naming_file_line_and_column(tmp_path: Path, gold: str, where: str, words: str) -> None:
    folder = cluster(tmp_path, gold)
    code, out, err = run("evaluate", str(folder), "--no-index")
    assert code == 2 and out == ""
    assert f"gold.yaml{where}" in err and words in err
    assert "Traceback" not in err


def test_a_missing_key_exits_2(tmp_path: Path) -> None:
    code, _, err = run("evaluate", str(tmp_path / "nowhere.yaml"))
    assert code == 2 and "answer key not found" in err


# --- locating and matching figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scale", "dots", "precision"),
    [("1.3 billion", 1e9, False, 1e8), ("28,000", 1, False, 1), ("42.000", 1, True, 1), ("9.4", 1, False, 0.1)],
)
def test_the_precision_written(text: str, scale: float, dots: bool, precision: float) -> None:
    assert written_precision(text, scale, dots) == pytest.approx(precision)


def _finding(corpus: Corpus, doc: str, text: str, nth: int = 0) -> Finding:
    """The finding compare would make of the ``nth`` figure of ``doc`` written ``text``."""
    figures = [f for f in corpus.figures(doc) if f.quantity.text == text]
    q = figures[nth].quantity
    return Finding(
        doc, q.text, q.value, q.low, q.high, str(q.qualifier), str(q.kind), q.unit, q.per, None, None, None,
        q.ambiguous, "sentence", figures[nth].line, q.start, q.end, 70.0,
    )  # fmt: skip


MATCHING_DOC = (
    "The floods killed 38 people and injured 120. A year earlier 12 people died. Damage reached €1.3bn ($1.4bn). "
    "Between 55,000 and 60,000 people fled. Later, 38 bridges were checked, 55,000 homes were empty, a report "
    "said 55,000-60,000 had left, and the bill came to €1.34 billion, then €1.25 billion, then €1.35 billion. "
    "Some 28,400 volunteers helped.\n"
)
MATCHING_GOLD = """\
statistics:
  s:
    documents:
      d:
        expect: ["38", "€1.3bn", "$1.4bn", "55,000 and 60,000", "28,000"]
        allow: ["12"]
        forbid: ["120"]
"""


def test_findings_match_gold_figures_by_place_and_by_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "k"
    (folder / "corpus").mkdir(parents=True)
    (folder / "corpus" / "d.txt").write_text(MATCHING_DOC + "28,000 were expected.\n", encoding="utf-8")
    (folder / "gold.yaml").write_text(MATCHING_GOLD, encoding="utf-8")
    corpus = load_corpus(folder / "corpus")
    located, _ = locate_key(load_key(folder), corpus)
    spots = located[("s", "d")]

    def label(text: str, nth: int = 0) -> str | None:
        return label_of(_finding(corpus, "d", text, nth), spots)

    assert label("38") == EXPECT and label("120") == FORBID and label("12") == "allow"
    assert label("38", 1) == EXPECT  # another 38: the same number
    assert label("€1.34 billion") == EXPECT  # 1.34 billion rounded to the 0.1 billion "€1.3bn" is written with
    assert label("€1.25 billion") == EXPECT  # halves round up
    assert label("€1.35 billion") is None
    assert label("28,400") is None  # not 28,000 to the unit
    assert label("55,000-60,000") == EXPECT  # a range with the same ends
    assert label("55,000") is None  # a point is not a range

    # One answer: the best finding forbidden, 38 and the euro figure (which shows the "$1.4bn" it restates) shown.
    shown = [_finding(corpus, "d", t) for t in ("120", "38", "€1.3bn", "28,400")]
    measures, misses, wrong = score_answer(shown, spots, "d")
    assert measures == Measures(documents=1, top_right=0, expected=5, recalled=3, shown=4, right=2, forbidden=1)
    assert sorted(m.figure for m in misses) == ["28,000", "55,000 and 60,000"]
    assert [(w.text, w.forbidden, w.best) for w in wrong] == [("120", True, True), ("28,400", False, False)]


def test_a_document_that_groups_thousands_with_dots_is_read_its_own_way(tmp_path: Path) -> None:
    folder = tmp_path / "k"
    (folder / "corpus").mkdir(parents=True)
    text = "In 2007 some 42.000 workers served in 103 countries; 31.000 of them in one country. In 1990, 28.422.\n"
    (folder / "corpus" / "d.txt").write_text(text, encoding="utf-8")
    (folder / "gold.yaml").write_text('statistics:\n  s:\n    documents:\n      d: ["42.000"]\n', encoding="utf-8")
    corpus = load_corpus(folder / "corpus")
    located, _ = locate_key(load_key(folder), corpus)
    (spot,) = located[("s", "d")]
    assert spot.numbers == (42000.0,)
    assert spot.same_numbers(_finding(corpus, "d", "42.000"))
    assert not spot.same_numbers(_finding(corpus, "d", "31.000"))


# --- end to end ----------------------------------------------------------------------------------------------


def test_scores_counted_by_hand(tmp_path: Path) -> None:
    # Per query: a shows 38 (expected, best), b shows 40 (forbidden, best), c shows nothing (rightly silent).
    # Two queries: 6 answers, 4 right top answers, recall 2/2, precision 2/4, 2 forbidden: 10 * 2 / 6 per 10.
    evaluation = evaluate_keys([cluster(tmp_path)], use_index=False)
    m = evaluation.measures
    assert m == Measures(documents=6, top_right=4, expected=2, recalled=2, shown=4, right=2, forbidden=2)
    assert (m.accuracy, m.recall, m.precision) == (pytest.approx(4 / 6), 1.0, 0.5)
    assert m.forbidden_per_10 == pytest.approx(10 * 2 / 6)
    assert evaluation.paraphrases is None and evaluation.passed


def test_shown_means_every_finding_of_compare_json(tmp_path: Path) -> None:
    folder = cluster(tmp_path)
    evaluation = evaluate_keys([folder])
    for score in evaluation.keys[0].queries:
        code, out, _ = run(
            "compare", score.query, "--format", "json",
            "--corpus", str(folder / "corpus"), "--claims", str(folder / "claims.yaml"),
        )  # fmt: skip
        assert code == 0
        shown = json.loads(out)["documents"]
        assert score.measures.shown == sum(len(d["findings"]) for d in shown)
        assert {w.text for w in score.wrong} | {"38"} == {f["text"] for d in shown for f in d["findings"]}


def test_the_command_prints_per_key_and_in_all(tmp_path: Path) -> None:
    folder = cluster(tmp_path)
    other = tmp_path / "second"
    folder.rename(other)
    cluster(tmp_path)
    code, out, err = run("evaluate", str(folder), str(other / "gold.yaml"), "--no-index")
    assert code == 0, err
    assert re.search(r"cluster .* 67% \(4/6\) .* 1\.00 \(2/2\) .* 0\.50 \(2/4\) .* 3\.3 \(2\)", out)
    assert re.search(r"second .* 67% \(4/6\)", out)
    assert re.search(r"all .* 67% \(8/12\) .* 1\.00 \(4/4\) .* 0\.50 \(4/8\) .* 3\.3 \(4\)", out)
    assert "forbidden" not in out.split("┘")[-1]  # no details without --verbose
    code, out, _ = run("evaluate", str(folder), "--no-index", "-v")
    assert code == 0 and "forbidden b:1: 40 (score" in out.split("┘")[-1]


def test_verbose_lists_wrong_findings_with_their_sentence(tmp_path: Path) -> None:
    gold = GOLD.replace('a: {expect: ["38"]', 'a: {expect: ["38", "120"]').replace('forbid: ["120"]', "forbid: []")
    code, out, _ = run("evaluate", str(cluster(tmp_path, gold)), "--no-index", "--verbose", "--format", "markdown")
    assert code == 0
    assert "| cluster | 1 | 2 | 6 | 67% (4/6) | 0.50 (2/4) | 0.50 (2/4) | 3.3 (2) |" in out
    assert "missed  a: 120 (key line 5)" in out
    assert "forbidden b:1: 40 (score" in out and "Officials said 40 people were killed in the floods." in out


def test_json_output(tmp_path: Path) -> None:
    code, out, _ = run("evaluate", str(cluster(tmp_path)), "--no-index", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == 1 and data["passed"] is True
    assert data["all"]["answers"] == 6 and data["all"]["forbidden"] == 2 and data["all"]["precision"] == 0.5
    (key,) = data["keys"]
    assert key["name"] == "cluster" and [q["query"] for q in key["queries"]] == ["deaths", "people killed"]
    assert key["queries"][0]["wrong"][0]["document"] == "b" and key["queries"][0]["misses"] == []


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["--min-accuracy", "0.6", "--min-recall", "1", "--min-precision", "0.5", "--max-forbidden", "3.4"], 0),
        (["--min-accuracy", "0.7"], 1),
        (["--min-precision", "0.51"], 1),
        (["--max-forbidden", "3"], 1),
        (["--min-recall", "nan"], 2),
        (["--min-accuracy", "67"], 2),
        (["--max-forbidden", "-1"], 2),
        (["--max-forbidden", "inf"], 2),
    ],
)
def test_thresholds_set_the_exit_code(tmp_path: Path, options: list[str], code: int) -> None:
    result, out, err = run("evaluate", str(cluster(tmp_path)), "--no-index", *options)
    assert result == code, err
    if code == 1:
        assert "below threshold" in out
    if code == 2:
        assert out == "" and "error:" in err


def test_thresholds_are_checked_in_the_core() -> None:
    with pytest.raises(UsageError, match="--min-recall"):
        Thresholds(min_recall=float("nan"))
    assert Thresholds(min_recall=0.0, max_forbidden=0.0).min_recall == 0.0


# --- the keys of the repository ------------------------------------------------------------------------------

STOP = {"a", "an", "the", "of", "in", "to", "for", "by", "on", "at", "and", "or", "its", "it", "how", "many",
        "much", "what", "where", "which", "with", "each", "per", "after", "since", "that", "have", "has", "ever",
        "is", "are", "do", "does", "s"}  # fmt: skip


def test_the_bundled_paraphrases_share_at_most_one_content_word_with_the_label() -> None:
    from factcheck.corpus.claims import normalise_phrase

    def words(text: str) -> set[str]:
        return set(normalise_phrase(text).split()) - STOP

    key = load_key(ROOT / "tests/gold/bundled.yaml")
    paraphrases = [(s.queries[0].text, q.text) for s in key.statistics for q in s.queries if q.kind == PARAPHRASE]
    assert len(paraphrases) >= 10
    for label, paraphrase in paraphrases:
        assert len(words(label) & words(paraphrase)) <= 1, (label, paraphrase)


def test_the_statistic_id_is_asked_too_unless_a_query_says_it(tmp_path: Path) -> None:
    key = tmp_path / "gold.yaml"
    (tmp_path / "corpus").mkdir()
    key.write_text(
        "statistics:\n"
        "  death-toll:\n"
        '    queries: ["people killed", "lives lost"]\n'
        "    documents: {}\n"
        "  deaths:\n"
        '    queries: ["Deaths", "lives lost"]\n'
        "    documents: {}\n",
        encoding="utf-8",
    )
    first, second = load_key(key).statistics
    assert [q.text for q in first.queries] == ["people killed", "death-toll", "lives lost"]
    assert [q.text for q in second.queries] == ["Deaths", "lives lost"]


def test_an_answer_key_that_is_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os
    import signal

    from factcheck.errors import InputError

    key = tmp_path / "gold.yaml"
    os.mkfifo(key)
    signal.alarm(10)  # a pipe with no writer would block the read for ever
    try:
        with pytest.raises(InputError, match="is not a regular file"):
            load_key(key)
    finally:
        signal.alarm(0)


def test_without_claims_asks_as_a_user_with_no_claims_file(tmp_path: Path) -> None:
    # "flood toll" finds 38 through the statistic's alias "people killed"; with no claims file, the query's own
    # words must stand there, and "toll" does not. The statistic's id means nothing without the claims file.
    claims = "statistics:\n  - id: deaths\n    label: flood toll\n    aliases: [people killed]\n"
    gold = 'statistics:\n  deaths:\n    queries: ["flood toll"]\n    documents:\n      a: {expect: ["38"]}\n'
    folder = cluster(tmp_path, gold, {"a.txt": "The floods killed 38 people on Monday.\n"}, claims)
    answers = {}
    for extra in ([], ["--without-claims"]):
        code, out, _ = run("evaluate", str(folder), "--no-index", "--format", "json", *extra)
        (key,) = json.loads(out)["keys"]
        answers[bool(extra)] = (
            code,
            [q["query"] for q in key["queries"]],
            key["claims"] is None,
            key["measures"]["recall"],
        )
    assert answers[False] == (0, ["flood toll", "deaths"], False, 1.0)
    assert answers[True] == (0, ["flood toll"], True, 0.0)
