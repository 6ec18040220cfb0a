"""Loading a corpus folder: encodings, front matter, the manifest, ids, errors, and the bundled corpus."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from factcheck.corpus.documents import Corpus, MemoryCorpus, corpus_summary, load_corpus
from factcheck.errors import CorpusError, InputError, Problem
from factcheck.model import Kind
from factcheck.reading.quantities import read_quantities

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
READER_BUILT = bool(read_quantities("5 cats"))
needs_reader = pytest.mark.skipif(not READER_BUILT, reason="reader not built yet")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def warnings_about(corpus: MemoryCorpus, path: Path) -> list[Problem]:
    return [w for w in corpus.warnings if w.path == str(path)]


# --- the bundled corpus ------------------------------------------------------------------------


def test_bundled_corpus_loads_five_documents_in_path_order() -> None:
    corpus = load_corpus(CORPUS)
    assert [d.id for d in corpus.documents()] == [
        "aljazeera-2026",
        "forced-labor-2025",
        "king-2020",
        "report-2025",
        "wikipedia",
    ]
    assert corpus.warnings == ()
    assert corpus.root == CORPUS


def test_bundled_corpus_texts_equal_the_files() -> None:
    corpus = load_corpus(CORPUS)
    for doc in corpus.documents():
        raw = Path(doc.path).read_bytes()
        assert doc.text == raw.decode("utf-8")
        assert doc.sha256 == hashlib.sha256(raw).hexdigest()
        assert doc.encoding == "utf-8"
        assert doc.line_offset == 0


def test_bundled_corpus_metadata_comes_from_the_manifest() -> None:
    corpus = load_corpus(CORPUS)
    king = corpus.document("king-2020")
    assert king is not None
    assert king.path == str(CORPUS / "king-2020-cuba-internationalist-response-covid19.txt")
    assert king.meta.title == "Cuba's Internationalist Response to COVID-19"
    assert king.meta.author == "Andrew King"
    assert king.meta.published == "2020-04-30"
    assert king.meta.kind == "opinion"
    assert king.meta.url is None
    wikipedia = corpus.document("wikipedia")
    assert wikipedia is not None
    assert wikipedia.meta.published is None
    assert wikipedia.meta.url == "https://en.wikipedia.org/wiki/Cuban_medical_internationalism"
    aljazeera = corpus.document("aljazeera-2026")
    assert aljazeera is not None and aljazeera.meta.published == "2026-02"


def test_bundled_corpus_sentences_and_lines() -> None:
    corpus = load_corpus(CORPUS)
    sentences = corpus.sentences("aljazeera-2026")
    assert sentences[0].text == "Why is the US targeting Cuba’s global medical missions?"
    assert sentences[0].line == 1
    offset = corpus.document("aljazeera-2026").text.index("The Cuban mission in Guatemala comprises 412")  # type: ignore[union-attr]
    assert corpus.line_of("aljazeera-2026", offset) == 10
    found = corpus.sentence_at("aljazeera-2026", offset + 5)
    assert found is not None
    assert found.text == "The Cuban mission in Guatemala comprises 412 medical workers, including 333 doctors."


def test_memory_corpus_satisfies_the_protocol() -> None:
    corpus: Corpus = load_corpus(CORPUS)
    assert len(corpus.documents()) == 5


# --- encodings ---------------------------------------------------------------------------------


def test_utf8_bom_is_stripped_without_warning(tmp_path: Path) -> None:
    raw = "\ufeffFirst line.\nSecond line.".encode()
    path = write(tmp_path, "bom.txt", raw)
    corpus = load_corpus(tmp_path)
    doc = corpus.documents()[0]
    assert doc.text == "First line.\nSecond line."
    assert doc.encoding == "utf-8-sig"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert warnings_about(corpus, path) == []


def test_crlf_and_cr_become_newlines(tmp_path: Path) -> None:
    write(tmp_path, "crlf.txt", b"One.\r\nTwo.\r\n\r\nThree.")
    write(tmp_path, "cr.txt", b"Uno.\rDos.")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents()] == ["cr", "crlf"]
    assert corpus.document("crlf").text == "One.\nTwo.\n\nThree."  # type: ignore[union-attr]
    assert corpus.document("cr").text == "Uno.\nDos."  # type: ignore[union-attr]
    assert corpus.line_of("crlf", len("One.\nTwo.\n\n")) == 4
    assert corpus.warnings == ()


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoding_is_read_right_and_warned(tmp_path: Path, encoding: str) -> None:
    text = "São Paulo e Brasília são cidades. Le café est très bon à Genève."
    path = write(tmp_path, "legacy.txt", text.encode(encoding))
    corpus = load_corpus(tmp_path)
    doc = corpus.documents()[0]
    assert doc.text == text
    assert doc.encoding == "cp1252"  # latin-1 text is cp1252 text: same bytes for these letters
    [warning] = warnings_about(corpus, path)
    assert warning.severity == "warning"
    assert "cp1252" in warning.message
    assert str(path) in str(warning)


def test_cp1252_quotes_and_dashes(tmp_path: Path) -> None:
    text = "He said “no” – twice… It cost 5 €."
    write(tmp_path, "quotes.md", text.encode("cp1252"))
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].text == text
    assert corpus.documents()[0].encoding == "cp1252"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    write(tmp_path, "wide.txt", "Wide text.\r\nSecond.".encode("utf-16"))
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].text == "Wide text.\nSecond."
    assert corpus.documents()[0].encoding == "utf-16"


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    binary = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    write(tmp_path, "good.txt", "Fine text.")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents()] == ["good"]
    [warning] = warnings_about(corpus, binary)
    assert warning.severity == "warning"
    assert "skipped" in warning.message and "NUL" in warning.message


def test_unreadable_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    broken = tmp_path / "gone.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")  # listed in the folder, but reading it fails
    write(tmp_path, "good.txt", "Fine text.")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents()] == ["good"]
    [warning] = warnings_about(corpus, broken)
    assert warning.message.startswith("skipped: the file cannot be read")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_skipped_with_a_warning(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.txt", "Secret.")
    write(tmp_path, "good.txt", "Fine text.")
    locked.chmod(0)
    try:
        corpus = load_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [d.id for d in corpus.documents()] == ["good"]
    [warning] = warnings_about(corpus, locked)
    assert warning.message.startswith("skipped: the file cannot be read")


# --- which files, in which order ----------------------------------------------------------------


def test_recursive_sorted_and_hidden_and_other_files_skipped(tmp_path: Path) -> None:
    write(tmp_path, "b.md", "B.")
    write(tmp_path, "a.txt", "A.")
    write(tmp_path, "sub/c.txt", "C.")
    write(tmp_path, "sub/deeper/d.TXT", "D.")
    write(tmp_path, ".hidden.txt", "Hidden.")
    write(tmp_path, ".factcheck/cache.txt", "Cache.")
    write(tmp_path, "notes.csv", "x,y")
    write(tmp_path, "sources.yaml", "documents: []\n")
    corpus = load_corpus(tmp_path)
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in corpus.documents()] == [
        "a.txt",
        "b.md",
        "sub/c.txt",
        "sub/deeper/d.TXT",
    ]
    assert [d.id for d in corpus.documents()] == ["a", "b", "c", "d"]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(CorpusError) as error:
        load_corpus(missing)
    assert str(missing) in str(error.value)
    assert "does not exist" in str(error.value)
    assert isinstance(error.value, InputError) and error.value.exit_code == 2


def test_file_instead_of_folder_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "single.txt", "Text.")
    with pytest.raises(CorpusError, match="must be a folder"):
        load_corpus(path)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"no readable document \(\.txt, \.md, \.pdf, \.html, \.docx\)"):
        load_corpus(tmp_path)


def test_folder_of_unreadable_documents_is_an_error_listing_them(tmp_path: Path) -> None:
    binary = write(tmp_path, "blob.txt", b"\x00\x01\x02")
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    assert [p.path for p in error.value.problems] == [str(binary)]
    assert str(binary) in str(error.value)


def test_empty_document_loads_with_a_warning(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", b"")
    corpus = load_corpus(tmp_path)
    assert corpus.document("empty") is not None
    assert corpus.sentences("empty") == ()
    assert corpus.figures("empty") == ()
    assert [w.message for w in warnings_about(corpus, empty)] == ["the file is empty"]


# --- front matter -----------------------------------------------------------------------------


def test_front_matter_gives_metadata_and_is_removed(tmp_path: Path) -> None:
    content = (
        "---\n"
        "id: report\n"
        "title: 'A report: on things'\n"
        "author: [Ann Lee, Bo Chen]\n"
        "published: 2021-03\n"
        "url: https://example.org/r\n"
        "---\n"
        "First sentence.\n"
        "Second sentence here.\n"
    )
    write(tmp_path, "r.md", content)
    corpus = load_corpus(tmp_path)
    doc = corpus.documents()[0]
    assert doc.id == "report"
    assert doc.meta.title == "A report: on things"
    assert doc.meta.author == "Ann Lee, Bo Chen"
    assert doc.meta.published == "2021-03"
    assert doc.meta.url == "https://example.org/r"
    assert doc.text == "First sentence.\nSecond sentence here.\n"
    assert doc.line_offset == 7
    assert corpus.line_of("report", doc.text.index("Second")) == 9
    assert [s.line for s in corpus.sentences("report")] == [1, 2]  # lines in the text, not the file
    assert corpus.warnings == ()


def test_unquoted_date_stays_as_written(tmp_path: Path) -> None:
    write(tmp_path, "d.txt", "---\npublished: 2020-04-30\n---\nText.")
    assert load_corpus(tmp_path).documents()[0].meta.published == "2020-04-30"


def test_empty_front_matter_is_removed(tmp_path: Path) -> None:
    write(tmp_path, "e.txt", "---\n---\nBody.")
    doc = load_corpus(tmp_path).documents()[0]
    assert (doc.text, doc.line_offset, doc.id) == ("Body.", 2, "e")


def test_unclosed_front_matter_is_text_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "u.md", "---\ntitle: x\nBody.")
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].text == "---\ntitle: x\nBody."
    [warning] = warnings_about(corpus, path)
    assert (warning.line, warning.column) == (1, 1)
    assert "closing `---`" in warning.message


def test_front_matter_unknown_key_and_bad_date_are_warned(tmp_path: Path) -> None:
    path = write(tmp_path, "k.md", "---\ntitel: Oops\ndate: 2020\npublished: 2020-13-01\n---\nBody.")
    corpus = load_corpus(tmp_path)
    doc = corpus.documents()[0]
    assert doc.meta.title is None and doc.meta.published is None
    problems = warnings_about(corpus, path)
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (2, 1, "unknown key 'titel' ignored", "did you mean 'title'?"),
        (3, 1, "unknown key 'date' ignored", "did you mean 'published'?"),
        (
            4,
            12,
            "published date '2020-13-01' is not a valid ISO 8601 date: dropped",
            "write it as 2019, 2019-07 or 2019-07-14",
        ),
    ]


def test_front_matter_yaml_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "---\ntitle: a: b\n---\nBody.")
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    assert f"{path}:2:9:" in str(error.value)
    assert error.value.problems[0].line == 2


def test_front_matter_that_is_not_a_mapping_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    content = "---\nJust a line of prose between rules.\n---\nBody."
    path = write(tmp_path, "prose.md", content)
    corpus = load_corpus(tmp_path)
    doc = corpus.documents()[0]
    assert (doc.text, doc.line_offset, doc.id) == (content, 0, "prose")
    [warning] = warnings_about(corpus, path)
    assert (warning.line, warning.column) == (2, 1)
    assert "not `key: value` front matter" in warning.message


# --- the manifest -----------------------------------------------------------------------------


def test_manifest_gives_metadata_and_front_matter_overrides_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sources.yaml",
        "documents:\n"
        "  - file: a.txt\n"
        "    id: alpha\n"
        "    title: From the manifest\n"
        "    publisher: Manifest Press\n"
        "  - file: sub/b.md\n"
        "    id: beta\n"
        "    title: Manifest title\n"
        "    kind: report\n",
    )
    write(tmp_path, "a.txt", "Alpha text.")
    write(tmp_path, "sub/b.md", "---\nid: bravo\ntitle: Front title\n---\nBeta text.")
    corpus = load_corpus(tmp_path)
    alpha, bravo = corpus.documents()
    assert (alpha.id, alpha.meta.title, alpha.meta.publisher) == ("alpha", "From the manifest", "Manifest Press")
    assert (bravo.id, bravo.meta.title, bravo.meta.kind) == ("bravo", "Front title", "report")
    assert corpus.warnings == ()


def test_document_without_metadata_takes_its_stem_as_id(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    id: alpha\n")
    write(tmp_path, "a.txt", "A.")
    write(tmp_path, "plain-notes.md", "B.")
    assert [d.id for d in load_corpus(tmp_path).documents()] == ["alpha", "plain-notes"]


def test_manifest_entry_naming_a_missing_file_is_warned(tmp_path: Path) -> None:
    manifest = write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n  - file: gone.txt\n    id: gone\n")
    write(tmp_path, "a.txt", "A.")
    corpus = load_corpus(tmp_path)
    [warning] = warnings_about(corpus, manifest)
    assert (warning.line, warning.column, warning.severity) == (3, 5, "warning")
    assert "'gone.txt'" in warning.message
    assert "relative to the folder of sources.yaml" in (warning.hint or "")


def test_manifest_unknown_key_has_did_you_mean(tmp_path: Path) -> None:
    manifest = write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    publsher: Someone\n")
    write(tmp_path, "a.txt", "A.")
    corpus = load_corpus(tmp_path)
    [warning] = warnings_about(corpus, manifest)
    assert (warning.line, warning.column) == (3, 5)
    assert warning.message == "unknown key 'publsher' ignored"
    assert warning.hint == "did you mean 'publisher'?"
    assert corpus.documents()[0].meta.publisher is None


def test_manifest_invalid_published_is_dropped_with_a_warning(tmp_path: Path) -> None:
    manifest = write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    published: April 2020\n")
    write(tmp_path, "a.txt", "A.")
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].meta.published is None
    [warning] = warnings_about(corpus, manifest)
    assert (warning.line, warning.column) == (3, 16)


@pytest.mark.parametrize("published", ["2020", "2020-04", "2020-04-30", "2024-02-29"])
def test_valid_published_dates(tmp_path: Path, published: str) -> None:
    write(tmp_path, "sources.yaml", f'documents:\n  - file: a.txt\n    published: "{published}"\n')
    write(tmp_path, "a.txt", "A.")
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].meta.published == published
    assert corpus.warnings == ()


@pytest.mark.parametrize("published", ["20", "2020-4", "2020-00", "2023-02-29", "2020/04/30", "2020-04-30T10:00"])
def test_invalid_published_dates(tmp_path: Path, published: str) -> None:
    write(tmp_path, "sources.yaml", f'documents:\n  - file: a.txt\n    published: "{published}"\n')
    write(tmp_path, "a.txt", "A.")
    corpus = load_corpus(tmp_path)
    assert corpus.documents()[0].meta.published is None
    assert len(corpus.warnings) == 1


def test_manifest_yaml_error_names_file_line_and_column(tmp_path: Path) -> None:
    manifest = write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    title: a: b\n")
    write(tmp_path, "a.txt", "A.")
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    assert f"{manifest}:3:13: error: invalid YAML: mapping values are not allowed here" in str(error.value)
    assert [(p.line, p.column) for p in error.value.problems] == [(3, 13)]


@pytest.mark.parametrize(
    ("content", "location", "message"),
    [
        ("- file: a.txt\n", "1:1", "must be a mapping with a `documents:` list"),
        ("documents:\n  file: a.txt\n", "2:3", "must be a list"),
        ("documents:\n  - a.txt\n", "2:5", "must be a mapping"),
        ("documents:\n  - id: alpha\n", "2:5", "has no `file:`"),
    ],
)
def test_manifest_of_the_wrong_shape_is_an_error(tmp_path: Path, content: str, location: str, message: str) -> None:
    manifest = write(tmp_path, "sources.yaml", content)
    write(tmp_path, "a.txt", "A.")
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    assert f"{manifest}:{location}: error:" in str(error.value)
    assert message in str(error.value)


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    id: same\n  - file: b.txt\n    id: same\n")
    first = write(tmp_path, "a.txt", "A.")
    second = write(tmp_path, "b.txt", "B.")
    with pytest.raises(CorpusError) as error:
        load_corpus(tmp_path)
    message = str(error.value)
    assert str(first) in message and str(second) in message
    assert "'same'" in message


def test_duplicate_stems_in_subfolders_are_duplicate_ids(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "A.")
    write(tmp_path, "sub/a.md", "Other A.")
    with pytest.raises(CorpusError, match="already used by"):
        load_corpus(tmp_path)


# --- the in-memory corpus ----------------------------------------------------------------------


def test_sentences_are_cached_and_unknown_ids_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "doc.txt", "One. Two.")
    corpus = load_corpus(tmp_path)
    assert corpus.sentences("doc") is corpus.sentences("doc")
    assert corpus.document("dog") is None
    with pytest.raises(CorpusError, match="did you mean 'doc'"):
        corpus.sentences("dog")


def test_sentence_at_and_line_of(tmp_path: Path) -> None:
    write(tmp_path, "doc.txt", "---\nid: d\n---\nFirst one.  Second one.\n\nThird.")
    corpus = load_corpus(tmp_path)
    assert corpus.sentence_at("d", 0) is not None and corpus.sentence_at("d", 0).text == "First one."  # type: ignore[union-attr]
    assert corpus.sentence_at("d", 10) is None  # the blank between the two sentences
    assert corpus.sentence_at("d", 12).text == "Second one."  # type: ignore[union-attr]
    assert corpus.sentence_at("d", 100) is None
    assert corpus.line_of("d", 0) == 4
    assert corpus.line_of("d", len("First one.  Second one.\n\n")) == 6
    with pytest.raises(ValueError):
        corpus.line_of("d", -1)


def test_figures_belong_to_exactly_one_sentence() -> None:
    corpus = load_corpus(CORPUS)
    for doc in corpus.documents():
        sentences = corpus.sentences(doc.id)
        for figure in corpus.figures(doc.id):
            q = figure.quantity
            assert figure.document == doc.id
            owner = sentences[figure.sentence]
            following = sentences[figure.sentence + 1].start if figure.sentence + 1 < len(sentences) else len(doc.text)
            assert owner.start <= q.start < following or (figure.sentence == 0 and q.start < owner.start)
            assert figure.line == doc.text.count("\n", 0, q.start) + 1


@needs_reader
def test_figure_sentence_and_file_line(tmp_path: Path) -> None:
    write(tmp_path, "doc.md", "---\nid: d\n---\nIntro here.\nThe mission has 412 workers. Nothing else.\n")
    corpus = load_corpus(tmp_path)
    [figure] = [f for f in corpus.figures("d") if f.quantity.text == "412"]
    assert figure.sentence == 1
    assert figure.line == 5
    assert figure.quantity.value == 412


@needs_reader
def test_summary_counts_figures_other_than_years(tmp_path: Path) -> None:
    write(tmp_path, "doc.txt", "In 2024 the mission had 412 workers and 333 doctors.")
    [row] = corpus_summary(load_corpus(tmp_path))
    assert row.figures == 2
    assert any(f.quantity.kind is Kind.YEAR for f in load_corpus(tmp_path).figures("doc"))


def test_corpus_summary_rows(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "documents:\n  - file: a.txt\n    id: alpha\n    title: T\n    kind: news\n")
    raw = "One sentence. Another sentence.\n"
    write(tmp_path, "a.txt", raw)
    write(tmp_path, "b.txt", "Only one.")
    rows = corpus_summary(load_corpus(tmp_path))
    assert [(r.id, r.title, r.kind, r.sentences, r.path) for r in rows] == [
        ("alpha", "T", "news", 2, str(tmp_path / "a.txt")),
        ("b", None, None, 1, str(tmp_path / "b.txt")),
    ]
    assert rows[0].sha256 == hashlib.sha256(raw.encode()).hexdigest()
