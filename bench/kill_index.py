"""Kill `factcheck index` at random moments: each time, the next run must complete and answer as a clean build.

Run: python bench/kill_index.py [--size 4MB] [--kills 20] [--seed 13] [--limit 120]

On a corpus from bench/make_corpus.py (cold index each time), `factcheck index` is killed at a moment drawn uniformly
over a clean build's duration: the whole process group (main process and reading workers) in two kills of three,
the main process alone in the third. After each kill it counts reading workers still running 2 s later, then runs
`compare --format json` (every statistic of the corpus's statistics file) with a time limit and compares its output
with a clean build's. Last, two `index` runs start at once on a cold index: both must succeed and agree.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402

from factcheck.corpus.processes import children, running  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def factcheck(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "factcheck", *map(str, args)]


def reset(corpus: Path) -> None:
    shutil.rmtree(corpus / ".factcheck", ignore_errors=True)


def compare(corpus: Path, claims: Path, limit: float, *extra: str) -> tuple[int | None, str, float]:
    """Exit code (None: still running at the limit), output, seconds."""
    started = time.perf_counter()
    command = factcheck("compare", "--corpus", corpus, "--claims", claims, "--format", "json", *extra)
    try:
        done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None, "", time.perf_counter() - started
    return done.returncode, done.stdout, time.perf_counter() - started


def kill_once(corpus: Path, moment: float, whole_group: bool) -> tuple[int, int]:
    """Kill an index run ``moment`` seconds after it starts; returns (workers it had, workers alive 2 s later)."""
    proc = subprocess.Popen(
        factcheck("index", "--corpus", corpus),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + moment
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers.update(children(proc.pid))
        time.sleep(0.005)
    workers.update(children(proc.pid))
    if proc.poll() is None:
        if whole_group:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(2.0)
    return len(workers), sum(running(w) for w in workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="4MB", choices=sorted(make_corpus.SIZES))
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds the run after a kill may take")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kill-index-"))
    source = make_corpus.build(options.size, ROOT / "bench" / "out")
    corpus = work / "corpus"
    shutil.copytree(source, corpus)
    claims = ROOT / "bench" / "out" / f"statistics-{options.size}.yaml"
    started = time.perf_counter()
    subprocess.run(factcheck("index", "--corpus", corpus), env=ENV, check=True, capture_output=True)
    build = time.perf_counter() - started
    code, clean, seconds = compare(corpus, claims, options.limit)
    print(f"clean build: index {build:.1f} s, compare {seconds:.1f} s, exit {code}", flush=True)
    rng = random.Random(options.seed)
    hangs = wrong = orphans = 0
    after: list[float] = []
    for n in range(options.kills):
        reset(corpus)
        moment = rng.uniform(0.0, build)
        whole_group = n % 3 != 2
        workers, alive = kill_once(corpus, moment, whole_group)
        code, output, seconds = compare(corpus, claims, options.limit)
        hangs += code is None
        wrong += code is not None and output != clean
        orphans += alive
        after.append(seconds)
        print(
            f"kill {n + 1:2d} at {moment:5.2f} s ({'group' if whole_group else 'main only'}): {workers} workers,"
            f" {alive} alive 2 s later; next compare {seconds:5.1f} s, exit {code},"
            f" {'same' if output == clean else 'DIFFERENT'} output",
            flush=True,
        )
    reset(corpus)
    both = [
        subprocess.Popen(
            factcheck("index", "--corpus", corpus), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    codes = [p.wait(timeout=options.limit) for p in both]
    code, output, seconds = compare(corpus, claims, options.limit)
    verdict = "same" if output == clean else "DIFFERENT"
    print(f"two index runs at once: exits {codes}; then compare {seconds:.1f} s, exit {code}, {verdict} output")
    print(
        f"summary: {options.kills} kills, {hangs} hangs, {wrong} wrong answers, {orphans} orphan workers alive;"
        f" run after a kill: median {sorted(after)[len(after) // 2]:.1f} s, max {max(after):.1f} s"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
