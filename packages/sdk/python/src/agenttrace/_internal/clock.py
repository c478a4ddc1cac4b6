"""Where span times come from (real time, unless a simulation such as the demo swaps it)."""

from __future__ import annotations

import time
from collections.abc import Callable

_now: Callable[[], int] = time.time_ns


def now_ns() -> int:
    """Nanoseconds since the epoch, from the active clock."""
    return _now()


def use_clock(clock: Callable[[], int] | None) -> None:
    """Take span times from ``clock`` (``None`` restores real time)."""
    global _now
    _now = clock if clock is not None else time.time_ns
