"""OpenAI Agents SDK: a triage agent hands a customer off to billing (fake chat model)."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest

if os.environ.get("AGENTTRACE_REQUIRE_FRAMEWORK") != "openai-agents":
    for module in ("agents", "openinference.instrumentation.openai_agents"):
        pytest.importorskip(
            module, reason=f"{module} is not installed: the extra agenttrace[openai-agents] is not"
        )

import agenttrace
from agents import Agent, OpenAIChatCompletionsModel, Runner, function_tool
from openai import AsyncOpenAI
from opentelemetry import trace

pytestmark = pytest.mark.e2e


@function_tool
def lookup_invoice(invoice_id: str) -> str:
    """Look an invoice up."""
    return f"Invoice {invoice_id}: 49.00 EUR, charged twice on 2026-11-02"


def build_agents(base_url: str) -> Agent[Any]:
    client = AsyncOpenAI(base_url=base_url, api_key="not-a-real-key")
    model = OpenAIChatCompletionsModel(model="gpt-4o-mini", openai_client=client)
    billing = Agent(
        name="billing_agent",
        instructions="Resolve billing questions. Look invoices up before answering.",
        tools=[lookup_invoice],
        model=model,
    )
    return Agent(
        name="triage_agent",
        instructions="Route the customer to the right specialist.",
        handoffs=[billing],
        model=model,
    )


def test_openai_agents_handoff_is_stored_with_agents_messages_and_graph(
    stored: Any, fake_llm: Any
) -> None:
    assert "openai-agents" in agenttrace.instrument()
    fake_llm.script(
        fake_llm.tool("transfer_to_billing_agent"),
        fake_llm.tool("lookup_invoice", invoice_id="INV-1042"),
        "You were charged twice for INV-1042; I have refunded 49.00 EUR.",
    )
    triage = build_agents(fake_llm.url)

    async def run() -> tuple[str, Any]:
        with trace.get_tracer("test").start_as_current_span("support chat") as root:
            result = await Runner.run(triage, "I was charged twice for invoice INV-1042")
        return format(root.get_span_context().trace_id, "032x"), result

    trace_id, result = asyncio.run(run())
    assert "refunded" in result.final_output
    assert agenttrace.flush(timeout=15)

    stored.trace(trace_id, min_spans=5)
    agents = stored.wait(
        lambda: (a := stored.agents(trace_id)) >= {"triage_agent", "billing_agent"} and a,
        what="both agents",
    )
    assert agents == {"triage_agent", "billing_agent"}

    spans = stored.get(f"/traces/{trace_id}/spans")["items"]
    assert {s["agent"] for s in spans if s["name"] == "lookup_invoice"} == {"billing_agent"}
    llm_agents = [s["agent"] for s in spans if s["span_type"] == "llm"]
    assert llm_agents.count("triage_agent") == 1
    assert llm_agents.count("billing_agent") == 2

    messages = stored.messages(trace_id)
    assert ("triage_agent", "billing_agent", "handoff") in messages
    # (the ingestion also stores the same hop as a graph-order "message" for now)
    assert {(a, b) for a, b, _ in messages} == {("triage_agent", "billing_agent")}
    stored.check_graph(
        trace_id,
        nodes={"triage_agent", "billing_agent"},
        edges={("triage_agent", "billing_agent")},
        exact=True,
    )
