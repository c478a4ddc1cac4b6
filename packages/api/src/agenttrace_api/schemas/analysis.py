"""The communication graph, messages, failure annotations and attribution of a trace."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agenttrace_core.enums import AnnotationSource, AnnotationStatus, MessageKind
from pydantic import BaseModel, ConfigDict

from agenttrace_api.schemas.common import ApiModel


class _Open(BaseModel):
    """A model that keeps fields the analysis adds beyond the declared ones."""

    model_config = ConfigDict(extra="allow")


class GraphNode(_Open):
    """An agent in the graph (``id`` is the agent name); extra fields are statistics."""

    id: str
    name: str
    role: str | None = None
    cost_usd: float | None = None
    """Agents: USD of their LLM calls whose cost is known; null when none is known (and on
    tools and the user node)."""
    unpriced_llm_spans: int = 0
    """Agents: their LLM calls whose cost is unknown (left out of ``cost_usd``)."""


class GraphEdge(_Open):
    """Communication from one agent to another; extra fields are statistics."""

    source: str
    target: str
    kind: str
    count: int = 1


class Graph(_Open):
    """Who talked to whom."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Annotation(ApiModel):
    """One MAST failure label on a trace, optionally pinned to a span and an agent.

    Fields the analysis adds beyond these are dropped (the schema stays the contract).
    """

    model_config = ConfigDict(extra="ignore")

    id: str
    trace_id: str
    mode: str
    name: str | None
    """The mode's name (``Fail to clarify`` …)."""
    category: str
    agent: str | None
    span_id: str | None
    confidence: float
    explanation: str | None
    evidence: list[Any]
    source: AnnotationSource
    status: AnnotationStatus
    author: str | None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Attribution(_Open):
    """Which agent and step are most responsible for a failed run, and why."""

    agent: str | None = None
    span_id: str | None = None
    step: int | None = None
    confidence: float | None = None
    reasons: list[Any] = []
    ranking: list[Any] = []


class Failures(ApiModel):
    """The failure annotations of a trace's run (every source, with their review status)."""

    model_config = ConfigDict(extra="ignore")

    annotations: list[Annotation]
    attribution: Attribution | None
    run_trace_ids: list[str] = []
    """The traces of the run (joined by span links) that the analysis covered."""


class Message(ApiModel):
    """One communication between agents (``from_agent`` null: the user / entry point)."""

    id: str
    span_id: str | None
    from_agent: str | None
    to_agent: str | None
    kind: MessageKind
    content: str | None
    timestamp: datetime
    seq: int
    attributes: dict[str, Any]


class MessageList(ApiModel):
    """A page of messages in time order."""

    items: list[Message]
    next_cursor: str | None
