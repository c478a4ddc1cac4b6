"""The exporter behind the batch processor: enriches spans, sends them, never raises."""

from __future__ import annotations

import logging
import socket
import threading
import urllib.parse
from collections.abc import Callable, Sequence

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from agenttrace._internal.guard import internal_errors

logger = logging.getLogger("agenttrace")

Enricher = Callable[[Sequence[ReadableSpan]], list[ReadableSpan]]

# Loggers of the OTLP exporter that report each retry; our own warning replaces them.
_EXPORTER_LOGGERS = (
    "opentelemetry.exporter.otlp.common.http",
    "opentelemetry.exporter.otlp.proto.http.trace_exporter",
)
_exporting = threading.local()


class _OwnExportsFilter(logging.Filter):
    """Drops the OTLP exporter's retry logs while AgentTrace's exporter runs in this thread."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(_exporting, "active", False)


_FILTER = _OwnExportsFilter()
for _name in _EXPORTER_LOGGERS:
    logging.getLogger(_name).addFilter(_FILTER)


def _reachable(url: str, timeout: float = 0.5) -> bool:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "localhost", port), timeout=timeout):
            return True
    except OSError:
        return False


class SafeExporter(SpanExporter):
    """Wraps the OTLP exporter: adds AgentTrace attributes, reports a down server once.

    ``export`` returns a result whatever happens; a failure is logged once until an export
    succeeds again, so a missing server costs the user's program one line of log.
    """

    def __init__(self, inner: SpanExporter, *, endpoint: str, enrich: Enricher) -> None:
        self._inner = inner
        self._endpoint = endpoint
        self._enrich = enrich
        self._failing = False
        self._lock = threading.Lock()
        self.exported = 0
        self.failed = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        """Send ``spans``; a failure is returned (and logged once), never raised."""
        batch: Sequence[ReadableSpan] = spans
        with internal_errors("enriching spans"):
            batch = self._enrich(spans)
        _exporting.active = True
        try:
            # Once the server is known to be down, a quick connect check spares the program
            # the exporter's retries (which would otherwise hold up the flush at exit).
            if self._failing and not _reachable(self._endpoint):
                result = SpanExportResult.FAILURE
            else:
                result = self._inner.export(batch)
        except Exception as exc:
            result = SpanExportResult.FAILURE
            logger.debug("AgentTrace exporter raised", exc_info=exc)
        finally:
            _exporting.active = False
        with self._lock:
            if result is SpanExportResult.SUCCESS:
                self.exported += len(batch)
                if self._failing:
                    logger.warning("AgentTrace: %s is reachable again", self._endpoint)
                self._failing = False
            else:
                self.failed += len(batch)
                if not self._failing:
                    logger.warning(
                        "AgentTrace: could not send %d spans to %s (is `agenttrace serve` "
                        "running?); your program keeps running and these spans are dropped",
                        len(batch),
                        self._endpoint,
                    )
                self._failing = True
        return result

    def shutdown(self) -> None:
        """Shut the wrapped exporter down."""
        try:
            self._inner.shutdown()
        except Exception as exc:
            logger.debug("AgentTrace exporter shutdown failed", exc_info=exc)

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Nothing is buffered here."""
        return True
