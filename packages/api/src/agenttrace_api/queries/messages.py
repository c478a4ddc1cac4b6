"""Messages between the agents of a trace, in time order."""

from __future__ import annotations

from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.timeutil import ns_to_datetime

M = s.agent_messages


async def list_messages(
    conn: AsyncConnection, trace_id: str, *, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of a trace's messages in (time, sequence, id) order, and the next cursor."""
    kind = f"messages:{trace_id}"
    stmt = select(M).where(M.c.trace_id == trace_id)
    if cursor is not None:
        ts, seq, last_id = decode_cursor(cursor, kind, (int, int, str))
        stmt = stmt.where(tuple_(M.c.timestamp, M.c.seq, M.c.id) > tuple_(ts, seq, last_id))
    stmt = stmt.order_by(M.c.timestamp, M.c.seq, M.c.id).limit(limit + 1)
    rows = (await conn.execute(stmt)).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(kind, last.timestamp, last.seq, last.id)
    items = [
        {
            "id": row.id,
            "span_id": row.span_id,
            "from_agent": row.from_agent,
            "to_agent": row.to_agent,
            "kind": row.kind,
            "content": row.content,
            "timestamp": ns_to_datetime(row.timestamp),
            "seq": row.seq,
            "attributes": row.attributes if isinstance(row.attributes, dict) else {},
        }
        for row in rows
    ]
    return items, next_cursor
