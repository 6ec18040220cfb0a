"""`factcheck disputes`: how figures of different documents are put in one group (issue 19).

The corpus: three reports of deaths in a heat wave, three of deaths in a cholera outbreak, and a digest of the week
that gives both. "deaths" is written in every document, but the figures count two things; the words around them
(heat wave, Spain; cholera outbreak, Sudan) tell which.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()

DOCUMENTS = {
    "heat-a": "Heat wave in Spain\n\nA heat wave in Spain has caused 212 deaths, officials said.\n",
    "heat-b": "Spain swelters\n\nThe heat wave in Spain has now caused 240 deaths.\n",
    "heat-c": "Spain counts the cost\n\nSpain counts 260 deaths from the heat wave.\n",
    "cholera-a": "Cholera in Sudan\n\nA cholera outbreak in Sudan has caused 80 deaths.\n",
    "cholera-b": "Sudan outbreak grows\n\nThe cholera outbreak in Sudan has caused 95 deaths.\n",
    "cholera-c": "Sudan appeals for help\n\nSudan reports 120 deaths from the cholera outbreak.\n",
    "digest": "The week in brief\n\nSudan: the cholera outbreak has caused 90 deaths.\n"
    "Spain: the heat wave has caused 230 deaths.\n",
}
HEAT = {"heat-a": "212", "heat-b": "240", "heat-c": "260", "digest": "230"}
CHOLERA = {"cholera-a": "80", "cholera-b": "95", "cholera-c": "120", "digest": "90"}


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """Each group's figure of each document (as written), in the order disputes ranks the groups."""
    folder = tmp_path_factory.mktemp("two-topics")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = folder / "claims.yaml"
    claims.write_text("claims: []\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--limit", "50"]
    result = runner.invoke(app, ["disputes", *where, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shown = []
    for group in data["disputes"]:
        firsts: dict[str, str] = {}
        for figure in group["figures"]:  # each document's figures, its figure for the group first
            firsts.setdefault(figure["document"], figure["text"])
        shown.append(firsts)
    return shown


def test_no_group_mixes_the_figures_of_two_things(groups: list[dict[str, str]]) -> None:
    for figures in groups:
        shown = set(figures.items())
        assert not (shown & set(HEAT.items()) and shown & set(CHOLERA.items())), figures


def test_a_document_that_speaks_of_both_gives_each_group_its_own_figure(groups: list[dict[str, str]]) -> None:
    # The digest's 90 stands with the cholera reports, its 230 with the heat-wave reports.
    assert CHOLERA in groups
    assert HEAT in groups


def test_a_narrower_group_that_leaves_out_a_document_is_kept(groups: list[dict[str, str]]) -> None:
    # "Sudan deaths" shows three of the four figures of "outbreak deaths" but leaves out the digest (which writes
    # "Sudan:" apart from its sentence's clause): another reading, kept beside the wider group.
    narrower = {k: v for k, v in CHOLERA.items() if k != "digest"}
    assert narrower in groups and CHOLERA in groups


def _disputes(folder: Path, documents: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(label, each document's figure as written) of each group disputes finds in ``documents``."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = folder / "claims.yaml"
    claims.write_text("claims: []\n", encoding="utf-8")
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--limit", "50"]
    result = runner.invoke(app, ["disputes", *where, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        return []
    found = []
    for group in json.loads(result.stdout)["disputes"]:
        firsts: dict[str, str] = {}
        for figure in group["figures"]:
            firsts.setdefault(figure["document"], figure["text"])
        found.append((group["label"], firsts))
    return found


def test_a_year_before_a_noun_forms_no_group(tmp_path: Path) -> None:
    # "the 2011 floods", "the region's 2011 floods" and a heading "2024 Valley floods" use years as modifiers; the
    # counts (people displaced) still form their group.
    found = _disputes(
        tmp_path,
        {
            "herald": "2024 Valley floods\n\nThe 2011 floods displaced 3,000 people.\n",
            "courier": "2024 Valley floods\n\nUnlike the 2011 floods, these displaced 15,000 people.\n",
            "gazette": "The valley under water\n\nThe region's 2011 floods were smaller; 14,000 people were "
            "displaced this time.\n",
        },
    )
    shown = {text for _, figures in found for text in figures.values()}
    assert "2011" not in shown and "2024" not in shown
    assert ("displaced people", {"courier": "15,000", "gazette": "14,000", "herald": "3,000"}) in found


def test_change_verbs_and_weekdays_do_not_name_what_a_figure_counts(tmp_path: Path) -> None:
    # "rises to", "climbs to", "had reached" and "On Monday" say how and when; passed over, "deaths" is near
    # enough to name the figures of the two documents that write it.
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods in the valley\n\nOn Monday the number of deaths in the valley floods rises to 16.\n",
            "courier": "Valley floods\n\nOn Tuesday the death toll from the valley floods climbs to 24.\n",
            "gazette": "The valley mourns\n\nBy Wednesday the deaths from the valley floods had reached 30.\n",
        },
    )
    assert ("deaths floods", {"herald": "16", "gazette": "30"}) in found
    words = {word.lower() for label, _ in found for word in label.split()}
    assert not words & {"rises", "climbs", "reached", "monday", "tuesday", "wednesday"}


def test_words_of_one_family_name_one_group(tmp_path: Path) -> None:
    # "injured" and "wounded" are one family: the three figures form one group named by what they count. Named by
    # the smallest member of each word's own family (as before), the two words had different names and the group
    # was found only through "floods people".
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods in the valley\n\nThe valley floods injured 40 people, officials said.\n",
            "courier": "Valley floods\n\nIn the valley floods 45 people were wounded.\n",
            "gazette": "The valley mourns\n\nThe floods in the valley have wounded 52 people.\n",
        },
    )
    assert ("injured people", {"herald": "40", "courier": "45", "gazette": "52"}) in found


def test_a_statistic_marks_one_group_and_its_other_readings_are_also_about_it(tmp_path: Path) -> None:
    # "cholera deaths" names a statistic of the claims file. Its own group holds the four cholera figures; the phrase
    # "cholera deaths" is written near two of them only (the others write "cholera outbreak ... deaths" too far
    # apart), a narrower reading of the statistic: kept, "also about" it, and not drafted as a new statistic.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCUMENTS.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n  - id: cholera\n    label: cholera deaths\n    kind: count\nclaims: []\n", encoding="utf-8"
    )
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--limit", "50"]
    result = runner.invoke(app, ["disputes", *where, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = []
    for group in json.loads(result.stdout)["disputes"]:
        firsts: dict[str, str] = {}
        for figure in group["figures"]:
            firsts.setdefault(figure["document"], figure["text"])
        found.append((group["statistic"], group["also_about"], firsts))
    assert [(s, f) for s, _, f in found if s is not None] == [("cholera", CHOLERA)]
    assert (None, "cholera", {"cholera-c": "120", "digest": "90"}) in found
    drafted = runner.invoke(app, ["disputes", *where, "--draft"])
    assert drafted.exit_code == 0, drafted.output
    assert "label: cholera deaths" not in drafted.stdout and "label: Sudan deaths" in drafted.stdout


def test_counts_of_different_nouns_are_not_one_group(tmp_path: Path) -> None:
    # "homes" and "residents" are loosely of one word family (a home is a residence), but a count of homes and one
    # of residents count different things: the group of homes leaves the courier's residents out (it held them).
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods in the valley\n\nIn the valley 4,000 homes were flooded, officials said.\n",
            "courier": "Valley floods\n\nIn the valley 9,000 residents were flooded.\n",
            "gazette": "The valley mourns\n\nIn the valley 4,200 homes were flooded on Sunday.\n",
        },
    )
    assert found == [("homes", {"herald": "4,000", "gazette": "4,200"})]


def test_a_part_of_a_whole_is_not_its_toll(tmp_path: Path) -> None:
    # "100 of the injured" counts some of the injured (those who are children), not the injured: the courier's
    # figure for the group is its 350 (the old code chose the 100, whose sentence shares "valley" with the others).
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods in the valley\n\nThe floods left 300 injured in the valley.\n",
            "courier": "Valley floods\n\nHospitals in the valley say 100 of the injured are children.\n"
            "The floods left 350 injured.\n",
            "gazette": "The valley mourns\n\nThe valley floods left 320 injured.\n",
        },
    )
    assert ("injured", {"herald": "300", "courier": "350", "gazette": "320"}) in found
    assert all("100" not in figures.values() for _, figures in found)


