"""Build benchmark corpora of 1 MB, 10 MB, 100 MB and 1 GB, deterministically, and a claims file for each.

Run: python bench/make_corpus.py [--sizes 1MB,10MB,100MB,1GB] [--out bench/out] [--family mixed|on-topic]

Each corpus (``<out>/corpus-<size>/``) is like an archive of years of reporting:

- about 5% of its bytes are variations of the bundled corpus (``corpus/``): copies of its five documents with
  some figures and words changed, so that no two are identical, but with every passage that ``claims.yaml``
  quotes kept as it is (so that the claims still stand), and metadata in front matter (``id: <id>-c<n>``);
- the rest is news-like prose on many other subjects (transport, weather, elections, housing, sport, ...),
  with figures of every form (counts, money, percentages, ranges, dates, measures, numbers in words) from a
  generator of its own, with invented names of people and places, so the vocabulary grows as a real one does.

Beside each corpus, ``claims-<size>.yaml`` holds 1,000 claims: the bundled claims, copied for successive
copies of the bundled corpus (their citations point at the copies), with the bundled statistics; and
``statistics-<size>.yaml`` the bundled statistics with the bundled claims once, citing the first copy (what
`compare` reads). The same size and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.matching.quotes import match_quote  # noqa: E402

SEED = 20260101
VARIATION_SHARE = 0.05
FILES_PER_FOLDER = 500
CLAIMS = 1000
SIZES = {
    "1MB": 1_000_000,
    "4MB": 4_000_000,
    "10MB": 10_000_000,
    "20MB": 20_000_000,
    "100MB": 100_000_000,
    "1GB": 1_000_000_000,
}

# --- variations of the bundled corpus ---------------------------------------------------------------

_SWAPS = {
    "said": "stated",
    "says": "states",
    "about": "around",
    "country": "nation",
    "countries": "nations",
    "program": "programme",
    "government": "administration",
    "also": "moreover",
    "large": "big",
    "many": "numerous",
    "often": "frequently",
    "however": "still",
    "important": "significant",
    "world": "globe",
    "help": "assist",
}
_SWAP_WORDS = re.compile(r"\b(" + "|".join(_SWAPS) + r")\b")


@dataclass(frozen=True)
class Source:
    """A document of the bundled corpus, its metadata, and the spans its claims quote."""

    id: str
    text: str
    meta: dict[str, str]
    protected: tuple[tuple[int, int], ...]


def bundled_sources() -> list[Source]:
    manifest = yaml.safe_load((ROOT / "corpus" / "sources.yaml").read_text(encoding="utf-8"))
    claims = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    quotes: dict[str, list[str]] = {}
    for claim in claims["claims"]:
        for citation in claim.get("citations") or []:
            quotes.setdefault(citation["document"], []).append(citation["quote"])
    sources = []
    for entry in manifest["documents"]:
        text = (ROOT / "corpus" / entry["file"]).read_text(encoding="utf-8")
        spans: list[tuple[int, int]] = []
        for quote in quotes.get(entry["id"], []):
            match = match_quote(quote, text)
            if match.found:
                spans.extend((max(0, s - 40), e + 40) for s, e in match.spans)
        meta = {k: str(v) for k, v in entry.items() if k not in ("file",)}
        sources.append(Source(entry["id"], text, meta, tuple(sorted(spans))))
    return sources


def _protected(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def vary(source: Source, copy: int) -> str:
    """A copy of a bundled document with a share of its figures and words changed (quoted passages kept)."""
    rng = random.Random(f"{SEED}-{source.id}-{copy}")
    text = source.text

    def figure(match: re.Match[str]) -> str:
        digits = match.group()
        if _protected(source.protected, match.start(), match.end()) or rng.random() > 0.4:
            return digits
        i = rng.randrange(len(digits))
        new = str((int(digits[i]) + rng.randint(1, 9)) % 10)
        if i == 0 and new == "0" and len(digits) > 1:
            new = "1"
        return digits[:i] + new + digits[i + 1 :]

    def word(match: re.Match[str]) -> str:
        if _protected(source.protected, match.start(), match.end()) or rng.random() > 0.5:
            return match.group()
        return _SWAPS[match.group()]

    text = re.sub(r"\d+", figure, text)
    text = _SWAP_WORDS.sub(word, text)
    meta = dict(source.meta)
    meta["id"] = f"{source.id}-c{copy}"
    meta["title"] = f"{meta.get('title', source.id)} (copy {copy})"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n{text}"


# --- news-like prose ---------------------------------------------------------------------------------

_SUBJECTS: dict[str, dict[str, list[str]]] = {
    "transport": {
        "nouns": ["passengers", "buses", "trains", "commuters", "flights", "cyclists", "lorries", "stations"],
        "bodies": ["the transport authority", "the rail operator", "the airport", "the city's bus company"],
        "topics": ["the new tram line", "road repairs", "the fare increase", "the bypass", "the night service"],
        "measures": ["km", "miles", "minutes"],
    },
    "weather": {
        "nouns": ["homes", "households", "residents", "trees", "roads", "farms", "schools"],
        "bodies": ["the met office", "the flood agency", "the regional council", "emergency services"],
        "topics": ["the storm", "the heatwave", "the floods", "the drought", "the cold snap"],
        "measures": ["mm of rain", "degrees", "km/h"],
    },
    "elections": {
        "nouns": ["votes", "voters", "seats", "candidates", "polling stations", "ballots", "members"],
        "bodies": ["the electoral commission", "the opposition", "the ruling party", "pollsters"],
        "topics": ["the by-election", "the referendum", "turnout", "the recount", "the leadership contest"],
        "measures": ["points", "seats"],
    },
    "housing": {
        "nouns": ["homes", "flats", "tenants", "families", "applications", "buyers", "landlords"],
        "bodies": ["the housing ministry", "the planning committee", "estate agents", "the building society"],
        "topics": ["rents", "house prices", "the waiting list", "the new estate", "mortgage rates"],
        "measures": ["square metres", "hectares"],
    },
    "sport": {
        "nouns": ["fans", "spectators", "players", "goals", "tickets", "runners", "clubs"],
        "bodies": ["the league", "the club", "the organisers", "the federation"],
        "topics": ["the final", "the transfer", "the marathon", "the new stadium", "the season"],
        "measures": ["metres", "seconds", "points"],
    },
    "economy": {
        "nouns": ["jobs", "companies", "workers", "shops", "exporters", "investors", "firms"],
        "bodies": ["the central bank", "the statistics office", "the chamber of commerce", "economists"],
        "topics": ["inflation", "growth", "unemployment", "the budget deficit", "exports"],
        "measures": ["per cent", "points"],
    },
    "education": {
        "nouns": ["pupils", "students", "teachers", "schools", "graduates", "applicants", "classrooms"],
        "bodies": ["the education department", "the university", "the teachers' union", "inspectors"],
        "topics": ["exam results", "tuition fees", "school meals", "the new curriculum", "class sizes"],
        "measures": ["hours", "days"],
    },
    "energy": {
        "nouns": ["households", "turbines", "panels", "customers", "plants", "engineers", "barrels"],
        "bodies": ["the grid operator", "the energy regulator", "the utility", "the wind farm's owners"],
        "topics": ["power cuts", "energy bills", "the solar park", "the pipeline", "gas prices"],
        "measures": ["megawatts", "gigawatt hours", "tonnes"],
    },
    "crime": {
        "nouns": ["arrests", "burglaries", "officers", "cases", "offenders", "complaints", "thefts"],
        "bodies": ["police", "the prosecutor's office", "the courts", "the prison service"],
        "topics": ["knife crime", "the fraud inquiry", "the trial", "car thefts", "the new patrols"],
        "measures": ["years", "months"],
    },
    "agriculture": {
        "nouns": ["farmers", "cattle", "sheep", "harvests", "acres", "growers", "tractors"],
        "bodies": ["the farmers' union", "the agriculture ministry", "the co-operative", "vets"],
        "topics": ["the wheat harvest", "milk prices", "the bird flu outbreak", "subsidies", "fertiliser costs"],
        "measures": ["tonnes", "hectares", "litres"],
    },
    "technology": {
        "nouns": ["users", "downloads", "subscribers", "devices", "engineers", "start-ups", "servers"],
        "bodies": ["the regulator", "the company", "the developers", "analysts"],
        "topics": ["the data breach", "the new app", "broadband coverage", "the chip plant", "the outage"],
        "measures": ["gigabytes", "megabits per second"],
    },
    "culture": {
        "nouns": ["visitors", "tickets", "artists", "books", "films", "performances", "volunteers"],
        "bodies": ["the museum", "the festival", "the arts council", "the library service"],
        "topics": ["the exhibition", "the book fair", "the film festival", "the restoration", "the concert series"],
        "measures": ["hours", "square metres"],
    },
}
_SYLLABLES = (
    "ka lo mi ra ven tor bel sa ri dun mar el an os ter gal fen ho lin bra cor ast wil mon dra pe ul "
    "zan ker ith obb ram sel vor nik ta qua lex hart mund ing ley ford wick"
).split()
_MONTHS = "January February March April May June July August September October November December".split()
_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
_FILLER = (
    "{Body} declined to comment on {topic}.",
    "Officials said the situation around {topic} remained under review.",
    "Critics argue that {topic} has done little to help ordinary families in {place}.",
    "The announcement came after weeks of talks between {body} and local leaders.",
    "{Person}, who has followed {topic} for years, called the decision a missed opportunity.",
    "Residents of {place} described scenes of confusion as the news spread.",
    "Supporters say the measures on {topic} will take time to show results.",
    "A spokesperson for {body} said further details would be published later this month.",
    "The debate over {topic} is expected to continue well into next year.",
    "In {place}, opinion on {topic} remains sharply divided.",
    '{Person} said the plan for {place} was "long overdue" but lacked detail.',
    "Neither side has said what happens if the talks on {topic} fail.",
)
_FIGURES = (
    "{Body} said {count} {noun} in {place} were affected by {topic}.",
    "About {count} {noun} turned out on {date}, according to {body}.",
    "More than {count} {noun} have signed up since {year}, up from {count2} a year earlier.",
    "The cost of {topic} rose to {money}, {body} said, against an estimate of {money2}.",
    "Around {pct} of {noun} in {place} said they were worried about {topic}.",
    "Between {count} and {count2} {noun} are expected in {place} by {year}.",
    "{Person} told reporters that {topic} would need {money} over {small} years.",
    "The figure fell by {pct} to {count} {noun}, the lowest since {year}.",
    "{Body} counted {words} {noun} at the site on {date}.",
    "Some {measure} was recorded in {place} on {date}, {body} said.",
    "Up to {count} {noun} could lose out, {person} warned, unless {body} acts on {topic}.",
    "In {year}, {place} had {count} {noun}; by {year2} it had {count2}.",
    "The share of {noun} backing the plan stood at {pct}, compared with {pct2} in {year}.",
    "{Body} put the bill for {topic} at {money} a year, or {money_small} per household.",
    "Nearly {count} {noun} — {pct} of the total — were in {place}.",
)


class Prose:
    """A generator of news-like articles with figures, on many subjects, deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.places = sorted({self._name(rng, 2, 3) for _ in range(6000)})
        self.people = sorted({f"{self._name(rng, 2, 2)} {self._name(rng, 2, 3)}" for _ in range(12000)})

    @staticmethod
    def _name(rng: random.Random, low: int, high: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()

    def article(self, rng: random.Random, size: int) -> str:
        subject = rng.choice(list(_SUBJECTS))
        vocab = _SUBJECTS[subject]
        place = rng.choice(self.places)
        topic = rng.choice(vocab["topics"])
        title = f"{place}: {topic[0].upper()}{topic[1:]} ({subject})"
        parts = [title, ""]
        length = len(title)
        while length < size:
            sentences = [self.sentence(rng, vocab, place) for _ in range(rng.randint(2, 5))]
            paragraph = " ".join(sentences)
            parts.append(paragraph)
            parts.append("")
            length += len(paragraph) + 2
        return "\n".join(parts)

    def sentence(self, rng: random.Random, vocab: dict[str, list[str]], home: str) -> str:
        template = rng.choice(_FIGURES) if rng.random() < 0.4 else rng.choice(_FILLER)
        year = rng.randint(1990, 2025)
        body = rng.choice(vocab["bodies"])
        person = rng.choice(self.people)
        values = {
            "body": body,
            "Body": body[0].upper() + body[1:],
            "topic": rng.choice(vocab["topics"]),
            "noun": rng.choice(vocab["nouns"]),
            "place": home if rng.random() < 0.6 else rng.choice(self.places),
            "person": person,
            "Person": person,
            "count": self.count(rng),
            "count2": self.count(rng),
            "money": self.money(rng),
            "money2": self.money(rng),
            "money_small": f"£{rng.randint(5, 900)}",
            "pct": f"{rng.randint(1, 95)}{rng.choice(['%', ' per cent', '.5%'])}",
            "pct2": f"{rng.randint(1, 95)}%",
            "date": f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}" + (f" {year}" if rng.random() < 0.5 else ""),
            "year": str(year),
            "year2": str(min(2025, year + rng.randint(1, 10))),
            "small": rng.choice(_WORDS[1:6]),
            "words": rng.choice(["a dozen", "hundreds of", "thousands of", "dozens of", *_WORDS]),
            "measure": f"{rng.randint(1, 300)}.{rng.randint(0, 9)} {rng.choice(vocab['measures'])}",
        }
        return template.format(**values)

    @staticmethod
    def count(rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.45:
            return f"{rng.randint(2, 999):,}"
        if kind < 0.85:
            return f"{rng.randint(1000, 999_999):,}"
        if kind < 0.95:
            return f"{rng.randint(1, 99)}.{rng.randint(1, 9)} million"
        return rng.choice(_WORDS)

    @staticmethod
    def money(rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.3:
            return f"${rng.randint(1, 999)}m"
        if kind < 0.5:
            return f"£{rng.randint(1, 99)}.{rng.randint(1, 9)}bn"
        if kind < 0.7:
            return f"€{rng.randint(1000, 99_999):,}"
        if kind < 0.85:
            return f"{rng.randint(2, 900)} million dollars"
        return f"${rng.randint(1, 9)}.{rng.randint(10, 99)} billion"


# --- building ----------------------------------------------------------------------------------------


FAMILIES = ("mixed", "on-topic")


def corpus_name(size_name: str, family: str = "mixed") -> str:
    """``corpus-100MB`` (mixed) or ``corpus-on-topic-100MB``; the claims files take the same suffix."""
    return f"corpus-{size_name}" if family == "mixed" else f"corpus-{family}-{size_name}"


def build(size_name: str, out: Path, force: bool = False, family: str = "mixed") -> Path:
    """Write ``<out>/corpus-<size>`` and ``<out>/claims-<size>.yaml`` (kept if already complete).

    ``family``: "mixed" (5% variations of the bundled corpus among other reporting) or "on-topic" (nothing but
    variations of the bundled corpus: every document answers the bundled statistics, as in a fact-checker's
    folder about one subject)."""
    target = SIZES[size_name]
    name = corpus_name(size_name, family)
    suffix = name.removeprefix("corpus-")
    folder = out / name
    done = folder / ".complete"
    sources = bundled_sources()
    bundle = sum(len(s.text.encode()) for s in sources)
    share = VARIATION_SHARE if family == "mixed" else 1.0
    copies = max(1, round(target * share / bundle))
    out.mkdir(parents=True, exist_ok=True)
    _claims(out / f"claims-{suffix}.yaml", copies)
    _claims(out / f"statistics-{suffix}.yaml", copies, count=len(sources_claims()))
    if done.exists() and not force:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    written = 0
    files = 0

    def place(name: str, text: str) -> None:
        nonlocal written, files
        sub = folder / f"{files // FILES_PER_FOLDER:04d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / name).write_bytes(data)
        written += len(data)
        files += 1

    prose = Prose(SEED)
    rng = random.Random(SEED)
    # Interleave the copies with the prose, as an archive would hold them among other reporting.
    every = max(1, round((target / 40_000) / copies))
    copy = 0
    article = 0
    while written < target:
        if copy < copies and article % every == 0:
            for source in sources:
                place(f"{source.id}-c{copy}.txt", vary(source, copy))
            copy += 1
        if family != "mixed":
            if copy >= copies:
                break
            article += 1
            continue
        size = int(rng.lognormvariate(10.3, 0.6))  # median ~30 KB, a long tail of long reads
        size = max(2_000, min(size, 400_000, target - written))
        place(f"news-{article:06d}.txt", prose.article(random.Random(f"{SEED}-{article}"), size))
        article += 1
    done.write_text(f"{files} files, {written} bytes, {copies} copies of the bundled corpus\n", encoding="utf-8")
    print(
        f"{folder}: {files:,} files, {written / 1e6:,.1f} MB, {copies} copies of the bundled corpus,"
        f" {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return folder


def sources_claims() -> list[dict[str, object]]:
    claims: list[dict[str, object]] = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    return claims


def _claims(path: Path, copies: int, count: int = CLAIMS) -> None:
    data = yaml.safe_load((ROOT / "claims.yaml").read_text(encoding="utf-8"))
    base = data["claims"]
    claims = []
    for i in range(count):
        claim = dict(base[i % len(base)])
        copy = (i // len(base)) % copies
        claim["id"] = f"{claim['id']}-{i}"
        claim["citations"] = [{**c, "document": f"{c['document']}-c{copy}"} for c in claim.get("citations") or []]
        claims.append(claim)
    data["claims"] = claims
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1MB,10MB,100MB", help="comma-separated: 1MB, 10MB, 100MB, 1GB")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--force", action="store_true", help="build again even if complete")
    parser.add_argument("--family", choices=FAMILIES, default="mixed", help="mixed reporting, or all on one subject")
    args = parser.parse_args()
    for name in args.sizes.split(","):
        build(name.strip(), args.out, args.force, args.family)


if __name__ == "__main__":
    main()
