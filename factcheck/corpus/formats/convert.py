"""Converting a document in a worker process with a time and a memory limit: a hostile or broken file that makes
a native extractor hang, crash or swallow memory costs one warning, never the run."""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any

from factcheck.corpus.formats import EXTRAS, ConversionFailed, Extracted

TIME_LIMIT = 30.0  # seconds one document may take to convert
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space the converting process may use (where the system allows)
_MODULES = {
    "pdf": "factcheck.corpus.formats.pdf",
    "html": "factcheck.corpus.formats.html",
    "docx": "factcheck.corpus.formats.docx",
}


def convert(fmt: str, data: bytes, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT) -> Extracted:
    """The text of ``data`` read as ``fmt``, converted in a process of its own; ConversionFailed says why not.

    The process is a fresh interpreter started with ``subprocess`` rather than ``multiprocessing``: it inherits
    nothing (no lock, no thread, no half-made state) and may be started from anywhere, a reading pool's worker or
    a Dask worker among them, whose daemonic processes ``multiprocessing`` forbids to have children.
    """
    require(fmt)
    import pickle
    import subprocess
    import sys

    command = [sys.executable, "-m", "factcheck.corpus.formats.convert", fmt, str(memory_limit), str(os.getpid())]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True
    ) as worker:
        try:
            output, _ = worker.communicate(data, timeout=time_limit)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()
            output = b""
        except BaseException:  # Ctrl-C while waiting: the converter goes too
            worker.kill()
            raise
    answer: tuple[str, Any, Any] | None = None
    if output and worker.returncode == 0:
        try:
            answer = pickle.loads(output)  # written by _main below, in our own child: trusted
        except (pickle.UnpicklingError, EOFError, ValueError):
            answer = None
    if answer is None:
        code = worker.returncode
        if code is not None and code < 0 and code != -9:
            raise ConversionFailed(
                f"the {fmt.upper()} converter crashed on it (signal {-code})",
                "the file is probably damaged: open it and save a copy, or save its text as .txt",
            )
        if code not in (None, 0, -9):
            raise ConversionFailed(
                f"the {fmt.upper()} converter stopped on it (exit status {code})",
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


def _convert_in_child(fmt: str, data: bytes, memory_limit: int, parent: int) -> tuple[str, Any, Any]:
    from factcheck.corpus.processes import die_with_parent, ignore_interrupts

    ignore_interrupts()
    die_with_parent(parent)
    _limit_memory(memory_limit)
    try:
        return ("ok", extract_here(fmt, data), None)
    except ConversionFailed as failure:
        return ("failed", failure.reason, failure.hint)
    except MemoryError:
        return (
            "failed",
            f"converting it needed more than {memory_limit / 1024**2:,.0f} MB of memory and was stopped",
            "split it into smaller files, or save its text as .txt",
        )
    except Exception as error:  # any library's failure on a broken file: said, not raised
        return (
            "failed",
            f"the {fmt.upper()} converter failed on it ({type(error).__name__}: {error})",
            "the file is probably damaged: open it and save a copy, or save its text as .txt",
        )


def _main(argv: list[str]) -> int:
    """``python -m factcheck.corpus.formats.convert FMT MEMORY_LIMIT PARENT_PID``: the document's bytes on stdin, the
    pickled answer on stdout."""
    import pickle
    import sys

    fmt, memory_limit, parent = argv[0], int(argv[1]), int(argv[2])
    data = sys.stdin.buffer.read()
    answer = _convert_in_child(fmt, data, memory_limit, parent)
    try:
        output = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        output = pickle.dumps(("failed", "its text needed more memory than the converter may use", "split it"))
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()
    return 0


def _limit_memory(limit: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - no such limit here (Windows, macOS)
        return


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))
