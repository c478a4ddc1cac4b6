"""Made ``pydantic_ai_agent_as_tool.pb`` (pydantic-ai 2.68, TestModel, OTel SDK 1.x).

Run in a scratch virtualenv with ``pydantic-ai-slim opentelemetry-sdk
opentelemetry-exporter-otlp-proto-common``; not part of the test suite.
"""

from __future__ import annotations

from pathlib import Path

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic_ai import Agent, RunContext
from pydantic_ai.models.instrumented import InstrumentationSettings
from pydantic_ai.models.test import TestModel


def main() -> None:
    """Run a selector agent that calls a joke agent as a tool; write the OTLP body."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "pai-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    Agent.instrument_all(InstrumentationSettings(tracer_provider=provider))
    joke = Agent(TestModel(custom_output_text="a joke"), name="joke_factory")

    async def make_jokes(ctx: RunContext[None], count: int) -> str:
        result = await joke.run(f"make {count} jokes", usage=ctx.usage)
        return str(result.output)

    boss = Agent(TestModel(), name="joke_selector", tools=[make_jokes])

    boss.run_sync("tell me a joke")
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "pydantic_ai_agent_as_tool.pb").write_bytes(body)


if __name__ == "__main__":
    main()
