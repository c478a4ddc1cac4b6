"""Pydantic models of the data model: what normalizers produce and services exchange.

Telemetry times are integers of nanoseconds since the Unix epoch. OpenTelemetry ids are
lower-case hex strings (:mod:`agenttrace_core.ids`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agenttrace_core.enums import (
    AnalysisState,
    AnnotationSource,
    AnnotationStatus,
    HumanVerdict,
    MessageKind,
    ReplayStatus,
    SpanStatus,
    SpanType,
)
from agenttrace_core.ids import RowId, SpanId, TraceId


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=False, extra="forbid")


class Project(_Model):
    """A tenant."""

    id: int | None = None
    name: str
    description: str | None = None
    created_at: datetime | None = None


class SpanLink(_Model):
    """A link from a span to a span in another (or the same) trace."""

    trace_id: TraceId
    span_id: SpanId
    attributes: dict[str, Any] = Field(default_factory=dict)


class SpanEvent(_Model):
    """A timed event on a span (exceptions, messages, checkpoints …)."""

    name: str
    timestamp: int
    attributes: dict[str, Any] = Field(default_factory=dict)


class Span(_Model):
    """One OpenTelemetry span, normalized."""

    trace_id: TraceId
    span_id: SpanId
    parent_span_id: SpanId | None = None
    project: str = "default"
    name: str
    kind: str = "internal"
    span_type: SpanType = SpanType.OTHER
    agent: str | None = None
    framework: str | None = None
    start_time: int
    end_time: int
    status: SpanStatus = SpanStatus.UNSET
    status_message: str | None = None
    input: str | None = None
    output: str | None = None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    events: list[SpanEvent] = Field(default_factory=list)
    links: list[SpanLink] = Field(default_factory=list)
    resource: dict[str, Any] = Field(default_factory=dict)
    scope_name: str | None = None
    scope_version: str | None = None
    dropped_attributes_count: int = 0


class Agent(_Model):
    """One agent taking part in a trace."""

    trace_id: TraceId
    name: str
    project: str = "default"
    role: str | None = None
    framework: str | None = None
    model: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    first_seen: int = 0


class AgentMessage(_Model):
    """One communication between agents (``from_agent`` None = the user / entry point)."""

    id: RowId
    trace_id: TraceId
    span_id: SpanId | None = None
    project: str = "default"
    from_agent: str | None = None
    to_agent: str | None = None
    kind: MessageKind
    content: str | None = None
    timestamp: int
    seq: int = 0
    attributes: dict[str, Any] = Field(default_factory=dict)


class Checkpoint(_Model):
    """One state snapshot of a run."""

    id: RowId
    trace_id: TraceId
    span_id: SpanId | None = None
    project: str = "default"
    agent: str | None = None
    name: str | None = None
    step: int
    state: Any
    state_hash: str | None = None
    parent_id: RowId | None = None
    thread_id: str | None = None
    checkpoint_ns: str | None = None
    framework_checkpoint_id: str | None = None
    framework: str | None = None
    timestamp: int
    metadata: dict[str, Any] = Field(default_factory=dict)


class NormalizedBatch(_Model):
    """Everything a normalizer derives from one export request."""

    spans: list[Span] = Field(default_factory=list)
    agents: list[Agent] = Field(default_factory=list)
    messages: list[AgentMessage] = Field(default_factory=list)
    checkpoints: list[Checkpoint] = Field(default_factory=list)


class TraceSummary(_Model):
    """One run, as the trace list shows it."""

    trace_id: TraceId
    project: str
    name: str | None = None
    root_span_id: SpanId | None = None
    session_id: str | None = None
    framework: str | None = None
    status: SpanStatus = SpanStatus.UNSET
    start_time: int
    end_time: int
    span_count: int = 0
    error_count: int = 0
    agent_count: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    cost: float | None = None
    human_verdict: HumanVerdict | None = None
    analysis_state: AnalysisState = AnalysisState.PENDING


class FailureAnnotation(_Model):
    """One MAST label on a trace, optionally pinned to a span and an agent."""

    id: RowId
    trace_id: TraceId
    project: str = "default"
    span_id: SpanId | None = None
    agent: str | None = None
    mode: str
    category: str
    confidence: float = Field(ge=0.0, le=1.0)
    explanation: str | None = None
    evidence: list[dict[str, Any]] = Field(default_factory=list)
    source: AnnotationSource
    status: AnnotationStatus = AnnotationStatus.PROPOSED
    author: str | None = None


class Replay(_Model):
    """One fork of a run from a checkpoint."""

    id: RowId
    project: str = "default"
    source_trace_id: TraceId
    checkpoint_id: RowId
    modifications: dict[str, Any] = Field(default_factory=dict)
    app: str | None = None
    recorded_only: bool = False
    status: ReplayStatus = ReplayStatus.QUEUED
    new_trace_id: TraceId | None = None
    worker: str | None = None
    error: str | None = None
