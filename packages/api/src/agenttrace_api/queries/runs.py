"""The trace list and run summaries: span data from the span store, the rest relational.

Where each part of a trace summary comes from:

- The span store (:class:`~agenttrace_core.store.SpanReader`): which runs match the span
  filters (project, status, agent, framework, free text, time window), their order (start
  time, duration, tokens), the pages, and each run's span figures (name, status, framework,
  times, span, error and agent counts, tokens, agent names).
- The relational database: the failure modes (``failure_annotations``), the human verdict and
  the analysis state of the ``traces`` row, and, for now, the figures the SQL writer keeps on
  that row but the store interface does not carry: cost, unpriced LLM spans, session id,
  input and output previews. A run without a ``traces`` row reads them as null (no verdict,
  analysis pending).

A filter on relational data (``failure_mode``, ``session_id``, ``min_cost``, ``max_cost``)
takes two steps: the ids of the runs that match it, from the relational database, then the
store, given those ids (``RunFilter.trace_ids``) with the span filters. ``sort=cost`` orders
by the relational cost: the ``traces`` rows are scanned in that order, chunk by chunk, and
the store keeps the runs of each chunk that match the span filters, until the page is full.
With the SQL store every answer is the one the single query of the relational trace list gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from agenttrace_core.db import schema as s
from agenttrace_core.store import (
    BadCursorError,
    RunFilter,
    RunSort,
    RunSummary,
    SpanReader,
)
from agenttrace_core.store import SortOrder as StoreOrder
from sqlalchemy import ColumnElement, Row, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.errors import InvalidCursorError
from agenttrace_api.queries.traces import (
    NO_COST,
    SortOrder,
    TraceFilter,
    TraceSort,
    among,
    failure_modes,
    true_if_empty,
)
from agenttrace_api.timeutil import duration_ms, ns_to_datetime

T = s.traces
FA = s.failure_annotations
COST_CHUNK = 200
"""Runs of the relational cost order that the store is asked about at once."""


async def list_traces(
    spans: SpanReader,
    engine: AsyncEngine,
    f: TraceFilter,
    *,
    sort: TraceSort,
    order: SortOrder,
    limit: int,
    cursor: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of trace summaries and the cursor of the next page (None: last page)."""
    async with engine.connect() as conn:
        ids = await _relational_ids(conn, f)
    if ids is not None and not ids:
        return [], None
    run_filter = RunFilter(
        project=f.project,
        status=f.status,
        agent=f.agent,
        framework=f.framework,
        q=f.q,
        since_ns=f.since_ns,
        until_ns=f.until_ns,
        trace_ids=ids,
    )
    if sort is TraceSort.COST:
        runs, next_cursor = await _by_cost(spans, engine, run_filter, order, limit, cursor)
    else:
        try:
            page = await spans.list_runs(
                run_filter,
                sort=RunSort(sort.value),
                order=StoreOrder(order.value),
                limit=limit,
                cursor=cursor,
            )
        except BadCursorError as exc:
            raise InvalidCursorError(f"invalid cursor ({exc})") from exc
        runs, next_cursor = page.items, page.next_cursor
    async with engine.connect() as conn:
        return await merged(conn, runs), next_cursor


async def run_summary(spans: SpanReader, trace_id: str) -> RunSummary | None:
    """The store's summary of one run (None: none of its spans is stored)."""
    page = await spans.list_runs(
        RunFilter(trace_ids=frozenset([trace_id])),
        sort=RunSort.START_TIME,
        order=StoreOrder.DESC,
        limit=1,
        cursor=None,
    )
    return page.items[0] if page.items else None


async def _relational_ids(conn: AsyncConnection, f: TraceFilter) -> frozenset[str] | None:
    """The runs that match the filters on relational data (None: no such filter)."""
    found: frozenset[str] | None = None
    if f.failure_mode is not None:
        stmt = select(FA.c.trace_id).where(FA.c.mode == f.failure_mode, FA.c.status != "rejected")
        if f.project is not None:
            stmt = stmt.where(FA.c.project == f.project)
        found = frozenset((await conn.execute(stmt.distinct())).scalars())
    conds: list[ColumnElement[bool]] = []
    if f.session_id is not None:
        conds.append(T.c.session_id == f.session_id)
    if f.min_cost is not None:
        conds.append(T.c.cost >= f.min_cost)
    if f.max_cost is not None:
        conds.append(T.c.cost <= f.max_cost)
    if conds:
        if f.project is not None:
            conds.append(T.c.project == f.project)
        rows = frozenset((await conn.execute(select(T.c.trace_id).where(*conds))).scalars())
        found = rows if found is None else found & rows
    return found


