"""Build factcheck/data/families.txt.gz, the word families of factcheck.matching.families, from Princeton WordNet 3.0.

Reads the WordNet database files directly (index.*, data.*, *.exc, cntlist.rev), as Debian's ``wordnet-base``
installs them under /usr/share/wordnet: ``apt-get install wordnet-base``, then

    PYTHONPATH=$PWD python3 tools/build_families.py [--wordnet DIR] [--out PATH] [--explain WORD WORD]

The table is a graph search over WordNet synsets (a synset is one sense shared by its synonyms):

* A word stands for its *main senses* only (see main_senses): rank 1 in WordNet's frequency order, and ranks
  up to MAX_RANK that tagged text (cntlist.rev) uses often enough. "go" does not stand for "die", although
  WordNet lists "go" among die's synonyms: that is go's 20th sense. A part of speech a word rarely has is
  left out ("die" the cube).
* A stem stands for the words it is the stem of that WordNet relates to its first word (see stem_words): the
  stemmer gives "important" the stem of "import", and "killing" (very funny) that of "kill".
* Two stems are related when a main sense of one reaches a main sense of the other over these links, each
  with a cost (COSTS): the same synset (synonyms, cost 0), derivationally related forms (+, "kill" and
  "killing", "die" and "death"), participles (<), pertainyms (\\), "similar to" (&, "unemployed" and
  "jobless"; one a path, as two satellites of one adjective are two kinds of it), cause (>, "kill" causes
  "die"), entailment (*, "buy" entails "pay"), hypernymy (@, "a fatality is a death"). A hypernym link costs
  more the more direct hyponyms the general synset has (HYPONYM_COST), and one with more than MAX_HYPONYMS is
  never taken: its kinds are not one family.
* A path costs at most MAX_COST and has at most MAX_LINKS links, of which at most one hypernym link: up to a
  hypernym only as the last link, down to a hyponym only as the first. So "a killing (from kill) is a
  fatality" holds, but two kinds of one thing ("exports" and "imports", "revenue" and "profit"), or what
  derives from them, never meet. Cause and entailment stand alone on a path (ALONE); entailment costs
  MAX_COST, cause less ("kill" causes "die", 0.7, enough to make a candidate): "how many did the quake kill"
  asks for the death toll, but "killer" is no family of "die".
* Stopwords and factcheck.matching.families.MEASURE_WORDS ("number", "total", "amount", "rate") have no family and
  are in none: they say which kind of figure a text gives, not what it counts.
* Antonyms (!) are never used, nor "also see" (^), verb groups ($), domains, member or part links, instances.
* A stem's family keeps its FAMILY_SIZE nearest members; a pair stays only when each is among the other's
  nearest, so that the table is symmetric.

The weight of a pair is FAMILY_WEIGHT minus the cheapest path's cost (the cheaper of the two searches, from
either end): 0.9 for synonyms, 0.6 at the least.
Keys are factcheck.reading.text.stem of single-word lemmas (multi-word lemmas such as "out_of_work" are left out), so
they agree with the matcher's stems; irregular forms (noun.exc, verb.exc, adj.exc: "men", "fled") stand for
their base form's senses: an irregular plural always, a verb or adjective form when it is no word of its own
("wound" is not "wind").
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from factcheck.matching.families import MEASURE_WORDS
from factcheck.reading.text import STOPWORDS, stem

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "families.txt.gz"

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# The sense key's synset type digit (cntlist.rev) → the part of speech of its file (5: adjective satellite).
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}

# The cost of one link of each kind (pointer symbols of wndb(5WN)); a synonym costs 0.
DERIVED, PARTICIPLE, PERTAINYM, SIMILAR, CAUSE, ENTAILS, HYPERNYM, HYPONYM = "+", "<", "\\", "&", ">", "*", "@", "~"
COSTS = {
    DERIVED: 0.05,
    PARTICIPLE: 0.05,
    PERTAINYM: 0.15,
    SIMILAR: 0.15,
    CAUSE: 0.2,  # 0.3 until Dec 2026: "killed" then missed "deaths" (0.6) where the gate asks for 0.7
    ENTAILS: 0.3,
    HYPERNYM: 0.15,  # and HYPONYM_COST for each direct hyponym of the more general synset
}
# Links that stand alone on a path: "kill" causes "die", but "killer" is no family of "die".
ALONE = frozenset({CAUSE, ENTAILS})
HYPONYM_COST = 0.005
MAX_COST = 0.3
MAX_LINKS = 2
MAX_HYPONYMS = 40
FAMILY_WEIGHT = 0.9
FAMILY_SIZE = 40
# Main senses (see main_senses): rank 1, then ranks up to MAX_RANK whose share of the word's tagged uses is at
# least MIN_SHARE and that it uses MIN_COUNT times; a word without tagged uses keeps UNTAGGED_RANKS senses.
MAX_RANK = 3
MIN_SHARE = 0.08
MIN_COUNT = 2
UNTAGGED_RANKS = 1
# A word's part of speech whose tagged uses, plus one, are fewer than POS_SHARE of its most used one's is left out.
POS_SHARE = 0.2

_WORD = re.compile(r"[a-z]+")

Synset = tuple[str, int]  # (part of speech of its file, byte offset)
UP, SIDE, DOWN = 1, 0, -1


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    target: Synset
    source_word: int  # 0 for a link between whole synsets, else the 1-based word number in each synset
    target_word: int


@dataclass(frozen=True, slots=True)
class Entry:
    words: tuple[str, ...]  # lower case; "" for a proper name (written with a capital) or a multi-word lemma
    links: tuple[Link, ...]


def _word(raw: str) -> str:
    raw = re.sub(r"\([a-z]+\)$", "", raw)  # adjective position markers: "(a)", "(p)", "(ip)"
    return raw if _WORD.fullmatch(raw) else ""


def read_data(wordnet: Path) -> dict[Synset, Entry]:
    entries: dict[Synset, Entry] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ", 1)[0].split()
            offset, count = int(fields[0]), int(fields[3], 16)
            words = tuple(_word(fields[4 + 2 * i]) for i in range(count))
            at = 4 + 2 * count
            links = []
            for i in range(int(fields[at])):
                symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                # Instances ("@i", "~i": named things) belong to no family; other links are not used.
                if symbol in COSTS or symbol == HYPONYM:
                    target_key = ("a" if target_pos == "s" else target_pos, int(target))
                    links.append(Link(symbol, target_key, int(numbers[:2], 16), int(numbers[2:], 16)))
            entries[(pos, offset)] = Entry(words, tuple(links))
    return entries


def read_senses(wordnet: Path) -> dict[tuple[str, str], list[int]]:
    """(lemma, part of speech) → its synset offsets, most frequent sense first."""
    senses: dict[tuple[str, str], list[int]] = {}
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, count = fields[0], int(fields[2])
            if _WORD.fullmatch(lemma):
                senses[(lemma, pos)] = [int(o) for o in fields[-count:]]
    return senses


def read_counts(wordnet: Path) -> dict[tuple[str, str], dict[int, int]]:
    """(lemma, part of speech) → {sense rank: how often tagged text uses it} (cntlist.rev)."""
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for line in (wordnet / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, rank, count = line.split()
        lemma, rest = key.split("%", 1)
        counts[(lemma, SS_TYPE[rest[0]])][int(rank)] = int(count)
    return counts


def read_exceptions(wordnet: Path) -> list[tuple[str, str, str]]:
    """(irregular form, base form, part of speech) from the *.exc files."""
    found = []
    for pos, name in POS_FILES.items():
        for line in (wordnet / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            inflected, *bases = line.split()
            found.extend((inflected, base, pos) for base in bases if _WORD.fullmatch(inflected + base))
    return found


def main_senses(offsets: list[int], counts: dict[int, int]) -> list[int]:
    """The senses (offsets, in rank order) a word stands for: rank 1, and ranks up to MAX_RANK that tagged text
    uses at least MIN_SHARE of the time and MIN_COUNT times (one use in five is chance: "import" meaning
    "significance")."""
    total = sum(counts.values())
    if not total:
        return offsets[:UNTAGGED_RANKS]
    return [
        o
        for rank, o in enumerate(offsets[:MAX_RANK], 1)
        if rank == 1 or counts.get(rank, 0) >= max(MIN_COUNT, MIN_SHARE * total)
    ]


@dataclass(frozen=True, slots=True)
class Graph:
    stem_senses: dict[str, frozenset[Synset]]
    sense_stems: dict[Synset, frozenset[str]]
    edges: dict[Synset, tuple[tuple[Synset, float, int, str], ...]]  # (neighbour, cost, UP/DOWN/SIDE, kind)


def word_links(entries: dict[Synset, Entry]) -> set[tuple[str, str]]:
    """Pairs of words that WordNet relates by form or sense in any sense: the same synset, a derivation, a
    participle or a pertainym (both orders)."""
    pairs: set[tuple[str, str]] = set()
    for entry in entries.values():
        present = [w for w in entry.words if w]
        pairs.update((a, b) for a in present for b in present)
        for link in entry.links:
            if link.source_word:
                a, b = entry.words[link.source_word - 1], entries[link.target].words[link.target_word - 1]
                pairs.update(((a, b), (b, a)))
    return pairs


def stem_words(
    s: str, lemmas: dict[str, set[str]], own: set[str], kin: set[tuple[str, str]], uses: dict[str, int]
) -> list[str]:
    """The words a stem stands for: its first word (the shortest of its lemmas ``own`` that tagged text uses
    (``uses``), else the shortest lemma, else the shortest base form of its irregular forms), the words WordNet
    relates to that word (``kin``), and their regular plurals. The stemmer gives "important" the stem of
    "import", "rose" (the flower) that of "rise", "levy" that of "Levi", and "wound" is also a form of "wind":
    those words are not the stem's."""
    candidates = own or set(lemmas)
    first = min([w for w in candidates if uses.get(w)] or candidates, key=lambda w: (len(w), -uses.get(w, 0), w))
    kept = [first, *(other for other in lemmas if other != first and (first, other) in kin)]
    # A lemma that is a regular plural of one of them is theirs too ("receipts", "sales").
    return kept + [other for other in lemmas if other not in kept and other.rstrip("s") in kept]