def test_a_figure_that_shares_no_word_with_the_group_speaks_of_another_thing(tmp_path: Path) -> None:
    # Two reports of an earthquake and a digest's warehouse fire: all three "left ... people injured", but the fire's
    # sentence shares no word with the earthquake's (besides the group's own words): it leaves the group, which the
    # old code kept whole (a group of three documents was never weighed).
    found = _disputes(
        tmp_path,
        {
            "herald": "Quake in the north\n\nThe earthquake in Lusarra left 300 people injured, officials said.\n",
            "courier": "Lusarra shaken\n\nThe earthquake in Lusarra left 350 people injured.\n",
            "gazette": "News in brief\n\nA warehouse fire in Tessel left 20 people injured on Sunday.\n",
        },
    )
    assert [figures for _, figures in found] == [{"herald": "300", "courier": "350"}]


def test_of_two_figures_of_one_sentence_the_group_takes_the_one_whose_clause_speaks_of_its_thing(
    tmp_path: Path,
) -> None:
    # The courier's sentence gives the Canyon Fire's 50% and the Ridge Fire's 80%: the herald writes of the Ridge
    # Fire, so the group takes the 80%, whose clause names it. "report" in the 50%'s clause and in the herald's
    # sentence says who told it, not what it is about (the old code weighed whole sentences, reporting words too,
    # and took the 50%).
    found = _disputes(
        tmp_path,
        {
            "herald": "Fires in the hills\n\nIt is reported that the Ridge Fire, which has burned 9,000 acres, is "
            "65% contained.\n",
            "canyon": "Canyon Fire grows\n\nThe Canyon Fire has burned 3,000 acres.\n",
            "schools": "Schools shut\n\nSome 12 schools closed in the hills.\n",
            "courier": "Hills burn\n\nFirefighters report that the Canyon Fire is 50% contained, while the Ridge Fire "
            "is 80% contained.\n",
        },
    )
    assert ("contained", {"herald": "65%", "courier": "80%"}) in found


