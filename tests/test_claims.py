"""Loading and validating claims files: every error kind at its exact line and column, warnings, look-ups.

Every expected line and column below was counted by hand in the asset under tests/data/claims/ it names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.corpus import yamlnodes
from factcheck.corpus.claims import find_statistic, load_claims, normalise_phrase, unknown_documents
from factcheck.errors import ClaimsError, FactcheckError, InputError, Problem
from factcheck.model import (
    Citation,
    Claim,
    ClaimFigure,
    ClaimsFile,
    Cues,
    Kind,
    PublisherMeta,
    Qualifier,
    Statistic,
)

DATA = Path(__file__).parent / "data" / "claims"
ROOT = Path(__file__).parent.parent


def errors_of(name: str) -> list[Problem]:
    with pytest.raises(ClaimsError) as info:
        load_claims(DATA / name)
    return list(info.value.problems)


def places(problems: list[Problem]) -> list[tuple[int | None, int | None]]:
    return [(p.line, p.column) for p in problems]


# --- a valid file ----------------------------------------------------------------------------------------------


def test_valid_full_file_loads_every_field() -> None:
    claims = load_claims(DATA / "valid-full.yaml")
    assert claims.path == str(DATA / "valid-full.yaml")
    assert claims.warnings == ()
    assert claims.meta == PublisherMeta("Example Fact Check", "https://example.org")
    assert claims.statistics == (
        Statistic(
            id="workers-abroad",
            label="workers abroad",
            aliases=("staff overseas", "personnel deployed"),
            kind=Kind.COUNT,
            cues=Cues(
                require=("abroad", "overseas"),
                exclude=("students",),
                cumulative=("since the program began",),
                current=("at present",),
            ),
            description="Health workers serving abroad at one time.",
            line=7,
            column=5,
        ),
        Statistic(
            id="annual-revenue", label="annual revenue", kind=Kind.MONEY, unit="USD", per="year", line=17, column=5
        ),
    )
    first, second = claims.claims
    assert first == Claim(
        id="report-workers-range",
        text="At any given time, between 22,000 and 50,000 health workers are abroad.",
        statistic="workers-abroad",
        figure=ClaimFigure(low=22000, high=50000),
        year=2025,
        tags=("workforce", "range"),
        citations=(
            Citation(
                "report-2025",
                "between 22,000 and 50,000 health workers are active",
                "The report cites two estimates.",
                line=33,
                column=9,
            ),
        ),
        line=24,
        column=5,
    )
    assert second.figure == ClaimFigure(value=6e9, qualifier=Qualifier.OVER, unit="USD", per="year")
    # A block scalar's trailing newline is stripped.
    assert second.citations == (Citation("report-2025", "more than $6 billion", None, line=41, column=9),)
    assert (second.line, second.column) == (36, 5)
    assert claims.statistic("annual-revenue") is claims.statistics[1]


def test_the_example_in_the_docs_loads_without_errors_or_warnings(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "claims-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S)
    assert example is not None
    path = tmp_path / "claims.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    claims = load_claims(path)
    assert claims.warnings == ()
    assert len(claims.statistics) >= 2 and len(claims.claims) >= 2


def test_bundled_claims_file_loads_and_cites_only_corpus_documents() -> None:
    path = ROOT / "claims.yaml"
    if not path.exists():
        pytest.skip("the bundled claims.yaml is not written yet")
    claims = load_claims(path)
    assert claims.claims
    sources = yaml.safe_load((ROOT / "corpus" / "sources.yaml").read_text(encoding="utf-8"))
    known = [entry["id"] for entry in sources["documents"]]
    assert unknown_documents(claims, known) == []


@pytest.mark.parametrize("name", ["empty.yaml", "comments-only.yaml"])
def test_empty_file_is_valid_and_empty_with_a_warning(name: str) -> None:
    claims = load_claims(DATA / name)
    assert (claims.statistics, claims.claims, claims.meta) == ((), (), PublisherMeta())
    assert claims.warnings == (
        f"{DATA / name}:1:1: warning: the claims file is empty (add statistics and claims; see docs/claims-format.md)",
    )


def test_null_values_of_optional_keys_count_as_absent_but_a_null_label_is_an_error() -> None:
    problems = errors_of("null-values.yaml")
    assert places(problems) == [(4, 5)]
    assert problems[0].message == "'label' of statistic 'workers-abroad' is empty"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfstatistics:\n  - {id: s, label: s}\n")
    assert load_claims(path).statistics[0] == Statistic("s", "s", line=2, column=5)


# --- the file itself -------------------------------------------------------------------------------------------


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_claims(tmp_path / "nope.yaml")
    assert str(info.value).startswith(f"{tmp_path / 'nope.yaml'}: error: claims file not found")
    assert not isinstance(info.value, ClaimsError)


def test_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a claims file"):
        load_claims(tmp_path)


def test_not_utf8_names_the_line_and_column_of_the_bad_byte() -> None:
    # Line 3 is "    text: Caf\xe9 prices rose.": the byte 0xe9 is the 14th character.
    (problem,) = errors_of("not-utf8.yaml")
    assert (problem.line, problem.column) == (3, 14)
    assert problem.message == "the file is not valid UTF-8: byte 0xe9 cannot be decoded"
    assert problem.hint is not None and "save it as UTF-8" in problem.hint


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "accents.yaml"
    path.write_text("statistics:\n  - {id: s, label: café, kind: cöunt}\n", encoding="utf-8")
    (problem,) = errors_of_path(path)
    # "  - {id: s, label: café, kind: " is 31 characters (32 bytes), so the value starts at column 32.
    assert (problem.line, problem.column) == (2, 32)


def errors_of_path(path: Path) -> list[Problem]:
    with pytest.raises(ClaimsError) as info:
        load_claims(path)
    return list(info.value.problems)


# --- YAML syntax -----------------------------------------------------------------------------------------------


def test_syntax_error_position_is_one_based() -> None:
    # Line 3 is "    label: workers abroad: staff overseas"; the second ': ' starts at column 26.
    (problem,) = errors_of("syntax-error.yaml")
    assert (problem.line, problem.column) == (3, 26)
    assert problem.message == "invalid YAML: mapping values are not allowed here"
    assert problem.hint is not None and "quote text" in problem.hint


def test_bad_indentation_points_at_the_misindented_key() -> None:
    (problem,) = errors_of("bad-indent.yaml")
    assert (problem.line, problem.column) == (4, 4)
    assert "expected <block end>" in problem.message


def test_tab_indentation_says_to_use_spaces() -> None:
    (problem,) = errors_of("tab-indent.yaml")
    assert (problem.line, problem.column) == (3, 1)
    assert problem.hint == "indent with spaces, never tabs"


def test_two_documents_point_at_the_second_separator() -> None:
    (problem,) = errors_of("two-documents.yaml")
    assert (problem.line, problem.column) == (2, 1)
    assert "single document" in problem.message


def test_control_character_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bell.yaml"
    path.write_text("claims:\n  - id: a\x07b\n", encoding="utf-8")
    (problem,) = errors_of_path(path)
    assert (problem.line, problem.column) == (2, 10)
    assert "control character" in problem.message


def test_custom_tags_are_never_constructed(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text("claims:\n  - id: !!python/object:os.system x\n    text: t\n", encoding="utf-8")
    (problem,) = errors_of_path(path)
    assert (problem.line, problem.column) == (2, 9)
    tag = "tag:yaml.org,2002:python/object:os.system"
    assert problem.message == f"'id' of claim #1 must be text, not a value tagged {tag}"


# --- schema errors ---------------------------------------------------------------------------------------------


def test_top_level_must_be_a_mapping() -> None:
    (problem,) = errors_of("top-level-list.yaml")
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message == "the top level must be a mapping of keys to values, not a list"


def test_unknown_key_with_did_you_mean() -> None:
    (problem,) = errors_of("unknown-key.yaml")
    assert str(problem) == (
        f"{DATA / 'unknown-key.yaml'}:4:5: error: unknown key 'aliasses' in statistic 'workers-abroad' "
        "(did you mean 'aliases'?)"
    )


def test_unknown_keys_at_every_level() -> None:
    problems = errors_of("unknown-keys-every-level.yaml")
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (2, 3, "unknown key 'organization' in meta", "did you mean 'organisation'?"),
        (3, 1, "unknown key 'statistic' in the top level", "did you mean 'statistics'?"),
        (9, 7, "unknown key 'requires' in the cues of statistic 'workers-abroad'", "did you mean 'require'?"),
        # 'txt' is not reported a second time as a missing 'text', nor 'vaule' as a figure with no number.
        (13, 5, "unknown key 'txt' in claim 'c1'", "did you mean 'text'?"),
        (15, 7, "unknown key 'vaule' in the figure of claim 'c1'", "did you mean 'value'?"),
        (19, 9, "unknown key 'pages' in citation #1 of claim 'c1'", "did you mean 'page'?"),
    ]


def test_duplicate_key_in_one_mapping() -> None:
    (problem,) = errors_of("duplicate-key.yaml")
    assert (problem.line, problem.column) == (5, 5)
    assert problem.message == "duplicate key 'label' in statistic 'workers-abroad'"
    assert problem.hint == "it was first given on line 3; keep one"


def test_wrong_types() -> None:
    problems = errors_of("wrong-types.yaml")
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (
            4,
            14,
            "'aliases' of statistic 'workers-abroad' must be a list of strings, not the text 'staff overseas'",
            "write 'aliases: [staff overseas]'",
        ),
        (
            10,
            14,
            "'value' of the figure of claim 'c1' must be a number, not the text '28000'",
            "write 28000 without quotes or separators",
        ),
        (
            11,
            11,
            "'year' of claim 'c1' must be a whole number, not the text 'twenty twenty'",
            "write a whole number such as 2020",
        ),
        (12, 23, "'tags' of claim 'c1' must hold strings, not the number 2020", 'put it in quotes: "2020"'),
    ]


def test_numbers_written_as_text_get_a_helpful_hint() -> None:
    problems = errors_of("number-as-text.yaml")
    assert [(p.line, p.column, p.hint) for p in problems] == [
        (8, 14, "write 28000 without quotes or separators"),
        (15, 14, "YAML needs a sign in the exponent: write 2.5e+9 or 2500000000"),
        (21, 12, "write the figure in base units, e.g. 12345 or 1.5e+9"),
    ]
    assert problems[0].message == "'value' of the figure of claim 'c1' must be a number, not the text '28,000'"


def test_comma_inside_a_flow_mapping_is_explained() -> None:
    # "{value: 28,000}" is {value: 28, '000': null} in YAML; the stray key '000' starts at column 24.
    (problem,) = errors_of("flow-comma.yaml")
    assert (problem.line, problem.column) == (4, 24)
    assert problem.hint is not None and "12345, not 12,345" in problem.hint


def test_booleans_and_infinities_are_not_numbers(tmp_path: Path) -> None:
    path = tmp_path / "odd-numbers.yaml"
    path.write_text("claims:\n  - id: c\n    text: t\n    figure: {low: yes, high: .inf}\n", encoding="utf-8")
    problems = errors_of_path(path)
    # "    figure: {low: " is 18 characters, so yes is at column 19; "yes, high: " puts .inf at column 30.
    assert places(problems) == [(4, 19), (4, 30)]
    assert problems[0].message == "'low' of the figure of claim 'c' must be a number, not the boolean yes"
    assert problems[1].message == "'high' of the figure of claim 'c' must be a finite number, not .inf"


def test_missing_required_keys() -> None:
    problems = errors_of("missing-required.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 5, "statistic 'workers-abroad' is missing the required key 'label'"),
        (5, 5, "claim #1 is missing the required key 'id'"),
        (5, 5, "claim #1 is missing the required key 'text'"),
        (8, 5, "'text' of claim 'c2' is empty"),
        (10, 9, "citation #1 of claim 'c2' is missing the required key 'quote'"),
    ]


def test_invalid_enum_values_list_the_allowed_ones() -> None:
    problems = errors_of("invalid-enum.yaml")
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (
            4,
            11,
            "invalid kind 'currency' in statistic 'revenue'",
            "allowed: count, money, percent, ratio, duration, measure",
        ),
        (5, 10, "invalid per 'annually' in statistic 'revenue'", "allowed: day, week, month, year"),
        (
            12,
            18,
            "invalid qualifier 'at least' in the figure of claim 'c1'",
            "did you mean 'at_least'? allowed: exact, about, over, at_least, under, up_to",
        ),
    ]


def test_figure_with_both_value_and_range() -> None:
    (problem,) = errors_of("figure-value-and-range.yaml")
    assert (problem.line, problem.column) == (5, 7)
    assert problem.message == "the figure of claim 'c1' has both 'value' and 'low'/'high'"


def test_figure_with_low_above_high() -> None:
    (problem,) = errors_of("figure-low-above-high.yaml")
    assert (problem.line, problem.column) == (4, 19)
    assert problem.message == "the figure of claim 'c1' has low 50000 above high 22000"


def test_figure_without_a_number() -> None:
    (problem,) = errors_of("figure-empty.yaml")
    assert (problem.line, problem.column) == (5, 7)
    assert problem.message == "the figure of claim 'c1' has no number"


def test_open_ranges_are_valid(tmp_path: Path) -> None:
    path = tmp_path / "open.yaml"
    path.write_text(
        "claims:\n  - {id: a, text: t, figure: {low: 5, qualifier: at_least}, citations: [{document: d, quote: q}]}\n"
        "  - {id: b, text: t, figure: {high: 7}, citations: [{document: d, quote: q}]}\n",
        encoding="utf-8",
    )
    a, b = load_claims(path).claims
    assert a.figure == ClaimFigure(low=5, qualifier=Qualifier.AT_LEAST)
    assert b.figure == ClaimFigure(high=7)


def test_duplicate_claim_id() -> None:
    (problem,) = errors_of("duplicate-claim-id.yaml")
    assert (problem.line, problem.column) == (8, 9)
    assert problem.message == "duplicate claim id 'c1'"
    assert problem.hint == "it was first used on line 2; ids are unique"


def test_duplicate_statistic_id() -> None:
    (problem,) = errors_of("duplicate-statistic-id.yaml")
    assert (problem.line, problem.column) == (6, 11)
    assert problem.message == "duplicate statistic id 'workers-abroad'"


def test_unknown_statistic_with_did_you_mean() -> None:
    problems = errors_of("unknown-statistic.yaml")
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (8, 16, "claim 'c1' names the unknown statistic 'worker-abroad'", "did you mean 'workers-abroad'?"),
        # A label written where the id belongs is matched back to its id.
        (12, 16, "claim 'c2' names the unknown statistic 'Annual Revenue'", "did you mean 'annual-revenue'?"),
        (
            16,
            16,
            "claim 'c3' names the unknown statistic 'weather'",
            "known statistics: workers-abroad, annual-revenue",
        ),
    ]


def test_empty_quote() -> None:
    problems = errors_of("empty-quote.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (6, 16, "'quote' of citation #1 of claim 'c1' is empty"),
        (8, 16, "'quote' of citation #2 of claim 'c1' is empty"),
    ]


def test_ids_with_bad_characters() -> None:
    problems = errors_of("bad-id.yaml")
    assert [(p.line, p.column, p.hint) for p in problems] == [
        (2, 9, "use only letters, digits, '.', '_' and '-', e.g. 'workers-abroad'"),
        (5, 9, "use only letters, digits, '.', '_' and '-', e.g. 'claim-1'"),
        (8, 9, 'put it in quotes: "42"'),
    ]
    assert problems[1].message == "claim id 'claim/1' has characters other than A-Z, a-z, 0-9, '.', '_', '-'"
    assert problems[2].message == "'id' of claim #2 must be text, not the number 42"


def test_wrong_containers() -> None:
    problems = errors_of("wrong-containers.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 3, "statistics must be a list, not a mapping"),
        (7, 13, "the figure of claim 'c1' must be a mapping of keys to values, not the number 28000"),
        (9, 7, "the citations of claim 'c1' must be a list, not a mapping"),
        (11, 5, "claim #2 must be a mapping of keys to values, not the text 'just a string'"),
    ]


# --- all problems at once, and the message format ---------------------------------------------------------------


def test_three_mistakes_give_three_problems_in_file_order() -> None:
    path = DATA / "three-mistakes.yaml"
    with pytest.raises(ClaimsError) as info:
        load_claims(path)
    assert str(info.value) == "\n".join(
        [
            f"{path}: 3 errors in the claims file; fix them and run again",
            f"{path}:4:11: error: invalid kind 'people' in statistic 'workers-abroad' "
            "(allowed: count, money, percent, ratio, duration, measure)",
            f"{path}:9:24: error: unknown key 'qualifer' in the figure of claim 'c1' (did you mean 'qualifier'?)",
            f"{path}:10:11: error: 'year' of claim 'c1' must be a whole number, not the text '2020' "
            "(write 2020 without quotes)",
        ]
    )
    assert isinstance(info.value, FactcheckError) and info.value.exit_code == 2


def test_a_single_error_is_counted_in_the_singular() -> None:
    with pytest.raises(ClaimsError) as info:
        load_claims(DATA / "unknown-key.yaml")
    assert info.value.message == f"{DATA / 'unknown-key.yaml'}: 1 error in the claims file; fix it and run again"


def test_message_format_is_path_line_column_severity() -> None:
    for problem in errors_of("wrong-types.yaml"):
        assert re.fullmatch(r".+:\d+:\d+: error: .+", str(problem))


# --- warnings --------------------------------------------------------------------------------------------------


def test_claims_without_statistic_or_citations_are_warnings() -> None:
    path = DATA / "warnings.yaml"
    claims = load_claims(path)
    assert [c.id for c in claims.claims] == ["no-statistic", "no-citations", "empty-citations"]
    assert claims.warnings == (
        f"{path}:5:5: warning: claim 'no-statistic' names no statistic "
        "(add 'statistic: <id>' so it is compared with the sources)",
        f"{path}:8:5: warning: claim 'no-citations' has no citations "
        "(add a citation; `factcheck check` fails a claim without one)",
        f"{path}:11:5: warning: claim 'empty-citations' has no citations "
        "(add a citation; `factcheck check` fails a claim without one)",
    )


def test_statistics_sharing_a_phrasing_get_a_warning() -> None:
    path = DATA / "shared-phrasing.yaml"
    claims = load_claims(path)
    # "Doctors" and "worker abroad" of the second statistic (line 5) normalise to phrasings of the first.
    assert claims.warnings == (
        f"{path}:5:5: warning: statistic 'doctors-sent' shares the phrasing 'doctor' with statistic "
        "'workers-abroad' (a search for 'doctor' finds 'workers-abroad'; drop or reword one of them)",
        f"{path}:5:5: warning: statistic 'doctors-sent' shares the phrasing 'worker abroad' with statistic "
        "'workers-abroad' (a search for 'worker abroad' finds 'workers-abroad'; drop or reword one of them)",
    )


# --- unknown documents -----------------------------------------------------------------------------------------


def test_unknown_documents_suggest_the_closest_ids(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n"
        "  - id: c1\n"
        "    text: t\n"
        "    citations:\n"
        "      - {document: report-2025, quote: q}\n"
        "      - {document: report2025, quote: q}\n"
        "      - {document: zzz, quote: q}\n",
        encoding="utf-8",
    )
    claims = load_claims(path)
    problems = unknown_documents(claims, ["report-2025", "wikipedia", "king-2020"])
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (
            6,
            9,
            "claim 'c1' cites document 'report2025', which the corpus does not have",
            "did you mean 'report-2025'?",
        ),
        (
            7,
            9,
            "claim 'c1' cites document 'zzz', which the corpus does not have",
            "known documents: report-2025, wikipedia, king-2020",
        ),
    ]
    assert unknown_documents(claims, [])[0].hint == "the corpus has no documents"


# --- finding a statistic ---------------------------------------------------------------------------------------

STATS = ClaimsFile(
    "x",
    statistics=(
        Statistic("doctors-abroad", "doctors abroad", ("health workers overseas", "personnel deployed")),
        Statistic("annual-revenue", "annual revenue", ("export earnings",)),
        Statistic("countries", "countries served", ("nations",)),
    ),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("doctors abroad", "doctors-abroad"),
        ("Doctors-Abroad", "doctors-abroad"),
        ("doctor abroad", "doctors-abroad"),
        ("doctors_abroad", "doctors-abroad"),
        ("  DOCTORS   abroad ", "doctors-abroad"),
        ("health worker overseas", "doctors-abroad"),
        ("docters abroad", "doctors-abroad"),  # a typo
        ("abroad doctors", "doctors-abroad"),  # word order
        ("annual-revenue", "annual-revenue"),
        ("Annual revenues", "annual-revenue"),
        ("country", "countries"),
        ("nation", "countries"),
        ("countries served", "countries"),
    ],
)
def test_find_statistic_matches_loosely_written_names(query: str, expected: str) -> None:
    found = find_statistic(STATS, query)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("query", ["", "   ", "infant mortality", "how many people live in the capital", "the weather"])
def test_find_statistic_returns_none_for_free_text(query: str) -> None:
    assert find_statistic(STATS, query) is None


def test_normalise_phrase() -> None:
    assert normalise_phrase("Doctors-Abroad") == "doctor abroad"
    assert normalise_phrase("countries_served") == "country served"
    assert normalise_phrase("class bus") == "class bus"  # "ss" and short words keep their s


@settings(max_examples=60, deadline=None)
@given(
    label=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9), min_size=1, max_size=3),
    separator=st.sampled_from([" ", "-", "_", "  "]),
    upper=st.booleans(),
)
def test_find_statistic_finds_any_label_however_it_is_spelt(label: list[str], separator: str, upper: bool) -> None:
    stat = Statistic("s", " ".join(label))
    query = separator.join(label)
    found = find_statistic(ClaimsFile("x", statistics=(stat,)), query.upper() if upper else query)
    assert found is stat


@settings(max_examples=40, deadline=None)
@given(
    ids=st.lists(st.from_regex(r"[a-z][a-z0-9._-]{0,12}", fullmatch=True), min_size=1, max_size=6, unique=True),
    value=st.integers(min_value=-(10**12), max_value=10**12),
)
def test_generated_files_round_trip(tmp_path_factory: pytest.TempPathFactory, ids: list[str], value: int) -> None:
    # Ids are phrasings too: "a" and "a_" normalise alike, which is rightly a warning, not a round-trip failure.
    assume(len({normalise_phrase(i) for i in ids}) == len(ids))
    lines = ["statistics:"]
    # Labels differ after normalisation too ("a" and "a_" would share a phrasing, which is a warning).
    lines += [f"  - id: '{i}'\n    label: statistic number {k}" for k, i in enumerate(ids)]
    lines += ["claims:"]
    lines += [
        f"  - id: '{i}'\n    statistic: '{i}'\n    text: claim {i}\n    figure: {{value: {value}}}\n"
        f"    citations: [{{document: doc, quote: quote of {i}}}]"
        for i in ids
    ]
    path = tmp_path_factory.mktemp("gen") / "claims.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    claims = load_claims(path)
    assert [s.id for s in claims.statistics] == ids
    assert [(c.id, c.statistic, c.figure) for c in claims.claims] == [(i, i, ClaimFigure(value=value)) for i in ids]
    # Each statistic takes 2 lines after the "statistics:" line; each claim 5 after "claims:".
    assert [s.line for s in claims.statistics] == [2 + 2 * k for k in range(len(ids))]
    first_claim = 3 + 2 * len(ids)
    assert [c.line for c in claims.claims] == [first_claim + 5 * k for k in range(len(ids))]
    assert claims.warnings == ()


# --- robustness: any input gives a ClaimsFile or a ClaimsError, never another exception -------------------------

SCHEMA_KEYS = [
    *("meta", "statistics", "claims", "organisation", "url", "id", "label", "aliases", "kind", "unit", "per"),
    *("description", "cues", "require", "exclude", "cumulative", "current", "statistic", "text", "figure"),
    *("year", "tags", "citations", "value", "low", "high", "qualifier", "document", "quote", "note", "bogus"),
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["count", "over", "year", "s1", "c1", "28,000", "2.5e9", "2020-02-30"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(SCHEMA_KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(tree=trees)
def test_any_yaml_tree_loads_or_fails_cleanly(tmp_path_factory: pytest.TempPathFactory, tree: object) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "claims.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    try:
        load_claims(path)
    except ClaimsError as error:
        assert error.problems
        assert all(
            p.line is not None and p.line >= 1 and p.column is not None and p.column >= 1 for p in error.problems
        )


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab1:-[]{},'\"#&*!|>%@ \n\t\x07é")), max_size=60))
def test_any_text_loads_or_fails_cleanly(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_claims(path)
    except ClaimsError as error:
        assert error.problems


def _outcome(path: Path) -> object:
    try:
        return load_claims(path)
    except ClaimsError as error:
        return error.problems


@pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")) + [Path(__file__).parent.parent / "claims.yaml"])
def test_libyaml_and_pure_python_parsers_give_the_same_result(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _outcome(path)
    monkeypatch.setattr(yamlnodes, "_FAST_LOADER", None)
    assert _outcome(path) == fast
