"""Made ``google_adk_transfer_and_agent_tool.pb`` (google-adk 2.13, scripted model).

A coordinator calls ``researcher`` through an ``AgentTool`` and then transfers to its
sub-agent ``billing``. Run in a scratch virtualenv with ``google-adk opentelemetry-sdk
opentelemetry-exporter-otlp-proto-common``; not part of the test suite.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

from google.adk.agents import LlmAgent
from google.adk.models.base_llm import BaseLlm
from google.adk.models.llm_response import LlmResponse
from google.adk.runners import InMemoryRunner
from google.adk.tools.agent_tool import AgentTool
from google.genai import types
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


class Scripted(BaseLlm):  # type: ignore[misc]
    """Answers with the next scripted text or function call."""

    script: list[tuple[str, Any]] = []

    async def generate_content_async(
        self, llm_request: Any, stream: bool = False
    ) -> AsyncGenerator[LlmResponse, None]:
        kind, value = self.script.pop(0)
        if kind == "call":
            part = types.Part(function_call=types.FunctionCall(name=value[0], args=value[1]))
        else:
            part = types.Part(text=value)
        usage = types.GenerateContentResponseUsageMetadata(
            prompt_token_count=20, candidates_token_count=5, total_token_count=25
        )
        yield LlmResponse(content=types.Content(role="model", parts=[part]), usage_metadata=usage)


async def _run(coordinator: LlmAgent) -> None:
    runner = InMemoryRunner(agent=coordinator, app_name="demo")
    session = await runner.session_service.create_session(app_name="demo", user_id="u")
    message = types.Content(role="user", parts=[types.Part(text="refund please")])
    async for _ in runner.run_async(user_id="u", session_id=session.id, new_message=message):
        pass


def main() -> None:
    """Run the three agents and write the OTLP body."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "adk-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    researcher = LlmAgent(
        name="researcher",
        description="Finds facts",
        model=Scripted(model="fake", script=[("text", "Facts: 42")]),
    )
    billing = LlmAgent(
        name="billing",
        description="Handles refunds",
        model=Scripted(model="fake", script=[("text", "Refund issued")]),
    )
    calls = [
        ("call", ("researcher", {"request": "find facts"})),
        ("call", ("transfer_to_agent", {"agent_name": "billing"})),
    ]
    coordinator = LlmAgent(
        name="coordinator",
        description="Routes requests",
        model=Scripted(model="fake", script=calls),
        tools=[AgentTool(agent=researcher)],
        sub_agents=[billing],
    )
    asyncio.run(_run(coordinator))
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "google_adk_transfer_and_agent_tool.pb").write_bytes(body)


if __name__ == "__main__":
    main()