def test_a_phrase_that_resolves_to_a_statistic_is_read_as_a_phrase(tmp_path: Path) -> None:
    # The statistic "people left injured" is answered as compare reads it: all three documents. The phrase "left
    # ... people" resolves to it, but its group is weighed as any phrase's: the fire's figure, which shares no word
    # with the earthquake's, leaves it, and the group is "also about" the statistic. (The old code kept the
    # phrase's group as compare chose, the statistic's own figures, and offered the earthquake's figures as a new
    # statistic, "Lusarra people".)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    documents = {
        "herald": "Quake in the north\n\nThe earthquake in Lusarra left 300 people injured, officials said.\n",
        "courier": "Lusarra shaken\n\nThe earthquake in Lusarra left 350 people injured.\n",
        "gazette": "News in brief\n\nA warehouse fire in Tessel left 20 people injured on Sunday.\n",
    }
    for name, text in documents.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n  - id: injured\n    label: people left injured\n    kind: count\nclaims: []\n", encoding="utf-8"
    )
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--limit", "50"]
    result = runner.invoke(app, ["disputes", *where, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = []
    for group in json.loads(result.stdout)["disputes"]:
        firsts: dict[str, str] = {}
        for figure in group["figures"]:
            firsts.setdefault(figure["document"], figure["text"])
        found.append((group["statistic"], group["also_about"], firsts))
    assert found == [
        ("injured", None, {"herald": "300", "courier": "350", "gazette": "20"}),
        (None, "injured", {"herald": "300", "courier": "350"}),
    ]


def test_a_figure_that_shares_too_little_with_the_group_speaks_of_another_thing(tmp_path: Path) -> None:
    # The fire's sentence shares "night" with one earthquake report (two of the three documents use it): too
    # little, on average over the earthquake's reports, to join them (any shared word was enough before).
    found = _disputes(
        tmp_path,
        {
            "herald": "Quake in the north\n\nThe earthquake in Lusarra left 300 people injured during the night.\n",
            "courier": "Lusarra shaken\n\nThe earthquake in Lusarra left 350 people injured, rescuers said.\n",
            "gazette": "News in brief\n\nA warehouse fire in Tessel left 20 people injured during the night.\n",
        },
    )
    assert {"herald": "300", "courier": "350"} in [figures for _, figures in found]
    assert all(set(figures) != {"herald", "courier", "gazette"} for _, figures in found)


def test_a_looser_family_does_not_name_what_a_figure_counts(tmp_path: Path) -> None:
    # "residents" and "inhabitants" are of one loose word family (a resident inhabits), not synonyms: each names
    # its own group. (One name for both gave one phrase, whose group took the inhabitants: the residents were lost.)
    found = _disputes(
        tmp_path,
        {
            "herald": "The town of Brenno\n\nBrenno has 5,000 inhabitants and 1,200 residents over 80.\n",
            "courier": "Brenno in numbers\n\nBrenno counts 5,200 inhabitants; some 1,300 residents are pensioners.\n",
            "gazette": "A river town\n\nIn Brenno, a town of 5,100 inhabitants, 1,250 residents are retired.\n",
        },
    )
    assert ("residents", {"herald": "1,200", "courier": "1,300", "gazette": "1,250"}) in found
    assert ("inhabitants", {"herald": "5,000", "courier": "5,200", "gazette": "5,100"}) in found


def test_a_noun_that_says_nothing_lets_the_word_beside_it_name_the_figure(tmp_path: Path) -> None:
    # "127,000 people were wounded": "people" says nothing of what is counted, "wounded" does, as in "172,274
    # wounded" (the old code named the first figure only with "people" and "wounded" together, which the second
    # does not write); the group's label is written with the noun.
    found = _disputes(
        tmp_path,
        {
            "herald": "Toll of the war\n\nThe ministry says 127,000 people were wounded.\n",
            "courier": "War wounds\n\nThe ministry counts 172,274 wounded.\n",
        },
    )
    assert found == [("people wounded", {"herald": "127,000", "courier": "172,274"})]


def test_a_part_named_after_its_whole_is_not_a_level_either(tmp_path: Path) -> None:
    # "3.4 million people, of whom 2.2 million live outside the city": the 2.2 million is a part of the people just
    # counted; "live" names it (a synonym of "inhabit"), but it is no count of the inhabitants (the old group held it).
    found = _disputes(
        tmp_path,
        {
            "herald": "Greater Brenno\n\nGreater Brenno had 3,382,150 inhabitants in 2020.\n",
            "courier": "Brenno grows\n\nThe census gave Greater Brenno 3,382,150 inhabitants.\n",
            "gazette": "Suburbs\n\nGreater Brenno counts 3.4 million people, of whom 2.2 million live outside the "
            "city.\n",
        },
    )
    assert found == [("inhabitants", {"herald": "3,382,150", "courier": "3,382,150"})]


def test_a_group_named_alike_that_shows_only_a_wider_groups_figures_is_shown_once(tmp_path: Path) -> None:
    # "people displaced" is written with two of the figures and "displaced" alone with the third: the narrower
    # group, named alike, shows nothing the wider one does not (both were listed as "people displaced").
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods in the valley\n\nSome 12,000 people were displaced by the floods.\n",
            "courier": "Valley floods\n\nIn the valley, 31,000 were displaced by the floods.\n",
            "gazette": "Relief effort\n\nAid groups say 30,500 people were displaced by the floods.\n",
        },
    )
    labels = [label for label, _ in found]
    assert labels.count("people displaced") == 1
    assert ("people displaced", {"herald": "12,000", "courier": "31,000", "gazette": "30,500"}) in found


