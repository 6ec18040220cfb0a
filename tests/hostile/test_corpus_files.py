"""Hostile corpus files: which files are read. Only regular files, only inside the corpus, a bounded walk.

Each case runs every command that reads the corpus (with its index and with ``--no-index``) in parallel
subprocesses, and asserts the exit code, that every skipped file is named, that nothing outside the corpus reaches
the output, and that no user file changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from factcheck.corpus.documents import (
    MAX_DOCUMENT_BYTES,
    MAX_FOLDER_DEPTH,
    read_at_most,
    read_document_file,
    scan_corpus,
)
from factcheck.corpus.index import read_for_index
from tests.hostile.conftest import Run, Snapshot, run_cli

SECRET = "Secretville counts 4,242 spies."  # the text of files outside the corpus: it must never be shown
DEEP = MAX_FOLDER_DEPTH + 20  # nested folders, in the corpus of every case


def every_command(corpus: Path, claims: Path, work: Path, *extra: str) -> list[tuple[str, ...]]:
    """The argument lists of every command that reads the corpus, with its index (one each) and without."""
    common = ("--corpus", str(corpus), *extra)
    reading = [
        ("compare", "residents", "--claims", str(claims)),
        ("check", "--claims", str(claims)),
        ("grep", "--sentences", "million", "--claims", str(claims)),
        ("sources",),
        ("report", "-o", "-", "--claims", str(claims)),
        ("export", "--format", "json", "--claims", str(claims)),
    ]
    runs = [("extract", *common), ("index", *common, "--index", str(work / "index-index.sqlite3"))]
    for args in reading:
        runs.append((*args, *common, "--index", str(work / f"{args[0]}.sqlite3")))
        runs.append((*args, *common, "--no-index"))
    return runs


def run_parallel(argument_lists: list[tuple[str, ...]], cwd: Path) -> list[Run]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run_cli(*args, cwd=cwd), argument_lists))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: an alarm interrupts a blocking open() or read() in this (main) thread."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def nest(folder: Path, depth: int) -> None:
    """``depth`` nested folders ``d/d/...`` in ``folder``, each made from its parent's handle (no long paths)."""
    fd = os.open(folder, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        child = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    os.close(fd)


def remove_nested(folder: Path) -> None:
    """Remove the chain ``folder/d/d/...`` without recursion (shutil.rmtree and pytest's clean-up recurse)."""
    while (folder / "d").is_dir():
        if (folder / "d" / "d").is_dir():
            os.rename(folder / "d" / "d", folder / "next")  # pull the rest of the chain up one level
            shutil.rmtree(folder / "d")
            os.rename(folder / "next", folder / "d")
        else:
            shutil.rmtree(folder / "d")


@pytest.fixture
def hostile_corpus(small_corpus: tuple[Path, Path]) -> Iterator[tuple[Path, Path, Path]]:
    """The small corpus plus one of every kind of file that must not be read, or read with a warning.

    Yields (corpus, claims, outside): ``outside`` is a folder beside the corpus holding SECRET.
    """
    corpus, claims = small_corpus
    outside = corpus.parent / "outside"
    write(outside, "secret.txt", SECRET)
    write(outside, "folder/inner.txt", SECRET)
    os.mkfifo(corpus / "pipe.txt")
    with contextlib.chdir(corpus):  # a socket's path must be short: bind it relative to here
        server = socket.socket(socket.AF_UNIX)
        server.bind("socket.txt")
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "folder").symlink_to(outside / "folder")
    (corpus / "dangling.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "up").symlink_to(".")  # a folder link inside the corpus: its documents are read where they are
    (corpus / "alias.md").symlink_to("gazette.txt")  # a file link inside the corpus: read
    write(corpus, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    write(corpus, "latin.txt", "Caf\xe9 society: the caf\xe9 served 300 customers.\n".encode("cp1252"))
    write(corpus, "sources.yaml", f"documents:\n  - file: ../outside/secret.txt\n  - file: {outside}/secret.txt\n")
    (corpus / "deep").mkdir()
    nest(corpus / "deep", DEEP)
    write(corpus, "deep/x.txt", "Shallow enough: 3 deep folders hold 12 files.\n")
    try:
        yield corpus, claims, outside
    finally:
        server.close()
        remove_nested(corpus / "deep")


def test_every_command_reads_only_regular_files_inside_the_corpus(hostile_corpus: tuple[Path, Path, Path]) -> None:
    corpus, claims, outside = hostile_corpus
    snap = Snapshot(*(p for p in corpus.iterdir() if p.name != "deep" and not p.is_symlink()), claims, outside)
    named = {
        "pipe.txt": "named pipe (FIFO), not a regular file",
        "socket.txt": "socket, not a regular file",
        "secret.txt": "outside the corpus folder",
        "folder": "outside the corpus folder",
        "dangling.txt": "a link to a file that does not exist",
        "loop.txt": "a link in a loop",
        "binary.txt": "NUL bytes",
        "latin.txt": "not UTF-8",
        "sources.yaml": "outside the corpus folder, which is never read",
        "deep/" + "d/" * (MAX_FOLDER_DEPTH - 1) + "d": f"more than {MAX_FOLDER_DEPTH} folders deep",
    }
    for run in run_parallel(every_command(corpus, claims, corpus.parent), corpus.parent):
        assert run.code == 0, (run.args, run.stderr)
        for name, message in named.items():
            assert any(str(corpus / name) in line and message in line for line in run.stderr.splitlines()), (
                f"{run.args}: no warning naming {name} ({message}):\n{run.stderr}"
            )
        assert run.stderr.count("outside the corpus folder, which is never read") == 2, run.args  # both entries
        assert f"entry names '{outside}/secret.txt'" in run.stderr, run.args
        assert "Secretville" not in run.stdout + run.stderr, run.args
        if run.args[0] == "sources":  # a link inside the corpus is read, and so is a folder not too deep
            assert "alias" in run.stdout and "│ x " in run.stdout, run.stdout
    snap.assert_unchanged()


def test_follow_links_reads_links_outside_the_corpus(hostile_corpus: tuple[Path, Path, Path]) -> None:
    corpus, claims, outside = hostile_corpus
    runs = run_parallel(
        [
            ("extract", "--corpus", str(corpus), "--follow-links"),
            ("sources", "--corpus", str(corpus), "--follow-links", "--index", str(outside / "index.sqlite3")),
            ("grep", "--sentences", "Secretville", "--corpus", str(corpus), "--follow-links", "--no-index"),
        ],
        corpus.parent,
    )
    for run in runs:
        assert run.code == 0, (run.args, run.stderr)
        assert "link skipped" not in run.stderr
        assert "pipe.txt" in run.stderr  # still never a FIFO
    assert "4,242" in runs[0].stdout
    assert "inner" in runs[1].stdout and "secret" in runs[1].stdout
    assert "Secretville" in runs[2].stdout


def test_a_corpus_of_nothing_readable_is_an_error_naming_each_file(tmp_path: Path) -> None:
    """A folder whose every entry is skipped is an empty corpus: exit 2, naming the folder and each entry."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(tmp_path, "secret.txt", SECRET)
    claims = write(tmp_path, "claims.yaml", "claims: []\n")
    os.mkfifo(corpus / "pipe.txt")
    os.mkfifo(corpus / "sources.yaml")
    (corpus / "secret.txt").symlink_to(tmp_path / "secret.txt")
    write(corpus, "empty/.hidden.txt", "Hidden: 5 files.")
    snap = Snapshot(corpus, claims, tmp_path / "secret.txt")
    for run in run_parallel(every_command(corpus, claims, tmp_path), tmp_path):
        assert run.code == 2, (run.args, run.stderr)
        empty = "the corpus folder holds no readable document (.txt, .md, .pdf, .html, .docx)"
        assert f"{corpus}: error: {empty}" in run.stderr, run.args
        for name in ("pipe.txt", "sources.yaml", "secret.txt"):
            assert f"{corpus / name}: warning: " in run.stderr, (run.args, name, run.stderr)
        assert "Secretville" not in run.stdout + run.stderr
    snap.assert_unchanged()


def test_a_manifest_linked_from_outside_is_not_read(small_corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, claims = small_corpus
    write(tmp_path, "elsewhere/sources.yaml", "documents:\n  - file: herald.txt\n    title: Leaked\n")
    (corpus / "sources.yaml").symlink_to(tmp_path / "elsewhere" / "sources.yaml")
    snap = Snapshot(tmp_path)
    plain, followed = run_parallel(
        [
            ("sources", "--corpus", str(corpus), "--no-index"),
            ("sources", "--corpus", str(corpus), "--no-index", "--follow-links"),
        ],
        tmp_path,
    )
    assert plain.code == 0 and f"{corpus / 'sources.yaml'}: warning: link skipped" in plain.stderr
    assert "Leaked" not in plain.stdout
    assert followed.code == 0 and "Leaked" in followed.stdout
    snap.assert_unchanged()


def test_unreadable_file_and_folder_are_skipped_with_a_warning(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    locked = write(corpus, "locked.txt", "Locked: 7 keys.")
    closed = write(corpus, "closed/inside.txt", "Closed: 8 doors.").parent
    snap = Snapshot(corpus, claims)
    locked.chmod(0)
    closed.chmod(0)
    try:
        locked.read_bytes()
    except PermissionError:
        pass
    else:  # root, unless run without CAP_DAC_OVERRIDE (setpriv --bounding-set -dac_override,-dac_read_search)
        locked.chmod(0o644)
        closed.chmod(0o755)
        pytest.skip("this process reads files and folders whatever their mode")
    try:
        runs = run_parallel(every_command(corpus, claims, corpus.parent), corpus.parent)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)
    for run in runs:
        assert run.code == 0, (run.args, run.stderr)
        assert f"{locked}: warning: skipped: the file cannot be read" in run.stderr, run.args
        assert f"{closed}: warning: folder skipped: it cannot be read" in run.stderr, run.args
    snap.assert_unchanged()


# --- paths named to extract ---------------------------------------------------------------------------------------


def test_an_endless_device_or_a_huge_file_is_refused_past_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no time to write it
    started = time.monotonic()
    device, named = run_parallel([("extract", "/dev/zero"), ("extract", "huge.txt")], tmp_path)
    assert time.monotonic() - started < 20
    limit = f"holds more than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB, the most a document may hold"
    assert device.code == 2 and device.stderr.startswith(f"/dev/zero: error: it {limit}")
    assert named.code == 2 and named.stderr.startswith(f"huge.txt: error: it {limit}")
    in_corpus = read_document_file(tmp_path, "huge.txt")
    assert in_corpus.text is None and in_corpus.warnings[0].message == f"skipped: it {limit}"


def test_extract_reads_a_named_pipe_and_standard_input_given_on_the_command_line(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    def feed() -> None:  # open for writing without blocking, once the reader is there
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.02)
                continue
            os.write(fd, b"The shelter took in 37 dogs.\n")
            os.close(fd)
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    run = run_cli("extract", pipe, "-", "--format", "json", input=b"The farm kept 41 cows.\n", cwd=tmp_path)
    writer.join(5)
    assert run.code == 0, run.stderr
    assert '"value": 37' in run.stdout and '"value": 41' in run.stdout


def test_reading_stops_at_the_limit() -> None:
    endless = iter([b"x" * 100] * 1000)
    assert read_at_most(lambda size: next(endless), 250) is None  # not the 100,000 bytes on offer
    assert len(next(endless)) == 100 and sum(1 for _ in endless) == 1000 - 4
    parts = iter([b"ab", b"cd", b""])
    assert read_at_most(lambda size: next(parts), 4) == b"abcd"


# --- a FIFO put where a document was listed -----------------------------------------------------------------------


def test_a_fifo_swapped_in_after_listing_is_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.txt")  # what the reader finds after listing a regular x.txt
    with time_limit(5):
        file = read_document_file(tmp_path, "x.txt")
        read = read_for_index(str(tmp_path), "x.txt", 10, 0, None)
    assert file.text is None and "named pipe" in file.warnings[0].message
    assert read.status == "unreadable" and "named pipe" in read.warnings


# --- a deep folder tree -------------------------------------------------------------------------------------------


def stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    return depth


def test_the_walk_takes_no_stack_per_folder_level(tmp_path: Path) -> None:
    """1,500 nested folders gave a RecursionError: the walk's stack must not grow with the depth.

    Making 1,500 folders costs seconds on some disks; the same is proven on DEEP levels with a recursion limit
    far below DEEP.
    """
    write(tmp_path, "a.txt", "The city has 5 million people.")
    nest(tmp_path, DEEP)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(stack_depth() + 40)
    try:
        scan = scan_corpus(tmp_path)
    finally:
        sys.setrecursionlimit(limit)
        remove_nested(tmp_path)
    assert scan.rels == ["a.txt"]
    [warning] = scan.warnings
    assert warning.path == str(tmp_path / "/".join(["d"] * (MAX_FOLDER_DEPTH + 1)))
    assert warning.message == f"folder skipped: it is more than {MAX_FOLDER_DEPTH} folders deep"
