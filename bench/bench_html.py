"""Score the boilerplate removers on saved web pages whose article text is known: trafilatura (as factcheck calls it),
readability-lxml and jusText.

Run: python3 bench/bench_html.py FOLDER [PAGE ...]. FOLDER holds one folder per page with ``source.html`` (the page as
saved) and ``expected.html`` (the article alone, as a person would read it; UTF-8): the layout of mozilla/readability's
``test/test-pages``. Without PAGE, every folder of FOLDER is read. readability-lxml and jusText are scored when
installed (``pip install readability-lxml justext``); neither is a dependency of factcheck. bench/RESULTS.md names the
pages measured (openly licensed pages of Readability.js's test suite) and the commit they were read at.

Each extractor's text is scored against the expected article: precision, recall and F1 of its words (lower-cased
``\\w+`` tokens, counted as a bag: a word the article has twice must be found twice), and of its numbers (tokens like
``1998``, ``2,500``, ``3.2``: the figures factcheck reads) - number recall is how many of the article's figures the
extractor keeps, number precision how many of the figures it gives are the article's and not a menu's, footer's or
sidebar's. Sentences whole: the share of the article's sentences (of 6 words or more) that stand whole within one
line of the extractor's text (a line break that cuts a sentence in two parts a figure from what it counts). Time: the
median of ``--runs`` runs per page, in this process. Prints a table per page and the macro
average (each page counts once).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+")
SOURCE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")
# A sentence of the expected article: up to a full stop, question or exclamation mark before white space.
SENTENCE = re.compile(r"[^.!?]+(?:[.!?](?!\s)[^.!?]*)*[.!?]?")
SENTENCE_WORDS = 6
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Elements that start a line of text: without a break around them, "<li>1998</li><li>2004</li>" reads "19982004".
BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main"
    " nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


def html_text(markup: str | bytes) -> str:
    """The text of an HTML fragment or page as a browser shows it: a line break around each block element, the
    source's line breaks inside a paragraph as spaces (but in ``<pre>``), scripts and styles left out."""
    import lxml.html

    root = lxml.html.fromstring(markup)
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if element.text and not _in_pre(element):
            element.text = SOURCE_BREAK.sub(" ", element.text)
        if element.tail and parent is not None and not _in_pre(parent):
            element.tail = SOURCE_BREAK.sub(" ", element.tail)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _in_pre(element: Any) -> bool:
    return any(e.tag == "pre" for e in (element, *element.iterancestors()) if isinstance(e.tag, str))


def factcheck_text(data: bytes) -> str:
    from factcheck.corpus.formats.html import extract

    return extract(data).text


def trafilatura_text(data: bytes) -> str:
    """trafilatura's own text with factcheck's settings, without factcheck's joining of the source's wrapped lines."""
    import trafilatura

    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    return str(getattr(found, "text", None) or "")


def readability_text(data: bytes) -> str:
    from readability import Document

    return html_text(Document(data).summary(html_partial=True))


def justext_text(data: bytes) -> str:
    import justext

    paragraphs = justext.justext(data, justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "trafilatura (factcheck)": ("trafilatura", factcheck_text),
    "trafilatura, its text as is": ("trafilatura", trafilatura_text),
    "readability-lxml": ("readability", readability_text),
    "jusText": ("justext", justext_text),
}


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bag_score(expected: list[str], found: list[str]) -> Score:
    """Precision and recall of ``found`` against ``expected``, each token counted as often as it occurs."""
    want, got = Counter(expected), Counter(found)
    common = sum((want & got).values())
    precision = common / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = common / sum(want.values()) if want else 1.0
    return Score(precision, recall)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def numbers(text: str) -> list[str]:
    return [n.rstrip(".,").replace(",", "") for n in NUMBER.findall(text)]


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` of SENTENCE_WORDS words or more, each within one line, white space normalised."""
    found = []
    for line in text.split("\n"):
        for match in SENTENCE.finditer(line):
            sentence = " ".join(match.group().split())
            if len(sentence.split()) >= SENTENCE_WORDS:
                found.append(sentence)
    return found


def whole(expected: list[str], text: str) -> float:
    """The share of the ``expected`` sentences that stand whole within one line of ``text``: a sentence that a
    line break cuts in two reads as two sentences, and a figure loses the words that say what it counts."""
    lines = {" ".join(line.split()) for line in text.split("\n")}
    joined = "\n".join(lines)
    return sum(1 for s in expected if s in joined) / len(expected) if expected else 1.0


@dataclass(frozen=True, slots=True)
class Result:
    page: str
    extractor: str
    words: Score
    numbers: Score
    sentences: float
    seconds: float
    error: str = ""


def measure(page: Path, name: str, extract: Callable[[bytes], str], runs: int) -> Result:
    data = (page / "source.html").read_bytes()
    expected = html_text((page / "expected.html").read_text(encoding="utf-8"))
    times = []
    text = ""
    try:
        for _ in range(runs):
            started = time.perf_counter()
            text = extract(data)
            times.append(time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - an extractor that gives up on a page scores nothing there
        return Result(page.name, name, Score(0, 0), Score(0, 0), 0.0, 0.0, f"{type(error).__name__}: {error}")
    return Result(
        page.name,
        name,
        bag_score(words(expected), words(text)),
        bag_score(numbers(expected), numbers(text)),
        whole(sentences(expected), text),
        statistics.median(times),
    )


def row(label: str, results: list[Result]) -> str:
    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    w = [r.words for r in results]
    n = [r.numbers for r in results]
    cells = (
        f"{mean([s.precision for s in w]):.3f}",
        f"{mean([s.recall for s in w]):.3f}",
        f"{mean([s.f1 for s in w]):.3f}",
        f"{mean([s.precision for s in n]):.3f}",
        f"{mean([s.recall for s in n]):.3f}",
        f"{mean([r.sentences for r in results]):.3f}",
        f"{mean([r.seconds * 1000 for r in results]):,.0f}",
    )
    return f"| {label} | " + " | ".join(cells) + " |"


HEADER = (
    "| {} | words P | words R | words F1 | numbers P | numbers R | sentences whole | ms |\n"
    "|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of page folders (source.html, expected.html)")
    parser.add_argument("pages", nargs="*", help="the page folders to read (default: every one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and extractor; the median is kept")
    args = parser.parse_args()
    names = args.pages or sorted(p.name for p in args.folder.iterdir() if (p / "source.html").is_file())
    pages = [args.folder / name for name in names]
    extractors = {n: f for n, (module, f) in EXTRACTORS.items() if importlib.util.find_spec(module) is not None}
    missing = sorted(set(EXTRACTORS) - set(extractors))
    if missing:
        print(f"not installed, not scored: {', '.join(missing)}\n")
    results = [measure(page, name, extract, args.runs) for page in pages for name, extract in extractors.items()]
    for page in pages:
        expected = html_text((page / "expected.html").read_text(encoding="utf-8"))
        size = (page / "source.html").stat().st_size
        counts = f"{len(words(expected)):,} words, {len(numbers(expected))} numbers"
        print(f"{page.name}: {size / 1000:,.0f} kB, {counts}, {len(sentences(expected))} sentences")
        print(HEADER.format("extractor"))
        for r in results:
            if r.page == page.name:
                print(row(r.extractor, [r]) + (f" failed: {r.error}" if r.error else ""))
        print()
    print(f"Mean over {len(pages)} pages (each page counts once):")
    print(HEADER.format("extractor"))
    for name in extractors:
        print(row(name, [r for r in results if r.extractor == name]))


if __name__ == "__main__":
    main()
