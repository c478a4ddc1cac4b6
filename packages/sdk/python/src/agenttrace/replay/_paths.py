"""State paths (``plan.steps[2].title``), the same grammar as the server's, for ``--set``."""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN = re.compile(r'\.?([A-Za-z0-9_\-]+)|\[(-?\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


class StatePathError(KeyError):
    """A path that does not exist in the state (or does not parse)."""

    def __str__(self) -> str:
        return f"path {self.args[0]!r} does not exist in the state"


def parse(path: str) -> list[str | int]:
    """Split ``a.b[0]`` into ``["a", "b", 0]``."""
    out: list[str | int] = []
    pos = 0
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if match is None:
            raise StatePathError(path)
        word, index, quoted = match.groups()
        out.append(word if word is not None else int(index) if index else json.loads(quoted))
        pos = match.end()
    if not out:
        raise StatePathError(path)
    return out


def _child(node: Any, seg: str | int, path: str) -> tuple[Any, str | int]:
    if isinstance(node, list):
        idx = int(seg)
        if not -len(node) <= idx < len(node):
            raise StatePathError(path)
        return node[idx], idx
    if isinstance(node, dict):
        key: str | int = seg if seg in node else str(seg)
        if key not in node:
            raise StatePathError(path)
        return node[key], key
    raise StatePathError(path)


def set_in_place(state: Any, changes: dict[str, Any]) -> None:
    """Apply ``{path: value}`` to ``state`` in place; every path must exist already."""
    for path, value in changes.items():
        segments = parse(path)
        node = state
        for seg in segments[:-1]:
            node, _ = _child(node, seg, path)
        _, last = _child(node, segments[-1], path)
        node[last] = value
