"""Draw the real portal sentences of eval/reader/ (seeded, reproducible).

The source is the GitHub repository fordred/wikinews (a daily Markdown copy of Wikipedia's Portal:Current events,
CC BY-SA 4.0), brought onto the machine as a bare git directory. Its history holds day pages of 2025 and later under
docs/_posts/ (the repo's eval/clusters use those); its only 2023-2024 day pages are the sixty of January and February
2024 kept as test references (tests/test_data/golden_output/2024-MM-DD-index.md) at commit COMMIT below, and these
are the pages drawn from.

Each page is stripped as eval/clusters/*/SOURCES.md describe: a link is replaced by its text, a citation link by its
label such as "(AP)", emphasis marks are dropped, a bullet is written "- ". Topic lines (a bullet that is only links,
naming a story) are skipped, and the citation labels at the end of an item are dropped from its sentences (they are
source names, not prose). An item is split into sentences. A sentence is a candidate when, with its years and dates
masked, it still holds a digit or a number word; a negative holds no figure-like token but years and dates (no ordinal
word either): two thirds of the negatives hold a year or a date, one third nothing figure-like at all. The draw:
250 candidates spread over the portal's sections (an equal share each, a section with too few giving its remainder
to the others), and 30 negatives, with random.Random(SEED).

    python bench/reader_real_sample.py --git-dir /work/.mirror/fordred+wikinews/repo \
        --sources eval/reader/SOURCES.md > eval/reader/sample.jsonl

The second key (--key 2, eval/reader/real_sentences_2.yaml) is drawn the same way with its own seed from the day
pages of 2025 and 2026 under docs/_posts/ at commit COMMIT_2, minus every day page that eval/clusters/*/SOURCES.md
names (those days are skipped whole): 200 sentences holding figures and 20 negatives, ids real2-<section>-NNN.

    python bench/reader_real_sample.py --key 2 --git-dir /work/.mirror/fordred+wikinews/repo \
        --sources eval/reader/SOURCES_2.md > eval/reader/sample_2.jsonl
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

COMMIT = "9bb6c950630f4a829207aa179389b3a1ed306d28"
FOLDER = "tests/test_data/golden_output"
SEED = 16
N_FIGURES = 250
N_NEGATIVES = 30
# the second key: newer day pages, a seed of its own
COMMIT_2 = "0441f5273b8763fa543a6148b97efbbbae37b371"
FOLDER_2 = "docs/_posts"
SEED_2 = 1602
N_FIGURES_2 = 200
N_NEGATIVES_2 = 20
CLUSTERS = Path(__file__).resolve().parent.parent / "eval" / "clusters"

SECTIONS = {
    "armed conflicts and attacks": "conflict",
    "arts and culture": "arts",
    "business and economy": "business",
    "disasters and accidents": "disaster",
    "health and environment": "health",
    "international relations": "intl",
    "law and crime": "law",
    "politics and elections": "politics",
    "science and technology": "science",
    "sports": "sports",
}

CITATION = re.compile(r"\[\((?P<label>[^\]]*)\)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
TRAILING_LABELS = re.compile(r"(?:\s*\([^()]*\))+\s*$")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gen|Lt|Col|Sgt|Capt|Rev|Prof|Inc|Co|Corp|Ltd|vs|approx|Jan|Feb|"
    r"Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|v|[A-Z])\.)$"
)

MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR_OR_DATE = re.compile(
    rf"\b{MONTHS}\s+\d{{1,2}}(?:,\s*(?:19|20)\d\d)?\b|\b\d{{1,2}}\s+{MONTHS}(?:\s+(?:19|20)\d\d)?\b|"
    rf"\b{MONTHS}\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d(?:s|[–-](?:(?:19|20)?\d\d))?\b"
)
NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|half|twice|thrice)\b",
    re.IGNORECASE,
)
ORDINAL_WORD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|"
    r"twentieth|thirtieth|hundredth|thousandth|millionth)\b",
    re.IGNORECASE,
)


def strip_markdown(line: str) -> str:
    line = CITATION.sub(lambda m: f"({m.group('label')})", line)
    line = LINK.sub(lambda m: m.group("text"), line)
    return line.replace("**", "").replace("*", "")


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”’)]?(?=\s+[\"“(]?[A-Z0-9])", text):
        if ABBREVIATIONS.search(text[start : m.start() + 1]):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def items(page: str) -> list[tuple[str, str]]:
    """(section, stripped item text) for every item of the page that is prose, not a topic line."""
    section = ""
    out: list[tuple[str, str]] = []
    for raw in page.splitlines():
        if raw.startswith("####"):
            section = SECTIONS.get(raw.strip("# ").strip().lower(), "")
            continue
        m = re.match(r"\s*\* (.*)", raw)
        if not m or not section:
            continue
        body = m.group(1)
        if LINK.sub("", body).strip(" ,–-") == "":
            continue  # a topic line: only links naming the story
        text = TRAILING_LABELS.sub("", strip_markdown(body)).strip()
        if text:
            out.append((section, text))
    return out


def classify(sentence: str) -> str:
    masked = YEAR_OR_DATE.sub(" ", sentence)
    if re.search(r"\d", masked) or NUMBER_WORD.search(masked):
        return "figure"
    if ORDINAL_WORD.search(masked):
        return "ordinal"
    return "negative" if YEAR_OR_DATE.search(sentence) else "plain"


SOURCES_HEAD = """# Sources of {key}

