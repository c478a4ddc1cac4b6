"""Conversions between stored nanosecond integers and ISO-8601 UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

_NS = 1_000_000_000
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def ns_to_datetime(ns: int) -> datetime:
    """An aware UTC datetime (microsecond precision) from nanoseconds since the epoch."""
    seconds, rest = divmod(int(ns), _NS)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=rest // 1000)


def datetime_to_ns(value: datetime) -> int:
    """Nanoseconds since the epoch of a datetime (naive means UTC), clamped to 64 bits."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    delta = value - datetime(1970, 1, 1, tzinfo=UTC)
    ns = (delta.days * 86_400 + delta.seconds) * _NS + delta.microseconds * 1000
    return clamp_int64(ns)


def clamp_int64(value: int) -> int:
    """``value`` limited to what a BIGINT column can hold."""
    return max(INT64_MIN, min(INT64_MAX, value))


def duration_ms(start_ns: int, end_ns: int) -> float:
    """Milliseconds between two nanosecond times (never negative)."""
    return max(0, int(end_ns) - int(start_ns)) / 1_000_000


@lru_cache(maxsize=8192)
def _second_iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def ns_to_iso(ns: int) -> str:
    """ISO-8601 UTC text of nanoseconds, exactly as pydantic writes the datetime.

    A fast path for large lists (spans of one trace share few distinct seconds).
    """
    seconds, rest = divmod(int(ns), 1_000_000_000)
    micros = rest // 1000
    if seconds < 0 or seconds >= 253_402_300_800:  # outside years 1970..9999: the slow way
        return ns_to_datetime(ns).isoformat().replace("+00:00", "Z")
    return f"{_second_iso(seconds)}.{micros:06d}Z" if micros else f"{_second_iso(seconds)}Z"
