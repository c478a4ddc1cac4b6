"""Conversions between stored nanosecond integers and ISO-8601 UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

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
