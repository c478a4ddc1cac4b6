"""Every real capture yields exactly the right agents and messages between them."""

from __future__ import annotations

import pytest
from agenttrace_ingestion.normalizers import normalize_request
from inline_snapshot import snapshot

from .builders import agents_of, flow
from .otlp_loader import load

SUP, FR, BA = "supervisor", "flight_researcher", "booking_agent"
TRIAGE, BILL, TECH = "triage_agent", "billing_agent", "tech_support_agent"
MR, RW = "Market Researcher", "Report Writer"

LANGGRAPH_OK = [
    (SUP, FR, "handoff"),
    (FR, SUP, "return"),
    (SUP, BA, "handoff"),
    (BA, SUP, "return"),
]
LANGGRAPH_FAIL = (
    [(SUP, FR, "handoff"), (FR, SUP, "return")]
    + [(SUP, BA, "handoff"), (BA, SUP, "return")] * 4
    + [(SUP, BA, "handoff")]
)
ROUNDROBIN_OK = [
    ("planner", "coder", "message"),
    ("coder", "reviewer", "message"),
    ("reviewer", None, "broadcast"),
]
ROUNDROBIN_FAIL = [
    ("planner", "coder", "message"),
    ("coder", "reviewer", "message"),
    ("reviewer", "planner", "message"),
] * 2 + [("planner", "coder", "message"), ("coder", None, "broadcast")]
CREW_OK = [(MR, RW, "message"), (RW, MR, "delegation"), (MR, RW, "return")]
BILLING_OK = [(TRIAGE, BILL, "handoff")]
HANDOFF_LOOP = [
    (TRIAGE, TECH, "handoff"),
    (TECH, BILL, "handoff"),
    (BILL, TECH, "handoff"),
    (TECH, BILL, "handoff"),
    (BILL, TECH, "handoff"),
]
GENERIC_OK = [
    ("supervisor", "researcher", "delegation"),
    ("researcher", "supervisor", "return"),
    ("supervisor", "writer", "delegation"),
    ("writer", "supervisor", "return"),
]
GENERIC_FAIL = [
    ("supervisor", "researcher", "delegation"),
    ("researcher", "supervisor", "return"),
] * 3

