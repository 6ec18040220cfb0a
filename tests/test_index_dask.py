"""The Dask engine of the index: the same rows as a local run, a worker killed mid-run, Ctrl-C, bounded memory.

One LocalCluster of two worker processes serves the module (starting one costs about a second).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus.index import DocumentRead, ReadTask, build_index, open_index
from factcheck.corpus.progress import Steps
from factcheck.errors import InputError
from tests.test_index import age, make_corpus, stored

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from factcheck.corpus.index_dask import DaskEngine, Item, batches, read_batch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CLAIMS = ROOT / "claims.yaml"

# The tests' own functions run on the workers: sent by value (the workers cannot import this module).
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def compare_json(corpus: Path, index: Path, query: str) -> Any:
    args = [
        "compare",
        query,
        "--format",
        "json",
        "--corpus",
        str(corpus),
        "--claims",
        str(CLAIMS),
        "--index",
        str(index),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def assert_same_index(corpus: Path, local: Path, dask: Path, query: str) -> None:
    assert stored(dask) == stored(local)
    assert compare_json(corpus, dask, query) == compare_json(corpus, local, query)


def test_batches_cut_by_bytes_and_count() -> None:
    tasks = [ReadTask(f"{i}.txt", 100, 1, None, True) for i in range(10)] + [ReadTask("big.txt", 1000, 1, "ab", False)]
    cut = list(batches(tasks, 250, documents=3))
    assert [len(b) for b in cut] == [2, 2, 2, 2, 2, 1]
    assert cut[-1] == (("big.txt", 1000, 1, "ab"),)  # a file larger than a batch goes alone
    assert [len(b) for b in batches(tasks, 10_000, documents=4)] == [4, 4, 3]
    many = [ReadTask(f"{i}.txt", 64 * 1024, 1, None, True) for i in range(200)]  # 12.5 MB
    shrinking = [len(b) for b in batches(many, 8 * 1024 * 1024, workers=2)]
    assert shrinking[0] == 25 and shrinking == sorted(shrinking, reverse=True) and shrinking[-1] <= 4
    assert sum(shrinking) == 200


def test_the_bundled_and_a_larger_corpus_give_the_same_rows_as_a_local_run(client: Any, tmp_path: Path) -> None:
    for name, corpus, limit, query in (
        ("bundled", CORPUS, 4096, "doctors abroad"),
        ("generated", make_corpus(tmp_path / "corpus", 60, lines=30), 16 * 1024, "homes flooded"),
    ):
        local, dask = tmp_path / f"{name}-local.sqlite3", tmp_path / f"{name}-dask.sqlite3"
        build_index(corpus, index=local)
        engine = DaskEngine(client, batch_limit=limit)
        report, _ = build_index(corpus, index=dask, engine=engine)
        assert report.workers == 2 and report.new == report.documents
        assert 1 < engine.most_in_flight <= 4  # two batches per worker at most: the client's memory stays bounded
        assert_same_index(corpus, local, dask, query)


def test_pdf_web_page_and_word_files_are_converted_on_the_workers(client: Any, tmp_path: Path) -> None:
    # a Dask worker is a daemonic process, which multiprocessing forbids to have children: the converter of
    # factcheck.corpus.formats must start its time- and memory-limited process some other way
    from tests.formats.makers import SAVED_PAGE, bulletin_pdf, report_docx

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bulletin.pdf").write_bytes(bulletin_pdf())
    (corpus / "page.html").write_text(SAVED_PAGE, encoding="utf-8")
    (corpus / "report.docx").write_bytes(report_docx())
    local, dask = tmp_path / "local.sqlite3", tmp_path / "dask.sqlite3"
    local_report, _ = build_index(corpus, index=local)
    report, _ = build_index(corpus, index=dask, engine=DaskEngine(client))
    assert (report.new, report.skipped, report.figures) == (3, 0, local_report.figures)
    assert local_report.figures >= 8  # five in the bulletin, three in the page at least
    assert_same_index(corpus, local, dask, "nurses")


def _dying_read(marker: str) -> Callable[[str, Sequence[Item]], list[DocumentRead]]:
    def read(root: str, items: Sequence[Item]) -> list[DocumentRead]:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return read_batch(root, items)
        os._exit(1)  # the first batch to start kills its worker: the scheduler runs it again on another

    return read


def test_a_worker_killed_mid_run_loses_only_its_batch(client: Any, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 40, lines=20)
    local, dask = tmp_path / "local.sqlite3", tmp_path / "dask.sqlite3"
    build_index(corpus, index=local)
    marker = tmp_path / "killed"
    from factcheck.corpus.dask_plugin import IgnoreInterrupts

    client.register_plugin(IgnoreInterrupts())  # as DaskEngine does on the LocalCluster it starts
    report, _ = build_index(
        corpus, index=dask, engine=DaskEngine(client, read=_dying_read(str(marker)), batch_limit=8192)
    )
    assert marker.exists() and report.new == 40
    assert_same_index(corpus, local, dask, "homes flooded")
    client.wait_for_workers(2, timeout=30)  # the nanny restarted the worker: the next test has two again
    ignored = client.run(lambda: signal.getsignal(signal.SIGINT) == signal.SIG_IGN)
    assert list(ignored.values()) == [True, True]  # the restarted worker leaves Ctrl-C to the client too


def test_ctrl_c_cancels_the_batches_and_the_next_run_completes(client: Any, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 60, lines=20)
    age(corpus)
    index = tmp_path / "dask.sqlite3"
    engine = DaskEngine(client, batch_limit=4096)

    def interrupted(
        root: Path, tasks: Sequence[ReadTask], progress: Steps, handle: Callable[[DocumentRead], None]
    ) -> int:
        seen = 0

        def handle_some(read: DocumentRead) -> None:
            nonlocal seen
            seen += 1
            if seen > 25:
                raise KeyboardInterrupt
            handle(read)

        return engine(root, tasks, progress, handle_some)

    with pytest.raises(KeyboardInterrupt):
        build_index(corpus, index=index, engine=interrupted)
    done = open_index(corpus, index)  # a local run completes what the Dask one left
    assert done.report.new == 60 - done.report.unchanged and 0 < done.report.new
    local = tmp_path / "local.sqlite3"
    build_index(corpus, index=local)
    done.close()
    assert_same_index(corpus, local, index, "homes flooded")


def test_nothing_to_read_reaches_no_cluster(tmp_path: Path) -> None:
    engine = DaskEngine(scheduler="tcp://127.0.0.1:1")  # nothing listens there: connecting would fail
    assert engine(tmp_path, [], Steps("", "", 0, enabled=False), print) == 0


def test_workers_that_cannot_see_the_corpus_folder_are_named(client: Any, tmp_path: Path) -> None:
    missing = tmp_path / "elsewhere"
    with pytest.raises(InputError) as raised:
        DaskEngine(client)(missing, [ReadTask("a.txt", 10, 1, None, True)], Steps("", "", 1, enabled=False), print)
    assert "not at this path on 2 of the 2 Dask workers" in str(raised.value) and str(missing) in str(raised.value)


def test_the_cli_names_the_extra_when_dask_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    result = CliRunner().invoke(
        app, ["index", "--engine", "dask", "--corpus", str(CORPUS), "--index", str(tmp_path / "i")]
    )
    assert result.exit_code == 2
    assert "pip install 'factcheck[dask]'" in result.stderr
    assert not (tmp_path / "i").exists()
    result = CliRunner().invoke(app, ["index", "--scheduler", "tcp://h:8786", "--corpus", str(CORPUS)])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_a_corpus_at_a_file_url_is_read_on_the_workers(client: Any, tmp_path: Path) -> None:
    from factcheck.corpus.url import UrlCorpus, build_url_index

    corpus = make_corpus(tmp_path / "corpus", 12, lines=20)
    age(corpus)
    local, dask = tmp_path / "local.sqlite3", tmp_path / "dask.sqlite3"
    build_index(corpus, index=local)
    url = UrlCorpus(corpus.as_uri())
    report, _ = build_url_index(url, index=dask, engine=DaskEngine(client, batch_limit=8192))
    assert (report.new, report.workers) == (12, 2)
    rows, expected = stored(dask), stored(local)
    for row in (*rows["documents"].values(), *expected["documents"].values()):
        del row["mtime_ns"]  # fsspec gives the time as a float of seconds: not to the nanosecond
    assert rows == expected
    changed = corpus / "doc-0005.txt"
    changed.write_text("About 310 homes were flooded.\n", encoding="utf-8")
    report, _ = build_url_index(url, index=dask, engine=DaskEngine(client))
    assert (report.changed, report.unchanged, report.read_bytes) == (1, 11, changed.stat().st_size)


def test_workers_that_cannot_reach_the_store_or_run_another_version_are_named(client: Any, tmp_path: Path) -> None:
    from factcheck.corpus.url import UrlCorpus

    task = [ReadTask("a.txt", 10, 1, None, True)]
    memory = UrlCorpus("memory://archive")  # each worker process has a memory store of its own, empty
    with pytest.raises(InputError, match="the corpus cannot be listed on 2 of the 2 Dask workers"):
        DaskEngine(client)(memory, task, Steps("", "", 1, enabled=False), print)

    def set_version(version: str) -> None:
        import factcheck

        factcheck.__version__ = version

    import factcheck

    ours = factcheck.__version__
    client.run(set_version, "0.0.1-other")
    try:
        with pytest.raises(InputError) as raised:
            DaskEngine(client)(tmp_path, task, Steps("", "", 1, enabled=False), print)
    finally:
        client.run(set_version, ours)
    message = str(raised.value)
    assert "2 of the 2 Dask workers run another factcheck" in message
    assert "factcheck 0.0.1-other" in message and f"this machine factcheck {ours}" in message
