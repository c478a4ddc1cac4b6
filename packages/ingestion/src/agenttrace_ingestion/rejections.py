"""Why spans are refused or changed at the door, counted per reason and logged at a bounded rate.

A fuzzer (or one misbehaving exporter) can send thousands of bad spans a second; each reason
is counted in ``/metrics`` and logged as one line per reason and interval, with the number of
spans it stands for, never as one traceback per span.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from agenttrace_ingestion import metrics

logger = logging.getLogger(__name__)

LOG_INTERVAL_SECONDS = 60.0
"""At most one log line per reason in this interval."""


class Reason(StrEnum):
    """Why a span was refused (the ``reason`` label of the rejection counter)."""

    INVALID_ID = "invalid_id"
    INVALID_TIME = "invalid_time"
    CANNOT_NORMALIZE = "cannot_normalize"
    INVALID_RESULT = "invalid_result"
    DATABASE = "database"
    PROJECT = "project"
    OTHER = "other"


class Adjustment(StrEnum):
    """What was changed in a stored span to store it (the ``field`` label)."""

    TOKEN_COUNT = "token_count"
    EVENT_TIME = "event_time"
    CHECKPOINT_STEP = "checkpoint_step"


@dataclass(frozen=True, slots=True)
class Adjusted:
    """A span stored with a value dropped or clamped, and which."""

    trace_id: str
    span_id: str
    what: Adjustment
    detail: str


class RateLimitedLog:
    """Logs one line per key and interval, saying how many occurrences it stands for."""

    def __init__(self, log: logging.Logger, interval: float = LOG_INTERVAL_SECONDS) -> None:
        """Log to ``log`` at most once per key every ``interval`` seconds."""
        self._log = log
        self._interval = interval
        self._last: dict[str, float] = {}
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()

    def warning(self, key: str, count: int, message: str, *args: object) -> bool:
        """Log ``message`` (as ``%``-format with ``args``) unless ``key`` was logged lately.

        Returns whether a line was written. Occurrences held back are added to the next line.
        """
        now = time.monotonic()
        with self._lock:
            held = self._pending.get(key, 0) + count
            last = self._last.get(key)
            if last is not None and now - last < self._interval:
                self._pending[key] = held
                return False
            self._last[key] = now
            self._pending[key] = 0
        self._log.warning(
            message + " (%d span(s) since the last line for this reason)", *args, held
        )
        return True


def reason_code(reason: str) -> Reason:
    """The counter label of a rejection reason text (see :class:`RejectedSpan`)."""
    for prefix, code in _PREFIXES:
        if reason.startswith(prefix):
            return code
    return Reason.OTHER


_PREFIXES = (
    ("invalid trace", Reason.INVALID_ID),
    ("invalid span", Reason.INVALID_ID),
    ("invalid parent", Reason.INVALID_ID),
    ("missing start", Reason.INVALID_TIME),
    ("timestamp", Reason.INVALID_TIME),
    ("end time", Reason.INVALID_TIME),
    ("end_time", Reason.INVALID_TIME),
    ("cannot normalize", Reason.CANNOT_NORMALIZE),
    ("invalid normalized span", Reason.INVALID_RESULT),
    ("refused by the database", Reason.DATABASE),
    ("the trace belongs to another project", Reason.PROJECT),
)


def report(
    rejected: Iterable[tuple[str, str, str]], adjusted: Iterable[Adjusted], log: RateLimitedLog
) -> None:
    """Count and (at a bounded rate, on ``log``) log the spans refused or changed.

    ``rejected`` holds ``(trace_id, span_id, reason)`` triples.
    """
    by_reason: dict[Reason, list[tuple[str, str, str]]] = {}
    for item in rejected:
        by_reason.setdefault(reason_code(item[2]), []).append(item)
    for code, items in by_reason.items():
        metrics.SPANS_REJECTED.labels(code.value).inc(len(items))
        trace_id, span_id, reason = items[0]
        log.warning(code.value, len(items), "span refused (%s), e.g. %s/%s: %s",
                     code.value, trace_id, span_id, reason)  # fmt: skip
    by_field: dict[Adjustment, list[Adjusted]] = {}
    for change in adjusted:
        by_field.setdefault(change.what, []).append(change)
    for what, changes in by_field.items():
        metrics.SPANS_ADJUSTED.labels(what.value).inc(len(changes))
        first = changes[0]
        log.warning("adjusted:" + what.value, len(changes), "span stored with %s, e.g. %s/%s: %s",
                     what.value, first.trace_id, first.span_id, first.detail)  # fmt: skip
