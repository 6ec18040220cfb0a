"""The hostile-input suite's harness: every case runs the real command in a subprocess with a time limit.

A case asserts what issue 13 asks of every input: the command ends (no hang), it prints no traceback, its exit code
is the documented one, the message names the file, and no file of the user's changed. ``run_cli`` enforces the
first two for every call; ``Snapshot`` the last.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

# Generous: a case that passes takes well under a second or two; a hang is what this catches.
DEFAULT_TIMEOUT = 30.0

# Characters that must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls, bidi overrides.
RAW_CONTROLS = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)]
)


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str


def run_cli(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
) -> Run:
    """Run ``factcheck ARGS`` in a process of its own; fail the test on a hang or a traceback.

    The process is a fork of the test process, which has imported factcheck already: each run costs milliseconds
    instead of an interpreter's start and imports, with the same isolation (its own files, environment, working
    folder and session; killed at the time limit). ``FACTCHECK_TEST_SUBPROCESS=1`` runs ``python -m factcheck``
    instead, to check the two agree.
    """
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
    full_env.pop("FACTCHECK_DEBUG", None)
    if env:
        full_env.update(env)
    words = tuple(map(str, args))
    if os.environ.get("FACTCHECK_TEST_SUBPROCESS") or not hasattr(os, "fork"):
        code, out_bytes, err_bytes = _run_subprocess(words, cwd, timeout, full_env, input)
    else:
        code, out_bytes, err_bytes = _run_forked(words, cwd, timeout, full_env, input)
    out = out_bytes.decode("utf-8", "replace")
    err = err_bytes.decode("utf-8", "replace")
    assert "Traceback (most recent call last)" not in err + out, f"traceback from {args}:\n{err}"
    return Run(words, code, out, err)


def _hang(args: tuple[str, ...], timeout: float) -> NoReturn:
    pytest.fail(f"hang: `factcheck {' '.join(args)}` still running after {timeout:g} s")


def _run_subprocess(
    args: tuple[str, ...], cwd: Path | None, timeout: float, env: dict[str, str], input: bytes | None
) -> tuple[int, bytes, bytes]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", *args],
            cwd=cwd,
            env=env,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        _hang(args, timeout)
    return done.returncode, done.stdout, done.stderr


def _run_forked(
    args: tuple[str, ...], cwd: Path | None, timeout: float, env: dict[str, str], input: bytes | None
) -> tuple[int, bytes, bytes]:
    import signal
    import tempfile
    import time

    from factcheck.cli import main

    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        stdin.write(input or b"")
        stdin.seek(0)
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                os.setsid()
                for fd, f in ((0, stdin), (1, stdout), (2, stderr)):
                    os.dup2(f.fileno(), fd)
                sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                os.environ.clear()
                os.environ.update(env)
                if cwd is not None:
                    os.chdir(cwd)
                sys.argv = ["factcheck", *args]
                try:
                    main()
                    code = 0
                except SystemExit as done:
                    code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except OSError:
                        pass
            except BaseException:  # a failure of the harness itself, reported like Python's own
                import traceback

                os.write(2, traceback.format_exc().encode("utf-8", "replace"))
            finally:
                os._exit(code)
        deadline = time.monotonic() + timeout
        while True:
            done_pid, status = os.waitpid(pid, os.WNOHANG)
            if done_pid:
                break
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                _hang(args, timeout)
            time.sleep(0.005)
        stdout.seek(0)
        stderr.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return code, stdout.read(), stderr.read()


def raw_controls(text: str) -> set[str]:
    """The raw control characters in ``text`` (what must never reach a terminal from a file)."""
    return {c for c in text if c in RAW_CONTROLS}


class Snapshot:
    """The bytes of every file under some folders and files, to prove afterwards that none changed.

    Files that factcheck itself may write (its index folder) are left out.
    """

    def __init__(self, *roots: Path, ignore: Iterable[str] = (".factcheck",)) -> None:
        self.roots = roots
        self.ignore = frozenset(ignore)
        self.before = self._take()

    def _take(self) -> dict[Path, str]:
        seen: dict[Path, str] = {}
        for root in self.roots:
            paths = [root] if not root.is_dir() else sorted(root.rglob("*"))
            for path in paths:
                if any(part in self.ignore for part in path.parts) or path.is_symlink() or not path.is_file():
                    continue
                seen[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return seen

    def assert_unchanged(self) -> None:
        after = self._take()
        assert after == self.before, "a user's file changed, appeared or was lost"


@pytest.fixture
def small_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A two-document corpus and a valid claims file about it: (corpus folder, claims file)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "herald.txt").write_text(
        "City grows\n\nThe city now has 1.2 million residents, the statistics office said in 2021.\n", encoding="utf-8"
    )
    (corpus / "gazette.txt").write_text(
        "Census\n\nAbout 1.18 million residents live in the city, up from 1.1 million in 2010.\n", encoding="utf-8"
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n"
        "  - id: population\n"
        "    label: city population\n"
        "claims:\n"
        "  - id: herald-population\n"
        "    statistic: population\n"
        "    text: The city has 1.2 million residents.\n"
        "    figure: {value: 1200000}\n"
        "    citations:\n"
        "      - document: herald\n"
        '        quote: "The city now has 1.2 million residents"\n',
        encoding="utf-8",
    )
    return corpus, claims
