"""Renderers of drafted claims: claims.yaml text to review and paste, JSON, and the summary said on stderr."""

from __future__ import annotations

from typing import Any

from factcheck.commands.claims_text import Written, draft_yaml
from factcheck.commands.draft import DRAFT, Draft, DraftClaim
from factcheck.render import jsonable, to_json


def render_yaml(draft: Draft) -> str:
    return draft_yaml(draft)


def claim_dict(claim: DraftClaim) -> dict[str, Any]:
    """A drafted claim as claims.yaml has it (``status``, ``figure`` and a citation), plus where its figure stands."""
    figure = {key: value for key, value in jsonable(claim.figure).items() if value is not None}
    if figure.get("qualifier") == "exact":
        del figure["qualifier"]
    entry: dict[str, Any] = {
        "id": claim.id,
        "status": DRAFT,
        "statistic": claim.statistic,
        "text": claim.text,
        "figure": figure,
    }
    if claim.year is not None:
        entry["year"] = claim.year
    entry["citations"] = [{"document": claim.document, "quote": claim.quote}]
    entry["source"] = {"line": claim.line, "figure": claim.figure_text, "score": claim.score}
    return entry


def render_json(draft: Draft) -> str:
    return to_json(
        {
            "schema": draft.schema,
            "query": draft.query,
            "document": draft.document,
            "statistics": [{k: v for k, v in jsonable(s).items() if v is not None} for s in draft.statistics],
            "claims": [claim_dict(c) for c in draft.claims],
            "skipped": jsonable(draft.skipped),
        }
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(draft: Draft, written: Written | None = None) -> list[str]:
    """What was drafted (and written, and skipped), one line each, for stderr."""
    documents = len({c.document for c in draft.claims})
    what = f"{_count(len(draft.claims), 'claim')} from {_count(documents, 'document')}"
    if draft.statistics:
        what += f" and {_count(len(draft.statistics), 'new statistic')}"
    lines = [f"appended {what} to {written.path}" if written else f"drafted {what}"]
    if draft.skipped:
        lines.append(f"skipped {_count(len(draft.skipped), 'figure')} already claimed:")
        lines += [
            f"  {s.document} line {s.line}: {s.figure_text!r} ({s.statistic}), claim {s.claim}" for s in draft.skipped
        ]
    if draft.claims:
        lines.append("next: review each claim, remove its 'status: draft' line, then run `factcheck check --strict`")
    return lines
