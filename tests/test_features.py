"""The candidate's features, the document context they read, query resolution and the fitted model."""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.commands.compare import CompareOptions, Finding, compare
from factcheck.corpus.claims import load_claims
from factcheck.corpus.documents import load_corpus
from factcheck.corpus.index import open_corpus
from factcheck.matching.context import outline
from factcheck.matching.features import FEATURES, Model, explain, model
from factcheck.matching.scoring import resolve_query
from factcheck.model import Document, DocumentMeta, Statistic

ROOT = Path(__file__).resolve().parent.parent


def _doc(text: str, title: str | None = None) -> Document:
    return Document(DocumentMeta(id="d", title=title), "d.txt", text, "sha-" + str(hash((text, title))))


def test_the_outline_knows_the_headline_markdown_headings_and_the_list_items_a_line_stands_under() -> None:
    text = (
        "Mine collapse: rescuers lose hope\n\n"
        "# Region\n\n"
        "Intro line.\n\n"
        "## Rescue\n\n"
        "- Northern coalfield\n"
        "  - Shaft 4\n"
        "    - At least 212 workers are now presumed dead.\n"
        "- Other news\n"
        "  - Markets fell 2%.\n\n"
        "After the list.\n"
    )
    found = outline(_doc(text))
    assert found.title == "Mine collapse: rescuers lose hope"
    assert found.headings_at(text.index("212")) == ["Shaft 4", "Northern coalfield", "Rescue", "Region"]
    assert found.headings_at(text.index("2%")) == ["Other news", "Rescue", "Region"]
    assert found.headings_at(text.index("After the list")) == ["Rescue", "Region"]  # a blank line ends the list
    assert found.headings_at(text.index("Intro")) == ["Region"]
    # the metadata's title wins over the first line; a first line with a full stop is no headline
    assert outline(_doc(text, title="Given title")).title == "Given title"
    assert outline(_doc("The mine collapsed on Monday.\n\nMore text.")).title == ""


