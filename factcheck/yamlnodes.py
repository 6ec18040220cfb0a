"""YAML parsed to its node tree (which keeps every line and column), with PyYAML's safe loader only."""

from __future__ import annotations

import yaml

# libyaml's parser (when PyYAML was built with it) composes the same nodes about ten times faster.
_FAST_LOADER: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document (None for an empty one), built by a safe loader.

    A plain scalar's ``style`` is None from one parser and "" from the other: test it with ``not node.style``.

    Raises ``yaml.YAMLError`` from the pure-Python safe loader, whose messages and marks are the ones documented,
    when the text is not valid YAML.
    """
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # parse again below for the pure-Python loader's message
    return yaml.compose(text, Loader=yaml.SafeLoader)