def build_graph(wordnet: Path) -> Graph:
    entries = read_data(wordnet)
    senses = read_senses(wordnet)
    counts = read_counts(wordnet)
    main = {key: main_senses(offsets, counts.get(key, {})) for key, offsets in senses.items()}
    # A sense whose synset spells the word only with a capital is a name's ("Aachen", "Levi"): left out.
    main = {
        (lemma, pos): kept
        for (lemma, pos), offsets in main.items()
        if (kept := [o for o in offsets if lemma in entries[(pos, o)].words])
    }
    # Each stem's words (lemmas, and the base forms of its irregular forms) with their parts of speech.
    words: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for lemma, pos in main:
        words[stem(lemma)][lemma].add(pos)
    lemmas_of = {s: set(lemmas) for s, lemmas in words.items()}
    exceptions = read_exceptions(wordnet)
    for inflected, base, pos in exceptions:
        if (base, pos) in main:
            words[stem(inflected)][base].add(pos)
    # An irregular plural is its noun's ("men": "man"), even where WordNet has a lemma of that spelling ("men",
    # the work force); an irregular verb or adjective form only where it has none ("wound" is not "wind").
    uses: dict[str, int] = defaultdict(int)  # how often tagged text uses each word, all its senses
    for (lemma, _), by_rank in counts.items():
        uses[lemma] += sum(by_rank.values())
    kin = word_links(entries) | {(inflected, base) for inflected, base, pos in exceptions if pos == "n"}
    stem_senses: dict[str, set[Synset]] = defaultdict(set)
    left_out = STOPWORDS | {stem(w) for w in MEASURE_WORDS}
    for s, lemmas in words.items():
        if s in left_out:
            continue
        for lemma in stem_words(s, lemmas, lemmas_of.get(s, set()), kin, uses):
            by_pos = {pos: sum(counts.get((lemma, pos), {}).values()) for pos in lemmas[lemma]}
            for pos, count in by_pos.items():
                # A part of speech a word rarely has is left out: "die" the cube, beside "die" the verb.
                if count + 1 >= POS_SHARE * max(by_pos.values()):
                    stem_senses[s].update((pos, o) for o in main[(lemma, pos)])
    main_set = {(lemma, pos, o) for (lemma, pos), offsets in main.items() for o in offsets}
    hyponyms = {key: sum(link.kind == HYPONYM for link in entry.links) for key, entry in entries.items()}
    edges: dict[Synset, dict[Synset, tuple[float, int, str]]] = defaultdict(dict)
    for key, entry in entries.items():
        for link in entry.links:
            if link.kind == HYPONYM:
                continue  # the same link as the hyponym's @, taken from there
            if link.kind == HYPERNYM and hyponyms.get(link.target, 0) > MAX_HYPONYMS:
                continue  # too general a noun or verb: its kinds are not one family
            if link.source_word:
                # A lexical link (derivation, participle, pertainym) joins two words: each in a main sense.
                a = entry.words[link.source_word - 1]
                b = entries[link.target].words[link.target_word - 1]
                if (a, *key) not in main_set or (b, *link.target) not in main_set:
                    continue
            cost = COSTS[link.kind]
            if link.kind == HYPERNYM:
                cost = round(cost + HYPONYM_COST * hyponyms.get(link.target, 0), 4)
            up = UP if link.kind == HYPERNYM else SIDE
            for x, y, way in ((key, link.target, up), (link.target, key, -up)):
                old = edges[x].get(y)
                if old is None or cost < old[0]:
                    edges[x][y] = (cost, way, link.kind)
    sense_stems: dict[Synset, set[str]] = defaultdict(set)
    for s, keys in stem_senses.items():
        for key in keys:
            sense_stems[key].add(s)
    return Graph(
        {s: frozenset(k) for s, k in stem_senses.items()},
        {k: frozenset(v) for k, v in sense_stems.items()},
        {k: tuple((y, *rest) for y, rest in v.items()) for k, v in edges.items()},
    )


