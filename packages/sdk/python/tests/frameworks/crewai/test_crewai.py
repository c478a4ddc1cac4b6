"""CrewAI: a sequential crew (researcher with a tool, then writer) on a fake chat model."""

from __future__ import annotations

import os
import warnings
from typing import Any

import pytest

# CrewAI's own telemetry and tracing stay off (no network); OTEL_SDK_DISABLED must stay unset.
for _key in ("CREWAI_DISABLE_TELEMETRY", "CREWAI_DISABLE_TRACKING"):
    os.environ.setdefault(_key, "true")
os.environ.setdefault("CREWAI_TRACING_ENABLED", "false")

if os.environ.get("AGENTTRACE_REQUIRE_FRAMEWORK") != "crewai":
    for module in ("crewai", "openinference.instrumentation.crewai"):
        pytest.importorskip(
            module, reason=f"{module} is not installed: the extra agenttrace[crewai] is not"
        )

import agenttrace  # noqa: E402
from opentelemetry import trace  # noqa: E402

with warnings.catch_warnings():  # CrewAI's import warns about its own modules
    warnings.simplefilter("ignore")
    from crewai import LLM, Agent, Crew, Process, Task
    from crewai.tools import tool

pytestmark = [
    pytest.mark.e2e,
    # CrewAI's own code uses fields it has deprecated (function_calling_llm, …)
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::PendingDeprecationWarning"),
]


@tool("search_market_data")
def search_market_data(sector: str) -> str:
    """Search market figures for a sector."""
    return f"{sector}: market size 4.2bn EUR (2025), growth 11% a year"


def build_crew(base_url: str) -> Crew:
    llm = LLM(model="openai/gpt-4o-mini", base_url=base_url, api_key="not-a-real-key")
    researcher = Agent(
        role="Market Researcher",
        goal="Find reliable market figures",
        backstory="An analyst who always cites numbers.",
        tools=[search_market_data],
        llm=llm,
        allow_delegation=False,
    )
    writer = Agent(
        role="Report Writer",
        goal="Write a short market brief",
        backstory="A writer who keeps briefs under 100 words.",
        llm=llm,
        allow_delegation=False,
    )
    research = Task(
        description="Research the market for heat pumps in Germany.",
        expected_output="Key figures with sources",
        agent=researcher,
    )
    brief = Task(
        description="Write a market brief from the research.",
        expected_output="A brief of at most 100 words",
        agent=writer,
        context=[research],
    )
    return Crew(
        name="market_brief_crew",
        agents=[researcher, writer],
        tasks=[research, brief],
        process=Process.sequential,
    )


def test_crewai_crew_has_its_agents_messages_and_graph(stored: Any, fake_llm: Any) -> None:
    assert "crewai" in agenttrace.instrument()
    fake_llm.script(
        fake_llm.tool("search_market_data", sector="heat pumps DE"),
        "Heat pumps DE: 4.2bn EUR market (2025), growing 11% a year.",
        "Brief: Germany's heat pump market reached 4.2bn EUR in 2025 and grows 11% a year.",
    )
    crew = build_crew(fake_llm.url)
    with trace.get_tracer("test").start_as_current_span("market brief") as root:
        result = crew.kickoff()
    assert "4.2bn" in str(result)
    assert agenttrace.flush(timeout=15)
    trace_id = format(root.get_span_context().trace_id, "032x")

    stored.trace(trace_id, min_spans=4)
    agents = stored.wait(
        lambda: (a := stored.agents(trace_id)) >= {"Market Researcher", "Report Writer"} and a,
        what="both agents",
    )
    assert agents == {"Market Researcher", "Report Writer"}

    spans = stored.get(f"/traces/{trace_id}/spans")["items"]
    tool_spans = [s for s in spans if s["span_type"] == "tool"]
    assert {s["agent"] for s in tool_spans} == {"Market Researcher"}
    llm_agents = {s["agent"] for s in spans if s["span_type"] == "llm"}
    assert llm_agents == {"Market Researcher", "Report Writer"}

    messages = stored.messages(trace_id)
    assert {(a, b) for a, b, _ in messages if a and b} == {("Market Researcher", "Report Writer")}
    stored.check_graph(
        trace_id,
        nodes={"Market Researcher", "Report Writer"},
        edges={("Market Researcher", "Report Writer")},
        exact=True,
    )
