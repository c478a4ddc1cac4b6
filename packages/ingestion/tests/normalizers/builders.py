"""Test helper: build small OTLP export requests span by span (``span(...)``, ``request(...)``)."""

from __future__ import annotations

from typing import Any

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status

TRACE = "0af7651916cd43dd8448eb211c80319c"
T0 = 1_800_000_000_000_000_000


def sid(n: int) -> str:
    """A readable fixed span id: ``sid(1) == "0000000000000001"``."""
    return f"{n:016x}"


def any_value(value: Any) -> AnyValue:
    """Encode a Python value as an OTLP AnyValue."""
    if isinstance(value, bool):
        return AnyValue(bool_value=value)
    if isinstance(value, int):
        return AnyValue(int_value=value)
    if isinstance(value, float):
        return AnyValue(double_value=value)
    if isinstance(value, list):
        out = AnyValue()
        out.array_value.values.extend(any_value(v) for v in value)
        return out
    return AnyValue(string_value=str(value))


def kvs(attrs: dict[str, Any]) -> list[KeyValue]:
    """Encode a dict as OTLP attributes."""
    return [KeyValue(key=k, value=any_value(v)) for k, v in attrs.items()]


def span(
    name: str,
    n: int,
    parent: int | None = None,
    *,
    attrs: dict[str, Any] | None = None,
    start: int = 0,
    end: int = 10,
    trace: str = TRACE,
    status: int = 0,
    events: list[tuple[str, dict[str, Any]]] | None = None,
    links: list[tuple[str, str]] | None = None,
) -> Span:
    """One span; times are offsets in ms from a fixed epoch."""
    sp = Span(
        trace_id=bytes.fromhex(trace),
        span_id=bytes.fromhex(sid(n)),
        parent_span_id=bytes.fromhex(sid(parent)) if parent is not None else b"",
        name=name,
        kind=Span.SPAN_KIND_INTERNAL,
        start_time_unix_nano=T0 + start * 1_000_000,
        end_time_unix_nano=T0 + end * 1_000_000,
        status=Status(code=Status.StatusCode.ValueType(status)),
    )
    sp.attributes.extend(kvs(attrs or {}))
    for i, (event_name, event_attrs) in enumerate(events or []):
        event = sp.events.add(name=event_name, time_unix_nano=T0 + (start + i) * 1_000_000)
        event.attributes.extend(kvs(event_attrs))
    for link_trace, link_span in links or []:
        sp.links.add(trace_id=bytes.fromhex(link_trace), span_id=bytes.fromhex(link_span))
    return sp


def request(
    *spans: Span, scope: str = "app", version: str = "", resource: dict[str, Any] | None = None
) -> ExportTraceServiceRequest:
    """A request with one resource and one scope holding ``spans``."""
    rs = ResourceSpans()
    rs.resource.attributes.extend(kvs({"service.name": "svc"} if resource is None else resource))
    ss = ScopeSpans()
    ss.scope.name, ss.scope.version = scope, version
    ss.spans.extend(spans)
    rs.scope_spans.append(ss)
    return ExportTraceServiceRequest(resource_spans=[rs])


def flow(result: Any) -> list[tuple[str | None, str | None, str]]:
    """The messages of a result as (from, to, kind), in trace/seq order."""
    messages = sorted(result.batch.messages, key=lambda m: (m.timestamp, m.seq))
    return [(m.from_agent, m.to_agent, m.kind.value) for m in messages]


def agents_of(result: Any) -> list[str]:
    """Sorted distinct agent names of a result."""
    return sorted({a.name for a in result.batch.agents})
