"""Loading and validating claims.yaml: statistics, claims, citations and publisher metadata (TODO)."""

from __future__ import annotations

from pathlib import Path

from factcheck.model import ClaimsFile


def load_claims(path: Path) -> ClaimsFile:
    """Load and validate a claims file (stub until issue 3 lands)."""
    raise NotImplementedError
