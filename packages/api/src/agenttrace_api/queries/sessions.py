"""Sessions: the runs of one project that share a session id (``traces.session_id``).

A session is not stored: it is the group of ``traces`` rows with the same (project,
session_id), summed up when asked for. Sessions are listed by last activity (the latest end
of one of their runs), newest first, with keyset pagination on (last activity, project,
session id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.cursor import decode_cursor, encode_cursor
from agenttrace_api.queries.traces import (
    agent_names,
    failure_modes,
    like_pattern,
    summary_of,
    true_if_empty,
)
from agenttrace_api.timeutil import duration_ms, ns_to_datetime

T = s.traces
_KIND = "sessions:last_activity:desc"
_RUNS_KIND = "session-runs:start_time:asc"


@dataclass(frozen=True)
class SessionFilter:
    """The filters of the session list (None: not filtered)."""

    project: str | None = None
    status: str | None = None
    """``error``: a run failed; ``ok``: no run failed and one finished; ``unset``: neither."""
    agent: str | None = None
    q: str | None = None
    """Text in the session id."""
    since_ns: int | None = None
    """Sessions active at or after this (their last run ended then or later)."""
    until_ns: int | None = None
    """Sessions that began at or before this."""


def _grouped(where: Sequence[ColumnElement[bool]]) -> Subquery:
    """One row per (project, session id) of the ``traces`` rows that match ``where``."""
    return (
        select(
            T.c.project,
            T.c.session_id,
            func.count().label("trace_count"),
            func.min(T.c.start_time).label("start_ns"),
            func.max(T.c.end_time).label("last_ns"),
            func.sum(case((T.c.status == "error", 1), else_=0)).label("failed"),
            func.sum(case((T.c.status == "ok", 1), else_=0)).label("succeeded"),
            func.sum(T.c.total_tokens).label("total_tokens"),
            func.sum(T.c.cost).label("cost_sum"),
            func.sum(T.c.unpriced_llm_spans).label("unpriced"),
        )
        .where(T.c.session_id.is_not(None), *where)
        .group_by(T.c.project, T.c.session_id)
        .subquery("sessions")
    )


def _status_condition(g: Subquery, status: str) -> ColumnElement[bool]:
    if status == "error":
        return g.c.failed > 0
    if status == "ok":
        return and_(g.c.failed == 0, g.c.succeeded > 0)
    return and_(g.c.failed == 0, g.c.succeeded == 0)


def _list_statement(f: SessionFilter) -> tuple[Subquery, Select[Any]]:
    where: list[ColumnElement[bool]] = []
    if f.project is not None:
        where.append(T.c.project == f.project)
    if f.q:
        where.append(T.c.session_id.ilike(like_pattern(f.q), escape="\\"))
    g = _grouped(where)
    conds: list[ColumnElement[bool]] = []
    if f.since_ns is not None:
        conds.append(g.c.last_ns >= f.since_ns)
    if f.until_ns is not None:
        conds.append(g.c.start_ns <= f.until_ns)
    if f.status is not None:
        conds.append(_status_condition(g, f.status))
    if f.agent is not None:
        a = s.agents
        with_agent = (
            select(T.c.project, T.c.session_id)
            .join(a, a.c.trace_id == T.c.trace_id)
            .where(a.c.name == f.agent, T.c.session_id.is_not(None))
        )
        conds.append(tuple_(g.c.project, g.c.session_id).in_(with_agent))
    return g, select(g).where(true_if_empty(conds))


async def list_sessions(
    conn: AsyncConnection, f: SessionFilter, *, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of session summaries, last activity first, and the next page's cursor."""
    g, stmt = _list_statement(f)
    if cursor is not None:
        last_ns, project, session_id = decode_cursor(cursor, _KIND, (int, str, str))
        stmt = stmt.where(
            tuple_(g.c.last_ns, g.c.project, g.c.session_id) < tuple_(last_ns, project, session_id)
        )
    stmt = stmt.order_by(g.c.last_ns.desc(), g.c.project.desc(), g.c.session_id.desc())
    rows = (await conn.execute(stmt.limit(limit + 1))).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(_KIND, int(last.last_ns), last.project, last.session_id)
    return await _summaries(conn, rows), next_cursor


async def _summaries(conn: AsyncConnection, groups: Sequence[Any]) -> list[dict[str, Any]]:
    """Session summary dicts of grouped rows, with agents, failure modes and previews."""
    if not groups:
        return []
    keys = [(row.project, row.session_id) for row in groups]
    runs = (
        await conn.execute(
            select(
                T.c.trace_id,
                T.c.project,
                T.c.session_id,
                T.c.input_preview,
                T.c.output_preview,
            )
            .where(tuple_(T.c.project, T.c.session_id).in_(keys))
            .order_by(T.c.start_time, T.c.trace_id)
        )
    ).all()
    by_session: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for run in runs:
        by_session[(run.project, run.session_id)].append(run)
    ids = [run.trace_id for run in runs]
    names = await agent_names(conn, ids)
    modes = await failure_modes(conn, ids)
    out = []
    for row in groups:
        members = by_session.get((row.project, row.session_id), [])
        agents: dict[str, None] = {}
        found: set[str] = set()
        for run in members:
            agents.update(dict.fromkeys(names.get(run.trace_id, [])))
            found.update(modes.get(run.trace_id, []))
        first_input = next((r.input_preview for r in members if r.input_preview), None)
        last_output = next((r.output_preview for r in reversed(members) if r.output_preview), None)
        out.append(
            {
                **_figures(row),
                "agents": list(agents),
                "failure_modes": sorted(found),
                "first_input": first_input,
                "last_output": last_output,
            }
        )
    return out


