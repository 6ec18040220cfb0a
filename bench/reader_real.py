"""The quantity reader on real published sentences: eval/reader/real_sentences.yaml (portal day pages, hand-annotated).

Runs factcheck.reading.quantities.read_quantities on every sentence of the key and prints, overall, per portal
section and per kind: figure detection precision/recall/F1 (a produced figure matches an expected one when their
spans overlap), value F1 (matched and value/low/high right within 0.5%; a score has no value, so a number read
there is wrong; a vague amount given without a value is not checked), and the share right of kind, unit and
qualifier among the matched figures whose expected figure gives that field. Produced figures of kind year or date
are ignored unless an expected figure matches them, as in tests/test_quantity_cases.py. An expected figure is found
at the first occurrence of its text at word boundaries after the previous expected figure, and takes the first
unused produced figure overlapping it.

    PYTHONPATH=. python bench/reader_real.py            # the tables
    PYTHONPATH=. python bench/reader_real.py --list     # and every miss, extra figure and wrong field
    PYTHONPATH=. python bench/reader_real.py --json     # the figures as JSON
    PYTHONPATH=. python bench/reader_real.py --key eval/reader/real_sentences_2.yaml   # the second key (2025-2026)
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.reading.quantities import read_quantities

KEY = Path(__file__).resolve().parent.parent / "eval" / "reader" / "real_sentences.yaml"
TOLERANCE = 0.005
IGNORED_KINDS = ("year", "date")
# a bare "one" ("killing one person", "One firefighter is killed"): the hand tables avoid it (tests/data/README.md),
# so the measure is also given without these figures
WITHOUT_ONE = "no lone one"


@dataclass
class Tally:
    expected: int = 0
    produced: int = 0
    matched: int = 0
    value_right: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add_field(self, name: str, right: bool) -> None:
        self.fields[name][0] += int(right)
        self.fields[name][1] += 1

    def scores(self) -> dict[str, Any]:
        def f1(tp: int) -> tuple[float, float, float]:
            p = tp / self.produced if self.produced else 1.0
            r = tp / self.expected if self.expected else 1.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = f1(self.matched)
        vp, vr, vf = f1(self.value_right)
        out: dict[str, Any] = {
            "expected": self.expected,
            "produced": self.produced,
            "matched": self.matched,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "value_precision": round(vp, 3),
            "value_recall": round(vr, 3),
            "value_f1": round(vf, 3),
        }
        for name in ("kind", "unit", "qualifier"):
            right, total = self.fields.get(name, [0, 0])
            out[f"{name}_right"] = f"{right}/{total}"
            out[f"{name}_accuracy"] = round(right / total, 3) if total else None
        return out


def same_number(expected: Any, got: Any) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return math.isclose(float(expected), float(got), rel_tol=TOLERANCE, abs_tol=1e-4)


def enum_text(x: Any) -> Any:
    return x.value if hasattr(x, "value") else x


def describe(q: Any) -> str:
    return (
        f"{q.text!r} {enum_text(q.kind)} value={q.value} [{q.low}, {q.high}] {enum_text(q.qualifier)} "
        f"unit={q.unit!r} role={enum_text(getattr(q, 'role', None))}"
    )


def evaluate(cases: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Tally]], list[str]]:
    tallies: dict[str, dict[str, Tally]] = {"overall": defaultdict(Tally), "section": defaultdict(Tally)}
    tallies["kind"] = defaultdict(Tally)
    tallies["form"] = defaultdict(Tally)
    tallies["overall"][WITHOUT_ONE] = Tally()
    notes: list[str] = []
    for case in cases:
        text: str = case["text"]
        section = str(case["id"]).split("-")[1]
        produced = read_quantities(text)
        used: set[int] = set()
        search_from = 0
        for exp in case.get("figures") or []:
            etext = str(exp["text"])
            found = re.compile(r"(?<!\w)" + re.escape(etext) + r"(?!\w)").search(text, search_from)
            if found is None:
                raise SystemExit(f"{case['id']}: expected text {etext!r} not in the sentence")
            span = (found.start(), found.end())
            search_from = span[1]
            kind = str(exp.get("kind", "not given"))
            forms = ["all"]
            if exp.get("low") is not None and exp.get("high") is not None:
                forms.append("range")
            if kind == "money":
                forms.append("currency")
            lone_one = etext.lower() == "one" and "qualifier" not in exp
            if lone_one:
                forms.append("lone one")
            groups = [tallies["overall"]["all"], tallies["section"][section], tallies["kind"][kind]]
            groups += [tallies["form"][f] for f in forms[1:]]
            if not lone_one:
                groups.append(tallies["overall"][WITHOUT_ONE])
            for t in groups:
                t.expected += 1
            match = next(
                (i for i, q in enumerate(produced) if i not in used and q.start < span[1] and span[0] < q.end), None
            )
            if match is None:
                notes.append(f"MISS  {case['id']}: {etext!r} ({kind}) | {text}")
                continue
            used.add(match)
            q = produced[match]
            numbers = {k: exp[k] for k in ("value", "low", "high") if k in exp}
            if kind == "score" and not numbers:
                # a result or a vote has no value (README): a number read there is wrong
                numbers = {"value": None, "low": None, "high": None}
            wrong = [k for k, v in numbers.items() if not same_number(v, getattr(q, k))]
            value_ok = not wrong
            for name in ("kind", "unit", "qualifier"):
                if name in exp:
                    ok = str(exp[name]) == str(enum_text(getattr(q, name)))
                    if not ok:
                        wrong.append(name)
                    for t in groups:
                        t.add_field(name, ok)
            for t in groups:
                t.produced += 1
                t.matched += 1
                t.value_right += int(value_ok)
            if wrong:
                shown = {k: exp.get(k, numbers.get(k)) for k in wrong}
                notes.append(f"WRONG {case['id']}: {etext!r} {','.join(wrong)} expected {shown}, got {describe(q)}")
        for i, q in enumerate(produced):
            if i in used or enum_text(q.kind) in IGNORED_KINDS:
                continue
            kind = str(enum_text(q.kind))
            for t in (tallies["overall"][k] for k in ("all", WITHOUT_ONE)):
                t.produced += 1
            for t in (tallies["section"][section], tallies["kind"][kind]):
                t.produced += 1
            notes.append(f"EXTRA {case['id']}: {describe(q)} | {text}")
    return tallies, notes


def table(title: str, rows: dict[str, Tally]) -> list[str]:
    head = f"{title:<13} {'exp':>4} {'prod':>4} {'P':>6} {'R':>6} {'F1':>6} {'valF1':>6} "
    head += f"{'kind':>8} {'unit':>8} {'qual':>7}"
    lines = [head]
    for name in sorted(rows, key=lambda n: (n != "all", n != WITHOUT_ONE, -rows[n].expected, n)):
        s = rows[name].scores()
        lines.append(
            f"{name:<13} {s['expected']:>4} {s['produced']:>4} {s['precision']:>6.3f} {s['recall']:>6.3f} "
            f"{s['f1']:>6.3f} {s['value_f1']:>6.3f} {s['kind_right']:>8} {s['unit_right']:>8} {s['qualifier_right']:>7}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--key", type=Path, default=KEY, help="the key to score (default: the first, eval/reader/real_sentences.yaml)"
    )
    parser.add_argument("--list", action="store_true", help="print every miss, extra figure and wrong field")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(args.key.read_text(encoding="utf-8"))
    tallies, notes = evaluate(cases)
    if args.json:
        print(json.dumps({g: {k: t.scores() for k, t in rows.items()} for g, rows in tallies.items()}, indent=1))
        return 0
    n_figures = sum(len(c.get("figures") or []) for c in cases)
    print(f"{len(cases)} sentences, {n_figures} expected figures ({args.key.name})")
    for group in ("overall", "section", "kind", "form"):
        print()
        print("\n".join(table(group, tallies[group])))
    form = tallies["form"]
    for name in ("range", "currency", "lone one"):
        t = form[name]
        if t.expected:
            print(f"{name} recall: detection {t.matched}/{t.expected}, value right {t.value_right}/{t.expected}")
    if args.list:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