def test_a_headline_makes_a_candidate_of_a_figure_whose_sentence_gives_only_part_of_the_statistic(
    tmp_path: Path,
) -> None:
    # "presumed dead" gives one word of "mine collapse death toll"; the headline gives two more.
    body = "At least 212 workers are now presumed dead. Officials gave no other details."
    for name, text in (("with", f"Mine collapse: rescuers lose hope\n\n{body}\n"), ("without", f"{body}\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(text, encoding="utf-8")
    options = CompareOptions(all_candidates=True)
    found = {
        name: [
            f
            for d in compare(load_corpus(tmp_path / name), None, "mine collapse death toll", options).documents
            for f in d.findings
        ]
        for name in ("with", "without")
    }
    [finding] = [f for f in found["with"] if f.text == "212"]
    assert finding.features[FEATURES.index("context")] > 0 and finding.features[FEATURES.index("reach")] >= 0.75
    assert found["without"] == []  # one word of four: no candidate


def test_in_a_digest_one_item_is_no_context_of_the_next(tmp_path: Path) -> None:
    # A day's digest: the items before the fire are about an earthquake. "killed 15" answers "people killed in
    # the earthquake" only if they are read as its context (they were: the two sentences before).
    text = (
        "Current events, 24 June\n\n"
        "- Earthquakes in the north\n"
        "  - A strong earthquake strikes the coast. Severe damage is reported in the capital.\n"
        "  - At least 188 people are killed by the earthquake.\n"
        "- A fire in a market killed 15 people, officials say.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    found = {
        f.text: f
        for d in compare(corpus, None, "people killed in the earthquake", CompareOptions(all_candidates=True)).documents
        for f in d.findings
    }
    assert "188" in found and "15" not in found
    shape = outline(corpus.document("a"))
    assert shape.same_block(text.index("A strong"), text.index("Severe"))
    assert not shape.same_block(text.index("Severe"), text.index("At least 188"))
    assert not shape.same_block(text.index("At least 188"), text.index("A fire"))
    # the item a line stands under is read before it, as its heading is
    assert shape.same_block(text.index("Earthquakes in the north"), text.index("At least 188"))
    assert not shape.same_block(text.index("Earthquakes in the north"), text.index("A fire"))


def test_a_near_member_of_a_word_family_makes_a_candidate_with_the_index_and_without(tmp_path: Path) -> None:
    # "wounded" spells no word of "people injured", but is the nearest member of the family of "injured".
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The blast wounded 43 people in the old town.\n", encoding="utf-8")
    options = CompareOptions(all_candidates=True)
    for use_index in (False, True):
        corpus = open_corpus(tmp_path / "corpus", use_index=use_index, index=tmp_path / "index.sqlite3")
        result = compare(corpus, None, "injured people", options)
        assert [f.text for d in result.documents for f in d.findings] == ["43"], use_index


def test_no_figure_is_invented_from_context_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Mine collapse death toll\n\nThe company employs 4,000 miners.\n", encoding="utf-8")
    result = compare(load_corpus(tmp_path), None, "death toll", CompareOptions(all_candidates=True))
    assert [f.text for d in result.documents for f in d.findings] == []


def _stat(stat_id: str, label: str, aliases: tuple[str, ...] = (), description: str | None = None) -> Statistic:
    return Statistic(stat_id, label, aliases, description=description)


def test_a_paraphrase_resolves_to_the_statistic_it_means_and_an_ambiguous_one_to_none() -> None:
    deaths = _stat("deaths", "deaths", ("death toll", "people killed"), "People killed in the fighting in the region.")
    displaced = _stat("displaced", "people displaced", ("fled their homes",), "People displaced by the fighting.")
    revenue = _stat("revenue", "annual revenue", ("sales",))
    statistics = [deaths, displaced, revenue]
    assert resolve_query(statistics, "how many people were killed in the fighting") is deaths
    assert resolve_query(statistics, "fatalities") is deaths  # a word family: "fatalities" and "deaths"
    assert resolve_query(statistics, "how many fled their homes") is displaced
    assert resolve_query(statistics, "turnover of the company") is None  # no word of any statistic
    assert resolve_query(statistics, "people in the fighting") is None  # both statistics say it
    assert resolve_query([], "deaths") is None


def test_a_longer_question_resolves_on_a_smaller_share_of_its_words() -> None:
    deaths = _stat("deaths", "deaths", ("people killed", "death toll"), "People killed by the floods in the valley.")
    displaced = _stat("displaced", "people displaced", ("fled their homes",), "People displaced by the floods.")
    damage = _stat("damage", "damage", ("cost of repairs",), "What the floods cost.")
    statistics = [deaths, displaced, damage]
    # Four words asked, two of them the statistic's ("flee", "homes"): about 0.39 of their weight, enough for a
    # question of three words or more (matching.scoring.RESOLVE_SHARE_LONG) ...
    assert resolve_query(statistics, "how many had to flee their homes as the river burst") is displaced
    # ... not for two words, one of them missing: "villagers" may be anyone's, "homes destroyed" is no displacement
    assert resolve_query(statistics, "villagers killed") is None
    assert resolve_query([displaced], "homes destroyed") is None


def test_a_query_naming_a_statistic_or_asking_when_resolves_to_it() -> None:
    inbound = _stat("tariff-on-us", "tariff on US goods", ("duty on American imports",))
    outbound = _stat("us-tariff", "US tariff on imports", ("American duty on imports",))
    statistics = [inbound, outbound]
    # The two share every word; a query that is an id, a label or an alias names one all the same.
    assert resolve_query(statistics, "us-tariff") is outbound
    assert resolve_query(statistics, "Tariff on US goods") is inbound
    assert resolve_query(statistics, "duty on imports") is None
    cases = _stat("cases", "confirmed cases", ("infections",), "Confirmed cases of the disease in the outbreak.")
    deaths = _stat("deaths", "deaths", ("people killed",), "People killed by the disease in the outbreak.")
    # "so far" and "recorded" say when or how, not what: "infections" alone decides.
    assert resolve_query([cases, deaths], "infections recorded so far") is cases
    assert resolve_query([cases, deaths], "outbreak") is None


def test_a_query_fitting_a_statistic_with_a_sibling_of_the_other_scope_gets_both() -> None:
    from dataclasses import replace

    from factcheck.matching.scoring import fitting_statistics

    now = _stat("countries-now", "countries with brigades", ("host countries",), "Countries hosting brigades now.")
    ever = _stat("countries-total", "countries served", (), "Countries served by brigades since the start.")
    doctors = _stat("doctors", "doctors abroad")
    query = "host countries of the brigades"
    assert fitting_statistics([now, ever, doctors], query) == (now,)  # the other fits less well
    now, ever = replace(now, scope="current"), replace(ever, scope="cumulative")
    assert fitting_statistics([now, ever, doctors], query) == (now, ever)  # siblings of the other scope: both
    assert resolve_query([now, ever, doctors], query) is None  # no single statistic
    assert fitting_statistics([now, ever, doctors], "doctors abroad") == (doctors,)


def test_a_statistic_with_a_unit_takes_counts_and_measures_of_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The cartel agreed to increase oil production quotas by 206,000 barrels per day.\n", encoding="utf-8"
    )
    (tmp_path / "claims.yaml").write_text(
        "statistics:\n  - id: quota\n    label: production quota increase\n    kind: measure\n"
        "    unit: barrels\n    per: day\n",
        encoding="utf-8",
    )
    result = compare(
        load_corpus(tmp_path), load_claims(tmp_path / "claims.yaml"), "quota", CompareOptions(all_candidates=True)
    )
    [finding] = [f for d in result.documents for f in d.findings if f.text == "206,000"]
    # "barrels", the statistic's unit, is what it counts: its head noun, not another noun.
    assert finding.features[FEATURES.index("noun_match")] == 1.0
    assert finding.features[FEATURES.index("other_noun")] == 0.0
    assert finding.features[FEATURES.index("unit_match")] == 1.0


def test_the_shipped_weights_name_only_known_features_and_every_feature_has_a_weight() -> None:
    raw = json.loads((ROOT / "factcheck" / "data" / "weights.json").read_text("utf-8"))
    assert set(raw["weights"]) == set(FEATURES)
    shipped = model()
    assert len(shipped.weights) == len(FEATURES) and all(math.isfinite(w) for w in shipped.weights)


_UNIT = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(st.lists(_UNIT, min_size=len(FEATURES), max_size=len(FEATURES)), st.floats(min_value=0, max_value=100))
def test_the_bound_used_to_skip_figures_is_never_below_a_score_it_could_reach(values: list[float], cap: float) -> None:
    values[FEATURES.index("phrase")] = min(values[FEATURES.index("phrase")], cap / 100)
    for scorer in (model(), Model(-1.0, tuple((-1) ** i * 0.7 for i in range(len(FEATURES))))):
        assert scorer.bound(cap) + 0.05 >= scorer.score(values)
        needed = scorer.phrase_needed(scorer.score(values))
        assert needed <= values[FEATURES.index("phrase")] * 100 + 1e-6 or scorer.score(values) >= 99.9


def test_every_feature_of_every_candidate_of_the_bundled_corpus_is_between_0_and_1() -> None:
    result = compare(load_corpus(ROOT / "corpus"), None, "doctors abroad", CompareOptions(all_candidates=True))
    values = [v for d in result.documents for f in d.findings for v in f.features]
    assert len(values) > 10 * len(FEATURES)
    assert all(0.0 <= v <= 1.0 for v in values)


def test_explain_gives_every_contribution_and_they_add_up_to_the_score(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["compare", "doctors abroad", "--corpus", str(ROOT / "corpus"), "--claims", str(ROOT / "claims.yaml")]
    result = runner.invoke(app, [*args, "--explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = [f for d in json.loads(result.stdout)["documents"] for f in d["findings"]]
    assert findings
    for f in findings:
        why = f["explain"]
        assert math.isclose(why["bias"] + sum(why["contributions"].values()), why["logit"], abs_tol=1e-3)
        assert math.isclose(100 / (1 + math.exp(-why["logit"])), f["score"], abs_tol=0.06)
    table = runner.invoke(app, [*args, "--explain"], env={"NO_COLUMNS": "1", "COLUMNS": "200"})
    assert table.exit_code == 0 and "largest contributions" in table.stdout and "phrase" in table.stdout
    plain = runner.invoke(app, [*args, "--format", "json"])
    assert '"explain"' not in plain.stdout
    assert explain(()) is None


def test_the_kind_a_statistic_or_a_query_asks_for() -> None:
    from factcheck.matching.scoring import DEFAULT_KINDS, kinds_of
    from factcheck.model import Kind

    assert kinds_of(Statistic("r", "annual revenue", unit="USD"), ["annual revenue"]) == {Kind.MONEY}
    assert kinds_of(Statistic("s", "vote share", unit="%"), ["vote share"]) == {Kind.PERCENT}
    assert kinds_of(Statistic("p", "residents", unit="people"), ["residents"]) == {Kind.COUNT}
    assert kinds_of(Statistic("k", "jobs", kind=Kind.COUNT, unit="USD"), ["jobs"]) == {Kind.COUNT}  # kind wins
    assert kinds_of(None, ["average price of petrol"]) == {Kind.MONEY}
    assert kinds_of(None, ["percentage of voters"]) == {Kind.PERCENT, Kind.RATIO}
    assert kinds_of(None, ["murder rate"]) == DEFAULT_KINDS  # "4.3 per 100,000" is read as a count
    assert kinds_of(None, ["how many bills were passed"]) == DEFAULT_KINDS
    assert kinds_of(None, ["doctors abroad"]) == DEFAULT_KINDS
    assert kinds_of(None, ["price percentage"]) == DEFAULT_KINDS  # words of two kinds: no guess
    assert Kind.YEAR not in kinds_of(Statistic("y", "founding year", kind=Kind.YEAR), ["founding year"])


def test_vague_amounts_are_listed_apart_beside_a_precise_figure(tmp_path: Path) -> None:
    (tmp_path / "both.txt").write_text(
        "Dozens of people were injured in the blast. Officials said 41 people were injured.\n", encoding="utf-8"
    )
    (tmp_path / "vague.txt").write_text("Dozens of people were injured in the blast.\n", encoding="utf-8")
    options = CompareOptions(min_score=1)
    result = {d.id: d for d in compare(load_corpus(tmp_path), None, "people injured", options).documents}
    assert [f.text for f in result["both"].findings] == ["41"]
    assert [f.text for f in result["both"].vague] == ["Dozens"] and result["both"].vague[0].vague
    assert [f.text for f in result["vague"].findings] == ["Dozens"] and result["vague"].vague == ()
    runner = CliRunner()
    args = ["compare", "people injured", "--corpus", str(tmp_path), "--no-index", "--min-score", "1"]
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    both = next(d for d in data["documents"] if d["id"] == "both")
    assert [f["text"] for f in both["vague"]] == ["Dozens"] and both["findings"][0]["vague"] is False
    table = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "also mentions" in table.stdout and "Dozens" in table.stdout


def test_a_statistic_that_states_its_scope_gives_it_to_every_figure_and_notes_contrary_cues(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Since 1990, 5,000 nurses have worked abroad. Today 300 nurses work abroad.\n", encoding="utf-8"
    )
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "statistics:\n  - id: nurses\n    label: nurses abroad\n    scope: current\nclaims: []\n", encoding="utf-8"
    )
    runner = CliRunner()
    args = ["compare", "nurses abroad", "--corpus", str(corpus), "--claims", str(claims), "--no-index"]
    data = json.loads(runner.invoke(app, [*args, "--format", "json", "--min-score", "1"]).stdout)
    found = {f["text"]: f for d in data["documents"] for f in d["findings"]}
    assert found["300"]["scope"] == "current" and found["300"]["scope_note"] is None
    assert found["5,000"]["scope"] == "current" and "cumulative" in found["5,000"]["scope_note"]
    # without the statement, the cue words decide
    claims.write_text("statistics:\n  - id: nurses\n    label: nurses abroad\nclaims: []\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, [*args, "--format", "json", "--min-score", "1"]).stdout)
    found = {f["text"]: f for d in data["documents"] for f in d["findings"]}
    assert found["5,000"]["scope"] == "cumulative" and found["300"]["scope"] == "current"
    # a scope that is neither is refused with its place and a suggestion
    claims.write_text("statistics:\n  - id: nurses\n    label: nurses abroad\n    scope: curent\nclaims: []\n")
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and "did you mean 'current'?" in refused.output and "claims.yaml:4" in refused.output


def _top(tmp_path: Path, text: str, query: str) -> str:
    """The first finding compare shows for ``query`` in a one-document corpus holding ``text``."""
    folder = tmp_path / query.replace(" ", "-")
    folder.mkdir()
    (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
    [doc] = compare(load_corpus(folder), None, query, CompareOptions(min_score=0)).documents
    return doc.findings[0].text


def test_words_between_two_figures_belong_to_the_figure_on_their_side_of_the_separator(tmp_path: Path) -> None:
    text = "The storm left 48 people dead and more than 310 injured across the islands."
    assert _top(tmp_path, text, "injured") == "310"
    assert _top(tmp_path, text, "dead") == "48"
    text = "Gunmen stormed the depot, killing 9 guards and wounding 27 workers."
    assert _top(tmp_path, text, "wounded") == "27"


def test_figures_joined_by_respectively_take_the_names_in_the_same_order(tmp_path: Path) -> None:
    text = "Norvik Air and Halden Rail carried 4.2 million and 2.9 million passengers, respectively, last year."
    assert _top(tmp_path, text, "Halden Rail passengers") == "2.9 million"
    assert _top(tmp_path, text, "Norvik Air passengers") == "4.2 million"


def _candidates(tmp_path: Path, text: str, query: str) -> tuple[tuple[Finding, ...], dict[str, Finding]]:
    """Every candidate of ``query`` in a one-document corpus holding ``text``, best first, and by figure text."""
    folder = tmp_path / query.replace(" ", "-")
    folder.mkdir()
    (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
    [doc] = compare(load_corpus(folder), None, query, CompareOptions(all_candidates=True)).documents
    return doc.findings, {f.text: f for f in doc.findings}


def test_the_running_total_a_sentence_reaches_is_told_from_the_increment_before_it(tmp_path: Path) -> None:
    text = "Health officials confirmed 12 new cases on Monday, bringing the total number of cases to 340."
    findings, by_text = _candidates(tmp_path, text, "cases")
    assert by_text["340"].features[FEATURES.index("tally")] == 1.0
    assert by_text["12"].features[FEATURES.index("before_tally")] == 1.0
    assert findings[0].text == "340"


def test_a_count_that_is_no_whole_number_is_marked_as_no_head_count(tmp_path: Path) -> None:
    text = "The town had 8,400 households, and the average household held 2.4 people."
    findings, by_text = _candidates(tmp_path, text, "households")
    assert by_text["2.4"].features[FEATURES.index("fraction")] == 1.0
    assert by_text["8,400"].features[FEATURES.index("fraction")] == 0.0
    assert findings[0].text == "8,400"


def test_a_change_read_by_the_reader_is_a_change_for_a_statistic_that_is_a_level(tmp_path: Path) -> None:
    # "lifted ... by more than 80,000" and "an increase of 7%": no change verb right before the figure, but the
    # reader gives them the role "change".
    text = (
        "The revision lifted the count of registered voters by more than 80,000 people.\n"
        "Registered voters showed an increase of 7% on the year."
    )
    _, by_text = _candidates(tmp_path, text, "registered voters")
    assert by_text["80,000"].role == "change" and by_text["80,000"].features[FEATURES.index("change")] == 1.0
    assert by_text["7%"].features[FEATURES.index("change")] == 1.0


def test_a_count_too_large_for_a_float_is_described_without_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Storm\n\nThe storm killed 1.5e400 people.\n", encoding="utf-8")
    for form in ("json", "table"):
        args = ["compare", "people killed", "--corpus", str(tmp_path), "--no-index", "-f", form]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output  # a finding: null in the JSON, "∞" in the table
    assert "∞" in result.stdout


def test_respectively_pairs_names_not_verbs_joined_by_and() -> None:
    from factcheck.matching.scoring import _respective
    from factcheck.reading.text import tokens

    text = "Brent and WTI rose and settled at $78 and $74, respectively."
    first, second = text.index("$78"), text.index("$74")
    others, own = _respective(text, tuple(tokens(text)), (first, first + 3), [(second, second + 3)])
    assert [text[t.start : t.end] for t in tokens(text) if t.start in own] == ["Brent"]
    assert [text[t.start : t.end] for t in tokens(text) if t.start in others] == ["WTI"]
