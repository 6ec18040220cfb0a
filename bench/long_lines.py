"""Benchmark every command on one long line: the same text with line breaks, on one line, and without full stops.

Run: python bench/long_lines.py [--sizes 10MB,100MB] [--forms normal,oneline,nostop] [--timeout 600]

For each size it generates news-like prose (bench_reader's generator, fixed seed) in three forms of the same words:
``normal`` (paragraphs, a blank line between them), ``oneline`` (the paragraphs joined by spaces: one line of
ordinary sentences) and ``nostop`` (one line with no sentence punctuation at all: one sentence of the whole size).
Each form is one document of a corpus, with one statistic and one claim quoting a sentence of it. Every command is
run as a separate process, once, and timed in CPU seconds (its own and its workers': the host may be shared): with
``--no-index``, then ``index`` cold, then each command again on the warm index. The table gives MB per CPU second
for each command and form, and each form's share of the normal form's speed.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reader import generate_prose  # noqa: E402

FORMS = ("normal", "oneline", "nostop")
QUERY = "people affected"
# A sentence of every form (bench_reader's filler): the claim quotes it; in ``nostop`` without its full stop.
QUOTE = "The ministry declined to comment on the report"

CLAIMS = f"""meta:
  organisation: bench
  url: https://example.org
statistics:
  - id: affected
    label: {QUERY}
claims:
  - id: filler
    statistic: affected
    text: The ministry declined to comment.
    citations:
      - document: doc
        quote: "{QUOTE}"
    figure: {{value: 1}}
"""


def make_forms(size: int) -> dict[str, str]:
    """The three forms of about ``size`` characters of prose."""
    normal = "\n\n".join(generate_prose(size))[:size]
    oneline = normal.replace("\n", " ")
    nostop = re.sub(r"[.!?…](?!\d)", "", oneline)  # decimal points stay: "2.5" is no full stop
    return {"normal": normal, "oneline": oneline, "nostop": nostop}


def commands(corpus: Path, claims: Path, index: list[str]) -> dict[str, list[str]]:
    where = ["--corpus", str(corpus), *index]
    with_claims = [*where, "--claims", str(claims)]
    extract = {"extract": ["extract", "--corpus", str(corpus), "--format", "json"]} if "--no-index" in index else {}
    return {
        **extract,  # extract reads without the index
        "compare": ["compare", QUERY, *with_claims, "--format", "json"],
        "check": ["check", *with_claims, "--format", "json"],
        "grep --sentences": ["grep", "--sentences", "people", *with_claims, "--format", "json"],
        "report": ["report", *with_claims, "--output", str(corpus.parent / "report.html")],
        "export": ["export", *with_claims],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], timeout: float) -> float | None:
    """CPU seconds of ``factcheck ARGS`` and its workers (the host may be shared), or None past ``timeout``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    start = _children_cpu()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", *args], env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"    timeout   factcheck {args[0]}", file=sys.stderr, flush=True)
        return None
    elapsed = _children_cpu() - start
    print(
        f"    {elapsed:8.2f} CPU s  factcheck {args[0]} {' '.join(a for a in args[1:] if a.startswith('--'))}",
        file=sys.stderr,
        flush=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"factcheck {' '.join(args)}: exit {done.returncode}\n{done.stderr.decode()[-2000:]}")
    return elapsed


def measure(text: str, folder: Path, timeout: float) -> dict[str, float | None]:
    """Seconds of every command on a corpus of the one document ``text``, without and with the index."""
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(text, encoding="utf-8")
    claims = folder / "claims.yaml"
    claims.write_text(CLAIMS if QUOTE in text else CLAIMS.replace("document: doc", "document: none"), encoding="utf-8")
    times: dict[str, float | None] = {}
    for name, args in commands(corpus, claims, ["--no-index"]).items():
        times[f"{name} (no index)"] = run(args, timeout)
    index = folder / "index.sqlite3"
    times["index (cold)"] = run(["index", "--corpus", str(corpus), "--index", str(index)], timeout)
    for name, args in commands(corpus, claims, ["--index", str(index)]).items():
        times[f"{name} (index)"] = run(args, timeout)
    return times


def parse_size(text: str) -> int:
    number, unit = re.fullmatch(r"(\d+)\s*(KB|MB)", text.strip(), re.IGNORECASE).groups()  # type: ignore[union-attr]
    return int(number) * (1000 if unit.upper() == "KB" else 1_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10MB,100MB")
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--timeout", type=float, default=600.0, help="wall-clock seconds before a run counts as a hang")
    args = parser.parse_args()
    forms = args.forms.split(",")
    for size_text in args.sizes.split(","):
        size = parse_size(size_text)
        texts = make_forms(size)
        results: dict[str, dict[str, float | None]] = {}
        for form in forms:
            with tempfile.TemporaryDirectory() as tmp:
                results[form] = measure(texts[form], Path(tmp), args.timeout)
            print(f"  {size_text} {form}: done", file=sys.stderr, flush=True)
        mb = size / 1e6
        print(f"\n{size_text}: MB per CPU second (share of the normal form's speed)")
        print("| command | " + " | ".join(forms) + " |")
        print("|---|" + "---|" * len(forms))
        for command in results[forms[0]]:
            cells = []
            base = results["normal"].get(command) if "normal" in results else None
            for form in forms:
                seconds = results[form][command]
                if seconds is None:
                    cells.append(f"> {args.timeout:g} s")
                    continue
                share = f" ({base / seconds:.0%})" if base and form != "normal" else ""
                cells.append(f"{mb / seconds:.2f}{share}")
            print(f"| {command} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
