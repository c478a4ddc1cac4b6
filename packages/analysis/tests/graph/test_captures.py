"""The graphs of the real captures have exactly the agents, tools and edges the runs had.

Each capture goes through the real receiver; the graph is asked for through the service, as the
API does. AutoGen's native runtime splits one group chat into many traces joined by span links:
its graph covers them all.
"""

from __future__ import annotations

from typing import Any

import pytest
from agenttrace_analysis import service
from inline_snapshot import snapshot

from ..conftest import TESTDATA, Ingest

CAPTURES = sorted(str(p.relative_to(TESTDATA)) for p in TESTDATA.glob("*/*.pb"))


def _summary(graph: dict[str, Any]) -> dict[str, Any]:
    nodes = {n["id"]: n for n in graph["nodes"]}
    return {
        "agents": sorted(k for k, n in nodes.items() if n["layer"] == "agent"),
        "tools": sorted(n["name"] for n in nodes.values() if n["layer"] == "tool"),
        "edges": sorted(
            f"{e['source']} -> {e['target']} {e['kind']} x{e['count']}"
            + (f" ({e['errors']} with errors)" if e["errors"] else "")
            for e in graph["edges"]
        ),
        "run_traces": len(graph["run_trace_ids"]),
    }


EXPECTED = snapshot(
    {
        "autogen/001_native_ok_roundrobin.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> reviewer message x1",
                "coder -> tool:run_tests tool_call x1",
                "planner -> coder message x1",
                "reviewer -> coder broadcast x1",
                "reviewer -> planner broadcast x1",
            ],
            "run_traces": 17,
        },
        "autogen/002_native_fail_max_msgs.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1 (1 with errors)",
                "coder -> planner broadcast x1",
                "coder -> reviewer broadcast x1",
                "coder -> reviewer message x2 (2 with errors)",
                "coder -> tool:run_tests tool_call x3 (3 with errors)",
                "planner -> coder message x3 (3 with errors)",
                "reviewer -> planner message x2 (2 with errors)",
            ],
            "run_traces": 36,
        },
        "autogen/003_openinference_ok_roundrobin.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> reviewer message x1",
                "coder -> tool:run_tests tool_call x1",
                "planner -> coder message x1",
                "reviewer -> coder broadcast x1",
                "reviewer -> planner broadcast x1",
            ],
            "run_traces": 1,
        },
        "autogen/004_openinference_fail_max_msgs.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> planner broadcast x1",
                "coder -> reviewer broadcast x1",
                "coder -> reviewer message x2",
                "coder -> tool:run_tests tool_call x3",
                "planner -> coder message x3",
                "reviewer -> planner message x2",
            ],
            "run_traces": 1,
        },
        "autogen/005_combined_ok_roundrobin.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> reviewer message x1",
                "coder -> tool:run_tests tool_call x1",
                "planner -> coder message x1",
                "reviewer -> coder broadcast x1",
                "reviewer -> planner broadcast x1",
            ],
            "run_traces": 1,
        },
        "autogen/006_combined_fail_max_msgs.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> planner broadcast x1",
                "coder -> reviewer broadcast x1",
                "coder -> reviewer message x2",
                "coder -> tool:run_tests tool_call x3 (3 with errors)",
                "planner -> coder message x3",
                "reviewer -> planner message x2",
            ],
            "run_traces": 1,
        },
        "autogen/007_combined_openai_ok_roundrobin.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> reviewer message x1",
                "coder -> tool:run_tests tool_call x1",
                "planner -> coder message x1",
                "reviewer -> coder broadcast x1",
                "reviewer -> planner broadcast x1",
            ],
            "run_traces": 1,
        },
        "autogen/008_combined_openai_fail_max_msgs.pb": {
            "agents": ["coder", "planner", "reviewer"],
            "tools": ["run_tests"],
            "edges": [
                "__user__ -> planner invocation x1",
                "coder -> planner broadcast x1",
                "coder -> reviewer broadcast x1",
                "coder -> reviewer message x2",
                "coder -> tool:run_tests tool_call x3 (3 with errors)",
                "planner -> coder message x3",
                "reviewer -> planner message x2",
            ],
            "run_traces": 1,
        },
        "crewai/001_wrappers_ok_delegation.pb": {
            "agents": ["Market Researcher", "Report Writer"],
            "tools": ["Ask question to coworker", "search_market_data"],
            "edges": [
                "Market Researcher -> Report Writer message x1",
                "Market Researcher -> Report Writer return x1",
                "Market Researcher -> tool:search_market_data tool_call x2",
                "Report Writer -> Market Researcher delegation x1",
                "Report Writer -> tool:Ask question to coworker tool_call x1",
                "__user__ -> Market Researcher invocation x1",
            ],
            "run_traces": 1,
        },
        "crewai/002_wrappers_fail_guardrail.pb": {
            "agents": ["Market Researcher", "Report Writer"],
            "tools": ["search_market_data"],
            "edges": [
                "Market Researcher -> Report Writer message x1 (1 with errors)",
                "Market Researcher -> tool:search_market_data tool_call x1 (1 with errors)",
                "__user__ -> Market Researcher invocation x1 (1 with errors)",
            ],
            "run_traces": 1,
        },
        "crewai/003_events_ok_delegation.pb": {
            "agents": ["Market Researcher", "Report Writer"],
            "tools": ["ask_question_to_coworker", "search_market_data"],
            "edges": [
                "Market Researcher -> Report Writer message x1",
                "Market Researcher -> Report Writer return x1",
                "Market Researcher -> tool:search_market_data tool_call x2",
                "Report Writer -> Market Researcher delegation x1",
                "Report Writer -> tool:ask_question_to_coworker tool_call x1",
                "__user__ -> Market Researcher invocation x1",
            ],
            "run_traces": 1,
        },
        "crewai/004_events_fail_guardrail.pb": {
            "agents": ["Market Researcher", "Report Writer"],
            "tools": ["search_market_data"],
            "edges": [
                "Market Researcher -> Report Writer message x2",
                "Market Researcher -> tool:search_market_data tool_call x1 (1 with errors)",
                "__user__ -> Market Researcher invocation x1 (1 with errors)",
            ],
            "run_traces": 1,
        },
        "generic/001_ok_handoff.pb": {
            "agents": ["researcher", "supervisor", "writer"],
            "tools": ["fetch_url", "search_docs"],
            "edges": [
                "__user__ -> supervisor invocation x1",
                "researcher -> supervisor return x1",
                "researcher -> tool:fetch_url tool_call x1",
                "researcher -> tool:search_docs tool_call x1",
                "supervisor -> researcher delegation x1",
                "supervisor -> writer delegation x1",
                "writer -> supervisor return x1",
            ],
            "run_traces": 1,
        },
        "generic/002_fail_tool_loop.pb": {
            "agents": ["researcher", "supervisor"],
            "tools": ["fetch_url", "search_docs"],
            "edges": [
                "__user__ -> supervisor invocation x1 (1 with errors)",
                "researcher -> supervisor return x3 (3 with errors)",
                "researcher -> tool:fetch_url tool_call x3 (3 with errors)",
                "researcher -> tool:search_docs tool_call x3",
                "supervisor -> researcher delegation x3 (3 with errors)",
            ],
            "run_traces": 1,
        },
        "langgraph/001_ok_supervisor_handoff.pb": {
            "agents": ["booking_agent", "flight_researcher", "supervisor"],
            "tools": ["book_flight", "search_flights"],
            "edges": [
                "__user__ -> supervisor invocation x1",
                "booking_agent -> supervisor return x1",
                "booking_agent -> tool:book_flight tool_call x1",
                "flight_researcher -> supervisor return x1",
                "flight_researcher -> tool:search_flights tool_call x1",
                "supervisor -> booking_agent handoff x1",
                "supervisor -> flight_researcher handoff x1",
            ],
            "run_traces": 1,
        },
        "langgraph/002_fail_recursion_loop.pb": {
            "agents": ["booking_agent", "flight_researcher", "supervisor"],
            "tools": ["book_flight", "search_flights"],
            "edges": [
                "__user__ -> supervisor invocation x1",
                "booking_agent -> supervisor return x4 (4 with errors)",
                "booking_agent -> tool:book_flight tool_call x5 (5 with errors)",
                "flight_researcher -> supervisor return x1",
                "flight_researcher -> tool:search_flights tool_call x1",
                "supervisor -> booking_agent handoff x5",
                "supervisor -> flight_researcher handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/001_openinference_ok_billing_handoff.pb": {
            "agents": ["billing_agent", "triage_agent"],
            "tools": ["issue_refund", "lookup_invoice"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tool:issue_refund tool_call x1",
                "billing_agent -> tool:lookup_invoice tool_call x1",
                "triage_agent -> billing_agent handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/002_openinference_fail_handoff_loop.pb": {
            "agents": ["billing_agent", "tech_support_agent", "triage_agent"],
            "tools": ["check_service_status"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tech_support_agent handoff x2",
                "tech_support_agent -> billing_agent handoff x2",
                "tech_support_agent -> tool:check_service_status tool_call x1 (1 with errors)",
                "triage_agent -> tech_support_agent handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/003_otel_v2_ok_billing_handoff.pb": {
            "agents": ["billing_agent", "triage_agent"],
            "tools": ["issue_refund", "lookup_invoice"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tool:issue_refund tool_call x1",
                "billing_agent -> tool:lookup_invoice tool_call x1",
                "triage_agent -> billing_agent handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/004_otel_v2_fail_handoff_loop.pb": {
            "agents": ["billing_agent", "tech_support_agent", "triage_agent"],
            "tools": ["check_service_status"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tech_support_agent handoff x2",
                "tech_support_agent -> billing_agent handoff x2",
                "tech_support_agent -> tool:check_service_status tool_call x1 (1 with errors)",
                "triage_agent -> tech_support_agent handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/005_traceloop_ok_billing_handoff.pb": {
            "agents": ["billing_agent", "triage_agent"],
            "tools": ["issue_refund", "lookup_invoice"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tool:issue_refund tool_call x1",
                "billing_agent -> tool:lookup_invoice tool_call x1",
                "triage_agent -> billing_agent handoff x1",
            ],
            "run_traces": 1,
        },
        "openai_agents/006_traceloop_fail_handoff_loop.pb": {
            "agents": ["billing_agent", "tech_support_agent", "triage_agent"],
            "tools": ["check_service_status"],
            "edges": [
                "__user__ -> triage_agent invocation x1",
                "billing_agent -> tech_support_agent handoff x2",
                "tech_support_agent -> billing_agent handoff x2",
                "tech_support_agent -> tool:check_service_status tool_call x1 (1 with errors)",
                "triage_agent -> tech_support_agent handoff x1",
            ],
            "run_traces": 1,
        },
    }
)


@pytest.mark.parametrize("capture", CAPTURES)
async def test_capture_graph(capture: str, ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture(capture)
    graph = await service.trace_graph(engine, trace_ids[0])
    assert graph is not None
    assert _summary(graph) == EXPECTED[capture]
