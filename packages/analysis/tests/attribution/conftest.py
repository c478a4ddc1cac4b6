"""Build small runs of agent steps for attribution tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from agenttrace_analysis.trace_data import TraceData
from agenttrace_core.enums import HumanVerdict, MessageKind, SpanStatus, SpanType
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import Agent, AgentMessage, Span, TraceSummary

TRACE = TraceId("0af7651916cd43dd8448eb211c80319c")
T0 = 1_700_000_000_000_000_000

Step = tuple[str, str] | tuple[str, str, SpanStatus]


def span_id(i: int) -> SpanId:
    """A fixed span id per step index."""
    return SpanId(f"{i + 1:016x}")


def make_run(
    steps: list[Step],
    *,
    status: SpanStatus = SpanStatus.UNSET,
    verdict: HumanVerdict | None = None,
    delegations: dict[str, str] | None = None,
) -> TraceData:
    """A run of agent spans ``(agent, output[, status])``; messages between speakers."""
    spans: list[Span] = []
    agents: dict[str, Agent] = {}
    messages: list[AgentMessage] = []
    for i, step in enumerate(steps):
        agent, output = step[0], step[1]
        state = step[2] if len(step) == 3 else SpanStatus.OK
        start = T0 + i * 1_000_000_000
        spans.append(
            Span(
                trace_id=TRACE,
                span_id=span_id(i),
                name=f"{agent} turn",
                span_type=SpanType.AGENT,
                agent=agent,
                start_time=start,
                end_time=start + 500_000_000,
                status=state,
                output=output,
            )
        )
        agents.setdefault(agent, Agent(trace_id=TRACE, name=agent, first_seen=start))
        if i and steps[i - 1][0] != agent:
            src = steps[i - 1][0]
            kind = (
                MessageKind.DELEGATION
                if (delegations or {}).get(src) == agent
                else MessageKind.MESSAGE
            )
            messages.append(
                AgentMessage(
                    id=RowId(f"m{i}"),
                    trace_id=TRACE,
                    span_id=span_id(i),
                    from_agent=src,
                    to_agent=agent,
                    kind=kind,
                    content=steps[i - 1][1],
                    timestamp=start,
                    seq=i,
                )
            )
    summary = TraceSummary(
        trace_id=TRACE,
        project="default",
        status=status,
        start_time=T0,
        end_time=T0 + len(steps) * 1_000_000_000,
        span_count=len(spans),
        agent_count=len(agents),
        human_verdict=verdict,
    )
    return TraceData(TRACE, summary, spans, list(agents.values()), messages, [], [TRACE])


@pytest.fixture
def run() -> Callable[..., TraceData]:
    """``run(steps, status=…, verdict=…, delegations=…)`` builds a TraceData."""
    return make_run