def reach(graph: Graph, start: str, paths: dict[Synset, list[Synset]] | None = None) -> dict[str, float]:
    """Every stem a main sense of ``start`` reaches within MAX_COST, with the cheapest cost. A path holds at
    most one hypernym link: up to a hypernym only as its last link, down to a hyponym only as its first, so
    that "a fatality is a death" and "a killing (from kill) is a fatality" hold, but two kinds of one thing,
    or what derives from them ("buy" is a kind of "trade", from which "selling" derives), stay apart.
    ``paths``, when given, receives the synsets on the cheapest way to each synset reached."""
    starts = graph.stem_senses.get(start, frozenset())
    seen: set[tuple[Synset, int, bool, bool]] = set()
    # (cost, synset, links so far, whether the path went up (and so ends here), whether it took a "similar to"
    # link (the next may not: two satellites of one adjective are two kinds of it), the synsets before it)
    queue: list[tuple[float, Synset, int, bool, bool, tuple[Synset, ...]]] = [
        (0.0, key, 0, False, False, ()) for key in starts
    ]
    found: dict[str, float] = {}
    while queue:
        cost, key, links, ended, similar, way = heapq.heappop(queue)
        if (key, links, ended, similar) in seen:
            continue
        seen.add((key, links, ended, similar))
        if paths is not None and key not in paths:
            paths[key] = [*way, key]
        for s in graph.sense_stems.get(key, ()):
            if s != start and cost < found.get(s, 9.0):
                found[s] = cost
        if ended or links == MAX_LINKS:
            continue
        for target, step, direction, kind in graph.edges.get(key, ()):
            if (direction == DOWN and key not in starts) or (kind == SIMILAR and similar):
                continue
            if kind in ALONE and links:
                continue  # a cause or an entailment is a path of its own: its first link, and its last
            total = round(cost + step, 4)
            if total <= MAX_COST + 1e-9:
                after = (*way, key) if paths is not None else ()
                ends = direction == UP or kind in ALONE
                heapq.heappush(queue, (total, target, links + 1, ends, similar or kind == SIMILAR, after))
    return found


