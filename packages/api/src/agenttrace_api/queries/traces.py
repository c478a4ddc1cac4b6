"""Trace list (filters, sort, keyset pagination) and trace lookups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import (
    ColumnElement,
    Row,
    and_,
    bindparam,
    exists,
    false,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.timeutil import duration_ms, ns_to_datetime

T = s.traces


class TraceSort(StrEnum):
    """What the trace list is ordered by."""

    START_TIME = "start_time"
    DURATION = "duration"
    TOKENS = "tokens"
    COST = "cost"
    """Runs without a known cost sort below every priced run (as if their cost were -1)."""


class SortOrder(StrEnum):
    """Ascending or descending."""

    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class TraceFilter:
    """The filters of the trace list (None: not filtered)."""

    project: str | None = None
    status: str | None = None
    agent: str | None = None
    framework: str | None = None
    failure_mode: str | None = None
    q: str | None = None
    session_id: str | None = None
    since_ns: int | None = None
    until_ns: int | None = None
    min_cost: float | None = None
    """USD; runs without a known cost never match a cost bound."""
    max_cost: float | None = None


NO_COST = -1.0
"""The sort key of a run whose cost is unknown (below any cost)."""


def sort_column(sort: TraceSort) -> ColumnElement[Any]:
    match sort:
        case TraceSort.START_TIME:
            return T.c.start_time
        case TraceSort.DURATION:
            return T.c.end_time - T.c.start_time
        case TraceSort.TOKENS:
            return T.c.total_tokens
        case TraceSort.COST:
            return func.coalesce(T.c.cost, NO_COST)


def like_pattern(text: str) -> str:
    """A case-insensitive LIKE pattern that matches ``text`` literally (escape ``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(f: TraceFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``f`` on ``traces``."""
    conds: list[ColumnElement[bool]] = []
    if f.project is not None:
        conds.append(T.c.project == f.project)
    if f.status is not None:
        conds.append(T.c.status == f.status)
    if f.framework is not None:
        conds.append(T.c.framework == f.framework)
    if f.session_id is not None:
        conds.append(T.c.session_id == f.session_id)
    if f.since_ns is not None:
        conds.append(T.c.start_time >= f.since_ns)
    if f.until_ns is not None:
        conds.append(T.c.start_time <= f.until_ns)
    if f.min_cost is not None:
        conds.append(T.c.cost >= f.min_cost)
    if f.max_cost is not None:
        conds.append(T.c.cost <= f.max_cost)
    if f.agent is not None:
        a = s.agents
        conds.append(exists().where(a.c.trace_id == T.c.trace_id, a.c.name == f.agent))
    if f.failure_mode is not None:
        fa = s.failure_annotations
        conds.append(
            exists().where(
                fa.c.trace_id == T.c.trace_id,
                fa.c.mode == f.failure_mode,
                fa.c.status != "rejected",
            )
        )
    if f.q:
        pattern = like_pattern(f.q)
        sp = s.spans
        conds.append(
            or_(
                T.c.name.ilike(pattern, escape="\\"),
                T.c.input_preview.ilike(pattern, escape="\\"),
                T.c.output_preview.ilike(pattern, escape="\\"),
                exists().where(
                    sp.c.trace_id == T.c.trace_id,
                    or_(
                        sp.c.name.ilike(pattern, escape="\\"),
                        sp.c.input.ilike(pattern, escape="\\"),
                        sp.c.output.ilike(pattern, escape="\\"),
                    ),
                ),
            )
        )
    return conds


async def list_traces(
    conn: AsyncConnection,
    f: TraceFilter,
    *,
    sort: TraceSort,
    order: SortOrder,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of trace summaries and the cursor of the next page (None: last page)."""
    key = sort_column(sort)
    kind = f"traces:{sort.value}:{order.value}"
    conds = conditions(f)
    if cursor is not None:
        key_type = float if sort is TraceSort.COST else int
        last_key, last_id = decode_cursor(cursor, kind, (key_type, str))
        row_key = tuple_(key, T.c.trace_id)
        if order is SortOrder.DESC:
            conds.append(row_key < tuple_(last_key, last_id))
        else:
            conds.append(row_key > tuple_(last_key, last_id))
    stmt = select(T, key.label("sort_key")).where(and_(true_if_empty(conds)))
    if order is SortOrder.DESC:
        stmt = stmt.order_by(key.desc(), T.c.trace_id.desc())
    else:
        stmt = stmt.order_by(key.asc(), T.c.trace_id.asc())
    rows = (await conn.execute(stmt.limit(limit + 1))).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        sort_key = float(last.sort_key) if sort is TraceSort.COST else int(last.sort_key)
        next_cursor = encode_cursor(kind, sort_key, last.trace_id)
    items = await summaries(conn, rows)
    return items, next_cursor


def among(column: ColumnElement[str], ids: frozenset[str]) -> ColumnElement[bool]:
    """``column IN ids``; a long list is written into the statement (SQLite takes at most
    32,766 bound values)."""
    values = sorted(ids)
    if len(values) <= 1_000:
        return column.in_(values)
    return column.in_(bindparam("among_ids", values, expanding=True, literal_execute=True))


def true_if_empty(conds: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    """``AND`` of the conditions (TRUE when there are none)."""
    return and_(*conds) if conds else ~false()


async def summaries(conn: AsyncConnection, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Summary dicts of ``traces`` rows, with their agents' names and failure modes."""
    ids = [row.trace_id for row in rows]
    names = await agent_names(conn, ids)
    modes = await failure_modes(conn, ids)
    return [
        summary_of(row, names.get(row.trace_id, []), modes.get(row.trace_id, [])) for row in rows
    ]


def summary_of(row: Row[Any], agents: list[Any], modes: list[str]) -> dict[str, Any]:
    """The summary fields of one ``traces`` row."""
    return {
        "trace_id": row.trace_id,
        "name": row.name,
        "project": row.project,
        "status": row.status,
        "framework": row.framework,
        "start_time": ns_to_datetime(row.start_time),
        "end_time": ns_to_datetime(row.end_time),
        "duration_ms": duration_ms(row.start_time, row.end_time),
        "span_count": row.span_count,
        "agent_count": row.agent_count,
        "agents": agents,
        "total_tokens": row.total_tokens,
        "cost_usd": row.cost,
        "unpriced_llm_spans": row.unpriced_llm_spans,
        "failure_modes": modes,
        "error_count": row.error_count,
        "human_verdict": row.human_verdict,
        "analysis_state": row.analysis_state,
    }


async def agent_names(conn: AsyncConnection, ids: list[str]) -> dict[str, list[str]]:
    """Agent names per trace, in order of first appearance."""
    if not ids:
        return {}
    a = s.agents
    stmt = (
        select(a.c.trace_id, a.c.name)
        .where(a.c.trace_id.in_(ids))
        .order_by(a.c.trace_id, a.c.first_seen, a.c.name)
    )
    out: dict[str, list[str]] = defaultdict(list)
    for trace_id, name in await conn.execute(stmt):
        out[trace_id].append(name)
    return out


async def failure_modes(conn: AsyncConnection, ids: list[str]) -> dict[str, list[str]]:
    """Distinct MAST modes per trace of annotations that are not rejected, sorted."""
    if not ids:
        return {}
    fa = s.failure_annotations
    stmt = (
        select(fa.c.trace_id, fa.c.mode)
        .where(fa.c.trace_id.in_(ids), fa.c.status != "rejected")
        .distinct()
        .order_by(fa.c.trace_id, fa.c.mode)
    )
    out: dict[str, list[str]] = defaultdict(list)
    for trace_id, mode in await conn.execute(stmt):
        out[trace_id].append(mode)
    return out