def test_a_year_that_opens_a_list_item_and_a_span_of_years_form_no_group(tmp_path: Path) -> None:
    # "2025 massacres in the valley" opens its item (a count that opens a sentence is spelled out), and
    # "2022–2026" spans two years: years both (the old code made a group of each).
    found = _disputes(
        tmp_path,
        {
            "herald": "Week in review\n\n- 2025 massacres in the valley\n- 2022–2026 valley industry layoffs\n\n"
            "The layoffs cost 1,200 jobs.\n",
            "courier": "Valley news\n\n- 2025 massacres in the valley\n- 2022–2026 valley industry layoffs\n\n"
            "The layoffs cost 1,300 jobs.\n",
        },
    )
    assert found == [("jobs", {"herald": "1,200", "courier": "1,300"})]


def test_others_names_nothing_alone(tmp_path: Path) -> None:
    # "40 others", "55 others", "12 others": "others" says no more than "people"; the injured form a group, and no
    # group is named "others" alone (the old one set the killed beside the injured).
    found = _disputes(
        tmp_path,
        {
            "herald": "Blast in the valley\n\nThe blast in the valley injured 40 others, officials said.\n",
            "courier": "Valley blast\n\nIn the valley blast 55 others were injured.\n",
            "gazette": "Valley mourns\n\nThe valley blast killed 12 others.\n",
        },
    )
    assert ("injured others", {"herald": "40", "courier": "55"}) in found
    assert "others" not in [label for label, _ in found]