def build_table(graph: Graph) -> dict[str, dict[str, float]]:
    """stem → {related stem: weight}, symmetric, each family at most FAMILY_SIZE."""
    nearest: dict[str, dict[str, float]] = {}
    for s in graph.stem_senses:
        found = reach(graph, s)
        kept = sorted(found.items(), key=lambda item: (item[1], item[0]))[:FAMILY_SIZE]
        nearest[s] = {other: round(FAMILY_WEIGHT - cost, 2) for other, cost in kept}
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for s, family in nearest.items():
        for other, weight in family.items():
            back = nearest.get(other, {}).get(s)
            if back is not None:
                # The search from either end may find a different cheapest path (a hyponym link only first).
                table[s][other] = max(weight, back)
    return table


def write_table(table: dict[str, dict[str, float]], out: Path) -> None:
    """One line a stem: the stem, a tab, then groups "weight word word ..." separated by "|", weights
    descending (a stem with no family has no line). gzip'd with a fixed mtime: the same table, the same bytes."""
    lines = []
    for s in sorted(table):
        by_weight: dict[float, list[str]] = defaultdict(list)
        for other, weight in table[s].items():
            by_weight[weight].append(other)
        groups = [f"{weight:g} " + " ".join(sorted(words)) for weight, words in sorted(by_weight.items(), reverse=True)]
        lines.append(s + "\t" + "|".join(groups))
    out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode()
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="folder of the WordNet 3.0 database files")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--explain", nargs=2, metavar="WORD", help="print how two words relate, write nothing")
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").exists():
        print(f"no WordNet database in {args.wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 2
    graph = build_graph(args.wordnet)
    if args.explain:
        a, b = (stem(w) for w in args.explain)
        paths: dict[Synset, list[Synset]] = {}
        found = reach(graph, a, paths)
        print(f"{a} → {b}: cost {found.get(b)}")
        words = read_data(args.wordnet)
        for key, way in paths.items():
            if b in graph.sense_stems.get(key, ()):
                print("  " + " → ".join(f"{k[0]}{k[1]:08d} {'/'.join(w for w in words[k].words if w)}" for k in way))
        return 0
    table = build_table(graph)
    write_table(table, args.out)
    pairs = sum(len(f) for f in table.values()) // 2
    print(f"{len(table)} stems, {pairs} pairs, {args.out.stat().st_size} bytes: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
