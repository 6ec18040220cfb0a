"""A Dask worker plugin that leaves Ctrl-C to the client, on every worker of a local cluster, restarted ones too.

Imported only when factcheck starts a LocalCluster (it needs distributed).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from distributed import WorkerPlugin


class IgnoreInterrupts(WorkerPlugin):
    """Each worker ignores SIGINT, as the first workers do when started under ``_workers_ignore_interrupts``.

    The nanny starts a worker again after one dies, from a process that no longer ignores SIGINT: without the
    plugin, the new worker would print a traceback on Ctrl-C. The scheduler runs ``setup`` on every worker that
    joins.
    """

    name = "factcheck-ignore-interrupts"

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():  # signal handlers belong to the main thread
            signal.signal(signal.SIGINT, signal.SIG_IGN)
