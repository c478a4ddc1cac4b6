"""Spans of a trace: tree nodes (structure only) and full spans, keyset-paginated."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from agenttrace_analysis.bulk import gc_paused
from agenttrace_core.cost import PRICES
from agenttrace_core.db import schema as s
from agenttrace_core.enums import SpanType
from sqlalchemy import Row, Select, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.errors import NotFoundError
from agenttrace_api.timeutil import duration_ms, ns_to_iso

S = s.spans

TREE_COLUMNS = (
    S.c.span_id,
    S.c.parent_span_id,
    S.c.name,
    S.c.span_type,
    S.c.agent,
    S.c.start_time,
    S.c.end_time,
    S.c.status,
)
FULL_COLUMNS = (
    *TREE_COLUMNS,
    S.c.status_message,
    S.c.kind,
    S.c.input,
    S.c.output,
    S.c.model,
    S.c.input_tokens,
    S.c.output_tokens,
    S.c.total_tokens,
    S.c.attributes,
    S.c.events,
    S.c.links,
)


class SpanView(StrEnum):
    """How much of each span a list returns."""

    FULL = "full"
    TREE = "tree"


async def list_spans(
    conn: AsyncConnection, trace_id: str, *, view: SpanView, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of a trace's spans in (start time, span id) order, and the next cursor."""
    kind = f"spans:{trace_id}"
    columns = TREE_COLUMNS if view is SpanView.TREE else FULL_COLUMNS
    stmt = select(*columns).where(S.c.trace_id == trace_id)
    if cursor is not None:
        last_start, last_id = decode_cursor(cursor, kind, (int, str))
        stmt = stmt.where(tuple_(S.c.start_time, S.c.span_id) > tuple_(last_start, last_id))
    stmt = stmt.order_by(S.c.start_time, S.c.span_id).limit(limit + 1)
    result = await conn.execute(stmt)
    with gc_paused():  # up to 50,000 rows and as many dicts: no collector runs meanwhile
        rows = result.all()
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(kind, rows[-1].start_time, rows[-1].span_id)
        if view is SpanView.TREE:
            return tree_nodes(rows), next_cursor
        return [full_span(row) for row in rows], next_cursor


async def get_span(conn: AsyncConnection, trace_id: str, span_id: str) -> dict[str, Any]:
    """One full span; 404 when the trace has no such span."""
    stmt: Select[Any] = select(*FULL_COLUMNS).where(
        S.c.trace_id == trace_id, S.c.span_id == span_id
    )
    row = (await conn.execute(stmt)).first()
    if row is None:
        raise NotFoundError(f"span {span_id} not found in trace {trace_id}")
    return full_span(row)


def tree_nodes(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Tree nodes of rows of :data:`TREE_COLUMNS`, JSON-ready (times as ISO-8601 text).

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


def tree_node(row: Row[Any]) -> dict[str, Any]:
    """The structural fields of one span row (any row with the tree columns), JSON-ready."""
    return {
        "span_id": row.span_id,
        "parent_span_id": row.parent_span_id,
        "name": row.name,
        "span_type": row.span_type,
        "agent": row.agent,
        "start_time": ns_to_iso(row.start_time),
        "end_time": ns_to_iso(row.end_time),
        "duration_ms": duration_ms(row.start_time, row.end_time),
        "status": row.status,
    }


def full_span(row: Row[Any]) -> dict[str, Any]:
    """Every field of a span row, payloads included, JSON-ready."""
    attributes = row.attributes if isinstance(row.attributes, dict) else {}
    cost = (
        PRICES.call_cost(row.model, row.input_tokens, row.output_tokens, attributes)
        if row.span_type == SpanType.LLM.value
        else None
    )
    return {
        **tree_node(row),
        "status_message": row.status_message,
        "kind": row.kind,
        "input": row.input,
        "output": row.output,
        "model": row.model,
        "tokens": {
            "input": row.input_tokens,
            "output": row.output_tokens,
            "total": row.total_tokens,
        },
        "cost_usd": cost,
        "attributes": attributes,
        "events": [_event(e) for e in row.events or [] if isinstance(e, dict)],
        "links": [_link(link) for link in row.links or [] if isinstance(link, dict)],
    }


def _event(event: dict[str, Any]) -> dict[str, Any]:
    ts = event.get("timestamp")
    return {
        "name": str(event.get("name", "")),
        "timestamp": ns_to_iso(ts) if isinstance(ts, int) and ts > 0 else None,
        "attributes": event.get("attributes") or {},
    }


def _link(link: dict[str, Any]) -> dict[str, Any]:
    return {
        "trace_id": str(link.get("trace_id", "")),
        "span_id": str(link.get("span_id", "")),
        "attributes": link.get("attributes") or {},
    }
