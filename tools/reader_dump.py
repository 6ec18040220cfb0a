"""A dump of the quantity reader's output on every corpus in the repository, to review a change of the reader.

``python tools/reader_dump.py OUT`` writes one line per figure read, sorted by file and offset:

    file:start:end 'text' value low high kind 'unit' per role qualifier

for every ``.txt`` and ``.md`` file under ``corpus/``, ``tests/corpora/*/corpus`` and ``eval/clusters/*/corpus``
(each file read whole, as UTF-8, in one call of ``read_quantities``). ``--diff OLD`` reads the same files again and
prints the lines that changed against the dump OLD (``-`` the old line, ``+`` the new one), then a count.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.reading.quantities import read_quantities  # noqa: E402

CORPORA = ("corpus", "tests/corpora/*/corpus", "eval/clusters/*/corpus")


def corpus_files() -> list[Path]:
    """Every text file of the repository's corpora, in a fixed order."""
    files: set[Path] = set()
    for pattern in CORPORA:
        for folder in ROOT.glob(pattern):
            files.update(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    return sorted(files)


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.6g}"


def dump_lines() -> list[str]:
    """One line per figure of every corpus file."""
    lines = []
    for path in corpus_files():
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        name = path.relative_to(ROOT).as_posix()
        for q in read_quantities(text):
            lines.append(
                f"{name}:{q.start}:{q.end} {q.text!r} {_num(q.value)} {_num(q.low)} {_num(q.high)} "
                f"{q.kind.value} {q.unit!r} {q.per or '-'} {q.role.value} {q.qualifier.value}"
            )
    return lines


def diff(old: list[str], new: list[str]) -> list[str]:
    """The lines of ``old`` not in ``new`` (``-``) and of ``new`` not in ``old`` (``+``), in file order."""
    old_set, new_set = set(old), set(new)
    changed = [("-", line) for line in old if line not in new_set] + [
        ("+", line) for line in new if line not in old_set
    ]

    def key(item: tuple[str, str]) -> tuple[str, int, str]:
        where = item[1].split(" ", 1)[0].split(":")
        return (where[0], int(where[1]) if len(where) > 1 and where[1].isdigit() else 0, item[0])

    return [f"{sign} {line}" for sign, line in sorted(changed, key=key)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", help="write the dump to this file")
    parser.add_argument("--diff", metavar="OLD", help="print the lines changed against the dump OLD")
    args = parser.parse_args(argv)
    lines = dump_lines()
    if args.out:
        Path(args.out).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if args.diff:
        old = Path(args.diff).read_text(encoding="utf-8").splitlines()
        changed = diff(old, lines)
        print("\n".join(changed))
        removed = sum(1 for line in changed if line.startswith("-"))
        print(f"{removed} lines removed, {len(changed) - removed} added ({len(old)} figures before, {len(lines)} now)")
    if not args.out and not args.diff:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
