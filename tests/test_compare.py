"""compare on small corpora built here: the right figure of each document, agreement, scope, outliers, verdicts."""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.commands.compare import (
    CompareOptions,
    Comparison,
    Finding,
    _balanced,
    _in_processes,
    _Job,
    _job_for,
    _score_documents,
    _score_many,
    compare,
    compare_all,
    compare_queries,
    compare_query,
)
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import Corpus, load_corpus
from factcheck.corpus.index import open_index
from factcheck.corpus.processes import can_fork
from factcheck.errors import CorpusError
from factcheck.matching.features import FEATURES, Model
from factcheck.matching.scoring import (
    Target,
    TargetGroup,
    excluded_by_cue,
    figure_context,
    part_bound,
    score_figure,
    scoring_window,
)
from factcheck.model import ClaimsFile
from factcheck.reading.scope import ScopeReader
from factcheck.reading.text import find_words


def build(tmp_path: Path, docs: dict[str, str], claims: str = "") -> tuple[Path, ClaimsFile | None]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if not claims:
        return folder, None
    path = tmp_path / "claims.yaml"
    path.write_text(claims, encoding="utf-8")
    return folder, load_claims(path)


def answers(result: Comparison) -> dict[str, list[str]]:
    return {d.id: [f.text for f in d.findings] for d in result.documents}


def run(tmp_path: Path, docs: dict[str, str], query: str, claims: str = "", **options: object) -> Comparison:
    folder, loaded = build(tmp_path, docs, claims)
    return compare(load_corpus(folder), loaded, query, CompareOptions(**options))  # type: ignore[arg-type]


def test_the_noun_of_another_figure_does_not_count(tmp_path: Path) -> None:
    result = run(tmp_path, {"a": "The charity had 1,400 volunteers working in 12 countries last year.\n"}, "countries")
    assert answers(result)["a"] == ["12"]


def test_a_change_is_not_a_level(tmp_path: Path) -> None:
    docs = {"a": "The death toll rose by six overnight to 94, officials said.\n"}
    assert answers(run(tmp_path, docs, "death toll"))["a"][0] == "94"


def test_every_document_appears_and_silence_is_counted(tmp_path: Path) -> None:
    docs = {
        "a": "The museum received 310,000 visitors in 2022.\n",
        "b": "The museum has a new cafe.\n",
    }
    result = run(tmp_path, docs, "museum visitors")
    assert [d.id for d in result.documents] == ["a", "b"]
    assert answers(result) == {"a": ["310,000"], "b": []}
    assert result.without_figures == 1


def test_years_and_percentages_are_not_head_counts(tmp_path: Path) -> None:
    claims = """statistics:
  - id: visitors
    label: museum visitors
    kind: count
"""
    docs = {"a": "In 2022 the museum counted 310,000 visitors, 12% more visitors than in 2021.\n"}
    assert answers(run(tmp_path, docs, "visitors", claims))["a"] == ["310,000"]


DISAGREEING = {
    "herald": "At any given time about 2,000 volunteers are active, the charity said.\n",
    "gazette": "Currently, more than 2,050 volunteers are active in the region.\n",
    "courier": "The charity says 1,200 volunteers are currently active.\n",
    "annals": "Since 1990, 45,000 volunteers have served with the charity in total.\n",
}


def test_scopes_are_kept_apart_and_conflicts_named(tmp_path: Path) -> None:
    result = run(tmp_path, DISAGREEING, "volunteers")
    groups = {a.scope: a for a in result.agreement}
    assert set(groups) == {"current", "cumulative"}
    current = groups["current"]
    assert current.verdict == "conflict"
    # about 2,000 (1,900-2,100) overlaps more than 2,050; 1,200 overlaps neither
    assert set(current.agreeing) == {"gazette", "herald"}
    assert set(current.conflicting) == {("courier", "gazette"), ("courier", "herald")}
    assert groups["cumulative"].verdict == "single"
    assert current.low == 1200 and current.high == 2050


def test_different_years_are_a_time_line(tmp_path: Path) -> None:
    docs = {
        "a": "In 2010 the town had 12,000 residents.\n",
        "b": "In 2020 the town had 15,500 residents.\n",
    }
    result = run(tmp_path, docs, "residents")
    (group,) = result.agreement
    assert group.verdict == "timeline"
    assert [(t.year, t.document) for t in group.timeline] == [(2010, "a"), (2020, "b")]


