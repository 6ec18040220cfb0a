"""Converting a document in a worker process with a time and a memory limit: a hostile or broken file that makes
a native extractor hang, crash or swallow memory costs one warning, never the run."""

from __future__ import annotations

import importlib
import importlib.util
import os
from multiprocessing.connection import Connection
from typing import Any

from factcheck.formats import EXTRAS, ConversionFailed, Extracted

TIME_LIMIT = 30.0  # seconds one document may take to convert
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space the converting process may use (where the system allows)
_MODULES = {"pdf": "factcheck.formats.pdf", "html": "factcheck.formats.html", "docx": "factcheck.formats.docx"}


def convert(fmt: str, data: bytes, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> Extracted:
    """The text of ``data`` read as ``fmt``, converted in a process of its own; ConversionFailed says why not."""
    require(fmt)
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # nothing inherited: no lock, no thread, no half-made state
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_convert_in_child, args=(send, fmt, data, memory_limit, os.getpid()))
    worker.start()
    send.close()
    try:
        answer = receive.recv() if receive.poll(time_limit) else None
    except EOFError:  # the worker died without answering
        answer = None
    finally:
        receive.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    if answer is None:
        if worker.exitcode is not None and worker.exitcode < 0 and worker.exitcode != -9:
            raise ConversionFailed(
                f"the {fmt.upper()} converter crashed on it (signal {-worker.exitcode})",
                "the file is probably damaged: open it and save a copy, or save its text as .txt",
            )
        raise ConversionFailed(
            f"converting it took more than {time_limit:g} s and was stopped",
            "split it into smaller files, or save its text as .txt",
        )
    return _answer(answer)


def extract_here(fmt: str, data: bytes) -> Extracted:
    """The text of ``data`` read as ``fmt`` in this process (no limits: for tests and benchmarks)."""
    require(fmt)
    module: Any = importlib.import_module(_MODULES[fmt])
    extracted: Extracted = module.extract(data)
    return extracted


def require(fmt: str) -> None:
    """Raise ConversionFailed naming the extra to install if the library that reads ``fmt`` is missing."""
    extra, module = EXTRAS[fmt]
    if importlib.util.find_spec(module) is None:
        raise ConversionFailed(
            f"reading {fmt.upper()} files needs the optional library {module}, which is not installed",
            f"pip install 'factcheck[{extra}]'",
        )


def _answer(answer: tuple[str, Any, Any]) -> Extracted:
    status, first, second = answer
    if status == "ok":
        assert isinstance(first, Extracted)
        return first
    raise ConversionFailed(str(first), str(second))


def _convert_in_child(send: Connection, fmt: str, data: bytes, memory_limit: int, parent: int) -> None:
    from factcheck.processes import die_with_parent, ignore_interrupts

    ignore_interrupts()
    die_with_parent(parent)
    _limit_memory(memory_limit)
    answer: tuple[str, Any, Any]
    try:
        answer = ("ok", extract_here(fmt, data), None)
    except ConversionFailed as failure:
        answer = ("failed", failure.reason, failure.hint)
    except MemoryError:
        answer = (
            "failed",
            f"converting it needed more than {memory_limit / 1024**2:,.0f} MB of memory and was stopped",
            "split it into smaller files, or save its text as .txt",
        )
    except Exception as error:  # any library's failure on a broken file: said, not raised
        answer = (
            "failed",
            f"the {fmt.upper()} converter failed on it ({type(error).__name__}: {error})",
            "the file is probably damaged: open it and save a copy, or save its text as .txt",
        )
    send.send(answer)
    send.close()


def _limit_memory(limit: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - no such limit here (Windows, macOS)
        return
