"""Word families (factcheck.matching.families): the shipped table, its API, and tools/build_families.py on a tiny
WordNet. The pair lists are the acceptance test of the relations the builder uses: they are tuned by choosing
relations and limits, never by exceptions for these words."""

from __future__ import annotations

import gzip
import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from factcheck.matching import families
from factcheck.matching.families import FAMILY_WEIGHT, family, members, parse_members, parse_table, related
from factcheck.reading.text import stem

ROOT = Path(__file__).resolve().parent.parent

# Different words for one thing in reporting: each pair must be related (same stem or family).
MUST_MATCH = [
    ("kill", "die"),
    ("kill", "death"),
    ("kill", "dead"),
    ("kill", "fatality"),
    ("killed", "deaths"),
    ("killed", "fatalities"),
    ("died", "killed"),
    ("die", "fatality"),
    ("death", "fatality"),
    ("dead", "fatalities"),
    ("unemployed", "jobless"),
    ("unemployment", "jobless"),
    ("earnings", "income"),
    ("injured", "wounded"),
    ("injuries", "wounded"),
    ("injure", "wound"),
    ("evacuate", "evacuation"),
    ("displace", "displaced"),
    ("displaced", "displacement"),
    ("buy", "purchase"),
    ("bought", "purchases"),
    ("held", "holds"),
    ("price", "cost"),
    ("prices", "costs"),
    ("sales", "sold"),
    ("homeless", "homelessness"),
    ("arrested", "arrests"),
    ("wages", "pay"),
    ("salary", "wage"),
    ("jobs", "employment"),
    ("flee", "fled"),
    ("murder", "homicide"),
    ("rainfall", "rain"),
    ("children", "child"),
    ("men", "man"),
    ("vote", "ballot"),
    ("doctors", "physicians"),
    ("car", "automobile"),
]

# Different statistics that share a topic: each pair must stay apart (antonyms, siblings, the two sides of a
# trade, the two ends of a change).
MUST_NOT_MATCH = [
    ("employment", "unemployment"),
    ("employed", "unemployed"),
    ("revenue", "profit"),
    ("exports", "imports"),
    ("export", "import"),
    ("deaths", "injuries"),
    ("killed", "injured"),
    ("births", "deaths"),
    ("born", "died"),
    ("buyers", "sellers"),
    ("buy", "sell"),
    ("increase", "decrease"),
    ("rise", "fall"),
    ("win", "lose"),
    ("wins", "losses"),
    ("men", "women"),
    ("adults", "children"),
    ("profit", "loss"),
    ("arrivals", "departures"),
    ("income", "expenditure"),
    ("revenue", "spending"),
    ("deaths", "recoveries"),
    ("cases", "deaths"),
    ("students", "teachers"),
    ("births", "marriages"),
    ("tax", "subsidy"),
    ("inflation", "deflation"),
    ("debt", "surplus"),
    ("price", "volume"),
    ("revenue", "sales"),
    # A stem is not every word the stemmer gives it, nor every rare sense of its word.
    ("imports", "significance"),
    ("imports", "meaning"),
    ("killing", "sidesplitting"),
    ("go", "die"),
    ("killer", "died"),  # a cause link stands alone on a path: "kill" causes "die", "killer" derives from "kill"
]


@pytest.mark.parametrize(("a", "b"), MUST_MATCH)
def test_must_match(a: str, b: str) -> None:
    assert related(stem(a), stem(b)) > 0
    assert related(stem(b), stem(a)) > 0


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MATCH)
def test_must_not_match(a: str, b: str) -> None:
    assert stem(a) != stem(b)
    assert related(stem(a), stem(b)) == 0.0
    assert stem(b) not in family(stem(a))


def test_a_family_match_counts_less_than_an_exact_one() -> None:
    assert related("kill", "kill") == 1.0
    assert 0 < related(stem("unemployed"), stem("jobless")) <= FAMILY_WEIGHT < 1.0
    # A synonym is nearer than a word a cause link away.
    assert related(stem("buy"), stem("purchase")) > related(stem("kill"), stem("die"))


def test_a_question_of_killing_makes_the_death_toll_a_candidate() -> None:
    # "how many people did the quake kill" asks for the deaths: the cause link must reach the gate's similarity
    # (a family member at GATE_SIMILARITY or more makes a candidate; 0.6 did not).
    from factcheck.matching.scoring import GATE_SIMILARITY, word_similarity

    for asked, written in (("kill", "deaths"), ("killed", "died"), ("kill", "perished")):
        assert word_similarity(stem(asked), stem(written)) >= GATE_SIMILARITY, (asked, written)


def test_family_and_members() -> None:
    kill = family("kill")
    assert {"kill", "die", "fatal"} <= kill
    assert "kill" not in members("kill")
    assert family("zzzqx") == frozenset({"zzzqx"})
    assert members("zzzqx") == {}
    assert related("zzzqx", "kill") == 0.0


def test_table_is_symmetric_bounded_and_weighted() -> None:
    keys = families.stems()
    assert len(keys) > 20_000
    for a in keys:
        found = members(a)
        assert 0 < len(found) <= 40, a
        for b, weight in found.items():
            assert 0 < weight <= FAMILY_WEIGHT, (a, b)
            assert members(b).get(b) is None
            assert members(b).get(a) == weight, (a, b)


def test_words_of_measuring_have_no_family() -> None:
    measure = {stem(word) for word in families.MEASURE_WORDS}
    assert {"number", "total", "amount", "rate", "peopl"} <= measure
    assert not measure & families.stems()
    assert all(not measure & set(members(key)) for key in families.stems())
    assert related(stem("revenue"), stem("amount")) == 0.0