def test_a_figure_a_thousand_times_off_is_flagged(tmp_path: Path) -> None:
    docs = {
        "a": "The program earns $4.1 million a year.\n",
        "b": "The program earns between $3 billion and $5 billion a year.\n",
        "c": "The program earns about $4.5 billion a year.\n",
    }
    result = run(tmp_path, docs, "program earns")
    (group,) = result.agreement
    assert [o.document for o in group.outliers] == ["a"]
    assert "scale or unit" in group.outliers[0].reason
    assert group.verdict == "agree"  # b and c agree once the outlier is set aside


def test_different_currencies_are_never_a_contradiction(tmp_path: Path) -> None:
    docs = {"a": "Revenue was €3.1 billion last year.\n", "b": "Revenue was $3.4 billion last year.\n"}
    result = run(tmp_path, docs, "revenue")
    assert sorted(a.unit or "" for a in result.agreement) == ["EUR", "USD"]
    assert all(a.verdict == "single" for a in result.agreement)


CLAIMS = """statistics:
  - id: volunteers-now
    label: volunteers active now
    aliases: [volunteers]
    kind: count
  - id: volunteers-total
    label: volunteers in total
    kind: count
    cues:
      cumulative: [have served]
claims:
  - id: herald-2000
    statistic: volunteers-now
    text: About 2,000 volunteers are active at any given time.
    figure: {value: 2000, qualifier: about}
    citations:
      - document: herald
        quote: "At any given time about 2,000 volunteers are active"
  - id: courier-1200
    statistic: volunteers-now
    text: The charity has 1,200 volunteers currently active.
    figure: {value: 1200}
    citations:
      - document: courier
        quote: "The charity says 1,200 volunteers are currently active"
  - id: made-up
    statistic: volunteers-now
    text: The charity has 900 volunteers active now.
    figure: {value: 900}
"""


def test_claim_verdicts(tmp_path: Path) -> None:
    result = run(tmp_path, DISAGREEING, "volunteers now", CLAIMS)
    assert result.statistic == "volunteers-now"
    verdicts = {v.id: (v.verdict, v.supported_by, v.contradicted_by) for v in result.claims}
    assert verdicts["herald-2000"] == ("disputed", ("gazette", "herald"), ("courier",))
    assert verdicts["courier-1200"] == ("disputed", ("courier",), ("gazette", "herald"))
    # 900 is below every current figure ("more than 2,050" would allow 9,000, but not 900)
    assert verdicts["made-up"] == ("contradicted", (), ("courier", "gazette", "herald"))


@pytest.mark.parametrize("query", ["volunteers now", "Volunteers-Now", "volunteer active now", "volunteers-now"])
def test_a_statistic_is_found_however_it_is_written(tmp_path: Path, query: str) -> None:
    assert run(tmp_path, DISAGREEING, query, CLAIMS).statistic == "volunteers-now"


def test_compare_all_gives_one_section_per_statistic(tmp_path: Path) -> None:
    folder, claims = build(tmp_path, DISAGREEING, CLAIMS)
    assert claims is not None
    assert [c.statistic for c in compare_all(load_corpus(folder), claims)] == ["volunteers-now", "volunteers-total"]


def test_all_candidates_and_min_score(tmp_path: Path) -> None:
    docs = {"a": "The charity had 1,400 volunteers. Volunteers drove 12 vans.\n"}
    everything = run(tmp_path, docs, "volunteers", all_candidates=True)
    assert answers(everything)["a"][0] == "1,400" and len(answers(everything)["a"]) == 2
    # "1,400 volunteers" counts volunteers; "12 vans" counts vans beside the word: far apart in score
    scores = [f.score for f in everything.documents[0].findings]
    assert scores[0] >= 80 > 50 >= scores[1]
    strict = compare(load_corpus(tmp_path / "corpus"), None, "volunteers", CompareOptions(min_score=80))
    assert answers(strict)["a"] == ["1,400"]
    assert (
        answers(compare(load_corpus(tmp_path / "corpus"), None, "volunteers", CompareOptions(min_score=99)))["a"] == []
    )


