"""Sessions: the runs of a project that share a session id, and one session's runs."""

from __future__ import annotations

from datetime import datetime

from agenttrace_core.enums import AnnotationSource, AnnotationStatus, SpanStatus

from agenttrace_api.schemas.common import ApiModel
from agenttrace_api.schemas.traces import TraceSummary


class SessionSummary(ApiModel):
    """One session: a conversation or thread made of several runs."""

    session_id: str
    project: str
    status: SpanStatus
    """``error`` when one of its runs failed, ``ok`` when none did, ``unset`` while none ended."""
    trace_count: int
    error_count: int
    """Runs that failed."""
    start_time: datetime
    """When its first run started."""
    last_activity: datetime
    """When its latest run ended."""
    duration_ms: float
    total_tokens: int
    cost_usd: float | None
    """USD of its runs' priced LLM calls; null when none has a price. See
    ``unpriced_llm_spans``."""
    unpriced_llm_spans: int
    """LLM calls of its runs without a price (left out of ``cost_usd``)."""
    agents: list[str]
    """Agents of its runs, in order of first appearance."""
    failure_modes: list[str]
    """MAST codes found in its runs (annotations that are not rejected)."""
    first_input: str | None
    """The input preview of its first run that has one: what the session began with."""
    last_output: str | None
    """The output preview of its latest run that has one."""


class SessionList(ApiModel):
    """A page of sessions, last activity first."""

    items: list[SessionSummary]
    next_cursor: str | None


class RunFailure(ApiModel):
    """One failure annotation of a run (not rejected)."""

    mode: str
    category: str
    agent: str | None
    span_id: str | None
    confidence: float
    source: AnnotationSource
    status: AnnotationStatus
    explanation: str | None


class Culprit(ApiModel):
    """The agent and step the analysis holds most responsible for a failed run."""

    agent: str | None
    span_id: str | None
    step: int | None
    confidence: float | None


class SessionRun(TraceSummary):
    """One run of a session: its summary (with its cost), previews and failures."""

    input_preview: str | None
    output_preview: str | None
    failures: list[RunFailure]
    culprit: Culprit | None


class SessionDetail(SessionSummary):
    """One session and a page of its runs in time order (``next_cursor`` for more)."""

    traces: list[SessionRun]
    next_cursor: str | None
