"""Per-span checks made before normalizing: a bad span is rejected, the rest is stored.

The OTLP specification asks a receiver to accept what it can and to report the rest in
``partial_success``; ids and timestamps are what a span cannot be stored without.
"""

from __future__ import annotations

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span as OtlpSpan

from agenttrace_ingestion.normalizers import RejectedSpan
from agenttrace_ingestion.rejections import Adjusted, Adjustment

MAX_NANOS = 7_258_118_400 * 10**9
"""The latest time stored: 2200-01-01. Times are signed 64-bit integers (the limit is in 2262);
readers add windows to them (an hour for linked traces) and must not overflow."""
_ZERO_TRACE = bytes(16)
_ZERO_SPAN = bytes(8)


def span_problem(span: OtlpSpan) -> str | None:
    """Why ``span`` cannot be stored, or None when it can."""
    trace_id, span_id, parent = span.trace_id, span.span_id, span.parent_span_id
    if len(trace_id) != 16 or trace_id == _ZERO_TRACE:
        return "invalid trace id: 16 non-zero bytes (32 hex characters) expected"
    if len(span_id) != 8 or span_id == _ZERO_SPAN:
        return "invalid span id: 8 non-zero bytes (16 hex characters) expected"
    if parent and len(parent) != 8:
        return "invalid parent span id: 8 bytes (16 hex characters) expected"
    start, end = span.start_time_unix_nano, span.end_time_unix_nano
    if start == 0 or end == 0:
        return "missing start or end time"
    if start > MAX_NANOS or end > MAX_NANOS:
        return "timestamp out of range (after the year 2200)"
    if end < start:
        return "end time before start time"
    return None


def drop_invalid_spans(
    request: ExportTraceServiceRequest, adjusted: list[Adjusted] | None = None
) -> list[RejectedSpan]:
    """Remove the spans that cannot be stored from ``request``; return them with reasons.

    Event times out of range are cleared (the event then takes the span's time) and noted
    in ``adjusted``.
    """
    rejected: list[RejectedSpan] = []
    for resource_spans in request.resource_spans:
        for scope_spans in resource_spans.scope_spans:
            spans = scope_spans.spans
            bad: list[int] = []
            for index, span in enumerate(spans):
                problem = span_problem(span)
                if problem is None:
                    if span.parent_span_id == _ZERO_SPAN:  # some exporters mark roots so
                        span.parent_span_id = b""
                    if span.events and adjusted is not None:
                        _clamp_events(span, adjusted)
                else:
                    bad.append(index)
                    rejected.append(RejectedSpan(span.trace_id.hex(), span.span_id.hex(), problem))
            for index in reversed(bad):
                del spans[index]
    return rejected


def _clamp_events(span: OtlpSpan, adjusted: list[Adjusted]) -> None:
    for event in span.events:
        if event.time_unix_nano > MAX_NANOS:
            adjusted.append(
                Adjusted(
                    span.trace_id.hex(),
                    span.span_id.hex(),
                    Adjustment.EVENT_TIME,
                    f"event {event.name[:40]!r}: time out of range, the span's time used",
                )
            )
            event.time_unix_nano = 0


def count_spans(request: ExportTraceServiceRequest) -> int:
    """How many spans an export request carries."""
    return sum(len(ss.spans) for rs in request.resource_spans for ss in rs.scope_spans)
