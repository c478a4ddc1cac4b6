"""Normalizers: OTLP spans → AgentTrace records (spans, agents, messages, checkpoints).

PLACEHOLDER from the foundation: a minimal generic conversion with the final signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

from agenttrace_core.enums import SpanStatus
from agenttrace_core.ids import SpanId, TraceId
from agenttrace_core.models import NormalizedBatch, Span


@dataclass
class RejectedSpan:
    """A span that could not be stored, and why."""

    trace_id: str
    span_id: str
    reason: str


@dataclass
class NormalizeResult:
    """What one export request yields."""

    batch: NormalizedBatch
    rejected: list[RejectedSpan] = field(default_factory=list)


def _value(v: AnyValue) -> object:
    kind = v.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [_value(x) for x in v.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: _value(kv.value) for kv in v.kvlist_value.values}
    if kind == "bytes_value":
        return v.bytes_value.hex()
    return getattr(v, kind)


def normalize_request(
    request: ExportTraceServiceRequest, *, project: str | None = None
) -> NormalizeResult:
    """Normalize every span of a decoded export request.

    ``project`` (from an API key) overrides the project named by the resource
    (``agenttrace.project``, else ``service.name``, else ``default``).
    """
    batch = NormalizedBatch()
    rejected: list[RejectedSpan] = []
    statuses = {0: SpanStatus.UNSET, 1: SpanStatus.OK, 2: SpanStatus.ERROR}
    for rs in request.resource_spans:
        resource = {kv.key: _value(kv.value) for kv in rs.resource.attributes}
        proj = project or str(
            resource.get("agenttrace.project") or resource.get("service.name") or "default"
        )
        for ss in rs.scope_spans:
            for sp in ss.spans:
                trace_id, span_id = sp.trace_id.hex(), sp.span_id.hex()
                if len(trace_id) != 32 or len(span_id) != 16:
                    rejected.append(RejectedSpan(trace_id, span_id, "invalid trace or span id"))
                    continue
                batch.spans.append(
                    Span(
                        trace_id=TraceId(trace_id),
                        span_id=SpanId(span_id),
                        parent_span_id=SpanId(sp.parent_span_id.hex()) if sp.parent_span_id else None,
                        project=proj,
                        name=sp.name,
                        start_time=sp.start_time_unix_nano,
                        end_time=sp.end_time_unix_nano,
                        status=statuses.get(sp.status.code, SpanStatus.UNSET),
                        status_message=sp.status.message or None,
                        attributes={kv.key: _value(kv.value) for kv in sp.attributes},
                        resource=resource,
                        scope_name=ss.scope.name or None,
                        scope_version=ss.scope.version or None,
                    )
                )
    return NormalizeResult(batch, rejected)
