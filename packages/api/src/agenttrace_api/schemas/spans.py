"""Spans: the light tree nodes and the full spans with their payloads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from agenttrace_core.enums import SpanStatus, SpanType

from agenttrace_api.schemas.common import ApiModel


class SpanTokens(ApiModel):
    """Token usage of one span (null when unknown)."""

    input: int | None
    output: int | None
    total: int | None


class SpanEventOut(ApiModel):
    """A timed event on a span."""

    name: str
    timestamp: datetime | None
    attributes: dict[str, Any]


class SpanLinkOut(ApiModel):
    """A link to a span of this or another trace."""

    trace_id: str
    span_id: str
    attributes: dict[str, Any]


class SpanNode(ApiModel):
    """The structure of a span: what the tree and the timeline need, without payloads."""

    span_id: str
    parent_span_id: str | None
    name: str
    span_type: SpanType
    agent: str | None
    start_time: datetime
    end_time: datetime
    duration_ms: float
    status: SpanStatus


class SpanFull(SpanNode):
    """A span with its payloads: input, output, attributes, events and links."""

    status_message: str | None
    kind: str
    input: str | None
    output: str | None
    model: str | None
    tokens: SpanTokens
    cost_usd: float | None
    """LLM spans: USD of the call (reported by the span, else priced from tokens and model);
    null when unknown, and on other spans."""
    attributes: dict[str, Any]
    events: list[SpanEventOut]
    links: list[SpanLinkOut]


class SpanList(ApiModel):
    """A page of spans in start order: full spans, or tree nodes with ``view=tree``."""

    items: list[SpanFull] | list[SpanNode]
    next_cursor: str | None
