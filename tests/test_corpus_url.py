"""Corpora at a URL through fsspec (memory://, file://), read by this machine: the same rows as the folder's index,
and only a changed document read again (by its ETag, or its modification time)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus.index import DocumentRead, DocumentStore, ReadTask, _run_reads, build_index
from factcheck.corpus.progress import Steps
from factcheck.errors import CorpusError, UsageError
from tests.test_index import age, make_corpus, stored

fsspec = pytest.importorskip("fsspec")

from fsspec.implementations.memory import MemoryFileSystem  # noqa: E402

from factcheck.corpus.url import UrlCorpus, build_url_index, storage_options  # noqa: E402


class TaggedMemory(MemoryFileSystem):  # type: ignore[misc]
    """fsspec's memory store giving each file an ETag (its bytes' MD5), as S3 does, and no time."""

    protocol = "tagged"

    @classmethod
    def _strip_protocol(cls, path: str) -> str:
        return str(super()._strip_protocol(path.replace("tagged://", "memory://", 1)))

    def info(self, path: str, **kwargs: Any) -> dict[str, Any]:
        found = dict(super().info(path, **kwargs))
        if found["type"] == "file":
            found["ETag"] = f'"{hashlib.md5(self.cat_file(path)).hexdigest()}"'
            del found["created"]
        return found

    def find(self, path: str, *args: Any, detail: bool = False, **kwargs: Any) -> Any:
        found = super().find(path, *args, detail=False, **kwargs)
        return {name: self.info(name) for name in found} if detail else found


fsspec.register_implementation("tagged", TaggedMemory, clobber=True)


@pytest.fixture
def store() -> Iterator[MemoryFileSystem]:
    """fsspec's memory store (one per process, shared by memory:// and tagged://), emptied after the test."""
    yield MemoryFileSystem()
    MemoryFileSystem.store.clear()
    MemoryFileSystem.pseudo_dirs[:] = [""]


def upload(folder: Path, url: str) -> None:
    fs, root = fsspec.core.url_to_fs(url)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fs.pipe_file(f"{root}/{path.relative_to(folder).as_posix()}", path.read_bytes())


def counting(seen: list[str]) -> Callable[[Path | DocumentStore, Sequence[ReadTask], Steps, Any], int]:
    """The local engine, noting the documents it is given to read."""

    def engine(root: Path | DocumentStore, tasks: Sequence[ReadTask], progress: Steps, handle: Any) -> int:
        seen.extend(t.rel for t in tasks)
        return _run_reads(root, tasks, progress, handle)

    return engine


def test_a_memory_corpus_gives_the_rows_of_the_same_folder(store: MemoryFileSystem, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 6)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "note.md").write_text("Some 4,500 homes were flooded in 2021.\n", encoding="utf-8")
    (corpus / ".hidden").mkdir()
    (corpus / ".hidden" / "x.txt").write_text("Not a document: 12 homes.\n", encoding="utf-8")
    upload(corpus, "memory://archive")
    shutil.rmtree(corpus / ".hidden")
    local, remote = tmp_path / "local.sqlite3", tmp_path / "remote.sqlite3"
    build_index(corpus, index=local)
    report, warnings = build_url_index(UrlCorpus("memory://archive"), index=remote)
    assert (report.documents, report.new, report.workers) == (7, 7, 0) and not warnings
    rows, expected = stored(remote), stored(local)
    for row in (*rows["documents"].values(), *expected["documents"].values()):
        del row["mtime_ns"]  # the store's time of writing, not the file's
    assert rows == expected


def test_an_etag_store_reads_again_only_the_changed_document(store: MemoryFileSystem, tmp_path: Path) -> None:
    upload(make_corpus(tmp_path / "corpus", 5), "tagged://archive")
    corpus, index = UrlCorpus("tagged://archive"), tmp_path / "index.sqlite3"
    build_url_index(corpus, index=index)
    text = store.cat_file("/archive/doc-0002.txt")
    store.pipe_file("/archive/doc-0002.txt", text.replace(b"1", b"7"))  # the same size, another ETag
    seen: list[str] = []
    report, _ = build_url_index(corpus, index=index, engine=counting(seen))
    assert seen == ["doc-0002.txt"] and (report.changed, report.unchanged) == (1, 4)
    store.rm("/archive/doc-0004.txt")
    seen.clear()
    report, _ = build_url_index(corpus, index=index, engine=counting(seen))
    assert seen == [] and (report.removed, report.documents) == (1, 4)


def test_a_file_url_reads_again_only_the_document_whose_time_changed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5)
    age(corpus)
    url, index = UrlCorpus(corpus.as_uri()), tmp_path / "index.sqlite3"
    build_url_index(url, index=index)
    (corpus / "doc-0003.txt").write_text("About 310 homes were flooded.\n", encoding="utf-8")
    seen: list[str] = []
    report, _ = build_url_index(url, index=index, engine=counting(seen))
    assert seen == ["doc-0003.txt"] and (report.changed, report.unchanged, report.documents) == (1, 4, 5)


