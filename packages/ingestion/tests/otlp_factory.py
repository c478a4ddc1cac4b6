"""Builders of OTLP export requests and the trace summaries they must produce."""

from __future__ import annotations

from dataclasses import dataclass

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

BASE_NS = 1_764_000_000_000_000_000


@dataclass
class SpanSpec:
    """One span to send; ids are hex, times nanoseconds."""

    trace_id: str
    span_id: str
    parent: str | None = None
    name: str = "op"
    start: int = BASE_NS
    end: int = BASE_NS + 1_000_000
    error: bool = False
    input_tokens: int = 0
    output_tokens: int = 0
    attributes: dict[str, str | int] | None = None


def build_request(specs: list[SpanSpec], *, service: str = "svc") -> ExportTraceServiceRequest:
    """An OTLP export request holding ``specs`` (one resource, one scope)."""
    request = ExportTraceServiceRequest()
    resource_spans = request.resource_spans.add()
    kv = resource_spans.resource.attributes.add()
    kv.key, kv.value.string_value = "service.name", service
    scope = resource_spans.scope_spans.add()
    scope.scope.name = "agenttrace.tests"
    for spec in specs:
        span = scope.spans.add()
        span.trace_id = bytes.fromhex(spec.trace_id)
        span.span_id = bytes.fromhex(spec.span_id)
        if spec.parent:
            span.parent_span_id = bytes.fromhex(spec.parent)
        span.name = spec.name
        span.start_time_unix_nano, span.end_time_unix_nano = spec.start, spec.end
        span.status.code = 2 if spec.error else 1
        attributes: dict[str, str | int] = dict(spec.attributes or {})
        if spec.input_tokens or spec.output_tokens:
            attributes["gen_ai.operation.name"] = "chat"
            attributes["gen_ai.usage.input_tokens"] = spec.input_tokens
            attributes["gen_ai.usage.output_tokens"] = spec.output_tokens
        for key, value in attributes.items():
            kv = span.attributes.add()
            kv.key = key
            if isinstance(value, int):
                kv.value.int_value = value
            else:
                kv.value.string_value = value
    return request


def make_traces(count: int, spans_per_trace: int, *, seed: int = 0) -> list[list[SpanSpec]]:
    """``count`` traces: a root, agents under it, and LLM/tool spans under the agents."""
    traces = []
    for t in range(count):
        trace_id = f"{seed + 1:08x}{t + 1:024x}"
        root = SpanSpec(trace_id, f"{t + 1:08x}{1:08x}", None, f"run {t}", BASE_NS + t,
                        BASE_NS + t + 10_000_000, attributes={"session.id": f"s-{t}"})  # fmt: skip
        specs = [root]
        for i in range(1, spans_per_trace):
            parent = specs[0].span_id if i % 5 == 1 else specs[i - (i - 1) % 5 - 1].span_id
            specs.append(
                SpanSpec(
                    trace_id,
                    f"{t + 1:08x}{i + 1:08x}",
                    parent,
                    f"step {i}",
                    BASE_NS + t + i * 1000,
                    BASE_NS + t + i * 1000 + 500,
                    error=(t % 7 == 0 and i == spans_per_trace - 1),
                    input_tokens=i % 3 and 10 + i,
                    output_tokens=i % 3 and i,
                )
            )
        traces.append(specs)
    return traces


def expected_summary(specs: list[SpanSpec]) -> dict[str, object]:
    """The ``traces`` row a complete trace must end with."""
    errors = sum(s.error for s in specs)
    root = next(s for s in specs if s.parent is None)
    return {
        "trace_id": root.trace_id,
        "name": root.name,
        "root_span_id": root.span_id,
        "status": "error" if errors else "ok",
        "start_time": min(s.start for s in specs),
        "end_time": max(s.end for s in specs),
        "span_count": len(specs),
        "error_count": errors,
        "input_tokens": sum(s.input_tokens for s in specs),
        "output_tokens": sum(s.output_tokens for s in specs),
        "total_tokens": sum(s.input_tokens + s.output_tokens for s in specs),
        "session_id": (root.attributes or {}).get("session.id"),
    }


SUMMARY_COLUMNS = (
    "trace_id, name, root_span_id, status, start_time, end_time, span_count, error_count, "
    "input_tokens, output_tokens, total_tokens, session_id"
)
