"""The loads of the ingestion benchmark, as export requests (``scripts/bench_ingest.py``).

Two loads of multi-agent traces, 512 spans per request:

- ``bench``: this project's own (50-span runs: a supervisor, agent runs, LLM calls with token
  counts, tool calls, 3% failing; half in OpenInference, half in OTel GenAI conventions, with
  delegation messages);
- ``otlp_load``: the shared benchmark kit's generator (``scripts/ceiling/otlp_load.py``: 50-span
  traces of AGENT/CHAIN/LLM/TOOL spans with gen_ai.* and openinference.* attributes).

Each request can be sent as protobuf, gzip-compressed protobuf or OTLP/JSON.
"""

from __future__ import annotations

import gzip
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, Span

sys.path.insert(0, str(Path(__file__).resolve().parent / "ceiling"))
import otlp_load  # the shared kit's generator, copied in scripts/ceiling/

SPANS_PER_TRACE = 50
SPANS_PER_REQUEST = 512
FORMATS = {
    "protobuf": {"content-type": "application/x-protobuf"},
    "gzip": {"content-type": "application/x-protobuf", "content-encoding": "gzip"},
    "json": {"content-type": "application/json"},
}
"""Body format → the headers it is sent with."""
LOADS = ("bench", "otlp_load")


AGENTS = ["supervisor", "researcher", "coder", "reviewer", "writer"]
TOOLS = ["search_docs", "fetch_url", "run_tests", "read_file", "write_file"]
WORDS = [
    "agent",
    "plan",
    "tool",
    "call",
    "result",
    "error",
    "retry",
    "handoff",
    "context",
    "message",
    "review",
    "code",
    "test",
    "search",
    "document",
    "answer",
    "question",
    "summary",
    "model",
    "token",
    "state",
    "step",
    "budget",
    "invoice",
    "user",
]


def _text(rng: random.Random, low: int = 200, high: int = 2000) -> str:
    size = rng.randint(low, high)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


def _attr(span: Span, key: str, value: str | int | float | bool) -> None:
    kv = span.attributes.add()
    kv.key = key
    if isinstance(value, bool):
        kv.value.bool_value = value
    elif isinstance(value, int):
        kv.value.int_value = value
    elif isinstance(value, float):
        kv.value.double_value = value
    else:
        kv.value.string_value = value