def test_keys_are_the_matchers_stems() -> None:
    # The table is keyed by factcheck.reading.text.stem: the forms a text has find their families.
    for word in ("fatalities", "killed", "deaths", "jobless", "purchases", "wounded", "evacuation"):
        assert stem(word) in families.stems(), word
    assert all(key == key.lower() and " " not in key for key in families.stems())


def test_the_table_is_small_and_parses_to_every_stem() -> None:
    # How fast it loads: bench/bench_small.py (a speed target is no test).
    raw = (ROOT / "factcheck" / "data" / "families.txt.gz").read_bytes()
    assert len(raw) < 3_000_000
    table = parse_table(raw)
    assert set(table) == families.stems() and len(table) > 30_000


def test_licence_ships_beside_the_table() -> None:
    licence = (ROOT / "factcheck" / "data" / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert {"data/families.txt.gz", "data/WORDNET-LICENSE"} <= set(package_data["package-data"]["factcheck"])


def test_parse_table_and_members() -> None:
    raw = gzip.compress(b"kill\t0.9 slay|0.6 die\nslay\t0.9 kill\n")
    table = parse_table(raw)
    assert table == {"kill": "0.9 slay|0.6 die", "slay": "0.9 kill"}
    assert parse_members(table["kill"]) == {"slay": 0.9, "die": 0.6}
    assert parse_table(gzip.compress(b"")) == {}


# --- tools/build_families.py on a miniature WordNet -------------------------------------------------------


def _builder() -> ModuleType:
    path = ROOT / "tools" / "build_families.py"
    spec = importlib.util.spec_from_file_location("build_families", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# The database format of wndb(5WN): offset, lexicographer file, type, words, pointers (symbol, offset, part of
# speech, source/target word numbers), gloss.
_DATA = {
    "verb": [
        "00000001 30 v 01 die 0 002 + 00000010 n 0101 ! 00000002 v 0101 | stop living",
        "00000002 30 v 01 live 0 001 ! 00000001 v 0101 | be alive",
        "00000003 35 v 02 kill 0 slay 0 001 > 00000001 v 0000 | cause to die",
        "00000004 35 v 01 go 0 000 | move",
    ],
    "noun": [
        "00000010 11 n 02 death 0 decease 0 002 + 00000001 v 0101 ~ 00000011 n 0000 | the event of dying",
        "00000011 11 n 01 fatality 0 001 @ 00000010 n 0000 | a death in an accident",
        "00000020 21 n 01 commodity 0 002 ~ 00000021 n 0000 ~ 00000022 n 0000 | goods",
        "00000021 21 n 01 export 0 001 @ 00000020 n 0000 | sold abroad",
        "00000022 21 n 01 import 0 001 @ 00000020 n 0000 | bought abroad",
        "00000030 21 n 01 Paris 0 000 | a city",
    ],
    "adj": [],
    "adv": [],
}
_INDEX = {
    "verb": ["die v 1 2 + ! 1 1 00000001", "live v 1 1 ! 1 0 00000002", "kill v 1 1 > 1 1 00000003",
             "slay v 1 1 > 1 0 00000003", "go v 1 0 1 0 00000004"],
    "noun": ["death n 1 2 + ~ 1 1 00000010", "decease n 1 0 1 0 00000010", "fatality n 1 1 @ 1 0 00000011",
             "commodity n 1 1 ~ 1 0 00000020", "export n 1 1 @ 1 0 00000021", "import n 1 1 @ 1 0 00000022"],
    "adj": [],
    "adv": [],
}  # fmt: skip


def _miniature(folder: Path) -> Path:
    for name in ("noun", "verb", "adj", "adv"):
        header = "  1 This software and database is being provided to you, the LICENSEE\n"
        (folder / f"data.{name}").write_text(header + "".join(line + "  \n" for line in _DATA[name]))
        (folder / f"index.{name}").write_text(header + "".join(line + "  \n" for line in _INDEX[name]))
        (folder / f"{name}.exc").write_text("slew slay\n" if name == "verb" else "")
    (folder / "cntlist.rev").write_text("die%2:30:00:: 1 141\nkill%2:35:00:: 1 103\ndeath%1:11:00:: 1 45\n")
    return folder


def test_builder_on_a_miniature_wordnet(tmp_path: Path) -> None:
    builder = _builder()
    out = tmp_path / "families.txt.gz"
    assert builder.main(["--wordnet", str(_miniature(tmp_path)), "--out", str(out)]) == 0
    table = {key: parse_members(rest) for key, rest in parse_table(out.read_bytes()).items()}
    # Synonyms, cause, hypernym (death, and die through its derived noun), irregular forms.
    assert table["kill"]["slay"] == FAMILY_WEIGHT
    assert 0 < table["kill"]["die"] < table["kill"]["slay"]
    assert table["die"]["fatal"] > 0 and table["fatal"]["die"] == table["die"]["fatal"]
    assert table["slew"]["kill"] == FAMILY_WEIGHT
    # Never antonyms, never two kinds of one thing, never cause and hypernym on one path, no proper names.
    assert "live" not in table.get("die", {})
    assert "import" not in table.get("export", {})
    assert "fatal" not in table["kill"]
    assert "pari" not in table and "paris" not in table
    # A word without relations has no line.
    assert "go" not in table
    # The same database gives the same bytes.
    again = tmp_path / "again.txt.gz"
    builder.main(["--wordnet", str(tmp_path), "--out", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_builder_without_wordnet(tmp_path: Path) -> None:
    assert _builder().main(["--wordnet", str(tmp_path), "--out", str(tmp_path / "x.gz")]) == 2
    assert not (tmp_path / "x.gz").exists()
