"""Benchmark of the quantity reader: throughput on generated prose and on adversarial inputs.

Run as ``python bench/bench_reader.py`` (``--quick`` for a smaller run). It generates, from a fixed
seed, news-like prose with figures of every form the reader handles (about 2.5 MB, and 4 times as
much to show that time grows linearly), then times adversarial inputs of 1 MB each. Throughput is
for one core, reading documents of about 40 KB (as a corpus is read), with sentence splitting
included.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.reading.quantities import read_quantities  # noqa: E402
from factcheck.reading.sentences import split_sentences  # noqa: E402

SEED = 20240501
DOC_SIZE = 40_000
# Share of sentences that carry figures: about one figure per 200 characters, the density of the
# bundled sample corpus (real reporting on numbers); the "dense" run doubles it.
FIGURE_SENTENCES = 0.17

_NOUNS = ["people", "workers", "doctors", "homes", "jobs", "vehicles", "students", "patients", "votes", "cases"]
_PLACES = ["the capital", "the north", "the region", "three provinces", "the coastal towns", "the valley"]
_FILLER = [
    "The ministry declined to comment on the report.",
    "Officials said the situation remained under review.",
    "Critics argue that the policy has done little to help ordinary families.",
    "The announcement came after weeks of negotiations between the two sides.",
    "Analysts expect further details to be published later this month.",
    "Local residents described scenes of confusion as the news spread.",
    "The opposition called the plan a missed opportunity.",
    "Supporters say the measures will take time to show results.",
    "The company said it was reviewing its options.",
    "Independent experts have questioned the methodology behind the estimate.",
]
_SUBJECTS = [
    "The government",
    "The committee",
    "Local officials",
    "The regulator",
    "A spokesperson",
    "The board",
    "Residents",
    "The minister",
    "Investors",
    "Aid agencies",
    "The company",
    "Researchers",
]
_VERBS = ["said", "warned", "argued", "insisted", "suggested", "noted", "acknowledged", "claimed"]
_CLAUSES = [
    "the plan would be reviewed in the coming weeks",
    "there was no evidence of wrongdoing",
    "the process had been slower than expected",
    "further talks were planned with regional partners",
    "the decision reflected long-standing concerns about transparency",
    "conditions on the ground remained difficult",
    "public confidence would take time to recover",
    "the figures should be treated with caution",
    "the agreement marked a turning point for the sector",
    "more work was needed before any changes",
]
_WORDS = ["two", "three", "five", "twelve", "twenty-five", "forty", "a dozen", "a hundred", "sixteen", "ninety-nine"]


def _figure_sentence(rng: random.Random) -> str:
    n = rng.randint(2, 999)
    big = rng.randint(1_000, 999_999)
    pct = round(rng.uniform(0.1, 99.9), 1)
    year = rng.randint(1990, 2030)
    noun = rng.choice(_NOUNS)
    place = rng.choice(_PLACES)
    templates: list[Callable[[], str]] = [
        lambda: f"In {year}, the agency employed {big:,} {noun} in {n} countries.",
        lambda: f"Revenue rose {pct}% to ${n}.{rng.randint(0, 9)}bn, while costs fell {rng.randint(1, 30)} per cent.",
        lambda: f"More than {big:,} {noun} were affected in {place}, up from about {n:,} a year earlier.",
        lambda: f"Estimates range between {n:,} and {n + big:,} {noun}, or {pct} percent of the total.",
        lambda: f"The project will cost £{n}m to £{n + rng.randint(1, 50)}m over {rng.randint(2, 9)} years.",
        lambda: f"The storm brought winds of up to {n} km/h and {rng.randint(10, 500)}mm of rain.",
        lambda: f"{rng.choice(_WORDS).capitalize()} {noun} were hurt and nearly {big:,} were displaced.",
        lambda: f"The fund pays €{big:,} a year to {n} families, about a third of those eligible.",
        lambda: f"Officials counted {n} {noun} on {rng.randint(1, 28)} March {year} and tens of thousands later.",
        lambda: f"The rate is {rng.randint(2, 9)}.{rng.randint(0, 9)} times higher than in {year}, a {n}-year high.",
        lambda: f"Sales reached {rng.randint(1, 99)}.{rng.randint(0, 9)} million units, 1 in {n} of them abroad.",
        lambda: f"The firm paid MXN {big:,} per month to {n}+ contractors (US${rng.randint(1, 99)}k).",
        lambda: f"Some {n} {noun} died, the 3rd such incident since the {rng.choice(['1980s', '1990s', '2000s'])}.",
        lambda: f"See Table {n} and Chapter {rng.randint(1, 30)}; COVID-19 cases rose to {big:,}.[{n}]",
        lambda: f"Turnout was {pct}%, with {rng.randint(1, 60)}.{rng.randint(0, 9)}m votes cast in {year}.",
    ]
    return rng.choice(templates)()


def generate_prose(size: int, seed: int = SEED, figure_share: float = FIGURE_SENTENCES) -> list[str]:
    """Documents of about DOC_SIZE characters each, ``size`` characters in all, from ``seed``."""
    rng = random.Random(seed)
    docs: list[str] = []
    total = 0
    while total < size:
        parts: list[str] = []
        length = 0
        while length < DOC_SIZE:
            paragraph = []
            for _ in range(rng.randint(3, 7)):
                if rng.random() < figure_share:
                    paragraph.append(_figure_sentence(rng))
                elif rng.random() < 0.5:
                    paragraph.append(rng.choice(_FILLER))
                else:
                    paragraph.append(
                        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} that {rng.choice(_CLAUSES)}, "
                        f"and that {rng.choice(_CLAUSES)}."
                    )
            text = " ".join(paragraph)
            parts.append(text)
            length += len(text) + 2
        doc = "\n\n".join(parts)
        docs.append(doc)
        total += len(doc)
    return docs


def adversarial_inputs(size: int) -> dict[str, str]:
    return {
        "digits": ("1234567890" * (size // 10 + 1))[:size],
        "1,1,1,...": ("1," * (size // 2 + 1))[:size],
        "1.1.1....": ("1." * (size // 2 + 1))[:size],
        "spaces": "1" + " " * (size - 10) + "million",
        "$$$$": "$" * size,
        "number words": ("one two three four five six seven eight nine ten " * (size // 50 + 1))[:size],
        "twenty-twenty-": ("twenty-" * (size // 7 + 1))[:size],
        "1 000 000 ...": ("1 000 " * (size // 6 + 1))[:size],
        "1'000'000...0": ("1" + "'000" * (size // 4))[: size - 1] + "0",  # quadratic before the lookbehind (84 s)
        "a a a a": ("a " * (size // 2 + 1))[:size],
        "newlines+dots": ("1.\n" * (size // 3 + 1))[:size],
    }


def _best_time(run: Callable[[], object], repeats: int) -> float:
    """Best CPU time of ``run`` over ``repeats`` runs (the machine may be shared)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _time_docs(docs: list[str], repeats: int = 3) -> tuple[float, int]:
    """Best CPU time of reading ``docs`` over ``repeats`` runs, and the figures found."""
    figures = sum(len(read_quantities(doc)) for doc in docs)
    return _best_time(lambda: [read_quantities(doc) for doc in docs], repeats), figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs (about a tenth)")
    args = parser.parse_args()
    base = 250_000 if args.quick else 2_500_000
    adversarial_size = 100_000 if args.quick else 1_000_000

    print(f"quantity reader benchmark (seed {SEED}, documents of ~{DOC_SIZE // 1000} KB, one core, CPU time)")
    read_quantities(generate_prose(DOC_SIZE)[0])  # warm up
    results = []
    for factor in (1, 4):
        docs = generate_prose(base * factor)
        if factor == 1:
            dense = generate_prose(base, figure_share=2 * FIGURE_SENTENCES)
            d_size = sum(len(d) for d in dense)
            d_elapsed, d_figures = _time_docs(dense)
            print(
                f"  dense prose: {d_size / 1e6:6.2f} MB in {d_elapsed:6.2f} s = {d_size / 1e6 / d_elapsed:5.2f} MB/s, "
                f"{d_figures:,} figures ({d_size / max(d_figures, 1):.0f} chars per figure)"
            )
        size = sum(len(d) for d in docs)
        elapsed, figures = _time_docs(docs)
        results.append((factor, size, elapsed))
        print(
            f"  prose x{factor}: {size / 1e6:6.2f} MB in {elapsed:6.2f} s = {size / 1e6 / elapsed:5.2f} MB/s, "
            f"{figures:,} figures ({size / max(figures, 1):.0f} chars per figure)"
        )
    (_, s1, t1), (_, s4, t4) = results
    print(f"  linearity: x4 input took {t4 / t1:.2f}x the time (size ratio {s4 / s1:.2f})")

    # The two parts, on the x1 prose: the splitter alone, and the reader given the sentences (as the corpus
    # calls it), each the best of five runs.
    docs = generate_prose(base)
    mb = sum(len(d) for d in docs) / 1e6
    spans = [[(s.start, s.end) for s in split_sentences(doc)] for doc in docs]
    split_time = _best_time(lambda: [split_sentences(doc) for doc in docs], 5)
    read_time = _best_time(lambda: [read_quantities(d, sentences=s) for d, s in zip(docs, spans, strict=True)], 5)
    full_time = _best_time(lambda: [read_quantities(doc) for doc in docs], 5)
    print("throughput (x1 prose, best of 5):")
    print(f"  read_quantities(text), splitting itself:  {mb / full_time:6.2f} MB/s")
    print(f"  split_sentences(text) alone:              {mb / split_time:6.2f} MB/s")
    print(f"  read_quantities(text, sentences=...):     {mb / read_time:6.2f} MB/s")

    print(f"adversarial inputs ({adversarial_size / 1e6:.1f} MB each):")
    for name, text in adversarial_inputs(adversarial_size).items():
        start = time.process_time()
        n = len(read_quantities(text))
        elapsed = time.process_time() - start
        print(f"  {name:16} {elapsed:6.3f} s  {len(text) / 1e6 / elapsed:7.2f} MB/s  {n:,} figures")


if __name__ == "__main__":
    main()
