"""Build small multi-agent runs with the real OpenTelemetry SDK, using AgentTrace's own keys.

Times come from a fixed clock (1 ms a step) so that the order of turns is exact.

>>> run = Run()
>>> with run.agent("planner", output="Plan: …"):
...     run.tool("search", '{"q": "x"}', result="…")
>>> body = run.body()  # an OTLP/protobuf export request, as the SDK's exporter sends it
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Span, Status, StatusCode

T0 = 1_800_000_000_000_000_000
STEP = 1_000_000


class Run:
    """One run being recorded."""

    def __init__(self, project: str = "analysis-tests") -> None:
        self.exporter = InMemorySpanExporter()
        self.provider = TracerProvider(resource=Resource.create({"service.name": project}))
        self.provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.tracer = self.provider.get_tracer("agenttrace.tests")
        self.now = T0
        self.names: dict[str, str] = {}

    def tick(self) -> int:
        """The next instant of the run's clock."""
        self.now += STEP
        return self.now

    @contextmanager
    def span(
        self,
        name: str,
        span_type: str,
        *,
        agent: str | None = None,
        input: str | None = None,
        output: str | None = None,
        error: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Iterator[Span]:
        """A span of ``span_type``; ``error`` makes it an error span with an exception event."""
        values: dict[str, Any] = {"agenttrace.span.type": span_type, **(attrs or {})}
        if agent:
            values["agenttrace.agent.name"] = agent
        if input is not None:
            values["input.value"] = input
        sp = self.tracer.start_span(name, start_time=self.tick(), attributes=values)
        with trace.use_span(sp, end_on_exit=False):
            yield sp
        if output is not None:
            sp.set_attribute("output.value", output)
        if error is not None:
            sp.add_event(
                "exception",
                {"exception.type": "RuntimeError", "exception.message": error},
                timestamp=self.tick(),
            )
            sp.set_status(Status(StatusCode.ERROR, error))
        sp.end(end_time=self.tick())
        self.names[format(sp.get_span_context().span_id, "016x")] = name

    @contextmanager
    def joining(self, trace_id: str, span_id: int = 0x1234) -> Iterator[None]:
        """Record what follows into an existing trace (as a late, remote child)."""
        context = trace.SpanContext(
            int(trace_id, 16), span_id, is_remote=True, trace_flags=trace.TraceFlags(1)
        )
        with trace.use_span(trace.NonRecordingSpan(context)):
            yield

    def agent(self, name: str, **kwargs: Any) -> Any:
        """An agent span (a turn of agent ``name``)."""
        return self.span(name, "agent", agent=name, **kwargs)

    def tool(
        self, name: str, args: str, result: str | None = None, error: str | None = None
    ) -> None:
        """A tool call inside the current span."""
        with self.span(
            f"tool {name}",
            "tool",
            attrs={"tool.name": name},
            input=args,
            output=result,
            error=error,
        ):
            pass

    def llm(self, output: str, messages: list[dict[str, str]] | None = None) -> None:
        """A model call inside the current span (``messages``: its input history)."""
        attrs: dict[str, Any] = {}
        if messages is not None:
            attrs["gen_ai.input.messages"] = json.dumps(messages)
        with self.span("chat model", "llm", attrs=attrs, output=output):
            pass

    def message(self, frm: str | None, to: str | None, content: str, kind: str = "message") -> None:
        """An ``agenttrace.message`` event on the current span."""
        attrs = {"agenttrace.message.kind": kind, "agenttrace.message.content": content}
        if frm:
            attrs["agenttrace.message.from"] = frm
        if to:
            attrs["agenttrace.message.to"] = to
        trace.get_current_span().add_event("agenttrace.message", attrs, timestamp=self.tick())

    def body(self) -> bytes:
        """The finished spans as one OTLP/protobuf export request body."""
        return encode_spans(self.exporter.get_finished_spans()).SerializeToString()

    @property
    def trace_id(self) -> str:
        """The trace id of the run (all its spans share it)."""
        spans = self.exporter.get_finished_spans()
        assert spans, "no span finished yet"
        return format(spans[0].context.trace_id, "032x")
