"""Per-agent figures across traces."""

from __future__ import annotations

from datetime import datetime

from agenttrace_api.schemas.common import ApiModel


class ModeCount(ApiModel):
    """How often a failure mode was attributed to an agent."""

    mode: str
    count: int


class AgentStats(ApiModel):
    """One agent (by name) across the traces of the selection."""

    name: str
    runs: int
    """Traces the agent took part in."""
    error_runs: int
    """Runs in which at least one of the agent's spans failed."""
    error_rate: float
    latency_p50_ms: float | None
    """Median of the agent's time per run (first span start to last span end)."""
    latency_p95_ms: float | None
    total_tokens: int
    cost_usd: float | None
    """USD of the LLM calls whose cost is known (reported by the span, else priced from
    tokens and model); null when none is known. See ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls whose cost is unknown (a model the price table does not know, or no tokens):
    ``cost_usd`` leaves them out, so a non-zero count means the real cost is higher."""
    top_failure_modes: list[ModeCount]
    last_seen: datetime | None
    projects: list[str]
    frameworks: list[str]


class AgentList(ApiModel):
    """Per-agent figures, busiest first."""

    items: list[AgentStats]
    next_cursor: str | None


class AgentDetail(ApiModel):
    """One agent's figures, the roles and models it ran with, and its latest traces."""

    stats: AgentStats
    roles: list[str]
    models: list[str]
    recent_trace_ids: list[str]
