"""Rewrite the README's example outputs with what the tool prints now (after a deliberate change of output).

Each `$ factcheck ...` session that tests/test_readme_examples.py runs is run the same way (a copy of the bundled
project, 120 columns, through Typer's CliRunner) and its output replaces the README's. Abridged JSON examples are
left for a human to abridge again: the script names those whose shown part no longer matches. Read the diff before
committing: the README must show what a user sees, and a changed answer needs a reason.

Run: python tools/refresh_readme.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typer.testing import CliRunner  # noqa: E402

from factcheck.cli import app  # noqa: E402
from tests.test_readme_examples import NOT_RUN, copy_project, examples, invocation, lines, part_of  # noqa: E402


def main() -> int:
    import os
    import tempfile

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as where:
        project = copy_project(Path(where))
        here = os.getcwd()
        os.chdir(project)
        try:
            for command, shown, abridged in examples():
                if command in NOT_RUN:
                    continue
                args, given = invocation(command)
                result = runner.invoke(app, args, input=given, prog_name="factcheck", env={"COLUMNS": "120"})
                if abridged:
                    try:
                        part_of(json.loads(shown), json.loads(result.stdout))
                    except AssertionError as error:
                        print(f"abridge again by hand: {command} ({error})")
                    continue
                if lines(result.stdout) != lines(shown):
                    new = "\n".join(lines(result.stdout)) + "\n"
                    block = f"$ {command}\n{shown}"
                    assert text.count(block) == 1, command
                    text = text.replace(block, f"$ {command}\n{new}")
                    print(f"refreshed: {command}")
        finally:
            os.chdir(here)
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