def test_url_corpus_mistakes_are_errors_that_name_the_fix(store: MemoryFileSystem, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="pass --index PATH"):
        build_url_index(UrlCorpus("memory://archive"), index=None)
    with pytest.raises(CorpusError, match="memory://nothing: error: no document"):
        build_url_index(UrlCorpus("memory://nothing"), index=tmp_path / "i.sqlite3")
    with pytest.raises(UsageError, match="'anon' is not KEY=VALUE"):
        storage_options(["anon"])
    assert storage_options(["anon=true", "profile=newsroom", 'client_kwargs={"a": 1}']) == (
        ("anon", True),
        ("profile", "newsroom"),
        ("client_kwargs", {"a": 1}),
    )
    runner = CliRunner()
    result = runner.invoke(app, ["index", "--corpus", "memory://archive"])
    assert result.exit_code == 2 and "a corpus at a URL cannot hold its index: pass --index PATH" in result.stderr
    result = runner.invoke(app, ["index", "--corpus", str(tmp_path), "--storage-option", "anon=true"])
    assert result.exit_code == 2 and "--storage-option is for a corpus at a URL" in result.stderr
    result = runner.invoke(app, ["compare", "homes", "--corpus", "memory://archive"])
    needs_index = "memory://archive: a corpus at a URL cannot hold its index: pass --index PATH"
    assert result.exit_code == 2 and needs_index in result.stderr
    result = runner.invoke(app, ["compare", "homes", "--corpus", "memory://archive", "--no-index"])
    assert result.exit_code == 2 and "drop --no-index, pass --index PATH" in result.stderr
    result = runner.invoke(app, ["index", "--corpus", "nosuch://x", "--index", str(tmp_path / "n.sqlite3")])
    assert result.exit_code == 2 and "no fsspec driver knows the protocol 'nosuch'" in result.stderr
    result = runner.invoke(app, ["extract", "s3://bucket/report.txt"])
    assert result.exit_code == 2 and "s3://bucket/report.txt: error: extract reads files and folders on this" in (
        result.stderr
    )


def test_the_cli_indexes_a_url_corpus(store: MemoryFileSystem, tmp_path: Path) -> None:
    upload(make_corpus(tmp_path / "corpus", 3), "memory://archive")
    index = tmp_path / "index.sqlite3"
    result = CliRunner().invoke(
        app, ["index", "--corpus", "memory://archive/", "--index", str(index), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"new": 3' in result.stdout and index.exists()


def test_compare_and_check_answer_from_the_index_of_a_url_corpus(store: MemoryFileSystem, tmp_path: Path) -> None:
    # the same corpus as a folder and at a URL: the same findings (paths aside), and a claim's quote verified
    corpus = make_corpus(tmp_path / "corpus", 4)
    upload(corpus, "tagged://archive")
    claims = tmp_path / "claims.yaml"
    first = (corpus / "doc-0000.txt").read_text(encoding="utf-8").split("\n")[2].split(". ")[0]
    claims.write_text(
        "statistics:\n  - id: homes\n    label: homes flooded\nclaims:\n  - id: c\n    statistic: homes\n"
        f"    text: Homes were flooded.\n    citations:\n      - document: doc-0000\n        quote: {first!r}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    index = tmp_path / "remote.sqlite3"
    answers = []
    for where in (["--corpus", str(corpus)], ["--corpus", "tagged://archive", "--index", str(index)]):
        result = runner.invoke(app, ["compare", "homes flooded", "--format", "json", "--claims", str(claims), *where])
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        answers.append([(d["id"], [f["value"] for f in d["findings"]]) for d in found["documents"]])
        checked = runner.invoke(app, ["check", "--claims", str(claims), *where])
        assert checked.exit_code == 0, checked.output
    assert answers[0] == answers[1] and any(values for _, values in answers[0])
    assert json.loads(result.stdout)["documents"][0]["path"].startswith("tagged://archive/")
    assert json.loads(result.stdout)["corpus"] == "tagged://archive"
    # a document changed in the store is read again by the next command
    store.pipe_file("/archive/doc-0000.txt", b"Nothing here now.\n")
    checked = runner.invoke(
        app, ["check", "--claims", str(claims), "--corpus", "tagged://archive", "--index", str(index)]
    )
    assert checked.exit_code == 1 and "quote" in checked.stdout


def test_a_store_reads_what_the_folder_reads(store: MemoryFileSystem, tmp_path: Path) -> None:
    # one reader for both: a document's bytes from fsspec give what the same file gives
    from factcheck.corpus.index import read_for_index

    corpus = make_corpus(tmp_path / "corpus", 1)
    upload(corpus, "memory://archive")
    from_folder = read_for_index(str(corpus), "doc-0000.txt", 10, 1, None)
    from_store: DocumentRead = read_for_index(UrlCorpus("memory://archive"), "doc-0000.txt", 10, 1, None)
    assert from_store.figures == from_folder.figures and from_store.n_sentences == from_folder.n_sentences > 0
    missing = read_for_index(UrlCorpus("memory://archive"), "gone.txt", 10, 1, None)
    assert missing.status == "unreadable" and "memory://archive" in missing.warnings
