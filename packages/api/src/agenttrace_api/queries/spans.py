"""Spans of a trace, read from the span store: tree nodes (structure only) and full spans,
keyset-paginated."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from agenttrace_analysis.bulk import gc_paused
from agenttrace_core.cost import PRICES
from agenttrace_core.enums import SpanType
from agenttrace_core.models import Span, SpanEvent, SpanLink
from agenttrace_core.store import SpanReader

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.errors import NotFoundError
from agenttrace_api.timeutil import duration_ms, ns_to_iso


class SpanView(StrEnum):
    """How much of each span a list returns."""

    FULL = "full"
    TREE = "tree"


async def list_spans(
    spans: SpanReader, trace_id: str, *, view: SpanView, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of a trace's spans in (start time, span id) order, and the next cursor."""
    kind = f"spans:{trace_id}"
    after = None
    if cursor is not None:
        last_start, last_id = decode_cursor(cursor, kind, (int, str))
        after = (last_start, last_id)
    if view is SpanView.TREE:
        nodes = await spans.span_tree(trace_id, after=after, limit=limit + 1)
        with gc_paused():  # up to 50,000 dicts: no collector runs meanwhile
            next_cursor = None
            if len(nodes) > limit:
                nodes = nodes[:limit]
                next_cursor = encode_cursor(kind, nodes[-1].start_time, nodes[-1].span_id)
            return tree_nodes(nodes), next_cursor
    full = await spans.span_page(trace_id, after=after, limit=limit + 1)
    next_cursor = None
    if len(full) > limit:
        full = full[:limit]
        next_cursor = encode_cursor(kind, full[-1].start_time, full[-1].span_id)
    return [full_span(span) for span in full], next_cursor


async def get_span(spans: SpanReader, trace_id: str, span_id: str) -> dict[str, Any]:
    """One full span; 404 when the trace has no such span."""
    found = await spans.span_page(trace_id, span_id=span_id, limit=1)
    if not found:
        raise NotFoundError(f"span {span_id} not found in trace {trace_id}")
    return full_span(found[0])


def tree_nodes(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Tree nodes of :class:`~agenttrace_core.store.SpanNode` rows, JSON-ready (ISO-8601 times).

    The hot loop of a 10,000-span tree: rows are unpacked by position (attribute access on a
    row costs several times more) and the dicts are built in one comprehension.
    """
    iso = ns_to_iso
    return [
        {
            "span_id": span_id,
            "parent_span_id": parent_span_id,
            "name": name,
            "span_type": span_type,
            "agent": agent,
            "start_time": iso(start),
            "end_time": iso(end),
            "duration_ms": (end - start) / 1_000_000 if end > start else 0.0,
            "status": status,
        }
        for span_id, parent_span_id, name, span_type, agent, start, end, status in rows
    ]


def full_span(span: Span) -> dict[str, Any]:
    """Every field of a span, payloads included, JSON-ready."""
    cost = (
        PRICES.call_cost(span.model, span.input_tokens, span.output_tokens, span.attributes)
        if span.span_type is SpanType.LLM
        else None
    )
    return {
        "span_id": span.span_id,
        "parent_span_id": span.parent_span_id,
        "name": span.name,
        "span_type": span.span_type.value,
        "agent": span.agent,
        "start_time": ns_to_iso(span.start_time),
        "end_time": ns_to_iso(span.end_time),
        "duration_ms": duration_ms(span.start_time, span.end_time),
        "status": span.status.value,
        "status_message": span.status_message,
        "kind": span.kind,
        "input": span.input,
        "output": span.output,
        "model": span.model,
        "tokens": {
            "input": span.input_tokens,
            "output": span.output_tokens,
            "total": span.total_tokens,
        },
        "cost_usd": cost,
        "attributes": span.attributes,
        "events": [_event(e) for e in span.events],
        "links": [_link(link) for link in span.links],
    }


def _event(event: SpanEvent) -> dict[str, Any]:
    ts = event.timestamp
    return {
        "name": event.name,
        "timestamp": ns_to_iso(ts) if ts > 0 else None,
        "attributes": event.attributes,
    }


def _link(link: SpanLink) -> dict[str, Any]:
    return {"trace_id": link.trace_id, "span_id": link.span_id, "attributes": link.attributes}
