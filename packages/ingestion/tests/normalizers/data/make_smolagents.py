"""Made ``smolagents_managed_agent.pb`` (smolagents 1.26, OpenInference instrumentation).

A manager agent calls a managed ``web_agent``; the models are scripted. Run in a scratch
virtualenv with ``smolagents openinference-instrumentation-smolagents opentelemetry-sdk
opentelemetry-exporter-otlp-proto-common``; not part of the test suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openinference.instrumentation.smolagents import SmolagentsInstrumentor
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from smolagents import Model, ToolCallingAgent
from smolagents.models import (
    ChatMessage,
    ChatMessageToolCall,
    ChatMessageToolCallFunction,
    MessageRole,
)
from smolagents.monitoring import TokenUsage


class Scripted(Model):  # type: ignore[misc]
    """Answers each step with the next scripted tool call."""

    def __init__(self, calls: list[tuple[str, dict[str, Any]]]) -> None:
        super().__init__(model_id="scripted")
        self.calls = list(calls)

    def generate(self, messages: Any, **kwargs: Any) -> Any:
        name, args = self.calls.pop(0)
        call = ChatMessageToolCall(
            id=f"c{len(self.calls)}",
            type="function",
            function=ChatMessageToolCallFunction(name=name, arguments=args),
        )
        return ChatMessage(
            role=MessageRole.ASSISTANT,
            content="",
            tool_calls=[call],
            token_usage=TokenUsage(input_tokens=10, output_tokens=3),
        )


def main() -> None:
    """Run the two agents and write the OTLP body."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "smol-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    SmolagentsInstrumentor().instrument(tracer_provider=provider)
    web = ToolCallingAgent(
        tools=[],
        model=Scripted([("final_answer", {"answer": "Paris"})]),
        name="web_agent",
        description="Searches the web",
    )
    boss = ToolCallingAgent(
        tools=[],
        model=Scripted(
            [
                ("web_agent", {"task": "capital of France?"}),
                ("final_answer", {"answer": "Paris it is"}),
            ]
        ),
        managed_agents=[web],
        name="manager",
    )
    boss.run("What is the capital of France?")
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "smolagents_managed_agent.pb").write_bytes(body)


if __name__ == "__main__":
    main()
