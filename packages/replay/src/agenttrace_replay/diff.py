"""Structured diff of two JSON states: what was added, removed or changed, and where."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from agenttrace_replay.paths import Segment, format_path

Op = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference: ``path`` in the text form of :mod:`agenttrace_replay.paths`."""

    op: Op
    path: str
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API returns."""
        return asdict(self)


def diff(before: Any, after: Any) -> list[Change]:
    """Every difference between two states, depth first, keys in order of appearance.

    Objects are compared key by key, arrays index by index (a longer array shows its extra
    items as added or removed); anything else that differs is one ``changed``.

    >>> [(c.op, c.path) for c in diff({'a': 1, 'b': [1]}, {'a': 2, 'b': [1, 2], 'c': True})]
    [('changed', 'a'), ('added', 'b[1]'), ('added', 'c')]
    """
    out: list[Change] = []
    _walk(before, after, [], out)
    return out


def _walk(a: Any, b: Any, path: list[Segment], out: list[Change]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b:
                out.append(Change("removed", format_path([*path, key]), before=a[key]))
            else:
                _walk(a[key], b[key], [*path, key], out)
        for key in b:
            if key not in a:
                out.append(Change("added", format_path([*path, key]), after=b[key]))
        return
    if isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            if i >= len(b):
                out.append(Change("removed", format_path([*path, i]), before=a[i]))
            elif i >= len(a):
                out.append(Change("added", format_path([*path, i]), after=b[i]))
            else:
                _walk(a[i], b[i], [*path, i], out)
        return
    if a != b or type(a) is not type(b):
        out.append(Change("changed", format_path(path), before=a, after=b))
