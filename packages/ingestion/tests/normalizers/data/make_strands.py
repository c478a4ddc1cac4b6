"""Made ``strands_*.pb`` (strands-agents, scripted models, its own OTel tracer).

An orchestrator calls ``research_assistant`` through a tool (agents as tools); a swarm
hands off from ``triage`` to ``billing``. Run in a
scratch virtualenv with ``strands-agents opentelemetry-sdk
opentelemetry-exporter-otlp-proto-common``; not part of the test suite.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from strands import Agent, tool
from strands.models import Model
from strands.multiagent import Swarm


class Scripted(Model):  # type: ignore[misc]
    """Streams the next scripted text or tool call, with fixed usage."""

    def __init__(self, script: list[tuple[str, Any]]) -> None:
        self.script = list(script)

    def update_config(self, **config: Any) -> None:
        return None

    def get_config(self) -> dict[str, Any]:
        return {"model_id": "scripted"}

    async def structured_output(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    async def stream(self, messages: Any, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        kind, value = self.script.pop(0)
        yield {"messageStart": {"role": "assistant"}}
        if kind == "tool":
            start = {"toolUse": {"toolUseId": f"t{len(self.script)}", "name": value[0]}}
            yield {"contentBlockStart": {"start": start}}
            yield {"contentBlockDelta": {"delta": {"toolUse": {"input": json.dumps(value[1])}}}}
            yield {"contentBlockStop": {}}
            yield {"messageStop": {"stopReason": "tool_use"}}
        else:
            yield {"contentBlockDelta": {"delta": {"text": value}}}
            yield {"contentBlockStop": {}}
            yield {"messageStop": {"stopReason": "end_turn"}}
        usage = {"inputTokens": 11, "outputTokens": 5, "totalTokens": 16}
        yield {"metadata": {"usage": usage, "metrics": {"latencyMs": 1}}}


def swarm(exporter: InMemorySpanExporter) -> None:
    """A two-agent swarm: triage hands off to billing with ``handoff_to_agent``."""
    handoff = ("handoff_to_agent", {"agent_name": "billing", "message": "refund needed"})
    triage = Agent(
        name="triage",
        model=Scripted([("tool", handoff), ("text", "handed off")]),
        callback_handler=None,
    )
    billing = Agent(
        name="billing", model=Scripted([("text", "Refund issued")]), callback_handler=None
    )
    Swarm([triage, billing])("I was charged twice")
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "strands_swarm_handoff.pb").write_bytes(body)
    exporter.clear()


def main() -> None:
    """Run the two agents and write the OTLP body."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "strands-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    swarm(exporter)
    researcher = Agent(
        name="research_assistant", model=Scripted([("text", "Facts: 42")]), callback_handler=None
    )

    def research_assistant(query: str) -> str:
        """Ask the research assistant."""
        return str(researcher(query))

    script = [("tool", ("research_assistant", {"query": "facts?"})), ("text", "Done: 42")]
    orchestrator = Agent(
        name="orchestrator",
        model=Scripted(script),
        tools=[tool(research_assistant)],
        callback_handler=None,
    )
    orchestrator("what are the facts?")
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "strands_agent_as_tool.pb").write_bytes(body)


if __name__ == "__main__":
    main()
