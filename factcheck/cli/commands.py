"""Registers every command module with the application (each module adds its own commands)."""

from __future__ import annotations

from factcheck.cli import check, compare, disputes, draft, evaluate, extract, grep, index, init, report  # noqa: F401
