"""Projects and per-bucket overview figures."""

from __future__ import annotations

from datetime import datetime

from agenttrace_api.schemas.common import ApiModel


class ProjectOut(ApiModel):
    """A project and how much it holds."""

    name: str
    description: str | None
    trace_count: int
    last_trace_time: datetime | None
    cost_usd: float | None
    """USD of the LLM calls whose cost is known (reported by the span, else priced from
    tokens and model); null when none is known. See ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls whose cost is unknown (a model the price table does not know, or no tokens):
    ``cost_usd`` leaves them out, so a non-zero count means the real cost is higher."""


class ProjectList(ApiModel):
    """Every project."""

    items: list[ProjectOut]
    next_cursor: str | None


class OverviewBucket(ApiModel):
    """Figures of the traces that started in one time bucket."""

    start: datetime
    trace_count: int
    error_count: int
    """Traces whose status is error."""
    error_rate: float
    total_tokens: int
    cost_usd: float | None
    """USD of the LLM calls whose cost is known (reported by the span, else priced from
    tokens and model); null when none is known. See ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls whose cost is unknown (a model the price table does not know, or no tokens):
    ``cost_usd`` leaves them out, so a non-zero count means the real cost is higher."""
    failure_modes: dict[str, int]
    """Traces per MAST mode (annotations not rejected)."""


class Overview(ApiModel):
    """A time series for the dashboard's charts; empty buckets are included."""

    bucket: str
    since: datetime
    until: datetime
    buckets: list[OverviewBucket]
