"""The SQLite index behind the Corpus interface: same answers as in memory, refresh, damage, interruption, races."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.commands.check import check_claims
from factcheck.commands.compare import CompareOptions, compare, compare_all
from factcheck.commands.grep import GrepOptions, Mode, grep_sentences
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import Corpus, MemoryCorpus, load_corpus
from factcheck.corpus.index import (
    APPLICATION_ID,
    INDEX_DIR,
    INDEX_NAME,
    IndexedCorpus,
    _unpack,
    open_corpus,
    open_index,
    similar,
    term,
)
from factcheck.errors import CorpusError, InputError
from factcheck.matching.families import family
from factcheck.model import Figure, Kind
from factcheck.reading.text import tokens

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CLAIMS = ROOT / "claims.yaml"

# Sentences to build test documents from: every document gets its own numbers, so that none are alike.
_LINES = (
    "The council said {a:,} homes were flooded in the northern district last week.",
    "About {b} per cent of the workers at the plant joined the strike, union officials said.",
    "Revenue rose to ${c}m in the year to March, up from ${d}m a year earlier.",
    "More than {a:,} people signed the petition; the mayor has not replied.",
    "The ministry employs {e:,} doctors abroad, according to its annual report.",
)


def document_text(seed: int, lines: int = 12) -> str:
    paragraphs = []
    for i in range(lines):
        n = seed * 31 + i * 7
        paragraphs.append(
            _LINES[(seed + i) % len(_LINES)].format(
                a=1000 + n * 13, b=10 + n % 80, c=2 + n % 90, d=1 + n % 50, e=300 + n
            )
        )
    return "\n\n".join(paragraphs) + "\n"


def make_corpus(folder: Path, count: int, lines: int = 12) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc-{i:04d}.txt").write_text(document_text(i, lines), encoding="utf-8")
    return folder


def stored(index: Path) -> dict[str, Any]:
    """Every row the index holds, keyed by document path rather than number, without the time each was checked."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rel = dict(conn.execute("SELECT docno, rel FROM documents").fetchall())
        documents = {}
        for row in conn.execute("SELECT * FROM documents"):
            named = dict(zip([d[0] for d in conn.execute("SELECT * FROM documents").description], row, strict=True))
            del named["docno"], named["checked_ns"]
            documents[named["rel"]] = named
        # a sentence's terms are stored in no particular order (set order differs between processes): as sets
        contents = {
            rel[docno]: (text, sentences, figures, [set(line.split()) for line in _unpack(terms).split("\n")])
            for docno, text, sentences, figures, terms in conn.execute("SELECT * FROM contents")
        }
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, terms, instance)")
        search = sorted((rel[doc], term) for term, doc in conn.execute("SELECT term, doc FROM temp.v"))
        meta = {k: v for k, v in conn.execute("SELECT key, value FROM meta") if k != "created"}
        words = sorted(conn.execute("SELECT word, stem FROM words"))
        stems = sorted(conn.execute("SELECT stem FROM stems"))
        return {
            "documents": documents,
            "contents": contents,
            "search": search,
            "meta": meta,
            "words": words,
            "stems": stems,
        }
    finally:
        conn.close()


