"""Suite-wide settings: Hypothesis explores at random on developers' machines and replays fixed examples in CI.

A property test that fails by chance in CI would block a landing for a bug nobody introduced; developers' runs keep
finding new examples (as the reflowed-quote and round-trip tests did), and what they find becomes a fixed test.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# pytest-xdist's workers set COLUMNS and LINES to 80x24; the CLI reads them as the user's terminal size. Tests see
# what a plain pipe sees, as they do without workers (a test that wants a width sets COLUMNS itself).
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)