def _naive_average_linkage(docs: list[str], similarity: dict[tuple[str, str], float]) -> list[list[str]]:
    """The first version of the clustering, every link weighed again at every join (time in the fourth power), with
    its averages rounded as the shipped one rounds them."""
    from factcheck.commands.disputes import LINK

    def shared(a: str, b: str) -> float:
        return similarity[(a, b)] if (a, b) in similarity else similarity[(b, a)]

    clusters = [[doc] for doc in docs]
    while len(clusters) > 1:
        link, i, j = max(
            (round(sum(shared(a, b) for a in x for b in y) / (len(x) * len(y)), 9), i, j)
            for i, x in enumerate(clusters)
            for j, y in enumerate(clusters)
            if i < j
        )
        if link < LINK:
            break
        clusters[i] = sorted(clusters[i] + clusters[j])
        del clusters[j]
    return clusters


SIMILARITIES = [0.0, 0.1, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0, 2.0]  # ties and sums that are no binary fraction


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.sampled_from(SIMILARITIES), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2),
        )
    )
)
def test_average_linkage_joins_as_weighing_every_link_again_does(case: tuple[int, list[float]]) -> None:
    from factcheck.commands.disputes import _average_linkage

    n, values = case
    docs = [f"doc-{k}" for k in range(n)]
    pairs = [(docs[a], docs[b]) for a in range(n) for b in range(a + 1, n)]
    similarity = dict(zip(pairs, values, strict=True))  # ties on purpose: the later pair joins first
    fast = _average_linkage(docs, lambda a, b: similarity[(a, b)])
    assert fast == _naive_average_linkage(docs, similarity)


def test_a_group_named_by_one_common_word_whose_sentences_share_nothing_else_is_dropped(tmp_path: Path) -> None:
    # Two digests' deaths: a bus crash's and a flood's. "deaths" is all their sentences share: nothing says the
    # figures count one thing, and no group is formed (the old code set 12 against 40).
    (tmp_path / "apart").mkdir()
    (tmp_path / "together").mkdir()
    apart = _disputes(
        tmp_path / "apart",
        {
            "herald": "The week\n\nA bus crash on a mountain road left 12 deaths.\n",
            "courier": "In brief\n\nRiver floods brought 40 deaths.\n",
        },
    )
    assert apart == []
    # The same word, and sentences that share more ("river floods"): one thing, and a group.
    together = _disputes(
        tmp_path / "together",
        {
            "herald": "The week\n\nRiver floods brought 40 deaths.\n",
            "courier": "In brief\n\nThe river floods left 45 deaths.\n",
        },
    )
    assert [figures for _, figures in together] == [{"herald": "40", "courier": "45"}]


