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
