"""The floor of a cold run: how much of building the index is the reader itself, and what no scheduling can beat.

Run: python bench/floor.py [--size 100MB] [--out bench/out]   (build the corpus first with make_corpus.py)

Three measures of the same corpus, each the CPU seconds it costs:

- reader: decoding each file, splitting its sentences and reading its figures, one core, nothing stored
  (what `compare` needs at the very least before it can score one figure);
- reading for the index: the same plus what the index keeps of each document (the terms of each sentence for
  pre-selection, the vocabulary, compressed text, offsets and figures), as each reading process does;
- `factcheck index` from scratch: all of it, with the reading processes, the one writer and the pipes between them
  (CPU of the whole process tree, and its wall-clock time).

Dividing by the cores gives the shortest wall-clock time each could take with perfect scaling. A target below
the first floor cannot be met by any index design that reads every figure before answering.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.corpus.documents import read_document_file  # noqa: E402
from factcheck.corpus.index import read_for_index  # noqa: E402
from factcheck.corpus.processes import usable_cores  # noqa: E402
from factcheck.reading.quantities import read_quantity_values  # noqa: E402
from factcheck.reading.sentences import sentence_spans  # noqa: E402


def read_only(root: Path, rel: str) -> None:
    """What the reader alone does with one file: decode it, split its sentences, read its figures."""
    text = read_document_file(root, rel).text
    if text:
        spans = sentence_spans(text)
        if spans:
            read_quantity_values(text, spans)


def read_as_indexed(root: Path, rel: str) -> None:
    read_for_index(str(root), rel, 0, 0, None)


def cpu_seconds(step: Callable[[Path, str], None], root: Path, files: list[str]) -> float:
    """The CPU seconds this process spends on ``step`` for every file."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    for rel in files:
        step(root, rel)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def index_from_scratch(root: Path) -> tuple[float, float]:
    """CPU seconds of `factcheck index` and its reading processes, and its wall-clock seconds."""
    with tempfile.TemporaryDirectory() as place:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        code = (
            "import sys; from pathlib import Path; from factcheck.corpus.index import build_index; "
            "build_index(Path(sys.argv[1]), index=Path(sys.argv[2]))"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(root), str(Path(place) / "index.sqlite3")],
            check=True,
            cwd=ROOT,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100MB")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    root = args.out / f"corpus-{args.size}"
    if not root.is_dir():
        sys.exit(f"{root} does not exist: run python bench/make_corpus.py --sizes {args.size} first")
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.txt"))
    megabytes = sum((root / f).stat().st_size for f in files) / 1e6
    cores = usable_cores()
    reader = cpu_seconds(read_only, root, files)
    indexing = cpu_seconds(read_as_indexed, root, files)
    total, wall = index_from_scratch(root)
    print(f"# {args.size}: {len(files):,} files, {megabytes:,.1f} MB, {cores} cores, Python {sys.version.split()[0]}")
    print()
    print("| measure | CPU s | MB/s per core | floor on all cores, s |")
    print("|---|---|---|---|")
    for name, seconds in (
        ("reader (decode, sentences, figures)", reader),
        ("reading for the index (the above + terms, encoding)", indexing),
        ("`factcheck index` from scratch (the above + writer, pipes)", total),
    ):
        print(f"| {name} | {seconds:.1f} | {megabytes / seconds:.2f} | {seconds / cores:.1f} |")
    print()
    print(f"`factcheck index` took {wall:.1f} s of wall-clock time ({total / wall:.0%} CPU).")


if __name__ == "__main__":
    main()