def _trace(rng: random.Random, start_ns: int, openinference: bool) -> list[Span]:
    """One multi-agent run: supervisor → agents → LLM and tool calls, 50 spans."""
    trace_id = rng.randbytes(16)
    spans: list[Span] = []

    def new(name: str, parent: Span | None, offset_ms: int, duration_ms: int) -> Span:
        span = Span(
            trace_id=trace_id,
            span_id=rng.randbytes(8),
            parent_span_id=parent.span_id if parent else b"",
            name=name,
            kind=Span.SPAN_KIND_INTERNAL,
            start_time_unix_nano=start_ns + offset_ms * 1_000_000,
            end_time_unix_nano=start_ns + (offset_ms + duration_ms) * 1_000_000,
        )
        span.status.code = 1
        spans.append(span)
        return span

    root = new("invoke_agent supervisor", None, 0, 60_000)
    _attr(root, "gen_ai.operation.name", "invoke_agent")
    _attr(root, "gen_ai.agent.name", "supervisor")
    _attr(root, "gen_ai.conversation.id", f"conv-{rng.getrandbits(48):012x}")
    _attr(root, "input.value" if openinference else "gen_ai.input.messages", _text(rng))
    offset = 10
    while len(spans) < SPANS_PER_TRACE:
        agent = rng.choice(AGENTS[1:])
        run = new(f"invoke_agent {agent}", root, offset, 5_000)
        if openinference:
            _attr(run, "openinference.span.kind", "AGENT")
            _attr(run, "agent.name", agent)
            _attr(run, "graph.node.id", agent)
            _attr(run, "input.value", _text(rng))
        else:
            _attr(run, "gen_ai.operation.name", "invoke_agent")
            _attr(run, "gen_ai.agent.name", agent)
            _attr(run, "gen_ai.agent.description", f"the {agent}")
        _attr(run, "agenttrace.message.from", "supervisor")
        _attr(run, "agenttrace.message.to", agent)
        _attr(run, "agenttrace.message.kind", "delegation")
        _attr(run, "agenttrace.message.content", _text(rng, 200, 400))
        for step in range(min(rng.randint(4, 9), SPANS_PER_TRACE - len(spans))):
            at = offset + 10 + step * 400
            if step % 2 == 0:
                llm = new("chat gpt-4o-mini", run, at, 300)
                llm.kind = Span.SPAN_KIND_CLIENT
                prompt, completion = rng.randint(200, 4000), rng.randint(20, 800)
                if openinference:
                    _attr(llm, "openinference.span.kind", "LLM")
                    _attr(llm, "llm.model_name", "gpt-4o-mini")
                    _attr(llm, "llm.provider", "openai")
                    _attr(llm, "llm.token_count.prompt", prompt)
                    _attr(llm, "llm.token_count.completion", completion)
                    _attr(llm, "llm.token_count.total", prompt + completion)
                    _attr(llm, "input.value", _text(rng))
                    _attr(llm, "input.mime_type", "text/plain")
                    _attr(llm, "output.value", _text(rng))
                    _attr(llm, "llm.input_messages.0.message.role", "system")
                    _attr(llm, "llm.input_messages.0.message.content", _text(rng, 100, 300))
                    _attr(llm, "llm.output_messages.0.message.role", "assistant")
                else:
                    _attr(llm, "gen_ai.operation.name", "chat")
                    _attr(llm, "gen_ai.provider.name", "openai")
                    _attr(llm, "gen_ai.request.model", "gpt-4o-mini")
                    _attr(llm, "gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                    _attr(llm, "gen_ai.request.temperature", 0.2)
                    _attr(llm, "gen_ai.usage.input_tokens", prompt)
                    _attr(llm, "gen_ai.usage.output_tokens", completion)
                    _attr(llm, "gen_ai.input.messages", _text(rng))
                    _attr(llm, "gen_ai.output.messages", _text(rng))
                    _attr(llm, "server.address", "api.openai.com")
                    _attr(llm, "server.port", 443)
            else:
                tool_name = rng.choice(TOOLS)
                tool = new(f"execute_tool {tool_name}", run, at, 200)
                failed = rng.random() < 0.03
                if failed:
                    tool.status.code = 2
                    tool.status.message = "TimeoutError: upstream did not answer"
                if openinference:
                    _attr(tool, "openinference.span.kind", "TOOL")
                    _attr(tool, "tool.name", tool_name)
                    _attr(tool, "input.value", _text(rng, 200, 600))
                    _attr(tool, "output.value", _text(rng))
                else:
                    _attr(tool, "gen_ai.operation.name", "execute_tool")
                    _attr(tool, "gen_ai.tool.name", tool_name)
                    _attr(tool, "gen_ai.tool.call.id", f"call_{rng.getrandbits(40):010x}")
                    _attr(tool, "gen_ai.tool.call.arguments", _text(rng, 200, 600))
                    _attr(tool, "gen_ai.tool.call.result", _text(rng))
        offset += 5_000
    return spans


def _own_traces(seed: int) -> Iterator[list[Span]]:
    rng = random.Random(seed)
    start = time.time_ns() - 3_600 * 10**9
    n = 0
    while True:
        yield _trace(rng, start + n * 1_000_000, openinference=n % 2 == 0)
        n += 1


def _own_request(spans: list[Span]) -> ExportTraceServiceRequest:
    request = ExportTraceServiceRequest()
    rs: ResourceSpans = request.resource_spans.add()
    for key, value in (("service.name", "bench-agents"), ("telemetry.sdk.language", "python")):
        kv = rs.resource.attributes.add()
        kv.key, kv.value.string_value = key, value
    scope = rs.scope_spans.add()
    scope.scope.name, scope.scope.version = "bench.agents", "1.0"
    scope.spans.extend(spans)
    return request


def _kit_traces(seed: int) -> Iterator[list[Span]]:
    factory = otlp_load.TraceFactory(
        seed=seed, spans_per_trace=SPANS_PER_TRACE, base_ns=time.time_ns() - 3_600 * 10**9
    )
    while True:
        yield factory.trace()


def make_requests(load: str, count: int, seed: int) -> tuple[list[ExportTraceServiceRequest], str]:
    """``count`` requests of 512 spans of ``load``, and the id of the last trace they complete."""
    traces: Iterator[list[Span]] = _own_traces(seed) if load == "bench" else _kit_traces(seed)
    build: Callable[[list[Span]], ExportTraceServiceRequest] = (
        _own_request if load == "bench" else otlp_load.build_request
    )
    pending: list[Span] = []
    requests: list[ExportTraceServiceRequest] = []
    ends: list[tuple[str, int]] = []  # (trace id, spans generated up to its last one)
    generated = 0
    while len(requests) < count:
        while len(pending) < SPANS_PER_REQUEST:
            spans = next(traces)
            generated += len(spans)
            ends.append((spans[0].trace_id.hex(), generated))
            pending.extend(spans)
        chunk, pending = pending[:SPANS_PER_REQUEST], pending[SPANS_PER_REQUEST:]
        requests.append(build(chunk))
    sent = count * SPANS_PER_REQUEST
    return requests, [trace_id for trace_id, end in ends if end <= sent][-1]


def encode(request: ExportTraceServiceRequest, fmt: str) -> bytes:
    """The body of ``request`` in ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "json":
        return orjson.dumps(otlp_load.request_to_json(request))
    raw = request.SerializeToString()
    return gzip.compress(raw, compresslevel=6) if fmt == "gzip" else raw