def age(folder: Path, seconds: float = 10.0) -> None:
    """Date every file back, as if written a while ago (a file written just now is hashed again next time)."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


KINDS = ({Kind.MONEY}, {Kind.COUNT, Kind.PERCENT})


def of_kinds(figures: Sequence[Figure], kinds: set[Kind]) -> tuple[Figure, ...]:
    """The figures of the sentences that hold a figure of one of ``kinds``."""
    fitting = {f.sentence for f in figures if f.quantity.kind in kinds}
    return tuple(f for f in figures if f.sentence in fitting)


def assert_same_corpus(indexed: Corpus, memory: MemoryCorpus, every: int = 1, index_warnings: int = 0) -> None:
    """The same documents, metadata, texts, sentences, figures, lines and warnings (texts and below: of every
    ``every``-th document; ``index_warnings``: warnings about the index file itself, which come first)."""
    assert [d.id for d in indexed.documents()] == [d.id for d in memory.documents()]
    assert indexed.warnings[index_warnings:] == memory.warnings
    assert indexed.root == memory.root
    for a, b in zip(indexed.documents(), memory.documents(), strict=True):
        assert (a.meta, a.path, a.sha256, a.encoding, a.line_offset) == (
            b.meta,
            b.path,
            b.sha256,
            b.encoding,
            b.line_offset,
        )
    for a, b in list(zip(indexed.documents(), memory.documents(), strict=True))[::every]:
        assert a.text == b.text
        assert indexed.sentences(a.id) == memory.sentences(a.id)
        some = frozenset(range(0, len(memory.sentences(a.id)), 3))
        fresh = open_index(indexed.root, indexed.index_path)  # nothing decoded yet: sentences made one by one
        assert [fresh.sentence(a.id, i) for i in sorted(some)] == [memory.sentence(a.id, i) for i in sorted(some)]
        assert fresh.sentences(a.id) == memory.sentences(a.id)  # the rest made later, the same
        for kinds in KINDS:  # only the sentences holding a figure of those kinds: decoded from the index alone
            assert fresh.figures_in(a.id, some, kinds) == of_kinds(memory.figures_in(a.id, some), kinds)
        fresh.figures(a.id)
        for kinds in KINDS:  # narrowed from the decoded ones
            assert fresh.figures_in(a.id, some, kinds) == of_kinds(memory.figures_in(a.id, some), kinds)
        fresh.close()
        with pytest.raises(IndexError):
            indexed.sentence(a.id, len(memory.sentences(a.id)))
        assert indexed.figures_in(a.id, some) == memory.figures_in(a.id, some)  # decoded from the index alone
        assert {f.sentence for f in memory.figures_in(a.id, some)} <= some
        assert indexed.figures(a.id) == memory.figures(a.id)
        assert indexed.figures_in(a.id, some) == memory.figures_in(a.id, some)  # narrowed from the decoded ones
        step = max(1, len(b.text) // 40)
        for offset in [*range(0, len(b.text), step), len(b.text)]:
            assert indexed.line_of(a.id, offset) == memory.line_of(a.id, offset)
            assert indexed.sentence_at(a.id, offset) == memory.sentence_at(a.id, offset)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> IndexedCorpus:
    return open_index(CORPUS, tmp_path_factory.mktemp("index") / "bundled.sqlite3")


@pytest.fixture(scope="module")
def memory() -> MemoryCorpus:
    return load_corpus(CORPUS)


# --- the same answers as in memory ---------------------------------------------------------------


def test_bundled_corpus_through_the_index_equals_memory(bundled: IndexedCorpus) -> None:
    assert_same_corpus(bundled, load_corpus(CORPUS))
    assert bundled.report.documents == 5
    assert bundled.report.new == 5


def test_corpus_with_manifest_front_matter_encodings_and_bad_files_equals_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sources.yaml").write_text(
        "documents:\n"
        "  - file: a.txt\n    id: alpha\n    title: Alpha\n    published: 2020-04\n"
        "  - file: sub/b.md\n    publisher: Herald\n    colour: red\n"
        "  - file: gone.txt\n    id: gone\n",
        encoding="utf-8",
    )
    (corpus / "a.txt").write_text("---\ntitle: Front title\nauthor: [Ann, Bob]\n---\n" + document_text(1), "utf-8")
    (corpus / "sub" / "b.md").write_text("# Heading\n\n" + document_text(2), encoding="utf-8")
    (corpus / "legacy.txt").write_bytes("Le café a coûté 5 € à Genève; 1.200 personnes.".encode("cp1252"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (corpus / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (corpus / "crlf.txt").write_bytes(b"One sentence.\r\nTwo: 42 cats.\r\n")
    memory = load_corpus(corpus)
    assert len(memory.warnings) >= 5  # unknown key, cp1252, empty, binary, missing entry
    assert_same_corpus(open_index(corpus, tmp_path / "i.sqlite3"), memory)
    again = open_index(corpus, tmp_path / "i.sqlite3")  # from the index this time: warnings are stored too
    assert again.report.unchanged == 6 or again.report.unchanged + again.report.changed == 6
    assert_same_corpus(again, memory)


def test_the_index_stores_and_restores_every_role(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "roles.txt").write_text(
        "Output rose from 139 to 179 units. Exports climbed 4,300 to 61,900 tonnes, up 3% on the year.\n\n"
        "About 12% of the workforce saw a 40-year low.\n",
        encoding="utf-8",
    )
    memory = load_corpus(corpus)
    roles = [str(f.quantity.role) for f in memory.figures("roles")]
    assert roles == ["from", "to", "change", "level", "change", "share", "modifier"]
    open_index(corpus, tmp_path / "i.sqlite3").close()
    again = open_index(corpus, tmp_path / "i.sqlite3")  # figures decoded from the index
    assert again.report.unchanged == 1
    assert again.figures("roles") == memory.figures("roles")
    again.close()


def test_the_index_sits_in_a_hidden_folder_of_the_corpus_by_default(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    opened = open_corpus(corpus)
    assert isinstance(opened, IndexedCorpus)
    assert opened.index_path == corpus / INDEX_DIR / INDEX_NAME
    assert opened.index_path.is_file()
    opened.close()
    assert [d.id for d in load_corpus(corpus).documents()] == ["doc-0000", "doc-0001", "doc-0002"]
    # The folder ignores itself for git, whatever the project's own ignore file says.
    ignore = corpus / INDEX_DIR / ".gitignore"
    assert ignore.read_text().splitlines()[-1] == "*"
    elsewhere = tmp_path / "elsewhere" / "index.sqlite3"
    open_corpus(corpus, index=elsewhere).close()
    assert not (elsewhere.parent / ".gitignore").exists()  # a place the user chose is left as it is


def test_no_index_reads_in_memory(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 2)
    opened = open_corpus(corpus, use_index=False)
    assert isinstance(opened, MemoryCorpus)
    assert not (corpus / INDEX_DIR).exists()


def test_an_index_that_cannot_be_written_falls_back_to_memory_with_a_warning(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 2)
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    opened = open_corpus(corpus, index=blocker / "index.sqlite3")
    assert isinstance(opened, MemoryCorpus)
    assert [d.id for d in opened.documents()] == ["doc-0000", "doc-0001"]
    [warning] = opened.warnings
    assert warning.severity == "warning"
    assert "read in memory" in warning.message
    assert warning.path == str(blocker / "index.sqlite3")


def test_user_errors_are_the_same_as_in_memory(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        open_corpus(tmp_path / "missing")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("---\ntitle: [unclosed\n---\nBody.", encoding="utf-8")
    with pytest.raises(CorpusError) as in_memory:
        load_corpus(corpus)
    with pytest.raises(CorpusError) as indexed:
        open_corpus(corpus, index=tmp_path / "i.sqlite3")
    assert str(indexed.value) == str(in_memory.value)
    (corpus / "a.txt").write_text("Fixed: 12 cats.", encoding="utf-8")
    (corpus / "b.txt").write_text("---\nid: a\n---\nSame id.", encoding="utf-8")
    with pytest.raises(CorpusError, match="used twice"):
        open_corpus(corpus, index=tmp_path / "i.sqlite3")


def test_unknown_document_ids_raise_as_in_memory(bundled: IndexedCorpus) -> None:
    with pytest.raises(CorpusError, match="did you mean 'king-2020'"):
        bundled.sentences("king-2021")
    assert bundled.document("nope") is None


def test_documents_are_frozen_and_their_text_is_read_when_asked(bundled: IndexedCorpus) -> None:
    doc = bundled.document("king-2020")
    assert doc is not None
    assert doc.text == (CORPUS / "king-2020-cuba-internationalist-response-covid19.txt").read_text("utf-8")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "changed"  # type: ignore[misc]
    moved = dataclasses.replace(doc, path="elsewhere.txt")
    assert moved.path == "elsewhere.txt" and moved.text == doc.text and moved.meta == doc.meta


def test_compare_with_preselection_equals_full_scoring_for_every_statistic(
    bundled: IndexedCorpus, memory: MemoryCorpus
) -> None:
    claims = load_claims(CLAIMS)
    for i, stat in enumerate(claims.statistics):
        for query in (stat.id, *stat.aliases[: 1 if i % 4 == 0 else 0]):
            assert compare(bundled, claims, query) == compare(memory, claims, query), query
    for options in (CompareOptions(all_candidates=True), CompareOptions(min_score=75)):
        for stat in claims.statistics[::3]:
            assert compare(bundled, claims, stat.id, options) == compare(memory, claims, stat.id, options), stat.id
    assert compare(bundled, None, "doctors abroad") == compare(memory, None, "doctors abroad")
    assert compare(bundled, None, "the of 2020") == compare(memory, None, "the of 2020")


@pytest.mark.parametrize("name", ["city-population", "company-revenue", "flood-toll"])
def test_compare_with_preselection_equals_full_scoring_on_the_test_corpora(name: str, tmp_path: Path) -> None:
    folder = ROOT / "tests" / "corpora" / name
    claims = load_claims(folder / "claims.yaml")
    indexed = open_index(folder / "corpus", tmp_path / "i.sqlite3")
    memory = load_corpus(folder / "corpus")
    assert_same_corpus(indexed, memory)
    for options in (CompareOptions(), CompareOptions(all_candidates=True)):
        assert compare_all(indexed, claims, options) == compare_all(memory, claims, options)


def test_preselection_narrows_what_is_scored(bundled: IndexedCorpus) -> None:
    stems = [["doctor", "abroad"]]
    every = sum(len(bundled.sentences(d.id)) for d in bundled.documents())
    both = bundled.candidate_sentences(stems, 0.6)
    either = bundled.candidate_sentences(stems, 0.0)
    assert both is not None and either is not None
    selected_both = sum(len(s) for s in both.values())
    selected_either = sum(len(s) for s in either.values())
    assert 0 < selected_both < selected_either < every
    # every selected sentence has a word like each stem, or of its word family ("abroad", "overseas")
    for doc_id, indexes in both.items():
        for i in indexes:
            words = {t.stem for t in tokens(bundled.sentences(doc_id)[i].text)}
            assert words & family("doctor") and words & family("abroad"), bundled.sentences(doc_id)[i].text
    assert bundled.candidate_sentences([], 0.6) == {}
    assert load_corpus(CORPUS).candidate_sentences(stems, 0.6) is None


def test_preselection_shared_with_forked_processes_equals_one_process(
    bundled: IndexedCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.corpus.index as index_module

    asked = [([["doctor", "abroad"]], 0.6, True), ([["revenu"], ["turnov"]], 0.5, False), ([["popul"]], 1.0, True)]
    alone = [bundled.candidate_sentences(*a) for a in asked]
    grep_alone = bundled.sentences_containing(["doctor"])
    monkeypatch.setattr(index_module, "SELECT_FORK_MIN_DOCUMENTS", 1)
    import factcheck.corpus.processes

    monkeypatch.setattr(factcheck.corpus.processes, "usable_cores", lambda: 3)
    parts = index_module._select_parts(list(range(10)))
    assert len(parts) == (3 if factcheck.corpus.processes.can_fork() else 1)
    started = []
    start = index_module._start_select
    monkeypatch.setattr(index_module, "_start_select", lambda *a: started.append(1) or start(*a))
    assert [bundled.candidate_sentences(*a) for a in asked] == alone
    assert len(started) == (2 * len(asked) if factcheck.corpus.processes.can_fork() else 0)  # two forked, one here
    assert bundled.sentences_containing(["doctor"]) == grep_alone
    assert any(alone) and grep_alone

    def fail(self: IndexedCorpus) -> IndexedCorpus:
        raise CorpusError("the index changed")

    monkeypatch.setattr(IndexedCorpus, "reopen", fail)  # in the forked processes too: the parent scans their parts
    assert [bundled.candidate_sentences(*a) for a in asked] == alone


def test_preselection_finds_fuzzy_spellings(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The organization has 1,200 members.\n\nNothing else: 5 cats.", "utf-8")
    indexed = open_index(corpus, tmp_path / "i.sqlite3")
    assert indexed.candidate_sentences([["organis"]], 0.5) == {"a": frozenset({0})}  # organis ~ organ(iz)
    assert compare(indexed, None, "organisation members") == compare(load_corpus(corpus), None, "organisation members")


def test_grep_sentences_with_preselection_equals_a_full_scan(bundled: IndexedCorpus, memory: MemoryCorpus) -> None:
    for keywords in (["doctor"], ["doctors abroad"], ["octor"], ["50,000"], ["Cuba", "2020"], ["%"], ["zzzz"], ["é"]):
        for mode in (Mode.SUBSTRING, Mode.REGEX, Mode.FUZZY):
            options = GrepOptions(mode=mode)
            assert grep_sentences(bundled, keywords, options) == grep_sentences(memory, keywords, options), keywords
    containing = bundled.sentences_containing(["zzzz"])
    assert containing == {}
    assert bundled.sentences_containing(["%"]) is None  # no word in it: nothing to narrow with


def test_check_on_the_index_equals_memory(bundled: IndexedCorpus, memory: MemoryCorpus) -> None:
    claims = load_claims(CLAIMS)
    assert check_claims(bundled, claims) == check_claims(memory, claims)


@settings(max_examples=300, deadline=None)
@given(st.text("abcdeiorstuz", min_size=0, max_size=9), st.text("abcdeiorstuz", min_size=0, max_size=9))
def test_similar_is_matchings_word_similarity(a: str, b: str) -> None:
    from factcheck.matching.scoring import Target, word_similarity

    assert similar(a, b) == (word_similarity(a, b) > 0)
    target = Target("query", None, ("query",), stems=((a,),))
    assert dict(target.similar(b)).get(0, 0.0) == word_similarity(a, b)  # compare's cached path scores alike


def test_terms_are_plain_ascii_tokens() -> None:
    assert term("doctor") == "doctor"
    assert term("café") == "x" + "café".encode().hex()
    assert term("don't") == "x" + b"don't".hex()


# --- refreshing ------------------------------------------------------------------------------------


def test_refresh_reads_only_new_and_changed_files_and_drops_removed_ones(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 6)
    index = tmp_path / "i.sqlite3"
    age(corpus)
    first = open_index(corpus, index)
    assert (first.report.new, first.report.changed, first.report.unchanged, first.report.removed) == (6, 0, 0, 0)
    first.close()
    age(corpus)
    second = open_index(corpus, index)
    assert (second.report.new, second.report.changed, second.report.unchanged, second.report.read_bytes) == (
        0,
        0,
        6,
        0,
    )
    second.close()
    (corpus / "doc-0001.txt").write_text("Changed: now 77 doctors abroad.", encoding="utf-8")
    (corpus / "doc-0002.txt").unlink()
    (corpus / "doc-0009.txt").write_text("A new one with 5 cats.", encoding="utf-8")
    (corpus / "doc-0003.txt").write_text(document_text(3), encoding="utf-8")  # same bytes, new time
    age(corpus)
    third = open_index(corpus, index)
    report = third.report
    assert (report.new, report.changed, report.unchanged, report.removed) == (1, 1, 4, 1)
    assert report.read_bytes == len("Changed: now 77 doctors abroad.") + len("A new one with 5 cats.")
    assert_same_corpus(third, load_corpus(corpus))
    found = third.candidate_sentences([["doctor", "abroad"]], 0.6)
    assert found is not None and "doc-0002" not in found and found["doc-0001"] == frozenset({0})


def test_a_file_changed_within_its_clock_tick_is_hashed_again(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 2)  # written just now: too recent to trust its time
    index = tmp_path / "i.sqlite3"
    open_index(corpus, index).close()
    path = corpus / "doc-0000.txt"
    stat = path.stat()
    text = document_text(0).replace("1,000", "9,999")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time: only the hash tells
    again = open_index(corpus, index)
    assert again.document("doc-0000").text == text  # type: ignore[union-attr]


def test_manifest_changes_need_no_reading(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    age(corpus)
    index = tmp_path / "i.sqlite3"
    open_index(corpus, index).close()
    (corpus / "sources.yaml").write_text(
        "documents:\n  - file: doc-0001.txt\n    id: renamed\n    title: A title\n", encoding="utf-8"
    )
    again = open_index(corpus, index)
    assert again.report.unchanged == 3 and again.report.read_bytes == 0
    assert [d.id for d in again.documents()] == ["doc-0000", "renamed", "doc-0002"]
    assert again.document("renamed").meta.title == "A title"  # type: ignore[union-attr]
    assert again.figures("renamed")[0].document == "renamed"
    assert_same_corpus(again, load_corpus(corpus))
    again.close()
    (corpus / "doc-0002.txt").write_text("---\ntitle: From front matter\n---\n" + document_text(2), "utf-8")
    age(corpus)
    third = open_index(corpus, index)
    assert (third.report.changed, third.report.unchanged) == (1, 2)
    assert third.document("doc-0002").meta.title == "From front matter"  # type: ignore[union-attr]
    assert third.document("doc-0002").line_offset == 3  # type: ignore[union-attr]
    assert_same_corpus(third, load_corpus(corpus))


def test_a_new_reader_version_reads_everything_again(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 4)
    age(corpus)
    index = tmp_path / "i.sqlite3"
    open_index(corpus, index, reader="test-1").close()
    same = open_index(corpus, index, reader="test-1")
    assert same.report.unchanged == 4
    same.close()
    newer = open_index(corpus, index, reader="test-2")
    assert (newer.report.new, newer.report.changed, newer.report.unchanged) == (0, 4, 0)
    assert_same_corpus(newer, load_corpus(corpus))
    # The old contents were dropped at once (FTS 'delete-all'): pre-selection is that of a fresh index.
    fresh = open_index(corpus, tmp_path / "fresh.sqlite3", reader="test-2")
    for words in (["the"], ["figure"], ["zzzz"]):
        assert newer.sentences_containing(words) == fresh.sentences_containing(words), words
    assert newer.candidate_sentences([["document"]]) == fresh.candidate_sentences([["document"]])
    newer.close()
    fresh.close()


def test_a_pool_reads_a_larger_corpus_the_same(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 90, lines=90)  # over POOL_MIN_BYTES: read by a process pool
    indexed = open_index(corpus, tmp_path / "i.sqlite3")
    assert indexed.report.workers == min(os.cpu_count() or 1, 90)
    assert_same_corpus(indexed, load_corpus(corpus), every=11)


# --- damage ------------------------------------------------------------------------------------------


def _expect_rebuilt(corpus: Path, index: Path | None, fragment: str) -> None:
    """The file at ``index`` (default: the corpus's own index path) is reported, deleted and rebuilt."""
    opened = open_corpus(corpus, index=index)
    assert isinstance(opened, IndexedCorpus)
    where = index or corpus / INDEX_DIR / INDEX_NAME
    [warning] = [w for w in opened.warnings if w.path == str(where)]
    assert fragment in warning.message and "rebuilt" in warning.message
    assert sorted(p.name for p in where.parent.glob(where.name + "*")) == [where.name, *_beside(where)]
    assert_same_corpus(opened, load_corpus(corpus), index_warnings=1)
    opened.close()
    clean = open_corpus(corpus, index=index)
    assert clean.warnings == ()


def _beside(where: Path) -> list[str]:
    """What SQLite and the writer lock keep beside an index."""
    return [where.name + suffix for suffix in ("-shm", "-wal", ".lock")]


def _expect_refused(corpus: Path, index: Path, fragment: str) -> None:
    """A file elsewhere that is not our index is refused, and neither it nor its folder changes."""
    before = index.read_bytes()
    neighbours = sorted(index.parent.iterdir())
    with pytest.raises(InputError) as raised:
        open_corpus(corpus, index=index)
    assert str(index) in str(raised.value) and fragment in str(raised.value)
    assert index.read_bytes() == before
    assert sorted(index.parent.iterdir()) == neighbours


def _own_index(corpus: Path) -> Path:
    (corpus / INDEX_DIR).mkdir()
    return corpus / INDEX_DIR / INDEX_NAME


def test_garbage_at_the_index_path_is_reported_and_rebuilt_only_in_the_index_folder(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    for index in (_own_index(corpus), tmp_path / "i.sqlite3"):
        index.write_bytes(b"this is not a database at all\n" * 100)
    _expect_refused(corpus, tmp_path / "i.sqlite3", "not an SQLite database")
    _expect_rebuilt(corpus, None, "not an SQLite database")


def test_a_foreign_database_is_refused_elsewhere_and_rebuilt_in_the_index_folder(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    for index in (_own_index(corpus), tmp_path / "i.sqlite3"):
        with sqlite3.connect(index) as conn:
            conn.execute("CREATE TABLE people (name TEXT)")
            conn.execute("PRAGMA application_id = 1234")
        conn.close()
    _expect_refused(corpus, tmp_path / "i.sqlite3", "another application")
    _expect_rebuilt(corpus, None, "another application")


def test_an_index_of_another_layout_is_reported_and_rebuilt(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    index = tmp_path / "i.sqlite3"
    open_index(corpus, index).close()
    with sqlite3.connect(index) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    _expect_rebuilt(corpus, index, "another layout")
    conn = sqlite3.connect(index)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_damaged_pages_fail_the_check_and_are_rebuilt(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 30)
    index = tmp_path / "i.sqlite3"
    open_index(corpus, index).close()
    with sqlite3.connect(index) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(index.read_bytes())
    assert len(data) >= 6 * page_size
    for page in range(2, len(data) // page_size):  # every page but the header's: B-tree pages become noise
        data[page * page_size + 8 : page * page_size + 64] = bytes(range(56))
    index.write_bytes(bytes(data))
    opened = open_corpus(corpus, index=index)
    assert isinstance(opened, IndexedCorpus)
    assert "cannot be trusted" in opened.warnings[0].message
    assert_same_corpus(opened, load_corpus(corpus), every=7, index_warnings=1)


def test_a_truncated_index_is_reported_and_rebuilt_in_the_index_folder(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    for index in (_own_index(corpus), tmp_path / "i.sqlite3"):
        index.write_bytes(b"SQLite for")
    _expect_refused(corpus, tmp_path / "i.sqlite3", "not an SQLite database")
    _expect_rebuilt(corpus, None, "truncated")


# --- interruption and two commands at once -------------------------------------------------------------

_BUILD = "import sys; from pathlib import Path; from factcheck.corpus.index import build_index; build_index(Path(sys.argv[1]), index=Path(sys.argv[2]))"  # noqa: E501


def _rows(index: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _consistent(index: Path) -> int:
    """In one snapshot: every readable document has its content and vice versa; returns the documents."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=5)
    try:
        conn.execute("BEGIN")
        readable = {r[0] for r in conn.execute("SELECT docno FROM documents WHERE readable")}
        contents = {r[0] for r in conn.execute("SELECT docno FROM contents")}
        assert readable == contents
        found = {r[0] for r in conn.execute("SELECT rowid FROM terms WHERE terms MATCH 'the'")}
        assert found == readable
        conn.execute("COMMIT")
        return len(readable)
    finally:
        conn.close()


def _interrupt(command: list[str], index: Path, how: signal.Signals, total: int) -> int:
    """Run ``command`` (which indexes ``total`` documents) and send it ``how`` once some documents are in the
    index; returns how many are in it then. A loaded machine may let a run finish first: it is tried again."""
    tries: list[tuple[int, int, str]] = []
    for _ in range(4):
        for leftover in index.parent.glob(index.name + "*"):
            leftover.unlink()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while _rows(index) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(how)
        _, err = proc.communicate(timeout=30)
        done = _consistent(index)
        if 0 < done < total:
            assert proc.returncode != 0
            return done
        tries.append((proc.returncode, done, err.decode(errors="replace")[-500:]))
    raise AssertionError(f"no run could be interrupted mid-way: {tries}")


def test_a_run_killed_mid_way_leaves_a_consistent_index_that_the_next_run_completes(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 240, lines=20)
    age(corpus)
    index = tmp_path / "i.sqlite3"
    done = _interrupt([sys.executable, "-c", _BUILD, str(corpus), str(index)], index, signal.SIGKILL, 240)
    resumed = open_index(corpus, index)
    assert resumed.report.unchanged == done
    assert resumed.report.new == 240 - done
    assert_same_corpus(resumed, load_corpus(corpus), every=23)


def test_ctrl_c_stops_cleanly_and_the_next_run_carries_on(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 240, lines=20)
    age(corpus)
    index = tmp_path / "i.sqlite3"
    command = [sys.executable, "-m", "factcheck", "index", "--corpus", str(corpus), "--index", str(index)]
    done = _interrupt(command, index, signal.SIGINT, 240)
    resumed = open_index(corpus, index)
    assert resumed.report.unchanged == done
    assert resumed.report.new == 240 - done
    assert_same_corpus(resumed, load_corpus(corpus), every=29)


def test_two_commands_at_once_and_a_reader_meanwhile(tmp_path: Path) -> None:
    """Two commands index the same corpus at once: one reads every document, the other waits for it and then
    has nothing to do; a reader looking meanwhile always sees whole documents, only ever more of them."""
    corpus = make_corpus(tmp_path / "corpus", 160, lines=20)
    age(corpus)
    index = tmp_path / "i.sqlite3"
    command = [sys.executable, "-m", "factcheck", "index", "--corpus", str(corpus), "--index", str(index), "-f", "json"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    while first.poll() is None or second.poll() is None:
        if _rows(index):
            seen.append(_consistent(index))
        time.sleep(0.005)
    outputs = [p.communicate(timeout=60) for p in (first, second)]
    assert first.returncode == second.returncode == 0, [err for _, err in outputs]
    reports = [json.loads(out) for out, _ in outputs]
    assert sorted(r["new"] for r in reports) == [0, 160]
    assert all(r["documents"] == 160 for r in reports)
    assert seen and seen == sorted(seen)
    assert _consistent(index) == 160
    assert_same_corpus(open_index(corpus, index), load_corpus(corpus), every=31)


# --- the command -------------------------------------------------------------------------------------


def test_index_command_says_what_it_read(tmp_path: Path) -> None:
    from factcheck.cli import app

    corpus = make_corpus(tmp_path / "corpus", 3)
    age(corpus)
    runner = CliRunner()
    result = runner.invoke(app, ["index", "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["documents"], report["new"], report["unchanged"]) == (3, 3, 0)
    assert report["index"] == str(corpus / INDEX_DIR / INDEX_NAME)
    assert report["sentences"] == 36 and report["read_bytes"] == sum(len(document_text(i)) for i in range(3))
    result = runner.invoke(app, ["index", "--corpus", str(corpus)])
    assert result.exit_code == 0
    assert "unchanged" in result.stdout and "documents" in result.stdout
    result = runner.invoke(app, ["index", "--corpus", str(corpus), "--rebuild", "-f", "json"])
    assert json.loads(result.stdout)["new"] == 3


def test_index_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    from factcheck.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["index", "--corpus", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    corpus = make_corpus(tmp_path / "corpus", 1)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["index", "--corpus", str(corpus), "--index", str(blocker / "i.sqlite3")])
    assert result.exit_code == 2
    assert "cannot be written" in result.stderr
