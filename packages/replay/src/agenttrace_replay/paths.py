"""Paths into a JSON state: ``plan.steps[2].title``, parsed, rendered, read and written.

A path is a sequence of keys (strings, for objects) and indices (ints, for arrays). Its text
form joins plain keys with dots and puts indices in brackets; a key that is not a plain word is
written as a quoted string in brackets (``meta["a.b"]``). ``steps.2`` is accepted for
``steps[2]``. The empty path is the whole state.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from typing import Any

Segment = str | int
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_TOKEN = re.compile(r'\.?([A-Za-z0-9_\-]+)|\[(-?\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


class PathError(ValueError):
    """A path that cannot be parsed."""


class PathNotFoundError(KeyError):
    """A path that does not exist in the state; ``path`` names it."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path

    def __str__(self) -> str:
        return f"path {self.path!r} does not exist in the state"


def parse_path(text: str) -> list[Segment]:
    """Split a path into keys and indices.

    >>> parse_path('plan.steps[2].title')
    ['plan', 'steps', 2, 'title']
    >>> parse_path('meta["a.b"]')
    ['meta', 'a.b']
    """
    text = text.strip()
    if text in ("", "$"):
        return []
    segments: list[Segment] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        dotted = text[pos] == "."
        if match is None or (dotted if pos == 0 else bool(match.group(1)) and not dotted):
            raise PathError(f"cannot parse path {text!r} at position {pos}")
        word, index, quoted = match.groups()
        if word is not None:
            segments.append(word)
        elif index is not None:
            segments.append(int(index))
        else:
            segments.append(str(json.loads(quoted)))
        pos = match.end()
    return segments


def format_path(segments: Sequence[Segment]) -> str:
    """The text form of a path.

    >>> format_path(['plan', 'steps', 2, 'title'])
    'plan.steps[2].title'
    """
    out = ""
    for seg in segments:
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif _PLAIN.match(seg):
            out += f".{seg}" if out else seg
        else:
            out += f"[{json.dumps(seg)}]"
    return out


def _step(node: Any, seg: Segment) -> tuple[bool, Any]:
    """Resolve one segment; a digit key reaches into a list."""
    if isinstance(node, dict):
        if isinstance(seg, str) and seg in node:
            return True, node[seg]
        if isinstance(seg, int) and str(seg) in node:
            return True, node[str(seg)]
        return False, None
    if isinstance(node, list):
        idx = seg if isinstance(seg, int) else int(seg) if str(seg).lstrip("-").isdigit() else None
        if idx is not None and -len(node) <= idx < len(node):
            return True, node[idx]
    return False, None


def get_path(state: Any, path: str) -> Any:
    """The value at ``path``; raises :class:`PathNotFoundError` when it is missing."""
    node = state
    for seg in parse_path(path):
        found, node = _step(node, seg)
        if not found:
            raise PathNotFoundError(path)
    return node


def has_path(state: Any, path: str) -> bool:
    """Whether ``path`` exists in ``state``."""
    try:
        get_path(state, path)
    except (PathNotFoundError, PathError):
        return False
    return True


def set_paths(state: Any, changes: dict[str, Any], *, in_place: bool = False) -> Any:
    """Apply ``{path: value}`` changes; every path must already exist.

    Returns the changed state (a deep copy unless ``in_place``).

    >>> set_paths({'a': {'b': 1}}, {'a.b': 2})
    {'a': {'b': 2}}
    """
    target = state if in_place else copy.deepcopy(state)
    for path, value in changes.items():
        segments = parse_path(path)
        if not segments:
            raise PathError("the whole state cannot be replaced; name a key")
        parent = get_path(target, format_path(segments[:-1]))
        last = segments[-1]
        if not has_path(parent, format_path([last])):
            raise PathNotFoundError(path)
        if isinstance(parent, list):
            parent[int(last)] = value
        elif isinstance(last, int) and str(last) in parent:
            parent[str(last)] = value
        else:
            parent[last] = value
    return target


def missing_paths(state: Any, paths: Sequence[str]) -> list[str]:
    """The paths of ``paths`` that do not exist in ``state`` (or cannot be parsed)."""
    return [p for p in paths if not parse_ok(p) or not has_path(state, p) or not parse_path(p)]


def parse_ok(path: str) -> bool:
    """Whether ``path`` parses."""
    try:
        parse_path(path)
    except PathError:
        return False
    return True


def parse_value(text: str) -> Any:
    """A ``--set`` value: JSON when it parses as JSON, else the text itself.

    >>> parse_value('3'), parse_value('"x"'), parse_value('hello')
    (3, 'x', 'hello')
    """
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_assignments(items: Sequence[str]) -> dict[str, Any]:
    """``["a.b=1", "c=x"]`` → ``{"a.b": 1, "c": "x"}``; raises ValueError on a missing ``=``."""
    out: dict[str, Any] = {}
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise ValueError(f"expected path=value, got {item!r}")
        out[path.strip()] = parse_value(value)
    return out
