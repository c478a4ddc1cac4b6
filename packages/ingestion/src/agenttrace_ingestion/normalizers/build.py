"""OTLP span ↔ draft ↔ :class:`agenttrace_core.models.Span` conversions and id checks."""

from __future__ import annotations

from typing import Any

from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.ids import SpanId, TraceId
from agenttrace_core.models import Span, SpanEvent, SpanLink
from opentelemetry.proto.trace.v1.trace_pb2 import Span as OtlpSpan

from agenttrace_ingestion.rejections import Adjusted, Adjustment

from .draft import SpanDraft
from .fastmodel import trusted
from .values import decode_attributes

_KINDS = ("unspecified", "internal", "server", "client", "producer", "consumer")
_STATUSES = (SpanStatus.UNSET, SpanStatus.OK, SpanStatus.ERROR)
_ZERO_TRACE = bytes(16)
_ZERO_SPAN = bytes(8)
MAX_TOKENS = 2**40
"""Token counts above this (or below zero) are not stored: they cannot be real, and sums of
them over a run must stay within 64 bits."""


def check_ids(sp: OtlpSpan) -> str | None:
    """Why a span cannot be stored (bad ids or times), or None when it can."""
    if len(sp.trace_id) != 16 or sp.trace_id == _ZERO_TRACE:
        return "invalid trace_id: must be 16 non-zero bytes (32 hex characters)"
    if len(sp.span_id) != 8 or sp.span_id == _ZERO_SPAN:
        return "invalid span_id: must be 8 non-zero bytes (16 hex characters)"
    if sp.parent_span_id and len(sp.parent_span_id) != 8:
        return "invalid parent_span_id: must be empty or 8 bytes"
    if sp.start_time_unix_nano == 0:
        return "missing start_time_unix_nano"
    if sp.end_time_unix_nano and sp.end_time_unix_nano < sp.start_time_unix_nano:
        return "end_time_unix_nano is before start_time_unix_nano"
    return None


def make_draft(
    sp: OtlpSpan,
    attrs: dict[str, Any],
    resource: dict[str, Any],
    scope: str,
    version: str,
    project: str,
    hexes: dict[bytes, str] | None = None,
) -> SpanDraft:
    """A draft holding the OTLP facts of one (already checked) span.

    ``hexes`` caches the hex form of ids across the spans of a request: a trace id, and a
    span id that is also a parent id, become one string each (a request's rows then pickle
    smaller and unpickle into fewer objects).
    """
    if hexes is None:
        hexes = {}
    raw = sp.trace_id
    trace_id = hexes.get(raw)
    if trace_id is None:
        trace_id = hexes[raw] = raw.hex()
    raw = sp.span_id
    span_id = hexes.get(raw)
    if span_id is None:
        span_id = hexes[raw] = raw.hex()
    raw = sp.parent_span_id
    if raw and raw != _ZERO_SPAN:
        parent_id = hexes.get(raw)
        if parent_id is None:
            parent_id = hexes[raw] = raw.hex()
    else:
        parent_id = None
    status = sp.status
    code = status.code
    kind = sp.kind
    start = sp.start_time_unix_nano
    events, links = sp.events, sp.links
    return SpanDraft(  # positional, in the order of its fields: the cheaper call
        trace_id,
        span_id,
        parent_id,
        sp.name,
        _KINDS[kind] if 0 <= kind < len(_KINDS) else "unspecified",
        start,
        sp.end_time_unix_nano or start,
        _STATUSES[code] if 0 <= code < 3 else SpanStatus.UNSET,
        status.message or None,
        attrs,
        resource,
        scope,
        version,
        project,
        sp.dropped_attributes_count,
        [
            trusted(
                SpanEvent,
                dict(
                    name=e.name,
                    timestamp=e.time_unix_nano,
                    attributes=decode_attributes(e.attributes),
                ),
            )
            for e in events
        ]
        if events
        else [],
        [
            trusted(
                SpanLink,
                dict(
                    trace_id=TraceId(link.trace_id.hex()),
                    span_id=SpanId(link.span_id.hex()),
                    attributes=decode_attributes(link.attributes),
                ),
            )
            for link in links
            if len(link.trace_id) == 16 and len(link.span_id) == 8
        ]
        if links
        else [],
    )


def _tokens_ok(value: object) -> bool:
    return value is None or (type(value) is int and 0 <= value <= MAX_TOKENS)


def _drop_bad_tokens(d: SpanDraft) -> None:
    """Clear token counts that are not integers in 0 … :data:`MAX_TOKENS`, and say so."""
    bad = {
        name: value
        for name, value in (
            ("input", d.input_tokens),
            ("output", d.output_tokens),
            ("total", d.total_tokens),
        )
        if not _tokens_ok(value)
    }
    if "input" in bad:
        d.input_tokens = None
    if "output" in bad:
        d.output_tokens = None
    if "total" in bad:
        d.total_tokens = None
    shown = ", ".join(f"{name} {str(value)[:24]}" for name, value in bad.items())
    d.adjusted.append(
        Adjusted(
            d.trace_id,
            d.span_id,
            Adjustment.TOKEN_COUNT,
            f"token count out of range, not stored ({shown})",
        )
    )


def check_draft(d: SpanDraft) -> None:
    """Make a draft storable: raises ValueError when a normalizer produced nonsense.

    Token counts out of range are cleared (and said in ``d.adjusted``).
    """
    if not isinstance(d.span_type, SpanType):
        raise ValueError(f"span_type {d.span_type!r} is not a SpanType")
    if d.agent is not None and (not isinstance(d.agent, str) or len(d.agent) > 255):
        raise ValueError("agent must be a string of at most 255 characters")
    if not (
        _tokens_ok(d.input_tokens) and _tokens_ok(d.output_tokens) and _tokens_ok(d.total_tokens)
    ):
        _drop_bad_tokens(d)


def to_span(d: SpanDraft) -> Span:
    """The stored span of a draft that passed :func:`check_draft`."""
    return trusted(  # the ids are checked hex strings: TraceId/SpanId in all but name
        Span,
        dict(
            trace_id=d.trace_id,
            span_id=d.span_id,
            parent_span_id=d.parent_id or None,
            project=d.project,
            name=d.name,
            kind=d.kind,
            span_type=d.span_type,
            agent=d.agent,
            framework=d.framework,
            start_time=d.start,
            end_time=d.end,
            status=d.status,
            status_message=d.status_message,
            input=d.input,
            output=d.output,
            model=d.model,
            input_tokens=d.input_tokens,
            output_tokens=d.output_tokens,
            total_tokens=d.total_tokens,
            attributes=d.attrs,
            events=d.events,
            links=d.links,
            resource=d.resource,
            scope_name=d.scope_name or None,
            scope_version=d.scope_version or None,
            dropped_attributes_count=d.dropped_attributes_count,
        ),
    )