def test_bundled_corpus_doctors_abroad() -> None:
    root = Path(__file__).resolve().parent.parent
    result = compare(load_corpus(root / "corpus"), load_claims(root / "claims.yaml"), "doctors abroad")
    found = answers(result)
    assert result.statistic == "workers-abroad"
    assert "between 22,000 and 50,000" in found["report-2025"]
    assert "28,000" in found["king-2020"]
    assert "22,000" in found["forced-labor-2025"]
    assert found["aljazeera-2026"] == []


_BOUNDS = st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0, 10.0, -math.inf, math.inf])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([None, 2019, 2020]), _BOUNDS, _BOUNDS).filter(lambda t: t[1] <= t[2]), max_size=12
    )
)
def test_pairs_by_bisection_equal_every_pair_compared(rows: list[tuple[int | None, float, float]]) -> None:
    from factcheck.commands.compare import _Bounded, _compare_pairs

    bounded = [_Bounded(f"d{i:02}", year, low, high) for i, (year, low, high) in enumerate(rows)]
    agreeing: set[str] = set()
    conflicting: list[tuple[str, str]] = []
    compared = False
    for i, a in enumerate(bounded):  # the plain definition: every pair of comparable years
        for b in bounded[i + 1 :]:
            if a.year is not None and b.year is not None and a.year != b.year:
                continue
            compared = True
            if a.low <= b.high and b.low <= a.high:
                agreeing.update((a.document, b.document))
            else:
                conflicting.append((a.document, b.document))
    assert _compare_pairs(bounded) == (agreeing, conflicting, compared)


def _all_evidence(corpus: Corpus, claims: ClaimsFile, workers: int) -> dict[str, dict[str, tuple[Finding, ...]]]:
    """Every statistic's findings per document, scored in ``workers`` processes."""
    found = {}
    options = CompareOptions()
    docs = sorted(corpus.documents(), key=lambda d: d.id)
    for stat in claims.statistics:
        target = Target.build(stat.id, stat)
        rivals = TargetGroup(tuple(Target.build(s.label, s) for s in claims.statistics if s is not stat))
        job = _Job(target, ScopeReader(stat.cues.cumulative, stat.cues.current), options, rivals, None)
        selected = corpus.candidate_sentences(target.stems, 0.595)
        job = replace(job, selected=selected)
        if workers == 1:
            found[stat.id] = _score_documents(corpus, docs, job, 1)
            continue
        # The workers themselves (_score_documents would quietly score here if they failed).
        work = {d.id: len(corpus.sentences(d.id)) for d in docs}
        found[stat.id] = dict.fromkeys(work, ())
        for part in _in_processes(corpus, (job,), _balanced(work, workers)):
            found[stat.id].update((doc_id, per_job[0]) for doc_id, per_job in part.items())
    return found


