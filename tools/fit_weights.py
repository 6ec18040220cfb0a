"""Fit compare's linear model (factcheck/matching/features.py) on the answer keys, cross-validated by cluster.

Run: python tools/fit_weights.py [--write] [--l2 1.0] [--verbose]

1. Every query of every key (bench/evaluate.py's keys: the bundled corpus, the corpora under tests/, the real-news
   clusters under eval/clusters/) is asked with every candidate kept (`--all`, a model that scores all alike): each
   candidate figure of a labelled document, with its FEATURES, is an example, positive when the key expects or
   allows it, negative otherwise. Candidates are those of the gate (--gate): the least reach (features.Model).
2. Logistic regression with an L2 penalty (Newton's method, numpy: only at fitting time, never at run time).
3. Leave one cluster out: for each key, the model fitted on the other keys scores that key's candidates, and
   compare's own rule picks what is shown (threshold, top 3, runner-up gap); the scorer of `factcheck evaluate`
   counts it. The sums over keys are the cross-validated figures; a weight that only suits one subject shows there.
4. `--write` fits on every key and writes factcheck/data/weights.json.
5. Every query (but a statistic's id) is also asked with no claims file, as a user who has none asks: those answers
   are measured apart ("no claims") and fitted on only with --train-no-claims (it did worse on both, Dec 2026).

The figures of the fit on every key, scored on the same keys, are printed too: the gap between the two is the
model's optimism.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import opened_keys  # noqa: E402

from factcheck.commands.compare import CompareOptions, Finding, answer_findings, compare_query  # noqa: E402
from factcheck.commands.evaluate import (  # noqa: E402
    ALLOW,
    EXPECT,
    Measures,
    document_parts,
    label_of,
    merged_findings,
    score_answer,
    total,
)
from factcheck.matching.features import FEATURES, Model  # noqa: E402

WEIGHTS = ROOT / "factcheck" / "data" / "weights.json"


@dataclass
class Answer:
    """One document's candidates for one query, with what the key says of them."""

    key: str
    paraphrase: bool
    document: str
    groups: list[list[Finding]]  # the candidates of each statistic the query answers for (compare_query)
    trained: int  # the group fitted on: the key's statistic's (another's figures are not negatives for it)
    labels: list[int]  # 1 when the key expects or allows a candidate of the group fitted on, else 0
    spots: list  # evaluate._Located of the document
    claims: bool = True  # asked with the key's claims file; False: with none, as a user with no claims.yaml asks

    @property
    def candidates(self) -> list[Finding]:
        return self.groups[self.trained]


def collect() -> list[Answer]:
    answers: list[Answer] = []
    for key, corpus, claims, located in opened_keys():
        for stat in key.statistics:
            labelled = {d.id for d in stat.documents}
            for query, with_claims in [(q, True) for q in stat.queries] + [
                (q, False) for q in stat.queries if q.text != stat.id and claims is not None
            ]:
                flat = Model(0.0, tuple(0.0 for _ in FEATURES), GATE)  # every candidate scores 50: all are kept
                options = CompareOptions(all_candidates=True, model=flat)
                comparisons = compare_query(corpus, claims if with_claims else None, query.text, options)
                trained = next((i for i, c in enumerate(comparisons) if c.statistic == stat.id), 0)
                for doc_id, parts in document_parts(comparisons).items():
                    if doc_id not in labelled:
                        continue
                    spots = located[(stat.id, doc_id)]
                    groups = [list(d.findings) for d in parts]
                    labels = [int(label_of(f, spots) in (EXPECT, ALLOW)) for f in groups[trained]]
                    paraphrase = query.kind == "paraphrase"
                    answers.append(Answer(key.name, paraphrase, doc_id, groups, trained, labels, spots, with_claims))
        count = sum(len(a.candidates) for a in answers if a.key == key.name)
        print(f"  {key.name}: {count} candidates", file=sys.stderr)
    return answers


TRAIN_NO_CLAIMS = False  # --train-no-claims: fit on the answers asked without a claims file too