async def _by_cost(
    spans: SpanReader,
    engine: AsyncEngine,
    f: RunFilter,
    order: SortOrder,
    limit: int,
    cursor: str | None,
) -> tuple[list[RunSummary], str | None]:
    """A page in the order of the relational cost (unknown below any), ties by trace id."""
    key = func.coalesce(T.c.cost, NO_COST)
    kind = f"traces:cost:{order.value}"
    after = tuple(decode_cursor(cursor, kind, (float, str))) if cursor is not None else None
    desc = order is SortOrder.DESC
    found: list[tuple[float, RunSummary]] = []
    while len(found) <= limit:
        conds: list[ColumnElement[bool]] = []
        if f.project is not None:
            conds.append(T.c.project == f.project)
        if f.trace_ids is not None:
            conds.append(among(T.c.trace_id, f.trace_ids))
        if after is not None:
            row_key = tuple_(key, T.c.trace_id)
            conds.append(row_key < tuple_(*after) if desc else row_key > tuple_(*after))
        stmt = select(T.c.trace_id, key.label("sort_key")).where(true_if_empty(conds))
        stmt = stmt.order_by(*((key.desc(), T.c.trace_id.desc()) if desc else (key, T.c.trace_id)))
        async with engine.connect() as conn:
            rows = (await conn.execute(stmt.limit(COST_CHUNK))).all()
        if not rows:
            break
        page = await spans.list_runs(
            replace(f, trace_ids=frozenset(r.trace_id for r in rows)),
            sort=RunSort.START_TIME,
            order=StoreOrder.DESC,
            limit=len(rows),
            cursor=None,
        )
        matching = {run.trace_id: run for run in page.items}
        found += [(float(r.sort_key), matching[r.trace_id]) for r in rows if r.trace_id in matching]
        after = (float(rows[-1].sort_key), rows[-1].trace_id)
        if len(rows) < COST_CHUNK:
            break
    next_cursor = None
    if len(found) > limit:
        found = found[:limit]
        next_cursor = encode_cursor(kind, found[-1][0], found[-1][1].trace_id)
    return [run for _key, run in found], next_cursor


async def merged(conn: AsyncConnection, runs: Sequence[RunSummary]) -> list[dict[str, Any]]:
    """Summary dicts of the store's runs, with their relational data merged in."""
    ids = [run.trace_id for run in runs]
    rows = await relational_rows(conn, ids)
    modes = await failure_modes(conn, ids)
    return [summary_dict(run, rows.get(run.trace_id), modes.get(run.trace_id, [])) for run in runs]


async def relational_rows(conn: AsyncConnection, ids: list[str]) -> dict[str, Row[Any]]:
    """The ``traces`` rows of ``ids`` that the relational database has."""
    if not ids:
        return {}
    rows = await conn.execute(select(T).where(T.c.trace_id.in_(ids)))
    return {row.trace_id: row for row in rows}


def summary_dict(run: RunSummary, row: Row[Any] | None, modes: list[str]) -> dict[str, Any]:
    """The summary fields of one run: the store's figures, the relational row's data."""
    return {
        "trace_id": run.trace_id,
        "name": run.name,
        "project": run.project,
        "status": run.status,
        "framework": run.framework,
        "start_time": ns_to_datetime(run.start_time),
        "end_time": ns_to_datetime(run.end_time),
        "duration_ms": duration_ms(run.start_time, run.end_time),
        "span_count": run.span_count,
        "agent_count": run.agent_count,
        "agents": list(run.agents),
        "total_tokens": run.total_tokens,
        "cost_usd": row.cost if row is not None else None,
        "unpriced_llm_spans": row.unpriced_llm_spans if row is not None else 0,
        "failure_modes": modes,
        "error_count": run.error_count,
        "human_verdict": row.human_verdict if row is not None else None,
        "analysis_state": row.analysis_state if row is not None else "pending",
    }


def summary_of_row(row: Row[Any]) -> RunSummary:
    """The store's figures as the relational ``traces`` row has them (a run the store has
    no span of yet: claimed, or known by its checkpoints alone)."""
    return RunSummary(
        trace_id=row.trace_id,
        project=row.project,
        name=row.name,
        root_span_id=row.root_span_id,
        framework=row.framework,
        status=row.status,
        start_time=row.start_time,
        end_time=row.end_time,
        span_count=row.span_count,
        error_count=row.error_count,
        agent_count=row.agent_count,
        input_tokens=row.input_tokens,
        output_tokens=row.output_tokens,
        total_tokens=row.total_tokens,
    )
