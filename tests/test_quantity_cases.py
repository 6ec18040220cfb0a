"""The hand-written table of prose cases in tests/data/quantity_cases.yaml, one test per case.

Format and matching rules: tests/data/README.md. Only the fields an expected figure gives are
compared; produced figures of kind year/date are ignored unless the case lists them; any other
produced figure that no expected figure matches is a failure (a precision error).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.model import Quantity
from factcheck.reading.quantities import read_quantities

DATA = Path(__file__).parent / "data"
CASES_PATH = DATA / "quantity_cases.yaml"
# Round two (issue 16): 430 cases written blind by another hand from the classes, before the reader was
# run on them; the ones it does not pass yet are listed with their first problem.
ROUND_TWO_PATH = DATA / "quantity_cases_round2.yaml"
ROUND_TWO_KNOWN = DATA / "quantity_cases_round2_known_failures.yaml"
# Round three (issue 16): physical units and compound quantities, written blind before the reader was run on them.
ROUND_THREE_PATH = DATA / "quantity_cases_round3.yaml"
ROUND_THREE_KNOWN = DATA / "quantity_cases_round3_known_failures.yaml"
FIELDS = ("text", "value", "low", "high", "qualifier", "kind", "unit", "per", "year", "ambiguous", "alt_value", "role")
NUMERIC = frozenset({"value", "low", "high", "alt_value", "year"})


def _load(path: Path) -> Any:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        # the safe loader, in C where PyYAML has it (a second of every test run's collection, in Python)
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


# Cases the reader cannot pass yet, with the reason (each is an expected failure, strictly).
KNOWN_FAILURES: dict[str, str] = {**(_load(ROUND_TWO_KNOWN) or {}), **(_load(ROUND_THREE_KNOWN) or {})}


def _load_cases() -> list[dict[str, Any]]:
    return [*(_load(CASES_PATH) or []), *(_load(ROUND_TWO_PATH) or []), *(_load(ROUND_THREE_PATH) or [])]


def _same(field: str, expected: Any, got: Any) -> bool:
    if field in NUMERIC:
        if expected is None or got is None:
            return expected is None and got is None
        return math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-4)
    if field in ("qualifier", "kind", "role"):
        return str(expected) == (got.value if hasattr(got, "value") else str(got))
    return bool(expected == got)


def check_case(case: dict[str, Any]) -> list[str]:
    """The problems of one case (empty when the reader gets it right)."""
    text: str = case["text"]
    produced = read_quantities(text)
    expected_figures: list[dict[str, Any]] = case.get("figures") or []
    problems: list[str] = []
    used: set[int] = set()
    search_from = 0
    for exp in expected_figures:
        etext = str(exp["text"])
        at = text.find(etext, search_from)
        if at == -1:
            problems.append(f"expected text {etext!r} not in the case text")
            continue
        span = (at, at + len(etext))
        search_from = span[1]
        match = next(
            (i for i, q in enumerate(produced) if i not in used and q.start < span[1] and span[0] < q.end),
            None,
        )
        if match is None:
            problems.append(f"missed {etext!r}")
            continue
        used.add(match)
        q = produced[match]
        for field in FIELDS:
            if field in exp and not _same(field, exp[field], getattr(q, field)):
                problems.append(f"{etext!r}: {field} expected {exp[field]!r}, got {getattr(q, field)!r}")
    for i, q in enumerate(produced):
        if i not in used and q.kind.value not in ("year", "date"):
            problems.append(f"extra figure {q.text!r} ({q.kind.value}, value {q.value})")
    return problems


def _describe(q: Quantity) -> str:
    return f"{q.text!r} {q.kind.value} {q.value} [{q.low}, {q.high}] {q.qualifier.value} unit={q.unit} per={q.per}"


CASES = _load_cases()


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        reason = KNOWN_FAILURES.get(case["id"])
        if reason is not None:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.skipif(not CASES, reason="tests/data/quantity_cases.yaml is not there yet")
@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    problems = check_case(case)
    assert not problems, "\n".join([case["text"], *problems, *map(_describe, read_quantities(case["text"]))])


def test_known_failures_name_real_cases() -> None:
    ids = {case["id"] for case in CASES}
    assert not set(KNOWN_FAILURES) - ids if CASES else True
