"""YAML parsed to its node tree (which keeps every line and column), with PyYAML's safe loader only."""

from __future__ import annotations

import yaml

# libyaml's parser (when PyYAML was built with it) composes the same nodes about ten times faster.
_FAST_LOADER: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)

MAX_DEPTH = 100
"""How deeply lists and mappings may nest (aliases counted as what they stand for)."""

MAX_EXPANDED_CHARS = 50_000_000
"""How many characters the scalars of a YAML text may hold once every alias is expanded (keys included)."""


class YAMLLimitError(yaml.MarkedYAMLError):
    """Valid YAML that passes one of our limits (nesting depth, expanded size, an alias inside its own anchor).

    Raised before the node tree is composed (PyYAML's composers recurse once per level). ``problem_mark`` is where
    the limit was passed; ``hint`` says how to fix it.
    """

    def __init__(self, problem: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


def compose(text: str) -> yaml.Node | None:
    """The node tree of a YAML document (None for an empty one), built by a safe loader.

    A plain scalar's ``style`` is None from one parser and "" from the other: test it with ``not node.style``.

    Raises ``YAMLLimitError`` when the text nests deeper than ``MAX_DEPTH`` or expands (aliases) to more than
    ``MAX_EXPANDED_CHARS``, and ``yaml.YAMLError`` from the pure-Python safe loader, whose messages and marks are the
    ones documented, when the text is not valid YAML.
    """
    check_limits(text)
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # parse again below for the pure-Python loader's message
    return yaml.compose(text, Loader=yaml.SafeLoader)


def check_limits(text: str, max_depth: int = MAX_DEPTH, max_chars: int = MAX_EXPANDED_CHARS) -> None:
    """Raise ``YAMLLimitError`` at the first place where ``text`` nests too deep or expands too much.

    A single pass over the parser's events (the parsers keep their own stack, so nothing here recurses): each open
    list or mapping keeps the expanded size and height of what it holds so far, each anchor the size and height of
    its node, so an alias costs what it stands for without being expanded. A syntax error ends the scan quietly: the
    composer reports it with its own message, and it cannot pass a limit before the place the scan reached.
    """
    loader = _FAST_LOADER or yaml.SafeLoader
    depth = 0
    total = 0
    frames: list[list[int]] = [[0, 0]]  # per open collection: expanded size, height of its tallest child
    open_anchors: list[str | None] = []
    anchors: dict[str, tuple[int, int]] = {}  # anchor: (expanded size, height)
    events = yaml.parse(text, Loader=loader)
    try:
        for event in events:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    raise _too_deep(_where(event), max_depth)
                frames.append([0, 0])
                open_anchors.append(event.anchor)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                size, height = frames.pop()
                anchor = open_anchors.pop()
                if anchor is not None:
                    anchors[anchor] = (size, height + 1)
                size_height = (size, height + 1)
            elif isinstance(event, yaml.ScalarEvent):
                size_height = (len(event.value), 0)
                total += size_height[0]
                if event.anchor is not None:
                    anchors[event.anchor] = size_height
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    raise YAMLLimitError(
                        f"the alias *{event.anchor} stands inside the node it names: it never ends when expanded",
                        _where(event),
                        f"point *{event.anchor} at a node that does not contain it, or write the value out",
                    )
                size_height = anchors.get(str(event.anchor), (0, 0))
                total += size_height[0]
                if depth + size_height[1] > max_depth:
                    raise _too_deep(_where(event), max_depth, event.anchor)
            else:
                continue
            frame = frames[-1]
            frame[0] += size_height[0]
            frame[1] = max(frame[1], size_height[1])
            if total > max_chars:
                raise YAMLLimitError(
                    f"the text expands to more than {max_chars:,} characters once its aliases (*name) are expanded",
                    _where(event),
                    "write each text out once; an alias repeats all the text of its anchor (&name)",
                )
    except YAMLLimitError:
        raise
    except yaml.YAMLError:
        return


def _where(event: yaml.Event) -> yaml.Mark:
    """Where an event starts, as a mark of the pure-Python loader (libyaml's marks are of another class)."""
    mark = event.start_mark
    if mark is None:
        return yaml.Mark("<yaml>", 0, 0, 0, None, 0)
    return yaml.Mark("<yaml>", mark.index, mark.line, mark.column, None, 0)


def _too_deep(mark: yaml.Mark, max_depth: int, alias: str | None = None) -> YAMLLimitError:
    what = f"the alias *{alias} nests" if alias else "lists and mappings nest"
    return YAMLLimitError(
        f"{what} more than {max_depth} levels deep here",
        mark,
        f"no input of factcheck needs more than a few levels; flatten it to at most {max_depth}",
    )
