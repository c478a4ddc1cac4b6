"""Compact text for a model to read: short values, bounded pages, one fact a line."""

from __future__ import annotations

import json
from typing import Any

MAX_OUTPUT = 12_000
"""No tool answer is longer than this many characters (the rest is cut with a note)."""
PAGE = 4_000
"""Default size of one page of a span's payload or a checkpoint's state."""
MAX_PAGE = 20_000


def short(value: Any, limit: int = 160) -> str:
    """``value`` on one line, at most ``limit`` characters (``…`` where it was cut)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(iso: str | None) -> str:
    """An ISO timestamp as ``YYYY-MM-DD HH:MM:SS`` (UTC), or ``?``."""
    return iso[:19].replace("T", " ") if iso else "?"


def ms(value: float | None) -> str:
    """A duration in milliseconds, rounded."""
    if value is None:
        return "?"
    return f"{value / 1000:.1f} s" if value >= 10_000 else f"{value:.0f} ms"


def page(text: str, offset: int, limit: int, *, again: str) -> str:
    """Characters ``offset``..``offset+limit`` of ``text``, saying how to read the next page.

    Args:
        text: The whole text.
        offset: Where the page starts.
        limit: How many characters at most.
        again: The call to make for the next page, with ``{offset}`` in it.
    """
    total = len(text)
    if offset >= total and total:
        return f"(offset {offset} is past the end: {total} characters in all)"
    chunk = text[offset : offset + limit]
    end = offset + len(chunk)
    if offset == 0 and end == total:
        return chunk
    head = f"[characters {offset} to {end} of {total}"
    more = f"; next page: {again.format(offset=end)}]" if end < total else "; the end]"
    return f"{head}{more}\n{chunk}"


def bound(text: str, limit: int = MAX_OUTPUT) -> str:
    """``text`` cut to ``limit`` characters with a note saying so."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… (cut at {limit} of {len(text)} characters; narrow the request)"


def pretty(value: Any) -> str:
    """A payload as readable text: JSON strings are decoded and indented."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return str(value)
        if isinstance(value, str):
            return value
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)
