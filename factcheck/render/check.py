"""Renderers of the citation check: compiler-style text, JSON (schema 1) and GitHub workflow annotations."""

from __future__ import annotations

import json
from typing import Any

from factcheck.commands.check import CheckProblem, CheckReport, Passage
from factcheck.render import jsonable, place, to_json


def _passage_dict(p: Passage | None) -> dict[str, Any] | None:
    return None if p is None else jsonable(p)


def problem_dict(p: CheckProblem) -> dict[str, Any]:
    return {
        "severity": p.severity,
        "code": p.code,
        "message": p.message,
        "file": p.path,
        "line": p.line,
        "column": p.column,
        "claim": p.claim,
        "document": p.document,
        "closest": _passage_dict(p.closest),
        "diff": [{"op": op, "quote": q, "document": d} for op, q, d in p.diff],
        "suggestions": [_passage_dict(s) for s in p.suggestions],
    }


def summary(report: CheckReport) -> str:
    n = len(report.results)
    return (
        f"{n} claim{'s' if n != 1 else ''}: {n - report.failed} passed, {report.failed} failed; "
        f"{report.errors} error{'s' if report.errors != 1 else ''}, "
        f"{report.warnings} warning{'s' if report.warnings != 1 else ''}"
    )


def render_text(report: CheckReport) -> str:
    lines: list[str] = []
    for p in report.problems:
        lines.append(f"{p.path}:{p.line}:{p.column}: {p.severity}: {p.message} [{p.code}]")
        for op, quote, doc in p.diff:
            if op == "replace":
                lines.append(f"    quote has {quote!r} where the document has {doc!r}")
            elif op == "delete":
                lines.append(f"    quote adds {quote!r}")
            elif op == "insert":
                lines.append(f"    quote leaves out {doc!r}")
        if p.suggestions:
            lines.append("    suggested citations (paste under the claim's citations:):")
        for s in p.suggestions:
            lines.append(f"      - document: {s.document}  # line {place(s.page, s.line)}, match {s.score:.0f}")
            lines.append(f"        quote: {json.dumps(s.text, ensure_ascii=False)}")
    lines.append(("PASS " if report.passed else "FAIL ") + summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: CheckReport) -> str:
    return to_json(
        {
            "schema": report.schema,
            "claims_file": report.claims_path,
            "passed": report.passed,
            "summary": {
                "claims": len(report.results),
                "passed": len(report.results) - report.failed,
                "failed": report.failed,
                "errors": report.errors,
                "warnings": report.warnings,
            },
            "results": [
                {
                    "id": r.id,
                    "line": r.line,
                    "passed": r.passed,
                    "problems": [problem_dict(p) for p in r.problems],
                    "citations": [
                        None
                        if where is None
                        else {"file": where.path, "page": where.page, "line": where.line, "column": where.column}
                        for where in r.places
                    ],
                }
                for r in report.results
            ],
            "file_problems": [problem_dict(p) for p in report.file_problems],
        }
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: one ::error or ::warning annotation per problem."""
    lines = [
        f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.column},"
        f"title={_escape_property('factcheck ' + p.code)}::{_escape_data(p.message)}"
        for p in report.problems
    ]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