def _figures(row: Any) -> dict[str, Any]:
    """The summed-up figures of one grouped row."""
    failed, succeeded = int(row.failed or 0), int(row.succeeded or 0)
    status = "error" if failed else ("ok" if succeeded else "unset")
    return {
        "session_id": row.session_id,
        "project": row.project,
        "status": status,
        "trace_count": row.trace_count,
        "error_count": failed,
        "start_time": ns_to_datetime(row.start_ns),
        "last_activity": ns_to_datetime(row.last_ns),
        "duration_ms": duration_ms(row.start_ns, row.last_ns),
        "total_tokens": int(row.total_tokens or 0),
        "cost_usd": None if row.cost_sum is None else float(row.cost_sum),
        "unpriced_llm_spans": int(row.unpriced or 0),
    }


async def session_projects(
    conn: AsyncConnection, session_id: str, project: str | None
) -> list[str]:
    """The projects that have runs in session ``session_id`` (only ``project`` if given)."""
    stmt = select(T.c.project).where(T.c.session_id == session_id).distinct()
    if project is not None:
        stmt = stmt.where(T.c.project == project)
    return sorted((await conn.execute(stmt)).scalars())


async def session_summary(
    conn: AsyncConnection, project: str, session_id: str
) -> dict[str, Any] | None:
    """The summary of one session (None when it has no runs)."""
    g = _grouped([T.c.project == project, T.c.session_id == session_id])
    rows = (await conn.execute(select(g))).all()
    if not rows:
        return None
    return (await _summaries(conn, rows))[0]


async def session_runs(
    conn: AsyncConnection, project: str, session_id: str, *, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of a session's runs in time order, each with its failures and culprit."""
    conds = [T.c.project == project, T.c.session_id == session_id]
    if cursor is not None:
        start, trace_id = decode_cursor(cursor, _RUNS_KIND, (int, str))
        conds.append(tuple_(T.c.start_time, T.c.trace_id) > tuple_(start, trace_id))
    stmt = select(T).where(*conds).order_by(T.c.start_time, T.c.trace_id).limit(limit + 1)
    rows = (await conn.execute(stmt)).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(_RUNS_KIND, int(rows[-1].start_time), rows[-1].trace_id)
    ids = [row.trace_id for row in rows]
    names = await agent_names(conn, ids)
    modes = await failure_modes(conn, ids)
    failures = await _failures(conn, ids)
    culprits = await _culprits(conn, ids)
    items = []
    for row in rows:
        item = summary_of(row, names.get(row.trace_id, []), modes.get(row.trace_id, []))
        item.update(
            input_preview=row.input_preview,
            output_preview=row.output_preview,
            failures=failures.get(row.trace_id, []),
            culprit=culprits.get(row.trace_id),
        )
        items.append(item)
    return items, next_cursor


async def _failures(conn: AsyncConnection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Annotations that are not rejected, per trace, most confident first."""
    if not ids:
        return {}
    fa = s.failure_annotations
    stmt = (
        select(fa.c.trace_id, fa.c.mode, fa.c.category, fa.c.agent, fa.c.span_id)
        .add_columns(fa.c.confidence, fa.c.source, fa.c.status, fa.c.explanation)
        .where(fa.c.trace_id.in_(ids), fa.c.status != "rejected")
        .order_by(fa.c.trace_id, fa.c.confidence.desc(), fa.c.mode, fa.c.id)
    )
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in await conn.execute(stmt):
        out[row.trace_id].append(
            {
                "mode": row.mode,
                "category": row.category,
                "agent": row.agent,
                "span_id": row.span_id,
                "confidence": row.confidence,
                "source": row.source,
                "status": row.status,
                "explanation": row.explanation,
            }
        )
    return out


async def _culprits(conn: AsyncConnection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The agent and step the stored analysis blames, per trace (failed runs only)."""
    if not ids:
        return {}
    ar = s.analysis_results
    rows = await conn.execute(
        select(ar.c.trace_id, ar.c.attribution).where(
            ar.c.trace_id.in_(ids), ar.c.attribution.is_not(None)
        )
    )
    out: dict[str, dict[str, Any]] = {}
    for trace_id, attribution in rows:
        if not isinstance(attribution, dict) or not attribution.get("agent"):
            continue
        out[trace_id] = {
            "agent": attribution.get("agent"),
            "span_id": attribution.get("span_id"),
            "step": attribution.get("step"),
            "confidence": attribution.get("confidence"),
        }
    return out
