"""Read a corpus for its index on a Dask cluster: workers read batches of documents, the one local writer stores them.

The client plans what to read as a local run does (size and modification time; files whose size and time changed
are hashed by the worker that reads them, never downloaded here), submits batches of documents (about
``BATCH_BYTES`` each) to a ``distributed`` cluster, at most a few per worker at a time, and hands each document
read to the index's writer as its batch comes back: the client holds a bounded number of batches however large
the corpus. A worker that dies loses its batch, which the scheduler runs again elsewhere; a task that fails is
tried ``RETRIES`` more times. Dask is imported only here, and only when a run has documents to read.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from factcheck.corpus.index import (
    DocumentRead,
    DocumentStore,
    IndexReport,
    ReadTask,
    build_index,
    read_for_index,
    reader_key,
    reader_root,
)
from factcheck.corpus.processes import usable_cores
from factcheck.corpus.progress import Steps
from factcheck.errors import InputError, UsageError

if TYPE_CHECKING:
    from distributed import Client, Future

    from factcheck.corpus.url import UrlCorpus
    from factcheck.errors import Problem

__all__ = ["EXTRA", "DaskEngine", "build_index_on_dask", "read_batch"]

EXTRA: Final = "pip install 'factcheck[dask]'"
BATCH_BYTES: Final = 8 * 1024 * 1024  # the most a batch reads: its results cross the network in one message
MIN_BATCH_BYTES: Final = 256 * 1024  # below this a task costs more in scheduling than it reads
BATCH_DOCUMENTS: Final = 512  # the most documents in a batch (many small files)
BATCHES_PER_WORKER: Final = 4  # a batch is at most a quarter of a worker's share of what is left
IN_FLIGHT_PER_WORKER: Final = 2  # batches submitted and not yet written, per worker: one read, one waiting
RETRIES: Final = 2
CONNECT_SECONDS: Final = 10

Item = tuple[str, int, int, str | None]  # rel, size, mtime_ns, known sha256
BatchReader = Callable[[str | DocumentStore, Sequence[Item]], list[DocumentRead]]


def read_batch(root: str | DocumentStore, items: Sequence[Item]) -> list[DocumentRead]:
    """What one task does on a worker: read each document of the batch (from the folder ``root`` or the store)
    with the index's pure reader."""
    return [read_for_index(root, rel, size, mtime_ns, known) for rel, size, mtime_ns, known in items]


