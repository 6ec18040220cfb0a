"""The index's two rates apart: reading a document on one core, and the one writer storing what was read.

Run: python bench/writer.py [--size 100MB] [--mb 25] [--out bench/out]   (build the corpus first with make_corpus.py)

It reads the first ``--mb`` megabytes of the corpus's documents in this process (one core, as one Dask worker
thread or one pool process does), keeps every result in memory, then stores them all with the index's writer
into a fresh index, timed alone. The first rate says how many cores keep the writer busy; the second is the most
any number of workers can index per second while one process writes (docs/dask.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.corpus.documents import scan_corpus  # noqa: E402
from factcheck.corpus.index import _open_database, _Writer, read_for_index, reader_key  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100MB")
    parser.add_argument("--mb", type=float, default=25.0, help="megabytes of documents to read and write")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    corpus = args.out / f"corpus-{args.size}"
    scan = scan_corpus(corpus)
    chosen: list[tuple[str, int, int]] = []
    total = 0
    for rel in scan.rels:
        st = os.stat(corpus / rel)
        if total >= args.mb * 1e6:
            break
        chosen.append((rel, st.st_size, st.st_mtime_ns))
        total += st.st_size
    started = time.process_time()
    reads = [read_for_index(str(corpus), rel, size, mtime, None) for rel, size, mtime in chosen]
    reading = time.process_time() - started
    figures = sum(r.n_figures for r in reads)
    sentences = sum(r.n_sentences for r in reads)
    with tempfile.TemporaryDirectory() as folder:
        conn = _open_database(Path(folder) / "index.sqlite3", False, [], "")
        writer = _Writer(conn)
        key = reader_key()
        wall = time.perf_counter()
        for read in reads:
            writer.store(read, key)
        writer.commit()
        writing = time.perf_counter() - wall
        conn.close()
    mb = total / 1e6
    print(f"{len(reads):,} documents, {mb:.1f} MB, {sentences:,} sentences, {figures:,} figures")
    print(f"reading, one core: {reading:.2f} s CPU = {mb / reading:.2f} MB/s, {len(reads) / reading:.0f} documents/s")
    print(
        f"writing, one writer: {writing:.2f} s = {mb / writing:.1f} MB/s, {len(reads) / writing:.0f} documents/s,"
        f" {(sentences + figures) / writing:,.0f} sentences+figures/s"
    )
    print(f"one writer keeps {reading / writing:.1f} reading cores busy")


if __name__ == "__main__":
    main()
