"""Per-span checks made before normalizing: a bad span is rejected, the rest is stored.

The OTLP specification asks a receiver to accept what it can and to report the rest in
``partial_success``; ids and timestamps are what a span cannot be stored without.
"""

from __future__ import annotations

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span as OtlpSpan

from agenttrace_ingestion.normalizers import RejectedSpan

_MAX_NANOS = 2**63 - 1
"""Times are stored as signed 64-bit integers."""
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
    if start > _MAX_NANOS or end > _MAX_NANOS:
        return "timestamp out of range"
    if end < start:
        return "end time before start time"
    return None


def drop_invalid_spans(request: ExportTraceServiceRequest) -> list[RejectedSpan]:
    """Remove the spans that cannot be stored from ``request``; return them with reasons."""
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
                else:
                    bad.append(index)
                    rejected.append(RejectedSpan(span.trace_id.hex(), span.span_id.hex(), problem))
            for index in reversed(bad):
                del spans[index]
    return rejected


def count_spans(request: ExportTraceServiceRequest) -> int:
    """How many spans an export request carries."""
    return sum(len(ss.spans) for rs in request.resource_spans for ss in rs.scope_spans)