def batches(
    tasks: Sequence[ReadTask], limit: int, documents: int = BATCH_DOCUMENTS, workers: int = 0
) -> Iterator[tuple[Item, ...]]:
    """The tasks in order, cut into batches of at most ``limit`` bytes (a larger file alone) or ``documents``.

    With ``workers``, each batch reads at most a ``BATCHES_PER_WORKER``-th share per worker of what is left (never
    less than MIN_BATCH_BYTES): batches shrink towards the end, so that no worker reads a large last batch alone
    while the others wait (guided self-scheduling).
    """
    remaining = sum(max(t.size, 0) for t in tasks)
    parts = workers * BATCHES_PER_WORKER
    batch: list[Item] = []
    size = 0
    cap = limit
    for task in tasks:
        task_size = max(task.size, 0)
        if batch and (size + task_size > cap or len(batch) >= documents):
            yield tuple(batch)
            remaining -= size
            batch, size = [], 0
        if not batch and parts:
            cap = max(MIN_BATCH_BYTES, min(limit, remaining // parts))
        batch.append((task.rel, task.size, task.mtime_ns, task.known_sha256))
        size += task_size
    if batch:
        yield tuple(batch)


class DaskEngine:
    """A read engine of factcheck.corpus.index (``ReadEngine``) on a Dask cluster.

    Give it a ``client``, or a ``scheduler`` address (None: a LocalCluster of this machine's cores, one process
    and one thread each), which is connected to on the first read and closed by ``close``. ``read`` is the task's
    function (tests wrap it to kill a worker).
    """

    def __init__(
        self,
        client: Client | None = None,
        scheduler: str | None = None,
        *,
        read: BatchReader = read_batch,
        batch_limit: int | None = None,
    ) -> None:
        self._client = client
        self._own: list[Any] = []  # the client and cluster this engine started, closed by close()
        self.scheduler = scheduler
        self.read = read
        self.batch_limit = batch_limit
        self.most_in_flight = 0  # the most batches submitted and not yet written at once (the client's memory)
        # where the time of the last run went, in seconds: starting or reaching the cluster, waiting for a batch to
        # come back (reading and moving it), handing the documents to the writer
        self.seconds = {"cluster": 0.0, "waiting": 0.0, "writing": 0.0}

    def client(self) -> Client:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Client:
        distributed = _distributed()
        if self.scheduler is None:
            with _workers_ignore_interrupts():
                cluster = distributed.LocalCluster(
                    n_workers=usable_cores(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,  # a batch cancelled by Ctrl-C is not worth a warning
                )
            self._own.append(cluster)
            client: Client = distributed.Client(cluster, direct_to_workers=True)
            from factcheck.corpus.dask_plugin import IgnoreInterrupts

            client.register_plugin(IgnoreInterrupts())  # a worker started again after one died ignores it too
        else:
            try:
                client = distributed.Client(self.scheduler, timeout=CONNECT_SECONDS, direct_to_workers=True)
            except (OSError, TimeoutError, ValueError) as error:
                raise InputError.at(
                    self.scheduler,
                    f"no Dask scheduler could be reached there ({error})",
                    hint="start one with `dask scheduler` and pass the address it prints (tcp://host:8786)",
                ) from error
        self._own.insert(0, client)
        return client

    def close(self) -> None:
        for owned in self._own:
            with contextlib.suppress(Exception):
                owned.close()
        self._own.clear()

    def __call__(
        self,
        root: Path | DocumentStore,
        tasks: Sequence[ReadTask],
        progress: Steps,
        handle: Callable[[DocumentRead], None],
    ) -> int:
        """Read ``tasks`` on the cluster and hand each document read to ``handle``, as its batch comes back.

        Returns the cluster's worker threads. On any error (Ctrl-C included) the batches not yet written are
        cancelled; what was handed to ``handle`` before stays (the writer commits as it goes).
        """
        if not tasks:
            return 0
        from distributed import KilledWorker, as_completed

        started = time.perf_counter()
        client = self.client()
        self.seconds = {"cluster": time.perf_counter() - started, "waiting": 0.0, "writing": 0.0}
        workers = _check_workers(client, root)
        if self.batch_limit:
            queue = batches(tasks, self.batch_limit)
        else:
            queue = batches(tasks, BATCH_BYTES, workers=workers)
        outstanding: set[Future[list[DocumentRead]]] = set()
        done = as_completed()

        def submit() -> None:
            batch = next(queue, None)
            if batch is not None:
                future = client.submit(self.read, reader_root(root), batch, retries=RETRIES, pure=False)
                outstanding.add(future)
                done.add(future)
                self.most_in_flight = max(self.most_in_flight, len(outstanding))

        try:
            for _ in range(workers * IN_FLIGHT_PER_WORKER):
                submit()
            clock = time.perf_counter()
            for future in done:
                try:
                    reads = future.result()
                except KilledWorker as error:
                    raise _killed(root, error) from error
                except ImportError as error:  # factcheck is missing on a worker, or Dask cannot load the task
                    raise _no_factcheck(root, error) from error
                outstanding.discard(future)
                submit()  # before writing: the workers read the next batch meanwhile
                now = time.perf_counter()
                self.seconds["waiting"] += now - clock
                for read in reads:
                    handle(read)
                    progress.step()
                clock = time.perf_counter()
                self.seconds["writing"] += clock - now
        except BaseException:
            with contextlib.suppress(Exception):
                client.cancel(list(outstanding), force=True)
            raise
        return workers


def _check_workers(client: Client, root: Path | DocumentStore) -> int:
    """The cluster's worker threads, once it has some, each runs this factcheck and reader, and each reaches the
    corpus: the folder at ``root``, or the store."""
    if not client.nthreads():
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (TimeoutError, OSError) as error:
            raise InputError.at(
                str(client.scheduler.address if client.scheduler else "the Dask scheduler"),
                f"the cluster has no workers ({error})",
                hint="start some with `dask worker ADDRESS` (one process per core: --nthreads 1)",
            ) from error
    _check_versions(client, root)
    if isinstance(root, Path):
        sees = client.run(os.path.isdir, str(root))
        what = "the corpus folder is not at this path"
        hint = (
            "share the folder with every worker (NFS, an object store mounted) at the same path, or pass the"
            " path the workers see with --corpus"
        )
    else:
        sees = client.run(_reaches, root)
        what = "the corpus cannot be listed"
        hint = (
            "install fsspec and the store's driver (s3fs, gcsfs) on every worker, and give them the credentials"
            " (--storage-option, or the store's environment variables on the workers)"
        )
    blind = sorted(worker for worker, found in sees.items() if not found)
    if blind:
        raise InputError.at(
            str(root),
            f"{what} on {len(blind)} of the {len(sees)} Dask workers"
            f" ({', '.join(blind[:3])}{', ...' if len(blind) > 3 else ''})",
            hint=hint,
        )
    return max(1, sum(int(n) for n in client.nthreads().values()))


def worker_versions() -> tuple[str, str]:
    """This process's factcheck version and reader key (what the index records of each document read)."""
    from factcheck import __version__

    return __version__, reader_key()


def _check_versions(client: Client, root: Path | DocumentStore) -> None:
    """InputError naming both versions when a worker runs another factcheck or reader than this process."""
    try:
        found = client.run(worker_versions)
    except ImportError as error:  # the function is sent by reference: a worker without factcheck cannot load it
        raise _no_factcheck(root, error) from error
    here = worker_versions()
    other = {worker: versions for worker, versions in found.items() if tuple(versions) != here}
    if other:
        worker, (version, reader) = sorted(other.items())[0]
        raise InputError.at(
            str(root),
            f"{len(other)} of the {len(found)} Dask workers run another factcheck: {worker} has factcheck"
            f" {version} (reader {reader}), this machine factcheck {here[0]} (reader {here[1]})",
            hint=f"install factcheck {here[0]}, the same code, on every worker (the index records each"
            " document's reader: another one makes the next run read everything again)",
        )


def _no_factcheck(root: Path | DocumentStore, error: Exception) -> InputError:
    return InputError.at(
        str(root),
        f"a Dask worker cannot run factcheck's reader ({error})",
        hint="install factcheck, the same version as here, on every worker",
    )


def _reaches(store: DocumentStore) -> bool:
    """Whether this worker can list the store (False when its driver is missing or the options do not fit)."""
    from factcheck.errors import FactcheckError

    reachable = getattr(store, "reachable", None)
    try:
        return bool(reachable()) if reachable is not None else True
    except FactcheckError:
        return False


@contextlib.contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """Start processes that leave Ctrl-C to this one (a terminal sends it to all of them), as the local pool's do.

    Worker processes inherit an ignored SIGINT, and Python then installs no handler of its own: the client
    cancels their batches and closes them, without a traceback from each.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _killed(root: Path | DocumentStore, error: Exception) -> InputError:
    return InputError.at(
        str(root),
        f"a batch of documents killed every Dask worker that read it ({error})",
        hint="a worker may lack memory for its batch (give workers more), or one document crashes the reader:"
        " index with --engine local to find it",
    )


def _distributed() -> Any:
    """The distributed module, or a UsageError naming the extra to install."""
    try:
        import distributed
    except ImportError as error:
        raise UsageError(
            f"--engine dask needs Dask's distributed scheduler, which is not installed ({error}):"
            f" install it with `{EXTRA}`"
        ) from error
    return distributed


def build_index_on_dask(
    path: Path | UrlCorpus,
    *,
    scheduler: str | None = None,
    index: Path | None = None,
    rebuild: bool = False,
    progress: bool = False,
    check: bool = False,
    follow_links: bool = False,
) -> tuple[IndexReport, tuple[Problem, ...]]:
    """``build_index`` (or for a corpus at a URL ``build_url_index``) with the documents read on a Dask cluster:
    at ``scheduler``, or a LocalCluster of this machine's cores (started only when there is something to read,
    closed at the end).

    Raises UsageError when Dask is not installed, InputError when the scheduler cannot be reached, and what
    ``build_index`` raises.
    """
    _distributed()  # said before anything is read
    engine = DaskEngine(scheduler=scheduler)
    try:
        if isinstance(path, Path):
            return build_index(
                path,
                index=index,
                rebuild=rebuild,
                progress=progress,
                check=check,
                follow_links=follow_links,
                engine=engine,
            )
        from factcheck.corpus.url import build_url_index

        return build_url_index(path, index=index, rebuild=rebuild, progress=progress, check=check, engine=engine)
    finally:
        engine.close()
