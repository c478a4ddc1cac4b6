"""Mutable per-span working records that normalizers fill in before assembly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agenttrace_core.enums import MessageKind, SpanStatus, SpanType
from agenttrace_core.models import SpanEvent, SpanLink

from agenttrace_ingestion.rejections import Adjusted


@dataclass(slots=True)
class MessageDraft:
    """An agent message seen on a span; ``from_agent``/``to_agent`` None = user/everybody."""

    kind: MessageKind
    from_agent: str | None
    to_agent: str | None
    timestamp: int
    content: str | None = None
    source: str = "span"
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SpanDraft:
    """One span on its way to a :class:`agenttrace_core.models.Span`.

    The orchestrator fills the OTLP facts; a normalizer fills the meaning (type, agent,
    input/output, model, tokens, messages); :mod:`.assemble` resolves what needs the
    other spans of the request (inherited agents, nesting, handoff targets).
    """

    trace_id: str
    span_id: str
    parent_id: str | None
    name: str
    kind: str
    start: int
    end: int
    status: SpanStatus
    status_message: str | None
    attrs: dict[str, Any]
    resource: dict[str, Any]
    scope_name: str
    scope_version: str
    project: str
    dropped_attributes_count: int
    events: list[SpanEvent] = field(default_factory=list)
    links: list[SpanLink] = field(default_factory=list)
    # filled by normalizers
    framework: str | None = None
    span_type: SpanType = SpanType.OTHER
    agent: str | None = None
    agent_inherited: bool = False
    is_agent_run: bool = False
    agent_role: str | None = None
    agent_config: dict[str, Any] = field(default_factory=dict)
    input: str | None = None
    output: str | None = None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    handoff_from: str | None = None
    handoff_to: str | None = None
    is_handoff: bool = False
    graph_parent: str | None = None
    messages: list[MessageDraft] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    adjusted: list[Adjusted] = field(default_factory=list)
    """Values dropped or clamped to store the span (said in ``partial_success``)."""
