"""Worker processes: how many cores this process may use, what a worker does with Ctrl-C, and dying together."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else every core)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked, sharing what this process has loaded (Linux; not macOS, not Windows), by this
    process: a daemonic one (a pool's or a Dask worker) may start none."""
    import multiprocessing

    return sys.platform.startswith("linux") and not multiprocessing.current_process().daemon


def ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them and keeps the index consistent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent ``parent`` dies (Linux); exit now if it is dead already.

    A worker that outlives a killed parent would keep running, and keep what it inherited (a lock) held.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent's pipe still ends the pool
        return
    if os.getppid() != parent:  # the parent died before the request was made: nobody would send the signal
        os._exit(1)


def start_worker(parent: int, inherited: Iterable[int]) -> None:
    """Initialise a reading worker: no Ctrl-C, die with ``parent``, and close the ``inherited`` descriptors.

    The descriptors are the parent's lock files: closing them here does not release the parent's lock, and a
    worker that somehow outlived its parent could not hold it.
    """
    ignore_interrupts()
    die_with_parent(parent)
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet waited for, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc: kill said it exists


def children(pid: int) -> list[int]:
    """The process ids of the children of ``pid`` (Linux; elsewhere none are known)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


Forked = tuple[BaseProcess, Connection]  # a forked process and the end of the pipe its answer comes through


def fork_answering(work: Callable[[], Any], inherited: Iterable[int] = ()) -> Forked:
    """A forked process that does ``work`` and sends back its result, or None when it raises (the caller then does
    the work itself). It starts as a reading worker does (start_worker: no Ctrl-C, dies with this process, the
    ``inherited`` lock descriptors closed); nothing is pickled but the answer. Only where can_fork() says so."""
    import multiprocessing

    fork = multiprocessing.get_context("fork")
    receive, send = fork.Pipe(duplex=False)
    process = fork.Process(target=_answer, args=(os.getpid(), tuple(inherited), work, send), daemon=True)
    process.start()
    send.close()
    return process, receive


def _answer(parent: int, inherited: tuple[int, ...], work: Callable[[], Any], send: Connection) -> None:
    start_worker(parent, inherited)
    try:
        found = work()
    except Exception:
        found = None
    with contextlib.suppress(OSError):  # the parent is gone (the kernel ends this process too)
        send.send(found)
    send.close()


def answer_of(forked: Forked) -> Any:
    """What a forked process sent back, or None (it failed, or ended without an answer)."""
    with contextlib.suppress(EOFError, OSError):
        return forked[1].recv()
    return None


def stop(forked: Iterable[Forked]) -> None:
    """End forked processes however their caller ends (an answer, an error, Ctrl-C): none is left behind."""
    for process, receive in forked:
        if process.is_alive():
            process.terminate()
        process.join()
        receive.close()
