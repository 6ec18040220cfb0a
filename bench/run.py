"""Benchmark the index: cold and warm `compare`, warm `check` of 1,000 claims, `grep --sentences`, `--help`.

Run: python bench/run.py [--sizes 1MB,10MB,100MB] [--runs 3] [--cold-runs 2] [--json bench/out/results.json]
                          [--engine local|dask [--scheduler ADDRESS]] [--index-only]

For each size it builds the corpus if needed (bench/make_corpus.py), then times, as separate processes, what a
user runs, each the best of ``--runs`` (cold runs: ``--cold-runs``; at 1 GB every run once):

- floor: ``grep -r -c '[0-9]'`` over the corpus (and ``rg -c`` where installed): what a scan for digits costs;
- cold compare: ``factcheck compare workers-abroad`` with no index yet (reads every document, builds the index);
- cold index: ``factcheck index`` with no index yet (only where asked with --cold-index, and at 1 GB); with
  ``--engine dask`` it reads on Dask (a LocalCluster of this machine's cores, started by the command and counted in
  its time, or ``--scheduler``'s cluster), and is always measured; ``--index-only`` measures nothing else;
- warm compare: the same compare again, the index up to date;
- other queries: the slower of two more warm compares (another statistic, a free-text query): nothing is cached
  between queries, so these cost what the first warm compare costs for their own candidates;
- warm check: ``factcheck check`` of the 1,000 claims of claims-<size>.yaml;
- grep: ``factcheck grep --sentences "doctors abroad"``;
- help: ``factcheck --help``;
- peak memory: the most resident memory of the cold run's processes at once (the command and its pool,
  sampled every 50 ms from /proc) and its largest process (getrusage of the child).

The code measured is a copy of the factcheck package taken when the run starts (bench/out/code/, compiled to
bytecode as an installed package is), so that edits made meanwhile do not change it (the index is keyed by the
reader's code). It prints one table.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import FAMILIES, SIZES, build  # noqa: E402

QUERY = "workers-abroad"
# Another statistic and a free-text query, answered warm: no answer is cached, each query scores its own figures.
OTHER_QUERIES = ("countries-now", "oil shipments per day")
GREP = "doctors abroad"
TARGETS = {
    "100MB": {"cold compare": 15.0, "warm compare": 1.0, "warm check": 3.0},
    "1GB": {"cold index": 180.0, "warm compare": 2.0, "peak MB": 2048.0},
}
HELP_TARGET = 0.3

# Runs the CLI of the copied package through the index, whether or not the CLI is wired to it yet.
# Guarded by __main__: processes started by spawn (Dask's workers) import this script again, and must not run it.
_LAUNCHER = """import inspect, sys
import factcheck.cli._app as _app
if not {"index", "use_index"} & set(inspect.signature(_app.open_corpus).parameters):
    import factcheck.corpus.documents as _corpus

    def _indexed(path):
        from factcheck.corpus.index import open_corpus
        return open_corpus(path)

    _corpus.load_corpus = _indexed
if __name__ == "__main__":
    from factcheck.cli import main
    sys.argv[0] = "factcheck"
    main()
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float  # every process of the command at once, sampled
    maxrss_mb: float  # its largest process (getrusage of the child, which waited for its own)
    code: int


