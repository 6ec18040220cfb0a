"""The real-news answer keys under eval/clusters hold together: the shape issue 14 asks of them, every gold figure
standing in its document, and every claim passing the citation check."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.commands.check import check_claims
from factcheck.commands.evaluate import load_key, locate_key
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus

CLUSTERS = sorted(p for p in (Path(__file__).resolve().parent.parent / "eval" / "clusters").iterdir() if p.is_dir())


def test_the_key_is_as_large_as_issue_14_asks() -> None:
    keys = [load_key(c) for c in CLUSTERS]
    documents = {(c.name, d.id) for c in CLUSTERS for d in load_corpus(c / "corpus").documents()}
    assert len(keys) >= 12
    assert len(documents) > 100
    assert sum(len(k.statistics) >= 2 for k in keys) >= 3


@pytest.mark.parametrize("cluster", CLUSTERS, ids=lambda c: c.name)
def test_a_cluster_holds_together(cluster: Path) -> None:
    key = load_key(cluster)
    corpus = load_corpus(cluster / "corpus")
    doc_ids = {d.id for d in corpus.documents()}
    assert len(doc_ids) >= 6
    # Only text whose licence lets it live in the repository, each with its source, date and licence.
    assert all(d.meta.licence and d.meta.url and d.meta.published for d in corpus.documents())
    locate_key(key, corpus)  # raises GoldError for an unknown document or a figure not in its document
    assert key.claims is not None
    claims = load_claims(key.claims)
    assert {s.id for s in claims.statistics} == {s.id for s in key.statistics}
    labels = {s.id: s.label for s in claims.statistics}
    silent = 0
    for stat in key.statistics:
        assert stat.queries[0].text == labels[stat.id], "the first query is the statistic's label"
        assert len(stat.queries) >= 3, "the label and two paraphrases"
        assert {d.id for d in stat.documents} == doc_ids, f"{stat.id}: every document is labelled"
        silent += sum(not d.expect for d in stat.documents)
    assert silent, "some document on the subject gives no figure"
    report = check_claims(corpus, claims)
    assert report.errors == 0, [str(p) for p in report.problems]