@pytest.mark.skipif(not can_fork(), reason="workers are forked only on Linux")
def test_scoring_in_worker_processes_gives_what_one_process_gives(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    claims = load_claims(root / "claims.yaml")
    assert claims is not None
    for corpus in (load_corpus(root / "corpus"), open_index(root / "corpus", tmp_path / "index.sqlite3")):
        alone = _all_evidence(corpus, claims, 1)
        assert sum(len(f) for by_doc in alone.values() for f in by_doc.values()) > 30
        assert _all_evidence(corpus, claims, 2) == alone


@pytest.mark.skipif(not can_fork(), reason="workers are forked only on Linux")
def test_workers_refuse_an_index_that_changed_and_the_answer_comes_from_the_snapshot(tmp_path: Path) -> None:
    folder, claims = build(
        tmp_path,
        {"a": "The clinic had 1,400 nurses in 2020.\n", "b": "About 1,500 nurses worked there.\n"},
        "statistics:\n  - id: nurses\n    label: nurses\n",
    )
    assert claims is not None
    index = tmp_path / "index.sqlite3"
    before = open_index(folder, index)
    (folder / "a.txt").write_text("The clinic had 9,999 nurses in 2020.\n", encoding="utf-8")
    open_index(folder, index).close()  # another command reads the changed file into the index
    with pytest.raises(CorpusError, match="changed"):
        before.reopen()
    nurses = claims.statistics[0]
    job = _Job(Target.build("nurses", nurses), ScopeReader(), CompareOptions(), TargetGroup(()), None)
    found = _score_documents(before, sorted(before.documents(), key=lambda d: d.id), job, workers=2)
    assert [f.text for f in found["a"]] == ["1,400"]  # what this corpus's snapshot says, not the new file


ROOT = Path(__file__).resolve().parent.parent
# The answer keys whose statistics have exclude cues.
WITH_EXCLUDE_CUES = [
    (ROOT / "corpus", ROOT / "claims.yaml"),
    *((ROOT / "tests" / "corpora" / n / "corpus", ROOT / "tests" / "corpora" / n / "claims.yaml")
      for n in ("city-population", "company-revenue")),
]  # fmt: skip


@pytest.mark.parametrize(("folder", "claims_path"), WITH_EXCLUDE_CUES, ids=lambda p: p.parent.name)
def test_an_exclude_cue_read_before_the_context_is_the_one_the_context_reads(folder: Path, claims_path: Path) -> None:
    # find_in_document skips a figure whose window holds an exclude cue before building its context: that must be
    # exactly the figures whose context's window holds one (score_figure is then 0), for every statistic.
    corpus = load_corpus(folder)
    targets = [Target.build(s.label, s) for s in load_claims(claims_path).statistics]
    targets = [t for t in targets if t.exclude]
    assert targets
    seen = {True: 0, False: 0}
    for doc in corpus.documents():
        figures = sorted(corpus.figures(doc.id), key=lambda f: f.quantity.start)
        for figure in figures:
            sentence = corpus.sentence(doc.id, figure.sentence)
            part, near = scoring_window(figure, sentence, [f for f in figures if f.sentence == figure.sentence])
            window = figure_context(figure, sentence, near, part).window_phrase
            for target in targets:
                excluded = excluded_by_cue(target, figure, sentence, part)
                assert excluded == (target.exclude_phrases.search(window) is not None), (doc.id, figure.quantity)
                seen[excluded] += 1
                if excluded:
                    assert (
                        score_figure(target, figure, sentence, near, figure_context(figure, sentence, near, part)) == 0
                    )
    assert seen[True] and seen[False]  # both kinds are there: the test can fail


def test_the_bound_that_skips_figures_of_a_long_sentence_never_falls_below_their_score(tmp_path: Path) -> None:
    # One sentence of 30,000 characters without a full stop: figures far from any word of the query, near one of
    # its two words, and near both. A figure is skipped when part_bound is below the threshold: it must never be
    # below the score that the figure's full context gives.
    filler = "near the old mill, and the bridge stayed closed for a week while engineers inspected its pillars"
    pieces = [
        f"about {i * 11} people were affected by the flood"
        if i % 13 == 0
        else f"some {i * 13} people lived in the valley"
        if i % 11 == 0
        else f"{i * 17} homes were affected downstream"
        if i % 7 == 0
        else f"the river rose {i} cm {filler}"
        for i in range(1, 300)
    ]
    folder, _ = build(tmp_path, {"doc": ", ".join(pieces)})
    corpus = load_corpus(folder)
    target = Target.build("people affected", None)
    figures = sorted(corpus.figures("doc"), key=lambda f: f.quantity.start)
    assert len(corpus.sentence("doc", 0).text) > 20_000 or len({f.sentence for f in figures}) > 1
    scores = []
    for figure in figures:
        sentence = corpus.sentence("doc", figure.sentence)
        siblings = [f for f in figures if f.sentence == figure.sentence]
        part, near = scoring_window(figure, sentence, siblings)
        assert part is not None
        resembling = find_words(sentence.text, target.resembles)
        context = figure_context(figure, sentence, near, part)
        score = score_figure(target, figure, sentence, near, context)
        assert part_bound(target, figure, part, resembling) >= score, figure.quantity.text
        scores.append(score)
    assert max(scores) >= 40 and min(scores) == 0  # both kinds are there: the test can fail
    # compare, which skips by the bound, keeps every figure that scores (a model with no gate keeps them all)
    flat = Model(0.0, tuple(0.0 for _ in FEATURES))
    shown = compare(corpus, None, "people affected", CompareOptions(all_candidates=True, top=10_000, model=flat))
    assert len(shown.documents[0].findings) == sum(1 for s in scores if s > 0)


def _can_fork_here(answer: Any) -> None:
    from factcheck.corpus.processes import can_fork

    answer.put(can_fork())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")
def test_a_daemonic_process_forks_no_worker() -> None:
    # A pool's or a Dask worker is daemonic: starting a process there raises, so compare and pre-selection work in
    # it alone (can_fork says no) instead of failing.
    import multiprocessing

    from factcheck.corpus.processes import can_fork

    context = multiprocessing.get_context("fork")
    answer = context.Queue()
    worker = context.Process(target=_can_fork_here, args=(answer,), daemon=True)
    worker.start()
    try:
        assert answer.get(timeout=30) is False
    finally:
        worker.join(timeout=30)
    assert can_fork() is True


def test_queries_asked_together_get_the_answers_they_get_alone(tmp_path: Path) -> None:
    # compare_queries reads each document once for all the queries (its figures, the words before its sentences,
    # its figures' contexts): what one query reads must not leak into another's answer. The bundled corpus, in
    # memory and through the index, with free text, statistic ids, a paraphrase and a query that fits nothing.
    root = Path(__file__).resolve().parent.parent
    claims = load_claims(root / "claims.yaml")
    assert claims is not None
    asked = [(claims, s.id) for s in claims.statistics]
    asked += [(None, "doctors abroad"), (claims, "how much money the programme earns"), (None, "revenue")]
    asked += [(None, "number of countries"), (claims, "zebra crossings painted")]
    for corpus in (load_corpus(root / "corpus"), open_index(root / "corpus", tmp_path / "index.sqlite3")):
        alone = tuple(compare_query(corpus, c, q) for c, q in asked)
        assert sum(len(d.findings) for answer in alone for c in answer for d in c.documents) > 50
        assert compare_queries(corpus, asked) == alone
        by_id = tuple(compare_query(corpus, claims, s.id)[0] for s in claims.statistics)
        assert compare_all(corpus, claims) == by_id


@pytest.mark.skipif(not can_fork(), reason="workers are forked only on Linux")
def test_many_queries_scored_in_worker_processes_give_what_one_process_gives(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    claims = load_claims(root / "claims.yaml")
    assert claims is not None
    corpus = open_index(root / "corpus", tmp_path / "index.sqlite3")
    docs = sorted(corpus.documents(), key=lambda d: d.id)
    jobs = [_job_for(corpus, claims, s.id, s, CompareOptions()) for s in claims.statistics]
    alone = _score_many(corpus, docs, jobs, 1)
    assert sum(len(f) for by_doc in alone for f in by_doc.values()) > 30
    work = {d.id: len(corpus.sentences(d.id)) for d in docs}
    forked: list[dict[str, tuple[Finding, ...]]] = [{} for _ in jobs]
    for part in _in_processes(corpus, jobs, _balanced(work, 2)):  # the workers themselves, not the fallback
        for doc_id, per_job in part.items():
            for by_doc, findings in zip(forked, per_job, strict=True):
                by_doc[doc_id] = findings
    assert [{d: f for d, f in by_doc.items() if f} for by_doc in forked] == [
        {d: f for d, f in by_doc.items() if f} for by_doc in alone
    ]


def test_a_query_scored_within_some_documents_answers_for_them_as_over_the_whole_corpus() -> None:
    root = Path(__file__).resolve().parent.parent
    corpus = load_corpus(root / "corpus")
    claims = load_claims(root / "claims.yaml")
    whole = compare_query(corpus, claims, "doctors abroad")[0]
    answering = [d.id for d in whole.documents if d.findings]
    assert len(answering) >= 3
    some = set(answering[:2])
    part = compare_queries(corpus, [(claims, "doctors abroad")], within=[some])[0][0]
    assert [d.id for d in part.documents] == [d.id for d in whole.documents]  # every document listed
    for mine, theirs in zip(part.documents, whole.documents, strict=True):
        assert mine.findings == (theirs.findings if mine.id in some else ())