def fit(answers: Sequence[Answer], l2: float) -> Model:
    answers = [a for a in answers if a.claims or TRAIN_NO_CLAIMS]
    rows = [f.features for a in answers for f in a.candidates]
    ys = [y for a in answers for y in a.labels]
    x = np.hstack([np.ones((len(rows), 1)), np.array(rows, dtype=float)])
    y = np.array(ys, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Model(float(w[0]), tuple(float(v) for v in w[1:]))


SHIFTS = tuple(x / 2 for x in range(0, 13))  # added to the bias: compare shows a figure at 60, not at 50
GATE = 0.0  # the gate of every model fitted (--gate): the least reach of a candidate (features.Model)


def objective(m: Measures) -> float:
    """What the shift is chosen for: the scorer's four measures, each counted once."""
    return (m.accuracy or 0) + (m.recall or 0) + (m.precision or 0) - (m.forbidden_per_10 or 0) / 10


def fit_shifted(answers: Sequence[Answer], l2: float) -> Model:
    """fit, then the bias shift (SHIFTS) under which compare's own rule does best on the same answers."""
    model = fit(answers, l2)
    answers = [a for a in answers if a.claims or TRAIN_NO_CLAIMS]
    best = max(SHIFTS, key=lambda s: objective(measure(answers, Model(model.bias + s, model.weights, GATE))))
    return Model(model.bias + best, model.weights, GATE)


def measure(answers: Sequence[Answer], model: Model, options: CompareOptions = CompareOptions()) -> Measures:
    """What `factcheck evaluate` would count if compare scored with ``model``."""
    counted: list[Measures] = []
    for a in answers:
        parts = []
        for group in a.groups:
            rescored = [_rescore(f, model) for f in group]
            kept = sorted((f for f in rescored if f.score >= options.min_score), key=lambda f: (-f.score, f.start))
            parts.append(answer_findings(kept, options))
        m, _, _ = score_answer(merged_findings(parts), a.spots, a.document)
        counted.append(m)
    return total(counted)


def _rescore(finding: Finding, model: Model) -> Finding:
    from dataclasses import replace

    return replace(finding, score=model.score(finding.features))


def row(name: str, m: Measures) -> str:
    def pct(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.0%}"

    def two(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f}"

    forb = "n/a" if m.forbidden_per_10 is None else f"{m.forbidden_per_10:.1f}"
    return (
        f"| {name} | {m.documents} | {pct(m.accuracy)} ({m.top_right}/{m.documents}) | "
        f"{two(m.recall)} ({m.recalled}/{m.expected}) | {two(m.precision)} ({m.right}/{m.shown}) | {forb} |"
    )


def main() -> None:
    global GATE, TRAIN_NO_CLAIMS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--gate", type=float, default=0.0, help="the least reach of a candidate (0-1)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--train-no-claims",
        action="store_true",
        help="fit on the queries asked without a claims file too (they are always measured)",
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    GATE = args.gate
    TRAIN_NO_CLAIMS = args.train_no_claims
    answers = collect()
    keys = sorted({a.key for a in answers})
    print("| held out | answers | top right | recall | precision | forbidden/10 |")
    print("|---|---|---|---|---|---|")
    cv: dict[str, Measures] = {}
    models: dict[str, Model] = {}
    for key in keys:
        model = models[key] = fit_shifted([a for a in answers if a.key != key], args.l2)
        cv[key] = measure([a for a in answers if a.key == key and a.claims], model)
        if args.verbose:
            print(row(key, cv[key]))
    news = [k for k in keys if k not in ("bundled",) and not k.startswith(("city-", "company-", "flood-"))]
    print(row("CV: real news", total(cv[k] for k in news)))
    print(row("CV: all keys", total(cv.values())))
    # the same queries asked as a user with no claims.yaml asks them
    asked_bare = [measure([a for a in answers if a.key == key and not a.claims], models[key]) for key in news]
    print(row("CV: real news, no claims", total(asked_bare)))
    para = [a for a in answers if a.paraphrase and a.claims]
    full = fit_shifted(answers, args.l2)
    print(row("fit on all: all keys", measure([a for a in answers if a.claims], full)))
    print(row("fit on all: paraphrases", measure(para, full)))
    for name, weight in zip(FEATURES, full.weights, strict=True):
        print(f"  {name:14} {weight:+.3f}", file=sys.stderr)
    print(f"  {'bias':14} {full.bias:+.3f}", file=sys.stderr)
    if args.write:
        WEIGHTS.write_text(
            json.dumps(
                {
                    "comment": "fitted by tools/fit_weights.py on every answer key of the repository (its docstring)",
                    "l2": args.l2,
                    "examples": sum(len(a.candidates) for a in answers),
                    "bias": round(full.bias, 4),
                    "gate": GATE,
                    "weights": {n: round(w, 4) for n, w in zip(FEATURES, full.weights, strict=True)},
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {WEIGHTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