def test_groups_named_precisely_come_before_groups_named_by_one_common_word(tmp_path: Path) -> None:
    # The deaths conflict (40 against 90) and would come first by the one rule; but "deaths" alone is a common
    # word, and the group of a statistic of the claims file ("villages evacuated") comes first although its
    # figures agree.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    documents = {
        "herald": "Floods\n\nThe river floods caused 40 deaths.\nRescuers evacuated 12 villages near the dam.\n",
        "courier": "The valley\n\nThe river floods caused 90 deaths.\nRescuers evacuated 12 villages near the dam.\n",
    }
    for name, text in documents.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n  - id: evacuated\n    label: villages evacuated\n    kind: count\nclaims: []\n",
        encoding="utf-8",
    )
    where = ["--corpus", str(corpus), "--no-index", "--claims", str(claims), "--format", "json"]
    result = runner.invoke(app, ["disputes", *where])
    assert result.exit_code == 0, result.output
    shown = [(g["label"], g["verdict"]) for g in json.loads(result.stdout)["disputes"]]
    assert shown == [("villages evacuated", "agree"), ("deaths", "conflict")]


def test_words_of_time_do_not_name_what_a_figure_counts(tmp_path: Path) -> None:
    # "since Friday": when a figure stood, not what it counts; the dead and the rescued "since Friday" are no group
    # (the old code set 40 against 300, named "since").
    found = _disputes(
        tmp_path,
        {
            "herald": "Floods\n\nThe floods have killed 40 since Friday.\n",
            "courier": "The valley\n\nRescuers have saved 300 since Friday.\n",
        },
    )
    assert found == []


def test_figures_of_places_named_apart_form_no_group(tmp_path: Path) -> None:
    # A record in Pissos and one in Basel: both "temperature recorded", of different places (the old code set
    # 44.3°C against 38°C); records of one place, or of a place and its people's name, form a group.
    (tmp_path / "apart").mkdir()
    (tmp_path / "together").mkdir()
    apart = _disputes(
        tmp_path / "apart",
        {
            "herald": "Heat\n\nA temperature of 44.3°C was recorded in Pissos on Sunday.\n",
            "courier": "Heat\n\nA temperature of 38°C was recorded in Basel on Sunday.\n",
        },
    )
    assert apart == []
    together = _disputes(
        tmp_path / "together",
        {
            "herald": "Heat\n\nA temperature of 44.3°C was recorded in Pissos on Sunday.\n",
            "courier": "Heat\n\nA temperature of 44.1°C was recorded in Pissos on Sunday.\n",
        },
    )
    assert [figures for _, figures in together] == [{"herald": "44.3°C", "courier": "44.1°C"}]
    (tmp_path / "demonym").mkdir()
    demonym = _disputes(
        tmp_path / "demonym",
        {
            "herald": "Aid\n\nIn exchange, Venezuela sends Cuba 100,000 barrels of oil a day.\n",
            "courier": "Aid\n\nCuban doctors were paid with 90,000 barrels of oil a day.\n",
        },
    )
    assert {"herald": "100,000", "courier": "90,000"} in [figures for _, figures in demonym]


def test_the_sides_of_a_score_form_no_group(tmp_path: Path) -> None:
    # "the team's 3–2 victory", "drawing 1–1": one side of a score is no level two documents could disagree about
    # (the old code set the 3 against the 2, named "team's"); the goals of the season still form their group.
    found = _disputes(
        tmp_path,
        {
            "herald": "Cup\n\nHe scored twice in the team's 3–2 victory and has 18 goals this season.\n",
            "courier": "Final\n\nAfter the team's 2–1 victory his goals this season reached 20.\n",
        },
    )
    shown = [figures for _, figures in found]
    assert shown == [{"herald": "18", "courier": "20"}], found
