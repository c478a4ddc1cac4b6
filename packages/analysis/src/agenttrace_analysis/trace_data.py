"""One run in memory, as every analysis step reads it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.db import schema as s
from agenttrace_core.models import Agent, AgentMessage, FailureAnnotation, Span, TraceSummary


@dataclass
class TraceData:
    """Spans (in start order), agents, messages (in time order) and human annotations of a run.

    A run may span several traces joined by span links; ``trace_ids`` lists them all.
    """

    trace_id: str
    summary: TraceSummary | None
    spans: list[Span] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    messages: list[AgentMessage] = field(default_factory=list)
    human_annotations: list[FailureAnnotation] = field(default_factory=list)
    trace_ids: list[str] = field(default_factory=list)


async def load_trace(engine: AsyncEngine, trace_id: str) -> TraceData | None:
    """Read one trace from the database; None when it does not exist."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(select(s.traces).where(s.traces.c.trace_id == trace_id))
        ).first()
        if row is None:
            return None
        summary = TraceSummary.model_validate(
            {k: v for k, v in row._mapping.items() if k in TraceSummary.model_fields}
        )
        spans = [
            Span.model_validate(dict(r._mapping))
            for r in await conn.execute(
                select(s.spans)
                .where(s.spans.c.trace_id == trace_id)
                .order_by(s.spans.c.start_time, s.spans.c.span_id)
            )
        ]
        agents = [
            Agent.model_validate(dict(r._mapping))
            for r in await conn.execute(
                select(s.agents)
                .where(s.agents.c.trace_id == trace_id)
                .order_by(s.agents.c.first_seen, s.agents.c.name)
            )
        ]
        messages = [
            AgentMessage.model_validate(dict(r._mapping))
            for r in await conn.execute(
                select(s.agent_messages)
                .where(s.agent_messages.c.trace_id == trace_id)
                .order_by(s.agent_messages.c.timestamp, s.agent_messages.c.seq)
            )
        ]
        human = [
            FailureAnnotation.model_validate(
                {k: v for k, v in r._mapping.items() if k in FailureAnnotation.model_fields}
            )
            for r in await conn.execute(
                select(s.failure_annotations).where(
                    s.failure_annotations.c.trace_id == trace_id,
                    s.failure_annotations.c.source == "human",
                )
            )
        ]
    return TraceData(trace_id, summary, spans, agents, messages, human, [trace_id])
