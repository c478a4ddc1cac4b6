"""Derived facts of real failing runs: loops, chains, critical path, errors and their spread."""

from __future__ import annotations

from typing import Any

import pytest
from agenttrace_analysis import service
from dirty_equals import IsPositiveFloat
from inline_snapshot import snapshot

from ..conftest import Ingest


def _readable(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts without span ids (random per capture run), critical path as agent order."""
    return {
        "cycles": facts["cycles"],
        "loops": [(lp["agents"], lp["repeats"], len(lp["span_ids"]) > 0) for lp in facts["loops"]],
        "longest_chain": facts["longest_chain"],
        "most_errors": facts["most_errors"],
        "error_propagation": [p["path"] for p in facts["error_propagation"]],
        "critical_agents": [c["agent"] for c in facts["critical_path"] if c["agent"]],
    }


EXPECTED = snapshot(
    {
        "generic/002_fail_tool_loop.pb": {
            "cycles": [["researcher", "supervisor"]],
            "loops": [(["supervisor", "researcher"], 3, True)],
            "longest_chain": ["supervisor", "researcher"],
            "most_errors": {"agent": "researcher", "errors": 3},
            "error_propagation": [["researcher", "supervisor"]],
            "critical_agents": [
                "supervisor",
                "researcher",
                "supervisor",
                "researcher",
                "supervisor",
                "researcher",
                "supervisor",
            ],
        },
        "openai_agents/002_openinference_fail_handoff_loop.pb": {
            "cycles": [["billing_agent", "tech_support_agent"]],
            "loops": [(["tech_support_agent", "billing_agent"], 2, True)],
            "longest_chain": ["triage_agent", "tech_support_agent", "billing_agent"],
            "most_errors": {"agent": "tech_support_agent", "errors": 2},
            "error_propagation": [],
            "critical_agents": [
                "triage_agent",
                "tech_support_agent",
                "billing_agent",
                "tech_support_agent",
                "billing_agent",
                "tech_support_agent",
            ],
        },
        "crewai/002_wrappers_fail_guardrail.pb": {
            "cycles": [],
            "loops": [],
            "longest_chain": ["Market Researcher", "Report Writer"],
            "most_errors": {"agent": "Market Researcher", "errors": 1},
            "error_propagation": [["Market Researcher", "Report Writer"]],
            "critical_agents": ["Market Researcher", "Report Writer"],
        },
        "langgraph/002_fail_recursion_loop.pb": {
            "cycles": [["booking_agent", "supervisor"], ["flight_researcher", "supervisor"]],
            "loops": [(["supervisor", "booking_agent"], 4, True)],
            "longest_chain": ["flight_researcher", "supervisor", "booking_agent"],
            "most_errors": {"agent": "booking_agent", "errors": 5},
            "error_propagation": [],
            "critical_agents": [
                "supervisor",
                "flight_researcher",
                "supervisor",
                "booking_agent",
                "supervisor",
                "booking_agent",
                "supervisor",
                "booking_agent",
                "supervisor",
                "booking_agent",
                "supervisor",
                "booking_agent",
            ],
        },
    }
)


@pytest.mark.parametrize(
    "capture",
    [
        "generic/002_fail_tool_loop.pb",
        "openai_agents/002_openinference_fail_handoff_loop.pb",
        "crewai/002_wrappers_fail_guardrail.pb",
        "langgraph/002_fail_recursion_loop.pb",
    ],
)
async def test_facts_of_failing_runs(capture: str, ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture(capture)
    graph = await service.trace_graph(engine, trace_ids[0])
    assert graph is not None
    assert _readable(graph["facts"]) == EXPECTED[capture]
    assert all(c["ms"] == IsPositiveFloat for c in graph["facts"]["critical_path"])


async def test_agent_figures(ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture("generic/002_fail_tool_loop.pb")
    graph = await service.trace_graph(engine, trace_ids[0])
    assert graph is not None
    researcher = next(n for n in graph["nodes"] if n["id"] == "researcher")
    assert {
        k: researcher[k] for k in ("layer", "invocations", "llm_calls", "tool_calls", "errors")
    } == snapshot(
        {"layer": "agent", "invocations": 3, "llm_calls": 9, "tool_calls": 6, "errors": 3}
    )
    assert researcher["total_tokens"] > 0
    assert researcher["active_ms"] == IsPositiveFloat
