"""Hypothesis strategies for OTLP export bodies, well-formed and broken.

A body starts as a plausible export request (ids shared between spans so that traces, parents
and links connect; the attribute keys the normalizers read, with values of every kind and
range) and is then damaged or not: bit flips, truncation, inserted bytes, bad UTF-8; for JSON
also values of the wrong type, deep nesting and huge or negative numbers.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from google.protobuf.json_format import MessageToDict
from hypothesis import strategies as st
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue

BASE_NS = 1_764_000_000_000_000_000

KEYS = (
    "service.name",
    "agenttrace.project",
    "agenttrace.agent.name",
    "agenttrace.agent.role",
    "agenttrace.agent.model",
    "agenttrace.span.type",
    "agenttrace.message.to",
    "agenttrace.message.from",
    "agenttrace.message.kind",
    "agenttrace.message.content",
    "agenttrace.checkpoint.id",
    "agenttrace.checkpoint.state",
    "agenttrace.checkpoint.step",
    "agenttrace.checkpoint.parent_id",
    "agent.name",
    "session.id",
    "gen_ai.conversation.id",
    "gen_ai.operation.name",
    "gen_ai.agent.name",
    "gen_ai.system",
    "gen_ai.request.model",
    "gen_ai.usage.input_tokens",
    "gen_ai.usage.output_tokens",
    "gen_ai.usage.total_tokens",
    "gen_ai.handoff.to_agent",
    "gen_ai.handoff.from_agent",
    "gen_ai.tool.name",
    "gen_ai.input.messages",
    "llm.token_count.prompt",
    "llm.token_count.completion",
    "llm.token_count.total",
    "llm.input_messages",
    "llm.model_name",
    "openinference.span.kind",
    "input.value",
    "output.value",
    "graph.node.id",
    "graph.node.parent_id",
    "langgraph_node",
    "langgraph_step",
    "langgraph_checkpoint_ns",
)
WORDS = ("agent", "llm", "tool", "handoff", "chat", "AGENT", "planner", "*", "", "coder", "null")
INT64 = (-(2**63), 2**63 - 1)

_ids_trace = st.sampled_from([bytes([i]) * 16 for i in range(1, 13)])
_ids_span = st.sampled_from([bytes([0, 0, 0, 0, 0, 0, 0, i]) for i in range(1, 9)])
trace_ids = st.one_of(_ids_trace, _ids_trace, st.just(bytes(16)), st.binary(max_size=20))
span_ids = st.one_of(_ids_span, _ids_span, st.just(bytes(8)), st.binary(max_size=10))
times = st.one_of(
    st.integers(BASE_NS, BASE_NS + 10**12),
    st.integers(BASE_NS, BASE_NS + 10**12),
    st.sampled_from([0, 1, 2**62, 2**63 - 10**6, 2**63 - 1, 2**63, 2**64 - 1, 10**18]),
    st.integers(0, 2**64 - 1),
)
ints = st.one_of(
    st.integers(-5, 10**6),
    st.sampled_from([-1, -(2**63), 2**63 - 1, 2**53 + 1, 2**62]),
    st.integers(*INT64),
)
texts = st.one_of(st.sampled_from(WORDS), st.text(max_size=40))


def _json_texts() -> st.SearchStrategy[str]:
    leaf = st.one_of(st.none(), st.booleans(), ints, st.floats(allow_nan=False), texts)
    tree = st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)
        ),
        max_leaves=8,
    )
    return tree.map(lambda v: json.dumps(v, ensure_ascii=False))


def _scalar_values() -> st.SearchStrategy[AnyValue]:
    return st.one_of(
        texts.map(lambda v: AnyValue(string_value=v)),
        _json_texts().map(lambda v: AnyValue(string_value=v)),
        ints.map(lambda v: AnyValue(int_value=v)),
        st.floats().map(lambda v: AnyValue(double_value=v)),
        st.booleans().map(lambda v: AnyValue(bool_value=v)),
        st.binary(max_size=8).map(lambda v: AnyValue(bytes_value=v)),
        st.just(AnyValue()),
    )


def _nest(values: list[AnyValue], kv: bool) -> AnyValue:
    out = AnyValue()
    if kv:
        out.kvlist_value.values.extend(KeyValue(key=f"k{i}", value=v) for i, v in enumerate(values))
    else:
        out.array_value.values.extend(values)
    return out


any_values = st.recursive(
    _scalar_values(),
    lambda inner: st.builds(_nest, st.lists(inner, max_size=3), st.booleans()),
    max_leaves=6,
)
attributes = st.lists(
    st.tuples(st.one_of(st.sampled_from(KEYS), st.sampled_from(KEYS), texts), any_values),
    max_size=8,
)


@st.composite
def export_requests(draw: st.DrawFn) -> ExportTraceServiceRequest:
    """A plausible export request: 1-2 resources, a few spans with events and links."""
    request = ExportTraceServiceRequest()
    for _ in range(draw(st.integers(1, 2))):
        rs = request.resource_spans.add()
        for key, value in draw(attributes):
            rs.resource.attributes.add(key=key, value=value)
        ss = rs.scope_spans.add()
        ss.scope.name = draw(
            st.sampled_from(["", "openinference.instrumentation.langchain", "agenttrace", "x"])
        )
        for _ in range(draw(st.integers(0, 4))):
            span = ss.spans.add()
            span.trace_id, span.span_id = draw(trace_ids), draw(span_ids)
            if draw(st.booleans()):
                span.parent_span_id = draw(span_ids)
            span.name = draw(texts)
            span.kind = draw(st.integers(0, 7))
            start = draw(times)
            span.start_time_unix_nano = start
            span.end_time_unix_nano = draw(
                st.one_of(times, st.just(min(start + 1000, 2**64 - 1)), st.just(start))
            )
            span.status.code = draw(st.integers(0, 4))
            span.status.message = draw(texts)
            span.dropped_attributes_count = draw(st.integers(0, 2**32 - 1))
            for key, value in draw(attributes):
                span.attributes.add(key=key, value=value)
            for _ in range(draw(st.integers(0, 2))):
                event = span.events.add()
                event.name = draw(
                    st.sampled_from(["agenttrace.message", "agenttrace.checkpoint", "exception"])
                )
                event.time_unix_nano = draw(times)
                for key, value in draw(attributes):
                    event.attributes.add(key=key, value=value)
            for _ in range(draw(st.integers(0, 2))):
                link = span.links.add()
                link.trace_id, link.span_id = draw(trace_ids), draw(span_ids)
    return request


@st.composite
def damaged(draw: st.DrawFn, body: bytes) -> bytes:
    """``body`` as is, bit-flipped, truncated, with bytes inserted, or bad UTF-8 spliced in."""
    how = draw(st.sampled_from(["as is", "as is", "flip", "truncate", "insert", "utf8"]))
    data = bytearray(body)
    if not data or how == "as is":
        return body
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
    elif how == "truncate":
        del data[draw(st.integers(0, len(data) - 1)) :]
    elif how == "insert":
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=16))
    else:
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]))
    return bytes(data)


def to_otlp_json(request: ExportTraceServiceRequest) -> dict[str, Any]:
    """The OTLP/JSON form of ``request`` (hex ids, as exporters send it)."""
    data = MessageToDict(request)
    for rs in data.get("resourceSpans", []):
        for ss in rs.get("scopeSpans", []):
            for span in ss.get("spans", []):
                _hex(span, ("traceId", "spanId", "parentSpanId"))
                for link in span.get("links", []):
                    _hex(link, ("traceId", "spanId"))
    return data


def _hex(obj: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in obj:
            obj[key] = base64.b64decode(obj[key]).hex()


_WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([-1, 10**30, -(10**30), 1e308, -0.0, 2**64, "NaN", "-1", "1e400", "zz"]),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if len(prefix) > 12:
        return out
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out.extend(_paths(child, (*prefix, i)))
    return out


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = root
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return root


@st.composite
def json_bodies(draw: st.DrawFn) -> bytes:
    """An OTLP/JSON body, perhaps with wrong types, deep nesting, odd numbers or bad bytes."""
    data: Any = to_otlp_json(draw(export_requests()))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(data)))
        how = draw(st.sampled_from(["wrong", "deep", "drop"]))
        if how == "wrong":
            data = _set(data, path, draw(_WRONG))
        elif how == "deep":
            data = _set(data, path, f"__deep_{draw(st.sampled_from([50, 200, 5000]))}__")
        elif path:
            parent = data
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
    text = json.dumps(data, ensure_ascii=False, allow_nan=True)
    for depth in (50, 200, 5000):
        text = text.replace(f'"__deep_{depth}__"', _deep(depth))
    if len(text) > 200_000:  # deep nesting of deep nesting: keep bodies small
        text = text[:200_000]
    return draw(damaged(text.encode("utf-8", "surrogatepass")))


def _deep(depth: int) -> str:
    """JSON text nested ``depth`` levels (objects and arrays in turn)."""
    return '{"values": [' * (depth // 2) + '{"v": 1}' + "]}" * (depth // 2)


@st.composite
def protobuf_bodies(draw: st.DrawFn) -> bytes:
    """A protobuf body, perhaps damaged."""
    return draw(damaged(draw(export_requests()).SerializeToString()))
