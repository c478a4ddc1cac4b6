"""Identifier types: OpenTelemetry hex ids are kept apart from database row ids."""

from __future__ import annotations

import re
from typing import NewType

TraceId = NewType("TraceId", str)
"""A 32-character lower-case hex OpenTelemetry trace id."""

SpanId = NewType("SpanId", str)
"""A 16-character lower-case hex OpenTelemetry span id."""

RowId = NewType("RowId", str)
"""A database row id of our own (annotation, checkpoint, message, replay)."""

_TRACE_RE = re.compile(r"^[0-9a-f]{32}$")
_SPAN_RE = re.compile(r"^[0-9a-f]{16}$")


def is_trace_id(value: str) -> bool:
    """Return True for a valid, non-zero trace id.

    >>> is_trace_id("0af7651916cd43dd8448eb211c80319c")
    True
    """
    return bool(_TRACE_RE.match(value)) and value != "0" * 32


def is_span_id(value: str) -> bool:
    """Return True for a valid, non-zero span id."""
    return bool(_SPAN_RE.match(value)) and value != "0" * 16
