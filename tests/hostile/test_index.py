"""Hostile input for the index: --index at a user's file, a damaged index, runs killed at random moments."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from factcheck.corpus.processes import children, running
from tests.hostile.conftest import ROOT, Run, Snapshot, run_cli

QUERY = "city population residents"  # what compare is asked about the small corpus (both documents answer)

# Every command that takes --index, with the arguments it needs to read the corpus ("{claims}": the claims file).
INDEX_COMMANDS = (
    ("index",),
    ("compare", QUERY, "--claims", "{claims}"),
    ("check", "--claims", "{claims}"),
    ("grep", "--sentences", "residents", "--claims", "{claims}"),
    ("sources",),
    ("report", "--claims", "{claims}"),
    ("export", "--claims", "{claims}"),
)


def _manifest(corpus: Path) -> Path:
    manifest = corpus / "sources.yaml"
    manifest.write_text("documents:\n  - file: herald.txt\n    id: herald\n    title: City grows\n", encoding="utf-8")
    return manifest


def _foreign_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    return path


def _in_parallel(calls: list[tuple[str | Path, ...]], claims: Path) -> list[Run]:
    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda args: run_cli(*(claims if a == "{claims}" else a for a in args)), calls))


def _assert_refused(run: Run, target: Path) -> None:
    assert run.code == 2, (run.args, run.stderr)
    assert str(target) in run.stderr and "not used as the index" in run.stderr, (run.args, run.stderr)


def test_index_at_a_users_file_is_refused_and_nothing_is_written(
    small_corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, claims = small_corpus
    manifest = _manifest(corpus)
    other = _foreign_database(tmp_path / "other.sqlite3")
    targets = [claims, corpus / "herald.txt", manifest, corpus, Path("/dev/null"), other]
    snap = Snapshot(tmp_path, ignore=())
    listing = sorted(tmp_path.rglob("*"))
    calls = [("index", "--corpus", corpus, "--index", target) for target in targets]
    calls += [(*cmd, "--corpus", corpus, "--index", claims) for cmd in INDEX_COMMANDS[1:]]
    for run in _in_parallel(calls, claims):
        _assert_refused(run, Path(run.args[run.args.index("--index") + 1]))
    snap.assert_unchanged()
    assert sorted(tmp_path.rglob("*")) == listing  # no lock file, no copy, no index folder beside anything


def test_a_new_index_elsewhere_and_then_its_reuse_work(small_corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, claims = small_corpus
    index = tmp_path / "elsewhere" / "i.sqlite3"
    snap = Snapshot(corpus, claims)
    for _ in range(2):
        run = run_cli("compare", QUERY, "--corpus", corpus, "--claims", claims, "--index", index, "--format", "json")
        assert run.code == 0, run.stderr
        assert run.stderr == ""
    names = {p.name for p in index.parent.iterdir()}
    assert "i.sqlite3" in names and names <= {"i.sqlite3", "i.sqlite3-shm", "i.sqlite3-wal", "i.sqlite3.lock"}
    snap.assert_unchanged()


def _blob_offset(index: Path, column: str) -> int:
    """Where in the index file a stored blob of ``column`` lies (after a checkpoint, the file holds it whole)."""
    conn = sqlite3.connect(index)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = max((bytes(r[0]) for r in conn.execute(f"SELECT {column} FROM contents")), key=len)
    conn.close()
    data = index.read_bytes()
    assert data.count(blob[:40]) == 1
    return data.index(blob[:40]) + 20


def _damage(index: Path, offset: int) -> None:
    data = bytearray(index.read_bytes())
    data[offset] ^= 0x5A
    index.write_bytes(bytes(data))


def test_damaged_bytes_in_stored_blobs_never_change_the_answer(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    index = corpus / ".factcheck" / "index.sqlite3"
    args = ("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json")
    clean = run_cli(*args)
    assert clean.code == 0, clean.stderr
    for column in ("text", "terms"):  # what is scored, and what selects the candidates
        _damage(index, _blob_offset(index, column))
    snap = Snapshot(corpus, claims)
    damaged = run_cli(*args)
    assert (damaged.code, damaged.stdout) == (0, clean.stdout)
    assert str(index) in damaged.stderr and "damaged" in damaged.stderr and ".txt is damaged" in damaged.stderr
    again = run_cli(*args)  # stored again meanwhile: no warning
    assert (again.code, again.stdout, again.stderr) == (0, clean.stdout, "")
    snap.assert_unchanged()


def test_a_damaged_search_table_or_word_list_is_made_again(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    index = corpus / ".factcheck" / "index.sqlite3"
    args = ("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json")
    clean = run_cli(*args)
    conn = sqlite3.connect(index)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    block = max((bytes(r[0]) for r in conn.execute("SELECT block FROM terms_data WHERE id > 10")), key=len)
    conn.close()
    data = index.read_bytes()
    assert data.count(block) == 1 and len(block) > 40
    start = data.index(block) + 8
    index.write_bytes(data[:start] + bytes(len(block) - 8) + data[start + len(block) - 8 :])  # its postings: zeros
    conn = sqlite3.connect(index)
    assert conn.execute("UPDATE stems SET stem = 'residx' WHERE stem = 'resid'").rowcount == 1  # a query's word
    conn.commit()
    conn.close()
    damaged = run_cli(*args)
    assert (damaged.code, damaged.stdout) == (0, clean.stdout), damaged.stderr
    assert str(index) in damaged.stderr and "search table was damaged" in damaged.stderr
    assert "word list was damaged" in damaged.stderr
    check = run_cli("index", "--check", "--corpus", corpus, "--format", "json")
    assert json.loads(check.stdout)["repaired"] == [], check.stdout


def test_index_check_finds_and_repairs_damage(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    index = corpus / ".factcheck" / "index.sqlite3"
    assert run_cli("index", "--corpus", corpus).code == 0
    _damage(index, _blob_offset(index, "terms"))
    first = run_cli("index", "--check", "--corpus", corpus, "--format", "json")
    assert first.code == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["checked"] and report["changed"] == 1
    assert any(".txt: its stored content was damaged" in line for line in report["repaired"])
    assert any("search table" in line for line in report["repaired"])
    second = run_cli("index", "--check", "--corpus", corpus, "--format", "json")
    assert json.loads(second.stdout)["repaired"] == [] and second.stderr == ""
    assert run_cli("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json").stderr == ""


def test_an_empty_truncated_or_replaced_index_in_the_index_folder_is_rebuilt(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    args = ("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json")
    clean = run_cli(*args)
    index = corpus / ".factcheck" / "index.sqlite3"
    for content in (b"", b"SQLite for", b"not a database\n" * 200):
        for leftover in index.parent.iterdir():
            leftover.unlink()
        index.write_bytes(content)
        rebuilt = run_cli(*args)
        assert (rebuilt.code, rebuilt.stdout) == (0, clean.stdout)
        assert str(index) in rebuilt.stderr and "rebuilt" in rebuilt.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files and folders")
def test_a_read_only_index_and_folder_fall_back_to_memory(small_corpus: tuple[Path, Path]) -> None:
    corpus, claims = small_corpus
    args = ("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json")
    clean = run_cli(*args)
    (corpus / "herald.txt").write_text("The city now has 1.3 million residents.\n", encoding="utf-8")
    expected = run_cli(*args, "--no-index")
    folder = corpus / ".factcheck"
    try:
        folder.chmod(0o555)
        for path in folder.iterdir():
            path.chmod(0o444)
        run = run_cli(*args)
        assert (run.code, run.stdout) == (0, expected.stdout) and run.stdout != clean.stdout
        assert str(folder / "index.sqlite3") in run.stderr and "in memory" in run.stderr
    finally:
        folder.chmod(0o755)


# --- runs killed at random moments ---------------------------------------------------------------------


def make_corpus(folder: Path, documents: int, sentences: int, seed: int = 13) -> Path:
    """Documents of invented sentences with figures: enough bytes that reading them uses the process pool."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for n in range(documents):
        lines = [
            f"Report {n}-{i}: the agency counted {rng.randint(1000, 99999):,} visitors in {rng.randint(1990, 2024)},"
            f" about {rng.randint(2, 90)} per cent more than the {rng.choice(['north', 'south', 'east'])} office."
            for i in range(sentences)
        ]
        (folder / f"doc-{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def kill_index_run(corpus: Path, rng: random.Random, whole_group: bool) -> tuple[list[int], float]:
    """Start `factcheck index` and SIGKILL it (its main process only, or with its workers) once its workers
    read; returns the workers it had and when it was killed (seconds after they appeared)."""
    command = [sys.executable, "-m", "factcheck", "index", "--corpus", str(corpus)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 30
    while not children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    delay = rng.uniform(0.0, 0.4)
    time.sleep(delay)
    workers = children(proc.pid)
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return workers, delay


def workers_gone(workers: list[int], within: float = 5.0) -> bool:
    """Whether the workers are gone within a few seconds (those still running then are killed: no test leaves any)."""
    deadline = time.monotonic() + within
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    survivors = [w for w in workers if running(w)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return not survivors


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_after_kill_9_of_index_the_next_run_completes_and_answers_as_a_clean_build(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 17, 300)  # about 560 KB: read by a pool of workers
    claims = tmp_path / "claims.yaml"
    claims.write_text("statistics:\n  - id: visitors\n    label: visitors counted\n", encoding="utf-8")
    args = ("compare", "visitors", "--corpus", corpus, "--claims", claims, "--format", "json")
    clean = run_cli(*args, "--no-index")
    assert clean.code == 0, clean.stderr
    rng = random.Random(13)
    for whole_group in (False, True):
        workers, _ = kill_index_run(corpus, rng, whole_group)
        assert workers_gone(workers), f"workers {workers} outlived their killed parent"
        after = run_cli(*args, timeout=30)
        assert (after.code, after.stdout) == (0, clean.stdout), after.stderr
        for leftover in (corpus / ".factcheck").iterdir():  # the next kill meets a cold index again
            leftover.unlink()


def test_a_lock_held_for_a_dead_run_is_taken_over(small_corpus: tuple[Path, Path]) -> None:
    """A process still holds the writer lock on behalf of a run that died (as orphan workers once did): the next
    command that must write sees the holder named in the lock is dead, takes the lock over and answers."""
    corpus, claims = small_corpus
    args = ("compare", QUERY, "--corpus", corpus, "--claims", claims, "--format", "json")
    assert run_cli(*args).code == 0
    (corpus / "herald.txt").write_text("The city now has 1.3 million residents.\n", encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = corpus / ".factcheck" / "index.sqlite3.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            "handle = open(sys.argv[1], 'a+b')\n"
            "fcntl.flock(handle, fcntl.LOCK_EX)\n"
            "handle.truncate(0); handle.write(sys.argv[2].encode()); handle.flush()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(lock),
            f"{dead.pid}\n",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        started = time.monotonic()
        run = run_cli(*args, timeout=20)
        assert run.code == 0 and '"value": 1300000' in run.stdout, run.stderr  # the changed document, read again
        assert time.monotonic() - started < 15
        assert holder.poll() is None  # taken over, not by killing anyone
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_forked_workers_of_a_warm_compare_die_with_it(tmp_path: Path) -> None:
    """A warm compare forks processes (pre-selection in many documents, scoring): killed with SIGKILL, it takes
    them with it. A forked process is no child of a pool and outlived its parent before they asked the kernel."""
    from factcheck.corpus.processes import usable_cores

    if usable_cores() < 2:
        pytest.skip("one core: compare forks no worker")
    corpus = make_corpus(tmp_path / "corpus", 420, 30)  # enough documents that pre-selection forks
    claims = tmp_path / "claims.yaml"
    claims.write_text("statistics:\n  - id: visitors\n    label: visitors counted\n", encoding="utf-8")
    assert run_cli("index", "--corpus", corpus, timeout=120).code == 0
    command = [sys.executable, "-m", "factcheck", "compare", "visitors", "--corpus", str(corpus)]
    command += ["--claims", str(claims), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen: list[int] = []
    for _ in range(5):  # try again if this run finished before a worker was seen at work
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        first_seen: dict[int, float] = {}
        while proc.poll() is None and time.monotonic() < deadline:
            now = time.monotonic()
            workers = children(proc.pid)
            for pid in workers:
                first_seen.setdefault(pid, now)
            # workers at work for a while (the scoring ones, which have a second or more left): kill the parent now
            if workers and all(now - first_seen[pid] >= 0.2 for pid in workers):
                os.kill(proc.pid, signal.SIGKILL)
                seen = workers
                break
            time.sleep(0.005)
        proc.wait(timeout=30)
        if seen:
            break
    if not seen:
        pytest.skip("compare finished before a worker was seen")
    # The kernel ends them at once; a worker left alone would go on with its part for a second or more.
    assert workers_gone(seen, within=0.5), f"workers {seen} outlived their killed parent"
