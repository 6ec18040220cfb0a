"""Renderers of an evaluation against answer keys: rich table, JSON (schema 1) and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table

from factcheck.commands.evaluate import PARAPHRASE, Evaluation, KeyResult, Measures, QueryScore
from factcheck.render import SCHEMA_VERSION, markdown_table, md, to_json
from factcheck.render.terminal import Fitted

HEADERS = ("key", "statistics", "queries", "answers", "top answer right", "recall", "precision", "forbidden / 10 docs")
SENTENCE_CHARS = 160


# --- data shapes ---------------------------------------------------------------------------------------------


def measures_dict(m: Measures) -> dict[str, Any]:
    return {
        "answers": m.documents,
        "top_right": m.top_right,
        "expected": m.expected,
        "recalled": m.recalled,
        "shown": m.shown,
        "right": m.right,
        "forbidden": m.forbidden,
        "accuracy": m.accuracy,
        "recall": m.recall,
        "precision": m.precision,
        "forbidden_per_10": m.forbidden_per_10,
    }


def _query_dict(q: QueryScore) -> dict[str, Any]:
    return {
        "statistic": q.statistic,
        "query": q.query,
        "kind": q.kind,
        "measures": measures_dict(q.measures),
        "misses": [{"document": m.document, "figure": m.figure, "key_line": m.line} for m in q.misses],
        "wrong": [
            {
                "document": w.document,
                "text": w.text,
                "forbidden": w.forbidden,
                "best": w.best,
                "score": w.score,
                "line": w.line,
                "sentence": w.sentence,
            }
            for w in q.wrong
        ],
    }


def _key_dict(k: KeyResult) -> dict[str, Any]:
    paraphrases = k.paraphrases
    return {
        "key": k.key,
        "name": k.name,
        "corpus": k.corpus,
        "claims": k.claims,
        "statistics": k.statistics,
        "measures": measures_dict(k.measures),
        "paraphrases": measures_dict(paraphrases) if paraphrases is not None else None,
        "queries": [_query_dict(q) for q in k.queries],
        "notes": list(k.notes),
    }


def render_json(evaluation: Evaluation) -> str:
    t = evaluation.thresholds
    paraphrases = evaluation.paraphrases
    return to_json(
        {
            "schema": SCHEMA_VERSION,
            "keys": [_key_dict(k) for k in evaluation.keys],
            "all": measures_dict(evaluation.measures),
            "paraphrases": measures_dict(paraphrases) if paraphrases is not None else None,
            "thresholds": {
                "min_accuracy": t.min_accuracy,
                "min_recall": t.min_recall,
                "min_precision": t.min_precision,
                "max_forbidden": t.max_forbidden,
            },
            "failures": list(evaluation.failures),
            "passed": evaluation.passed,
        }
    )


# --- words shared by table and markdown ----------------------------------------------------------------------


def _share(value: float | None, num: int, den: int, percent: bool = False) -> str:
    if value is None:
        return "n/a"
    shown = f"{value:.0%}" if percent else f"{value:.2f}"
    return f"{shown} ({num}/{den})"


def _cells(m: Measures) -> list[str]:
    return [
        str(m.documents),
        _share(m.accuracy, m.top_right, m.documents, percent=True),
        _share(m.recall, m.recalled, m.expected),
        _share(m.precision, m.right, m.shown),
        "n/a" if m.forbidden_per_10 is None else f"{m.forbidden_per_10:.1f} ({m.forbidden})",
    ]


def rows(evaluation: Evaluation) -> list[list[str]]:
    """The summary rows: each key, its paraphrased queries alone, and all keys."""
    out: list[list[str]] = []
    for k in evaluation.keys:
        out.append([k.name, str(k.statistics), str(len(k.queries)), *_cells(k.measures)])
        if (p := k.paraphrases) is not None:
            count = sum(q.kind == PARAPHRASE for q in k.queries)
            out.append([f"{k.name} · paraphrases", "", str(count), *_cells(p)])
    if len(evaluation.keys) > 1 or not evaluation.keys:
        stats = sum(k.statistics for k in evaluation.keys)
        queries = sum(len(k.queries) for k in evaluation.keys)
        out.append(["all", str(stats), str(queries), *_cells(evaluation.measures)])
        if (p := evaluation.paraphrases) is not None:
            count = sum(q.kind == PARAPHRASE for k in evaluation.keys for q in k.queries)
            out.append(["all · paraphrases", "", str(count), *_cells(p)])
    return out


def _cut(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= SENTENCE_CHARS else text[: SENTENCE_CHARS - 1] + "…"


def details(k: KeyResult) -> list[str]:
    """The misses and wrong findings of a key, one line each, and its notes."""
    lines: list[str] = []
    for q in k.queries:
        if not q.misses and not q.wrong:
            continue
        lines.append(f"{k.name} · {q.statistic} · {q.query!r} ({q.kind})")
        for m in q.misses:
            lines.append(f"  missed  {m.document}: {m.figure} (key line {m.line})")
        for w in q.wrong:
            what = "forbidden" if w.forbidden else "wrong"
            best = ", best" if w.best else ""
            lines.append(f"  {what:<9} {w.document}:{w.line}: {w.text} (score {w.score:.0f}{best}): {_cut(w.sentence)}")
    lines.extend(f"  note: {note}" for note in k.notes)
    return lines


# --- table and markdown --------------------------------------------------------------------------------------


def render_table(evaluation: Evaluation) -> RenderableType:
    table = Table(title="compare against answer keys (default options)", title_justify="left")
    for i, header in enumerate(HEADERS):
        table.add_column(header, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in rows(evaluation):
        style = "bold" if row[0].startswith("all") else None
        table.add_row(*row, style=style)
    return Fitted(table)


def render_text(evaluation: Evaluation, verbose: bool = False) -> str:
    """What follows the table: the details (with ``verbose``) and the thresholds not met, as plain lines."""
    lines = [line for k in evaluation.keys for line in details(k)] if verbose else []
    lines += [f"below threshold: {failure}" for failure in evaluation.failures]
    return "\n".join(lines)


def render_markdown(evaluation: Evaluation, verbose: bool = False) -> str:
    cells = [[md(cell) for cell in row] for row in rows(evaluation)]  # a key's name comes from its file
    out = ["## compare against answer keys (default options)", "", markdown_table(HEADERS, cells)]
    if verbose:
        for k in evaluation.keys:
            lines = details(k)
            if lines:
                out += [f"### {k.name}", "", "```", *lines, "```", ""]
    if evaluation.failures:
        out += [f"- below threshold: {failure}" for failure in evaluation.failures]
    return "\n".join(out).rstrip() + "\n"


__all__: Sequence[str] = ["render_json", "render_markdown", "render_table", "render_text", "rows"]