@dataclass
class Row:
    size: str
    files: int = 0
    mb: float = 0.0
    results: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants (from /proc; 0 where it is gone)."""
    total = 0
    stack = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict[str, str], cwd: Path) -> Measure:
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}); run it by hand to see why")
    return Measure(seconds, max(peak, usage.ru_maxrss * 1024) / 2**20, usage.ru_maxrss / 1024, code)


def best(command: list[str], env: dict[str, str], cwd: Path, runs: int, before: object = None) -> Measure:
    found: Measure | None = None
    for _ in range(runs):
        if callable(before):
            before()
        m = measure(command, env, cwd)
        if found is None or m.seconds < found.seconds:
            found = Measure(
                m.seconds,
                max(m.peak_mb, found.peak_mb if found else 0),
                max(m.maxrss_mb, found.maxrss_mb if found else 0),
                m.code,
            )
    assert found is not None
    return found


def snapshot(out: Path) -> Path:
    """A copy of the factcheck package (and the launcher) to measure, untouched by edits made meanwhile."""
    code = out / "code"
    if code.exists():
        shutil.rmtree(code)
    shutil.copytree(ROOT / "factcheck", code / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    (code / "fc.py").write_text(_LAUNCHER, encoding="utf-8")
    compileall.compile_dir(code, quiet=1)  # as installed: imports read bytecode (even with PYTHONDONTWRITEBYTECODE)
    return code


def run_size(size: str, args: argparse.Namespace, code: Path, env: dict[str, str]) -> Row:
    corpus = build(size, args.out, family=args.family)
    suffix = corpus.name.removeprefix("corpus-")
    claims = args.out / f"claims-{suffix}.yaml"
    files = list(corpus.rglob("*.txt"))
    label = size if args.family == "mixed" else f"{size} {args.family}"
    row = Row(label, len(files), sum(p.stat().st_size for p in files) / 1e6)
    once = size == "1GB"
    runs = 1 if once else args.runs
    cold_runs = 1 if once else args.cold_runs
    fc = [sys.executable, str(code / "fc.py")]
    index_dir = corpus / ".factcheck"

    def drop_index() -> None:
        shutil.rmtree(index_dir, ignore_errors=True)

    def note(name: str, m: Measure) -> None:
        row.results[name] = m.seconds
        print(f"  {size:>6} {name:<14} {m.seconds:8.2f} s  peak {m.peak_mb:7.0f} MB", file=sys.stderr, flush=True)

    grep = best(["grep", "-r", "-c", "[0-9]", str(corpus)], env, ROOT, 3)
    note("grep -c", grep)
    if shutil.which("rg"):
        note("rg -c", best(["rg", "-c", "[0-9]", str(corpus)], env, ROOT, 3))
    compare = [*fc, "compare", QUERY, "--corpus", str(corpus), "--claims", str(args.out / f"statistics-{suffix}.yaml")]
    if once or args.cold_index or args.engine != "local" or args.index_only:
        engine = ["--engine", args.engine] + (["--scheduler", args.scheduler] if args.scheduler else [])
        cold_index = best([*fc, "index", "--corpus", str(corpus), *engine], env, ROOT, cold_runs, drop_index)
        note("cold index", cold_index)
        row.results["peak MB"] = cold_index.peak_mb
        row.results["largest MB"] = cold_index.maxrss_mb
    if args.index_only:
        return row
    if not once:
        cold = best(compare, env, ROOT, cold_runs, drop_index)
        note("cold compare", cold)
        row.results["peak MB"] = max(row.results.get("peak MB", 0.0), cold.peak_mb)
        row.results["largest MB"] = max(row.results.get("largest MB", 0.0), cold.maxrss_mb)
    note("warm compare", best(compare, env, ROOT, runs))
    others = [best([*compare[:3], q, *compare[4:]], env, ROOT, runs) for q in OTHER_QUERIES]
    note("other queries", max(others, key=lambda m: m.seconds))
    check = [*fc, "check", "--corpus", str(corpus), "--claims", str(claims)]
    note("warm check", best(check, env, ROOT, runs))
    note("grep", best([*fc, "grep", "--sentences", GREP, "--corpus", str(corpus)], env, ROOT, runs))
    index_file = index_dir / "index.sqlite3"
    row.results["index MB"] = (index_file.stat().st_size if index_file.exists() else 0) / 1e6
    return row


COLUMNS = (
    ("size", None),
    ("files", None),
    ("grep -c", "s"),
    ("rg -c", "s"),
    ("cold index", "s"),
    ("cold compare", "s"),
    ("warm compare", "s"),
    ("other queries", "s"),
    ("warm check", "s"),
    ("grep", "s"),
    ("peak MB", "MB"),
    ("largest MB", "MB"),
    ("index MB", "MB"),
)


def machine_speed(env: dict[str, str], code: Path) -> float:
    """Seconds the quantity reader takes over the bundled corpus 20 times, best of 3: the machine's speed now.

    On a shared host the same VM runs up to twice as slow at times; compare this across runs to see how busy it was.
    """
    corpus = ROOT / "corpus"
    script = (
        "import pathlib, sys\nfrom factcheck.reading.quantities import read_quantities\n"
        f"texts = [p.read_text('utf-8') for p in sorted(pathlib.Path({str(corpus)!r}).glob('*.txt'))]\n"
        "for _ in range(20):\n    for t in texts: read_quantities(t)\n"
    )
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=code)
        runs.append(time.perf_counter() - started)
    return min(runs)


def table(rows: list[Row], help_seconds: float) -> str:
    used = [c for c in COLUMNS if c[1] is None or any(c[0] in r.results for r in rows)]
    lines = ["| " + " | ".join(name for name, _ in used) + " |", "|" + "---|" * len(used)]
    for r in rows:
        cells = []
        for name, unit in used:
            if name == "size":
                cells.append(f"{r.size} ({r.mb:,.0f} MB)" if r.mb >= 1 else r.size)
            elif name == "files":
                cells.append(f"{r.files:,}")
            elif name in r.results:
                value = r.results[name]
                text = f"{value:,.0f}" if unit == "MB" else f"{value:.2f}"
                target = TARGETS.get(r.size, {}).get(name)
                if target is not None:
                    text += " ✓" if value <= target else f" ✗ (target {target:g})"
                cells.append(text)
            else:
                cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    mark = "✓" if help_seconds <= HELP_TARGET else f"✗ (target {HELP_TARGET})"
    lines.append("")
    lines.append(f"`factcheck --help`: {help_seconds:.3f} s {mark}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1MB,10MB,100MB")
    parser.add_argument("--runs", type=int, default=3, help="runs of each warm measure (the best counts)")
    parser.add_argument("--cold-runs", type=int, default=2, help="runs of each cold measure")
    parser.add_argument("--cold-index", action="store_true", help="also time `factcheck index` from scratch")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="the cold index's engine")
    parser.add_argument("--scheduler", help="with --engine dask: the scheduler's address (default: a LocalCluster)")
    parser.add_argument("--index-only", action="store_true", help="time the cold index only (no queries)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--family", choices=FAMILIES, default="mixed", help="mixed reporting, or all on one subject")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; known: {', '.join(SIZES)}")
    args.out.mkdir(parents=True, exist_ok=True)
    code = snapshot(args.out)
    env = {**os.environ, "PYTHONPATH": str(code), "NO_COLOR": "1", "COLUMNS": "160"}
    env.pop("FACTCHECK_CORPUS", None)
    env.pop("FACTCHECK_CLAIMS", None)
    help_run = best([sys.executable, "-m", "factcheck", "--help"], env, code, 5)
    before = machine_speed(env, code)
    rows = [run_size(size, args, code, env) for size in sizes]
    after = machine_speed(env, code)
    print(
        f"# factcheck benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, engine {args.engine},"
        f" seconds (best of {args.runs} warm,"
        f" {args.cold_runs} cold; 1 GB once)\n"
    )
    print(table(rows, help_run.seconds))
    print(
        f"\nMachine speed (the reader over the bundled corpus, 20 times, best of 3): {before:.2f} s before,"
        f" {after:.2f} s after. The host is shared: when it is busy, everything here runs slower."
    )
    if args.json:
        data = {
            "help": help_run.seconds,
            "machine speed": {"before": before, "after": after},
            "rows": [{"size": r.size, "files": r.files, "mb": r.mb, **r.results} for r in rows],
        }
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
