"""Edges the span tree of a whole stored run implies, for what no message says because the
spans came in separate requests: delegation and report back of nested agents, and a worker
reporting back to the agent that handed it work when that agent takes its turn again."""

from __future__ import annotations

from agenttrace_analysis.graph import analyze_graph
from agenttrace_analysis.trace_data import TraceData
from agenttrace_core.enums import MessageKind, SpanStatus, SpanType
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import Agent, AgentMessage, Span
from inline_snapshot import snapshot

TRACE = TraceId("0af7651916cd43dd8448eb211c80319c")
T0 = 1_700_000_000_000_000_000
MS = 1_000_000


def _span(
    n: int, parent: int | None, kind: SpanType, agent: str | None, start: int, end: int
) -> Span:
    return Span(
        trace_id=TRACE,
        span_id=SpanId(f"{n:016x}"),
        parent_span_id=SpanId(f"{parent:016x}") if parent is not None else None,
        name=f"step {n}",
        span_type=kind,
        agent=agent,
        start_time=T0 + start * MS,
        end_time=T0 + end * MS,
        status=SpanStatus.OK,
    )


def _handoff(n: int, source: str, target: str, at: int) -> AgentMessage:
    return AgentMessage(
        id=RowId(f"{n:032x}"),
        trace_id=TRACE,
        span_id=SpanId(f"{n:016x}"),
        from_agent=source,
        to_agent=target,
        kind=MessageKind.HANDOFF,
        timestamp=T0 + at * MS,
        seq=n,
    )


def _edges(spans: list[Span], messages: list[AgentMessage]) -> list[tuple[str, str, str]]:
    names = sorted({sp.agent for sp in spans if sp.agent})
    data = TraceData(
        TRACE,
        None,
        spans,
        [Agent(trace_id=TRACE, name=a, first_seen=T0) for a in names],
        messages,
        [],
        [TRACE],
    )
    graph = analyze_graph(data).graph
    return sorted((src, dst, key) for src, dst, key in graph.edges(keys=True))


def test_nested_agent_without_messages_is_a_delegation_and_a_return() -> None:
    spans = [
        _span(1, None, SpanType.AGENT, "manager", 0, 100),
        _span(2, 1, SpanType.TOOL, "manager", 10, 50),
        _span(3, 2, SpanType.AGENT, "researcher", 11, 49),
    ]
    assert _edges(spans, []) == snapshot(
        [
            ("__user__", "manager", "invocation"),
            ("manager", "researcher", "delegation"),
            ("manager", "tool:step 2", "tool_call"),
            ("researcher", "manager", "return"),
        ]
    )


def test_worker_reports_back_when_the_supervisor_takes_its_turn_again() -> None:
    spans = [
        _span(1, None, SpanType.CHAIN, None, 0, 100),
        _span(2, 1, SpanType.AGENT, "planner", 0, 10),
        _span(3, 1, SpanType.AGENT, "hotel_desk", 11, 20),
        _span(4, 1, SpanType.AGENT, "planner", 21, 30),
        _span(5, 1, SpanType.AGENT, "flight_desk", 31, 40),
    ]
    # planner handed work to hotel_desk; flight_desk was never handed anything by planner
    assert _edges(spans, [_handoff(2, "planner", "hotel_desk", 5)]) == snapshot(
        [
            ("__user__", "flight_desk", "invocation"),
            ("__user__", "planner", "invocation"),
            ("hotel_desk", "planner", "return"),
            ("planner", "hotel_desk", "handoff"),
        ]
    )