CASES = {
    # LangGraph supervisor: handoffs are transfer_to_* tools, returns are the node order.
    "langgraph/001_ok_supervisor_handoff.pb": ([BA, FR, SUP], LANGGRAPH_OK),
    "langgraph/003_json_ok_supervisor_handoff.json": ([BA, FR, SUP], LANGGRAPH_OK),
    # 5 delegations to the booker, the last one ends in GraphRecursionError (no return).
    "langgraph/002_fail_recursion_loop.pb": ([BA, FR, SUP], LANGGRAPH_FAIL),
    # AutoGen round robin: speaker -> next speaker; the last speaker's message is a broadcast.
    "autogen/001_native_ok_roundrobin.pb": (["coder", "planner", "reviewer"], ROUNDROBIN_OK),
    "autogen/009_json_native_ok_roundrobin.json": (["coder", "planner", "reviewer"], ROUNDROBIN_OK),
    "autogen/003_openinference_ok_roundrobin.pb": (["coder", "planner", "reviewer"], ROUNDROBIN_OK),
    "autogen/005_combined_ok_roundrobin.pb": (["coder", "planner", "reviewer"], ROUNDROBIN_OK),
    "autogen/007_combined_openai_ok_roundrobin.pb": (
        ["coder", "planner", "reviewer"],
        ROUNDROBIN_OK,
    ),
    # Max 9 messages: task + 8 turns (p, c, r, p, c, r, p, c), the run stops after the coder.
    "autogen/002_native_fail_max_msgs.pb": (["coder", "planner", "reviewer"], ROUNDROBIN_FAIL),
    "autogen/004_openinference_fail_max_msgs.pb": (
        ["coder", "planner", "reviewer"],
        ROUNDROBIN_FAIL,
    ),
    "autogen/006_combined_fail_max_msgs.pb": (["coder", "planner", "reviewer"], ROUNDROBIN_FAIL),
    "autogen/008_combined_openai_fail_max_msgs.pb": (
        ["coder", "planner", "reviewer"],
        ROUNDROBIN_FAIL,
    ),
    # CrewAI: sequential researcher -> writer, writer asks the researcher (delegation + return).
    "crewai/001_wrappers_ok_delegation.pb": ([MR, RW], CREW_OK),
    "crewai/005_json_wrappers_ok_delegation.json": ([MR, RW], CREW_OK),
    "crewai/003_events_ok_delegation.pb": ([MR, RW], CREW_OK),
    "crewai/002_wrappers_fail_guardrail.pb": ([MR, RW], [(MR, RW, "message")]),
    # Event-listener mode shows the guardrail retry as a second writer run.
    "crewai/004_events_fail_guardrail.pb": ([MR, RW], [(MR, RW, "message"), (MR, RW, "message")]),
    # OpenAI Agents: the same runs through three instrumentations give the same handoffs.
    "openai_agents/001_openinference_ok_billing_handoff.pb": ([BILL, TRIAGE], BILLING_OK),
    "openai_agents/007_json_openinference_ok_billing_handoff.json": ([BILL, TRIAGE], BILLING_OK),
    "openai_agents/003_otel_v2_ok_billing_handoff.pb": ([BILL, TRIAGE], BILLING_OK),
    "openai_agents/005_traceloop_ok_billing_handoff.pb": ([BILL, TRIAGE], BILLING_OK),
    "openai_agents/002_openinference_fail_handoff_loop.pb": ([BILL, TECH, TRIAGE], HANDOFF_LOOP),
    "openai_agents/004_otel_v2_fail_handoff_loop.pb": ([BILL, TECH, TRIAGE], HANDOFF_LOOP),
    "openai_agents/006_traceloop_fail_handoff_loop.pb": ([BILL, TECH, TRIAGE], HANDOFF_LOOP),
    # Hand-written GenAI semconv: nested invoke_agent spans are delegations with returns.
    "generic/001_ok_handoff.pb": (["researcher", "supervisor", "writer"], GENERIC_OK),
    "generic/003_gzip_ok_handoff.pb.gz": (["researcher", "supervisor", "writer"], GENERIC_OK),
    "generic/005_json_ok_handoff.json": (["researcher", "supervisor", "writer"], GENERIC_OK),
    "generic/002_fail_tool_loop.pb": (["researcher", "supervisor"], GENERIC_FAIL),
    "generic/004_gzip_fail_tool_loop.pb.gz": (["researcher", "supervisor"], GENERIC_FAIL),
}


@pytest.mark.parametrize("capture", sorted(CASES))
def test_capture_agents_and_messages(capture: str) -> None:
    result = normalize_request(load(capture))
    agents, messages = CASES[capture]
    assert result.rejected == []
    assert result.dropped == 0
    assert agents_of(result) == agents
    assert flow(result) == messages


def test_every_capture_is_covered() -> None:
    from .otlp_loader import CAPTURES

    bodies = {
        str(p.relative_to(CAPTURES))
        for p in CAPTURES.glob("*/*")
        if p.suffix in (".pb", ".gz", ".json") and not p.name.endswith(".meta.json")
    }
    assert bodies == set(CASES)


def test_crewai_delegation_content_and_seq() -> None:
    result = normalize_request(load("crewai/001_wrappers_ok_delegation.pb"))
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    # the sequential message carries the researcher's answer, found in the writer's context
    assert [(m.seq, m.kind.value, m.content) for m in messages] == snapshot(
        [
            (0, "message", "EU EV share 2025 was 21.4% (+3.1pp YoY), source ACEA."),
            (1, "delegation", "Which source backs the 21.4% EV share figure?"),
            (2, "return", "EU EV share 2025 was 21.4% (+3.1pp YoY), source ACEA."),
        ]
    )


def test_retried_export_gives_identical_ids() -> None:
    first = normalize_request(load("autogen/006_combined_fail_max_msgs.pb"))
    again = normalize_request(load("autogen/006_combined_fail_max_msgs.pb"))
    ids = [m.id for m in first.batch.messages]
    assert ids == [m.id for m in again.batch.messages]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 32 for i in ids)