Every sentence is from a day page of Wikipedia's Portal:Current events ({months}), written by
Wikipedia contributors and published under the Creative Commons Attribution-ShareAlike 4.0 licence (CC BY-SA 4.0;
full text in `licences/CC-BY-SA-4.0.txt`). The text was taken from the GitHub repository `fordred/wikinews` (a daily
Markdown copy of the portal), commit `{commit}`,
{where}. Changes made here: wiki links
and emphasis are removed (their text kept), the citation labels ending an item are dropped, and an item is cut into
sentences (`bench/reader_real_sample.py`). The wording is unchanged.

| id | day page (original URL) | repository path | commit | licence |
| --- | --- | --- | --- | --- |
"""


def page_url(path: str) -> str:
    year, month, day = re.findall(r"(\d{4})-(\d\d)-(\d\d)", path)[0]
    return f"https://en.wikipedia.org/wiki/Portal:Current_events/{year}_{calendar.month_name[int(month)]}_{int(day)}"


def write_sources(path: str, rows: list[dict[str, str]], second: bool = False) -> None:
    if second:
        head = SOURCES_HEAD.format(
            key="real_sentences_2.yaml",
            months="2025 and 2026",
            commit=COMMIT_2,
            where=f"where the day pages are `{FOLDER_2}/YYYY-MM-DD-index.md`",
        )
    else:
        head = SOURCES_HEAD.format(
            key="real_sentences.yaml",
            months="January and February 2024",
            commit=COMMIT,
            where=f"where these pages are kept as test references under `{FOLDER}/`",
        )
    lines = [head]
    for row in rows:
        lines.append(
            f"| {row['id']} | {page_url(row['path'])} | fordred/wikinews: {row['path']} | {row['commit']} "
            "| CC BY-SA 4.0 |\n"
        )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(lines))


def excluded_days() -> set[str]:
    """The day pages eval/clusters/*/SOURCES.md use: the second key skips these days whole."""
    days: set[str] = set()
    for sources in sorted(CLUSTERS.glob("*/SOURCES.md")):
        days.update(re.findall(r"docs/_posts/\d{4}-\d\d-\d\d-index\.md", sources.read_text(encoding="utf-8")))
    return days


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git-dir", default="/work/.mirror/fordred+wikinews/repo")
    parser.add_argument("--sources", help="also write the table of sources (SOURCES.md) to this path")
    parser.add_argument("--key", type=int, choices=(1, 2), default=1, help="which key to draw (default: the first)")
    args = parser.parse_args(argv)
    second = args.key == 2
    commit, folder = (COMMIT_2, FOLDER_2) if second else (COMMIT, FOLDER)
    seed, n_figures, n_negatives = (SEED_2, N_FIGURES_2, N_NEGATIVES_2) if second else (SEED, N_FIGURES, N_NEGATIVES)
    git = ["git", f"--git-dir={args.git_dir}"]
    paths = subprocess.run(
        [*git, "ls-tree", "--name-only", commit, f"{folder}/"], check=True, capture_output=True, text=True
    ).stdout.split()
    if second:
        skip = excluded_days()
        paths = [p for p in paths if re.search(r"/202[56]-\d\d-\d\d-index\.md$", p) and p not in skip]
    pools: dict[str, list[dict[str, str]]] = defaultdict(list)
    negatives: dict[str, list[dict[str, str]]] = {"negative": [], "plain": []}
    seen: set[str] = set()
    for path in sorted(paths):
        page = subprocess.run([*git, "show", f"{commit}:{path}"], check=True, capture_output=True, text=True).stdout
        for section, text in items(page):
            for sentence in split_sentences(text):
                if sentence in seen or len(sentence) < 20:
                    continue
                seen.add(sentence)
                row = {"section": section, "path": path, "commit": commit, "text": sentence}
                kind = classify(sentence)
                if kind == "figure":
                    pools[section].append(row)
                elif kind in negatives:
                    negatives[kind].append(row)
    rng = random.Random(seed)
    sections = sorted(pools, key=lambda s: len(pools[s]))
    drawn: list[dict[str, str]] = []
    left = n_figures
    for i, section in enumerate(sections):
        share = left // (len(sections) - i)
        take = rng.sample(pools[section], min(share, len(pools[section])))
        drawn.extend(take)
        left -= len(take)
    for row in drawn:
        row["set"] = "figures"
    with_years = rng.sample(negatives["negative"], min(n_negatives * 2 // 3, len(negatives["negative"])))
    negs = with_years + rng.sample(negatives["plain"], n_negatives - len(with_years))
    for row in negs:
        row["set"] = "negative"
    counters: dict[str, int] = defaultdict(int)
    written: list[dict[str, str]] = []
    order = {s: i for i, s in enumerate(SECTIONS.values())}
    for row in sorted(drawn, key=lambda r: (order[r["section"]], r["path"])) + sorted(negs, key=lambda r: r["path"]):
        key = row["section"] if row["set"] == "figures" else "neg"
        counters[key] += 1
        row["id"] = f"{'real2' if second else 'real'}-{key}-{counters[key]:03d}"
        print(json.dumps(row, ensure_ascii=False))
        written.append(row)
    if args.sources:
        write_sources(args.sources, written, second)
    print(
        "pools: " + ", ".join(f"{s} {len(pools[s])}" for s in sections),
        f"; negatives {len(negatives['negative'])} with a year or date, {len(negatives['plain'])} without",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
