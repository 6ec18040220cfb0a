"""Time and peak memory of every command that reads claims, on claims that share one long quote by YAML aliases.

Run: python bench/bench_aliases.py [--claims 2000] [--quote-kb 110] [--text-too] [--timeout 70] [--folder DIR]
Writes a one-document corpus and a claims file whose claims all cite one ~110 KB quote (an anchor, then aliases;
with --text-too, their text too) that stands in no document, then runs check, compare, grep, report and export on
it, each in its own process, and prints its exit code, wall time and peak RSS. The issue-13 case is the default
(2,000 claims, refused now: 220 M characters once expanded); --claims 400 stays under the 50 M limit.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "check": ["check"],
    "compare": ["compare"],
    "grep": ["grep", "city"],
    "report": ["report", "--output", "{folder}/report.html"],
    "export": ["export"],
}


def write_case(folder: Path, claims: int, quote_kb: int, text_too: bool) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "herald.txt").write_text("City grows\n\nThe city now has 1.2 million residents.\n", encoding="utf-8")
    rng = random.Random(1)
    vocabulary = "the city now has residents and statistics office said about million people live in".split()
    sentences: list[str] = []
    while sum(map(len, sentences)) < quote_kb * 1000:
        words = " ".join(rng.choice(vocabulary) for _ in range(12)).capitalize()
        sentences.append(f"{words} {37 * (len(sentences) + 1)} residents. ")
    head = ["meta:", "  url: https://example.org", f'  organisation: &q "{"".join(sentences).strip()}"']
    head += ["statistics:", "  - id: population", "    label: city population", "claims:"]
    text = "*q" if text_too else "The city has 1.2 million residents."
    body = [
        f"  - id: c{i}\n    statistic: population\n    text: {text}\n    figure: {{value: 1200000}}\n"
        "    citations:\n      - document: herald\n        quote: *q"
        for i in range(claims)
    ]
    path = folder / "claims.yaml"
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return path


def run(args: list[str], timeout: float) -> tuple[int | None, float, float]:
    """Exit code (None when stopped at ``timeout``), wall seconds and peak RSS in MB of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024
        if time.perf_counter() > deadline:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
            return None, time.perf_counter() - start, usage.ru_maxrss / 1024
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--quote-kb", type=int, default=110)
    parser.add_argument("--text-too", action="store_true")
    parser.add_argument("--timeout", type=float, default=70.0)
    parser.add_argument("--folder", type=Path)
    options = parser.parse_args()
    folder = options.folder or Path(tempfile.mkdtemp(prefix="factcheck-aliases-"))
    claims = write_case(folder, options.claims, options.quote_kb, options.text_too)
    print(f"{claims}: {claims.stat().st_size / 1e6:.2f} MB, {options.claims} claims")
    for name, args in COMMANDS.items():
        argv = [a.format(folder=folder) for a in args] + ["--corpus", str(folder / "corpus"), "--claims", str(claims)]
        code, wall, peak = run(argv, options.timeout)
        shown = "still running, stopped" if code is None else f"exit {code}"
        print(f"{name:8} {shown:>22} {wall:7.2f} s {peak:7.0f} MB")


if __name__ == "__main__":
    main()
