"""What a wheel ships: every data file and template the package reads at run time is listed as package data."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_and_template_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["factcheck"]
    shipped = [
        path.relative_to(ROOT / "factcheck").as_posix()
        for folder in ("data", "templates")
        for path in (ROOT / "factcheck" / folder).iterdir()
        if path.is_file()
    ]
    assert shipped  # the folders are there
    missing = [name for name in shipped if not any(fnmatch.fnmatch(name, p) for p in patterns)]
    assert missing == [], f"add to [tool.setuptools.package-data]: {missing}"
