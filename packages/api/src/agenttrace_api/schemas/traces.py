"""Trace summaries, trace detail and verdicts."""

from __future__ import annotations

from datetime import datetime

from agenttrace_core.enums import AnalysisState, HumanVerdict, SpanStatus

from agenttrace_api.schemas.common import ApiModel, RequestModel


class _TraceFields(ApiModel):
    """The fields a trace's summary and its detail share."""

    trace_id: str
    name: str | None
    project: str
    status: SpanStatus
    framework: str | None
    start_time: datetime
    end_time: datetime
    duration_ms: float
    span_count: int
    agent_count: int
    total_tokens: int
    cost_usd: float | None
    """USD of the LLM calls whose cost is known (reported by the span, else priced from
    tokens and model); null when none is known. See ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls whose cost is unknown (a model the price table does not know, or no tokens):
    ``cost_usd`` leaves them out, so a non-zero count means the real cost is higher."""
    failure_modes: list[str]
    """MAST codes (``FM-1.1`` …) of the trace's annotations that are not rejected."""
    error_count: int
    human_verdict: HumanVerdict | None
    analysis_state: AnalysisState


class TraceSummary(_TraceFields):
    """One run as the trace list shows it."""

    agents: list[str]
    """Names of the agents taking part, in order of first appearance."""


class TraceList(ApiModel):
    """A page of trace summaries."""

    items: list[TraceSummary]
    next_cursor: str | None


class TraceAgent(ApiModel):
    """One agent taking part in a trace."""

    name: str
    role: str | None
    framework: str | None
    model: str | None
    cost_usd: float | None
    """USD of the agent's LLM calls whose cost is known (reported by the span, else priced from
    tokens and model); null when none is known. See ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls whose cost is unknown (a model the price table does not know, or no tokens):
    ``cost_usd`` leaves them out, so a non-zero count means the real cost is higher."""


class TraceDetail(_TraceFields):
    """One run: its summary fields plus the agents in full and the run's previews."""

    agents: list[TraceAgent]
    input_tokens: int
    output_tokens: int
    root_span_id: str | None
    session_id: str | None
    input_preview: str | None
    output_preview: str | None


class VerdictUpdate(RequestModel):
    """A person's verdict on a whole trace; ``null`` clears it."""

    verdict: HumanVerdict | None


class VerdictOut(ApiModel):
    """The verdict now stored on a trace."""

    trace_id: str
    human_verdict: HumanVerdict | None
